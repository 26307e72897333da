import { useAuth } from '../../app/auth';
import { useState } from 'react';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App as AntApp, Button, Card, Col, Empty, Flex, Result, Row, Segmented, Select, Statistic, Table, Tag, Typography, Upload } from 'antd';
import type { TableColumnsType, UploadFile } from 'antd';
import { CloudUploadOutlined, DownloadOutlined, FileExcelOutlined, InboxOutlined, RedoOutlined } from '@ant-design/icons';
import { useSearchParams } from 'react-router-dom';
import { useLocale, useT } from '../../i18n';
import { errorText, get, upload, withQuery } from '../../app/api';
import { formatDateTime, formatNumber } from '../../app/format';
import { PageContainer } from '../../app/PageContainer';
import { LoadError } from '../../app/results';
import { useUnitLabel } from '../../app/units';
import { useDefaultPeriod } from './defaults';
import { perMilleText, type EmploymentImportResult, type EmploymentRecord, type RateBy, type RateItem, type RatesAnswer } from './types';

const ACCEPTED = /\.(xlsx|csv)$/i;
const BYS: RateBy[] = ['unit', 'category', 'institution', 'class'];
const LIMIT = 100;
const THIS_YEAR = new Date().getFullYear();
const YEARS = Array.from({ length: Math.max(3, THIS_YEAR - 2019 + 1) }, (_, i) => 2019 + i);
const TEMPLATE = '公民身份号码,用人单位统一社会信用代码,用人单位名称,起始月份,终止月份\r\n';
const num = (v: number) => <span className="jn-mono">{v.toLocaleString('en-US')}</span>;

/** A CSV template (UTF-8 with BOM, so Excel opens the Chinese headers), made in the browser. */
function downloadTemplate() {
  const blob = new Blob(['\uFEFF', TEMPLATE], { type: 'text/csv;charset=utf-8' });
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = '就业参保记录模板.csv';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}

/** 就业信息: import employment and social-insurance records; employment rates per unit, category, institution and class. */
export default function EmploymentPage() {
  const t = useT();
  const { me } = useAuth();
  // Only the city office imports (§9 exchange with social insurance); everyone with report.read sees the rates.
  const canImport = me?.actions.includes('employment.import') ?? false;
  const { locale } = useLocale();
  const { message } = AntApp.useApp();
  const qc = useQueryClient();
  const unitLabel = useUnitLabel();
  const [params, setParams] = useSearchParams();
  const fallback = useDefaultPeriod('annual', String(new Date().getFullYear()));
  const explicit = Number(params.get('year')) >= 2019;
  const year = explicit ? Number(params.get('year')) : fallback.year;
  const by: RateBy = (BYS as string[]).includes(params.get('by') ?? '') ? (params.get('by') as RateBy) : 'unit';
  const set = (patch: Record<string, string>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) next.set(k, v);
    setParams(next, { replace: true });
  };
  const [file, setFile] = useState<File | null>(null);
  const [fileName, setFileName] = useState('');
  const [result, setResult] = useState<EmploymentImportResult | null>(null);
  const [page, setPage] = useState({ page: 1, pageSize: 10 });

  const rates = useQuery({
    queryKey: ['employment', 'rates', year, by],
    queryFn: ({ signal }) => get<RatesAnswer>(withQuery('/api/employment/rates', { year, by, limit: LIMIT }), signal),
    enabled: explicit || fallback.ready,
    placeholderData: keepPreviousData,
  });
  const records = useQuery({
    queryKey: ['employment', 'records', page],
    queryFn: ({ signal }) => get<{ items: EmploymentRecord[]; total: number }>(withQuery('/api/employment/records', page), signal),
    placeholderData: keepPreviousData,
  });
  const importFile = useMutation({
    mutationFn: (f: File) => {
      const form = new FormData();
      form.append('file', f, f.name);
      return upload<EmploymentImportResult>('/api/employment/import', form);
    },
    onSuccess: (r) => {
      setResult(r);
      setFile(null);
      void qc.invalidateQueries({ queryKey: ['employment'] });
      void qc.invalidateQueries({ queryKey: ['reports'] });
      void qc.invalidateQueries({ queryKey: ['targets'] });
    },
    onError: (e) => message.error(errorText(e, locale, t)),
  });
  const fileList: UploadFile[] = file ? [{ uid: 'file', name: file.name, status: 'done', size: file.size }] : [];
  const months = rates.data?.employmentMonths ?? 6;

  const rateColumns: TableColumnsType<RateItem> = [
    { title: by === 'unit' ? t('reports.col.unit') : by === 'category' ? t('reports.col.category') : t(`employment.rates.col.${by}`), key: 'name', dataIndex: 'name', width: by === 'class' ? 320 : 240, render: (v: string, r) => (by === 'unit' ? unitLabel(r.key, v) : v) },
    ...(by === 'class' || by === 'institution'
      ? [{ title: t('employment.rates.col.unit'), key: 'unitName', width: 120, render: (_: unknown, r: RateItem) => (r.unitCode ? unitLabel(r.unitCode, r.unitName) : '—') }]
      : []),
    { title: t('employment.rates.col.trainings'), key: 'trainings', dataIndex: 'trainings', align: 'right', width: 100, render: num },
    { title: t('employment.rates.col.completed'), key: 'completed', dataIndex: 'completed', align: 'right', width: 100, render: num },
    { title: t('employment.rates.col.inService'), key: 'inService', dataIndex: 'inService', align: 'right', width: 170, render: num },
    { title: t('employment.rates.col.base'), key: 'base', dataIndex: 'employmentBase', align: 'right', width: 100, render: num },
    { title: t('employment.rates.col.employed'), key: 'employed', dataIndex: 'employed', align: 'right', width: 100, render: num },
    {
      title: t('employment.rates.col.rate'),
      key: 'rate',
      align: 'right',
      width: 110,
      sorter: (a, b) => (a.employmentRatePerMille ?? -1) - (b.employmentRatePerMille ?? -1),
      render: (_: unknown, r) =>
        r.employmentRatePerMille === null ? (
          <span className="jn-muted">—</span>
        ) : (
          <Tag color={r.employmentRatePerMille >= 250 ? 'success' : 'error'} style={{ marginInlineEnd: 0 }} className="jn-mono">
            {perMilleText(r.employmentRatePerMille)}
          </Tag>
        ),
    },
  ];
  const recordColumns: TableColumnsType<EmploymentRecord> = [
    { title: t('employment.records.col.name'), key: 'name', width: 110, render: (_: unknown, r) => r.workerName ?? <Tag>{t('employment.records.unmatched')}</Tag> },
    { title: t('employment.records.col.id'), key: 'id', width: 190, render: (_: unknown, r) => <span className="jn-mono">{r.idNumberMasked ?? '—'}</span> },
    { title: t('employment.records.col.employer'), key: 'employer', render: (_: unknown, r) => r.employerName ?? '—' },
    { title: t('employment.records.col.creditCode'), key: 'code', width: 200, render: (_: unknown, r) => <span className="jn-mono">{r.employerCreditCode}</span> },
    { title: t('employment.records.col.months'), key: 'months', width: 180, render: (_: unknown, r) => `${r.firstMonth ?? ''} ～ ${r.lastMonth ?? t('employment.records.untilNow')}` },
    { title: t('employment.records.col.imported'), key: 'imported', width: 170, render: (_: unknown, r) => formatDateTime(r.importedAt, locale) },
  ];

  return (
    <PageContainer title={t('employment.title')} subTitle={t('employment.subtitle', { months })} menuKey="/employment">
      <Flex vertical gap={16}>
        {canImport && (
          <Card variant="borderless" className="jn-card" title={t('employment.import')}>
            {result ? (
              <div data-testid="employment-result">
                <Result
                  status={result.rejected.length ? 'warning' : 'success'}
                  title={result.rejected.length ? t('employment.result.partial') : t('employment.result.ok')}
                  subTitle={t('employment.result.sub', { file: fileName, total: formatNumber(result.total, locale), stored: formatNumber(result.stored, locale), rejected: formatNumber(result.rejected.length, locale) })}
                  style={{ padding: '16px 0' }}
                  extra={
                    <Button icon={<RedoOutlined />} onClick={() => setResult(null)} data-testid="employment-again">
                      {t('employment.import.again')}
                    </Button>
                  }
                />
                <Row gutter={[16, 16]}>
                  {(['total', 'stored', 'unchanged', 'unmatched', 'rejected'] as const).map((k) => (
                    <Col key={k} flex="1 1 160px">
                      <Card size="small">
                        <Statistic
                          title={t(`employment.stat.${k}`)}
                          value={k === 'rejected' ? result.rejected.length : result[k]}
                          styles={{ content: { color: k === 'rejected' && result.rejected.length ? '#d4380d' : k === 'stored' ? '#2f8f3a' : undefined } }}
                          data-testid={`employment-stat-${k}`}
                        />
                      </Card>
                    </Col>
                  ))}
                </Row>
                {result.rejected.length ? (
                  <>
                    <Typography.Title level={5} style={{ marginTop: 20 }}>
                      {t('employment.rejected')}
                    </Typography.Title>
                    <Table
                      size="small"
                      bordered
                      rowKey={(r) => `${r.row}-${r.field}`}
                      dataSource={result.rejected}
                      pagination={{ pageSize: 10, hideOnSinglePage: true }}
                      data-testid="employment-rejected"
                      columns={[
                        { title: t('employment.rejected.row'), dataIndex: 'row', key: 'row', width: 90, align: 'right' },
                        { title: t('employment.rejected.field'), dataIndex: 'field', key: 'field', width: 240 },
                        { title: t('employment.rejected.reason'), key: 'reason', render: (_: unknown, r) => (locale === 'en' ? r.messageEn : r.message) },
                      ]}
                    />
                  </>
                ) : null}
              </div>
            ) : (
              <Row gutter={[24, 16]}>
                <Col xs={24} lg={8}>
                  <Flex gap={12} align="start">
                    <FileExcelOutlined style={{ fontSize: 36, color: '#2f8f3a' }} />
                    <div>
                      <Typography.Paragraph type="secondary">{t('employment.import.columns')}</Typography.Paragraph>
                      <Button icon={<DownloadOutlined />} onClick={downloadTemplate} data-testid="employment-template">
                        {t('employment.import.template')}
                      </Button>
                    </div>
                  </Flex>
                </Col>
                <Col xs={24} lg={16}>
                  <div data-testid="employment-upload">
                    <Upload.Dragger
                      accept=".xlsx,.csv"
                      multiple={false}
                      maxCount={1}
                      disabled={importFile.isPending}
                      fileList={fileList}
                      beforeUpload={(chosen) => {
                        if (!ACCEPTED.test(chosen.name)) {
                          message.error(t('employment.import.badType'));
                          return Upload.LIST_IGNORE;
                        }
                        setFile(chosen);
                        return false;
                      }}
                      onRemove={() => {
                        setFile(null);
                        return true;
                      }}
                    >
                      <p className="ant-upload-drag-icon">
                        <InboxOutlined />
                      </p>
                      <p className="ant-upload-text">{t('employment.import.drag')}</p>
                      <p className="ant-upload-hint">{t('employment.import.hint')}</p>
                    </Upload.Dragger>
                  </div>
                  <Flex justify="flex-end" style={{ marginTop: 16 }}>
                    <Button
                      type="primary"
                      icon={<CloudUploadOutlined />}
                      disabled={!file}
                      loading={importFile.isPending}
                      onClick={() => {
                        if (!file) return;
                        setFileName(file.name);
                        importFile.mutate(file);
                      }}
                      data-testid="employment-submit"
                    >
                      {t('employment.import.start')}
                    </Button>
                  </Flex>
                </Col>
              </Row>
            )}
          </Card>
        )}

        <Card
          variant="borderless"
          className="jn-card"
          title={t('employment.rates')}
          extra={
            <Select<number>
              value={year}
              onChange={(y) => set({ year: String(y) })}
              style={{ width: 120 }}
              options={YEARS.map((y) => ({ value: y, label: t('targets.yearValue', { year: y }) }))}
              data-testid="employment-year"
            />
          }
        >
          <Flex vertical gap={12}>
            <Flex justify="space-between" align="center" wrap gap={8}>
              <Segmented<RateBy> value={by} onChange={(b) => set({ by: b })} options={BYS.map((b) => ({ value: b, label: t(`employment.rates.by.${b}`) }))} data-testid="employment-by" />
              <Typography.Text type="secondary" className="jn-small">
                {t('employment.rates.help')}
                {by === 'class' || by === 'institution' ? ` ${t('employment.rates.limit', { limit: LIMIT })}` : ''}
              </Typography.Text>
            </Flex>
            {rates.isError ? (
              <LoadError error={rates.error} onRetry={() => void rates.refetch()} />
            ) : (
              <Table<RateItem>
                size="small"
                rowKey="key"
                loading={rates.isFetching}
                columns={rateColumns}
                dataSource={rates.data?.items ?? []}
                pagination={{ pageSize: 15, hideOnSinglePage: true, showSizeChanger: false }}
                scroll={{ x: 'max-content' }}
                locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('common.empty')} /> }}
                data-testid="employment-rates"
              />
            )}
          </Flex>
        </Card>

        <Card variant="borderless" className="jn-card" title={t('employment.records')}>
          {records.isError ? (
            <LoadError error={records.error} onRetry={() => void records.refetch()} />
          ) : (
            <Table<EmploymentRecord>
                size="small"
                rowKey="id"
                loading={records.isFetching}
                columns={recordColumns}
                dataSource={records.data?.items ?? []}
                scroll={{ x: 'max-content' }}
                pagination={{
                  current: page.page,
                  pageSize: page.pageSize,
                  total: records.data?.total ?? 0,
                  showSizeChanger: true,
                  showTotal: (total) => t('common.total', { total: formatNumber(total, locale) }),
                  onChange: (p, s) => setPage({ page: p, pageSize: s }),
                }}
                data-testid="employment-records"
              />
          )}
        </Card>
      </Flex>
    </PageContainer>
  );
}
