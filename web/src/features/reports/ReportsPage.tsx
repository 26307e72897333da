import { useMemo } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App as AntApp, Button, Card, DatePicker, Descriptions, Empty, Flex, Segmented, Select, Space, Table, Tabs, Tag, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { CheckCircleOutlined, FileExcelOutlined, FilePdfOutlined, LockOutlined, QuestionCircleOutlined, ReloadOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useSearchParams } from 'react-router-dom';
import { useLocale, useT, type Translate } from '../../i18n';
import { errorText, get, post, withQuery } from '../../app/api';
import { useMe } from '../../app/auth';
import { formatDateTime, formatFen, formatNumber } from '../../app/format';
import { PageContainer } from '../../app/PageContainer';
import { LoadError } from '../../app/results';
import { UnitSelect, useUnitLabel } from '../../app/units';
import { CITY_CODE } from '../../app/types';
import { useDefaultPeriod, useFrozenReports } from './defaults';
import { FUNDS, perMilleText, type FrozenItem, type KeyedRow, type Measures, type MonthBasis, type ReportAnswer, type ReportKind, type UnitRow } from './types';

const KINDS: ReportKind[] = ['monthly', 'quarterly', 'annual'];

/** The period key of the previous month (quarter, year) of today: the one usually reported. */
function defaultPeriod(kind: ReportKind): string {
  const d = dayjs().subtract(kind === 'quarterly' ? 3 : 1, kind === 'annual' ? 'year' : 'month');
  return kind === 'monthly' ? d.format('YYYY-MM') : kind === 'quarterly' ? `${d.year()}-Q${Math.floor(d.month() / 3) + 1}` : String(d.year());
}
function periodValid(kind: ReportKind, key: string): boolean {
  return kind === 'monthly' ? /^\d{4}-(0[1-9]|1[0-2])$/.test(key) : kind === 'quarterly' ? /^\d{4}-Q[1-4]$/.test(key) : /^\d{4}$/.test(key);
}
function periodToDay(kind: ReportKind, key: string): Dayjs {
  if (kind === 'quarterly') {
    const [y, q] = key.split('-Q');
    return dayjs(`${y}-${String((Number(q) - 1) * 3 + 1).padStart(2, '0')}-01`);
  }
  return dayjs(kind === 'monthly' ? `${key}-01` : `${key}-01-01`);
}
function dayToPeriod(kind: ReportKind, d: Dayjs): string {
  return kind === 'monthly' ? d.format('YYYY-MM') : kind === 'quarterly' ? `${d.year()}-Q${Math.floor(d.month() / 3) + 1}` : String(d.year());
}
function download(href: string) {
  const a = document.createElement('a');
  a.href = href;
  a.download = '';
  document.body.appendChild(a);
  a.click();
  a.remove();
}

const num = (v: number) => <span className="jn-mono">{v.toLocaleString('en-US')}</span>;
const yuan = (fen: number) => <span className="jn-mono">{formatFen(fen, false)}</span>;

/** The measure columns shared by every table of the report, after its first (label) column. */
function measureColumns<T extends Measures>(t: Translate, targetPercent: number): TableColumnsType<T> {
  return [
    { title: t('reports.col.trainings'), key: 'trainings', dataIndex: 'trainings', align: 'right', width: 84, render: num },
    { title: t('reports.col.people'), key: 'people', dataIndex: 'people', align: 'right', width: 84, render: num },
    { title: t('reports.col.completed'), key: 'completed', dataIndex: 'completed', align: 'right', width: 84, render: num },
    { title: t('reports.col.certificates'), key: 'certificates', dataIndex: 'certificates', align: 'right', width: 84, render: num },
    { title: t('reports.col.subsidised'), key: 'subsidisedPeople', dataIndex: 'subsidisedPeople', align: 'right', width: 96, render: num },
    {
      title: t('reports.col.funds'),
      key: 'funds',
      children: [
        ...FUNDS.map((f) => ({ title: t(`reports.col.fund.${f}`), key: f, align: 'right' as const, width: 120, render: (_: unknown, r: T) => yuan(r.paidFen[f]) })),
        { title: t('reports.col.paidTotal'), key: 'paidTotal', align: 'right' as const, width: 124, render: (_: unknown, r: T) => yuan(r.paidTotalFen) },
      ],
    },
    { title: t('reports.col.living'), key: 'living', align: 'right', width: 116, render: (_: unknown, r: T) => yuan(r.livingAllowanceFen) },
    {
      title: t('reports.col.employment'),
      key: 'employment',
      children: [
        { title: t('reports.col.employed'), key: 'employed', dataIndex: 'employed', align: 'right' as const, width: 84, render: num },
        {
          title: t('reports.col.rate'),
          key: 'rate',
          align: 'right' as const,
          width: 84,
          render: (_: unknown, r: T) =>
            r.employmentBase === 0 ? (
              <span className="jn-muted">—</span>
            ) : (
              <span className="jn-mono" style={r.employmentRatePerMille < targetPercent * 10 ? { color: '#cf1322' } : undefined}>
                {perMilleText(r.employmentRatePerMille)}
              </span>
            ),
        },
      ],
    },
  ];
}

/** The cells of a 合计 row in the same order as `measureColumns`. */
function totalCells(m: Measures, targetPercent: number) {
  const cells = [
    num(m.trainings),
    num(m.people),
    num(m.completed),
    num(m.certificates),
    num(m.subsidisedPeople),
    ...FUNDS.map((f) => yuan(m.paidFen[f])),
    yuan(m.paidTotalFen),
    yuan(m.livingAllowanceFen),
    num(m.employed),
    m.employmentBase === 0 ? '—' : <span style={m.employmentRatePerMille < targetPercent * 10 ? { color: '#cf1322' } : undefined}>{perMilleText(m.employmentRatePerMille)}</span>,
  ];
  return cells;
}

/** 统计报表: pick kind, period, basis and unit; the official table with its breakdowns; freeze, approve, export. */
export default function ReportsPage() {
  const t = useT();
  const { locale } = useLocale();
  const me = useMe();
  const { message, modal } = AntApp.useApp();
  const qc = useQueryClient();
  const unitLabel = useUnitLabel();
  const [params, setParams] = useSearchParams();
  const isCounty = me.role === 'county_office';
  const canManage = me.actions.includes('report.manage');

  const kind = (KINDS as string[]).includes(params.get('kind') ?? '') ? (params.get('kind') as ReportKind) : 'monthly';
  const rawPeriod = params.get('period') ?? '';
  const fallback = useDefaultPeriod(kind, defaultPeriod(kind));
  const explicit = periodValid(kind, rawPeriod);
  const period = explicit ? rawPeriod : fallback.period;
  const basis: MonthBasis = params.get('basis') === 'day21' ? 'day21' : 'calendar';
  const unit = isCounty ? (me.unitCode ?? undefined) : (params.get('unit') ?? undefined);
  const set = (patch: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) {
      if (v === undefined || v === '') next.delete(k);
      else next.set(k, v);
    }
    setParams(next, { replace: true });
  };
  const query = { unit: isCounty ? undefined : unit, basis: basis === 'calendar' ? undefined : basis };
  const path = `/api/reports/${kind}/${period}`;

  const report = useQuery({
    queryKey: ['reports', kind, period, basis, unit ?? CITY_CODE],
    queryFn: ({ signal }) => get<ReportAnswer>(withQuery(path, query), signal),
    enabled: explicit || fallback.ready,
  });
  const frozenList = useFrozenReports();
  const refresh = () => void qc.invalidateQueries({ queryKey: ['reports'] });
  const freeze = useMutation({
    mutationFn: () => post<{ id: string }>(withQuery(`${path}/freeze`, query)),
    onSuccess: () => {
      message.success(t('reports.freeze.done'));
      refresh();
    },
    onError: (e) => message.error(errorText(e, locale, t)),
  });
  const approve = useMutation({
    mutationFn: (id: string) => post<void>(`/api/reports/frozen/${id}/approve`),
    onSuccess: () => {
      message.success(t('reports.approve.done'));
      refresh();
    },
    onError: (e) => message.error(errorText(e, locale, t)),
  });

  const r = report.data?.report;
  const frozen = report.data?.frozen ?? null;
  const status = frozen?.approvedAt ? 'approved' : frozen ? 'frozen' : 'live';
  const kindName = t(`reports.kind.${kind}`);
  const docTitle = r
    ? t('reports.docTitle', { unit: unitLabel(r.unitCode, r.unitName), kind: locale === 'en' ? kindName.toLowerCase() : kindName, period: locale === 'en' ? r.period.labelEn : r.period.label })
    : '';
  const targetPercent = r?.employmentRateTargetPercent ?? 25;

  const unitColumns = useMemo<TableColumnsType<UnitRow>>(
    () => [
      { title: t('reports.col.unit'), key: 'unit', fixed: 'left', width: 150, render: (_: unknown, u) => unitLabel(u.unitCode, u.unitName) },
      ...measureColumns<UnitRow>(t, targetPercent),
      { title: t('reports.col.target'), key: 'target', align: 'right', width: 96, render: (_: unknown, u) => (u.target === null ? <span className="jn-muted">—</span> : num(u.target)) },
      { title: t('reports.col.ytd'), key: 'ytd', align: 'right', width: 96, render: (_: unknown, u) => num(u.ytdTrainings) },
      { title: t('reports.col.progress'), key: 'progress', align: 'right', width: 90, render: (_: unknown, u) => <span className="jn-mono">{perMilleText(u.targetPerMille)}</span> },
    ],
    [t, unitLabel, targetPercent],
  );
  const keyedColumns = (label: string): TableColumnsType<KeyedRow> => [
    { title: label, key: 'name', dataIndex: 'name', fixed: 'left', width: 220 },
    ...measureColumns<KeyedRow>(t, targetPercent),
  ];
  const keyedTable = (label: string, rows: KeyedRow[], testId: string, note?: string) => (
    <Flex vertical gap={8}>
      {note ? <Typography.Text type="secondary" className="jn-small">{note}</Typography.Text> : null}
      <Table<KeyedRow>
        size="small"
        bordered
        rowKey="key"
        columns={keyedColumns(label)}
        dataSource={rows}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('common.empty')} /> }}
        data-testid={testId}
      />
    </Flex>
  );

  const picker = kind === 'monthly' ? 'month' : kind === 'quarterly' ? 'quarter' : 'year';
  const frozenColumns: TableColumnsType<FrozenItem> = [
    {
      title: t('reports.frozen.col.report'),
      key: 'report',
      render: (_: unknown, f) => (
        <Typography.Link
          onClick={() => set({ kind: f.kind, period: f.period, basis: f.basis === 'calendar' ? undefined : f.basis, unit: f.unitCode === CITY_CODE || isCounty ? undefined : f.unitCode })}
          data-testid="frozen-open"
        >
          {t(`reports.kind.${f.kind}`)} {f.period}
        </Typography.Link>
      ),
    },
    { title: t('reports.frozen.col.unit'), key: 'unit', render: (_: unknown, f) => unitLabel(f.unitCode, f.unitName) },
    { title: t('reports.frozen.col.basis'), key: 'basis', render: (_: unknown, f) => t(`reports.basis.${f.basis}`) },
    { title: t('reports.frozen.col.trainings'), key: 'trainings', align: 'right', render: (_: unknown, f) => num(f.trainings) },
    { title: t('reports.frozen.col.frozen'), key: 'frozen', render: (_: unknown, f) => `${formatDateTime(f.frozenAt, locale)}${f.frozenBy ? ` · ${f.frozenBy}` : ''}` },
    {
      title: t('reports.frozen.col.status'),
      key: 'status',
      render: (_: unknown, f) =>
        f.approvedAt ? (
          <Tooltip title={`${formatDateTime(f.approvedAt, locale)}${f.approvedBy ? ` · ${f.approvedBy}` : ''}`}>
            <Tag color="success">{t('reports.status.approved')}</Tag>
          </Tooltip>
        ) : (
          <Tag color="processing">{t('reports.status.frozen')}</Tag>
        ),
    },
  ];

  return (
    <PageContainer
      title={t('reports.title')}
      subTitle={t('reports.subtitle')}
      menuKey="/reports"
      extra={
        <Space wrap>
          <Button icon={<FileExcelOutlined />} disabled={!r} onClick={() => download(withQuery(`${path}/export.xlsx`, query))} data-testid="report-export-xlsx">
            {t('reports.exportXlsx')}
          </Button>
          <Button icon={<FilePdfOutlined />} disabled={!r} onClick={() => download(withQuery(`${path}/export.pdf`, query))} data-testid="report-export-pdf">
            {t('reports.exportPdf')}
          </Button>
          {canManage && r && !frozen ? (
            <Button
              type="primary"
              icon={<LockOutlined />}
              loading={freeze.isPending}
              data-testid="report-freeze"
              onClick={() =>
                modal.confirm({
                  title: t('reports.freeze.confirmTitle'),
                  content: t('reports.freeze.confirmBody'),
                  okText: t('reports.freeze'),
                  cancelText: t('common.cancel'),
                  onOk: () => freeze.mutateAsync(),
                })
              }
            >
              {t('reports.freeze')}
            </Button>
          ) : null}
          {canManage && frozen && !frozen.approvedAt ? (
            <Button
              type="primary"
              icon={<CheckCircleOutlined />}
              loading={approve.isPending}
              data-testid="report-approve"
              onClick={() =>
                modal.confirm({
                  title: t('reports.approve.confirmTitle'),
                  content: t('reports.approve.confirmBody'),
                  okText: t('reports.approve'),
                  cancelText: t('common.cancel'),
                  onOk: () => approve.mutateAsync(frozen.id),
                })
              }
            >
              {t('reports.approve')}
            </Button>
          ) : null}
        </Space>
      }
    >
      <Flex vertical gap={16}>
        <Card variant="borderless" className="jn-card">
          <Flex justify="space-between" align="center" wrap gap={12}>
            <Flex gap={12} wrap align="center">
              <Segmented<ReportKind>
                value={kind}
                onChange={(k) => set({ kind: k, period: defaultPeriodFrom(k, period) })}
                options={KINDS.map((k) => ({ value: k, label: t(`reports.kind.${k}`) }))}
                data-testid="report-kind"
              />
              <DatePicker
                picker={picker}
                value={periodToDay(kind, period)}
                allowClear={false}
                onChange={(d) => d && set({ period: dayToPeriod(kind, d) })}
                placeholder={t('reports.pickPeriod')}
                style={{ width: 150 }}
                data-testid="report-period"
              />
              <Select<MonthBasis>
                value={basis}
                onChange={(b) => set({ basis: b === 'calendar' ? undefined : b })}
                style={{ width: 190 }}
                options={(['calendar', 'day21'] as const).map((b) => ({ value: b, label: t(`reports.basis.${b}`) }))}
                data-testid="report-basis"
              />
              {isCounty ? (
                <Tag style={{ padding: '4px 10px', fontSize: 14 }} data-testid="report-unit-fixed">
                  {unitLabel(me.unitCode, me.unitName)}
                </Tag>
              ) : (
                <UnitSelect
                  value={unit ?? CITY_CODE}
                  onChange={(u) => set({ unit: u === CITY_CODE ? undefined : u })}
                  allowClear={false}
                  extraOptions={[{ value: CITY_CODE, label: t('reports.unit.city') }]}
                  style={{ minWidth: 220 }}
                  testId="report-unit"
                />
              )}
            </Flex>
            <Button icon={<ReloadOutlined spin={report.isFetching} />} onClick={() => void report.refetch()}>
              {t('common.refresh')}
            </Button>
          </Flex>
        </Card>

        {report.isError ? (
          <LoadError error={report.error} onRetry={() => void report.refetch()} />
        ) : (
          <Card variant="borderless" className="jn-card" loading={report.isLoading}>
            {r ? (
              <Flex vertical gap={16}>
                <Flex vertical align="center" gap={6}>
                  <Typography.Title level={4} style={{ margin: 0 }} data-testid="report-title">
                    {docTitle}
                  </Typography.Title>
                  <Space size={8} wrap>
                    <Tag color={status === 'approved' ? 'success' : status === 'frozen' ? 'processing' : 'default'} icon={status === 'live' ? undefined : status === 'approved' ? <CheckCircleOutlined /> : <LockOutlined />} data-testid="report-status">
                      {t(`reports.status.${status}`)}
                    </Tag>
                    <Typography.Text type="secondary">{t('reports.range', { from: r.period.from, to: r.period.to })}</Typography.Text>
                  </Space>
                </Flex>
                <Descriptions
                  size="small"
                  column={{ xs: 1, md: 3 }}
                  items={[
                    { key: 'unit', label: t('reports.unit'), children: unitLabel(r.unitCode, r.unitName) },
                    { key: 'basis', label: t('reports.basis'), children: t(`reports.basis.${r.basis}`) },
                    {
                      key: 'state',
                      label: t('reports.frozen.col.status'),
                      children: frozen
                        ? frozen.approvedAt
                          ? t('reports.approvedInfo', { at: formatDateTime(frozen.approvedAt, locale) })
                          : t('reports.frozenInfo', { by: frozen.by ?? '—', at: formatDateTime(frozen.at, locale) })
                        : t('reports.generatedAt', { at: formatDateTime(r.generatedAt, locale) }),
                    },
                  ]}
                />
                <Tabs
                  data-testid="report-tabs"
                  items={[
                    {
                      key: 'units',
                      label: t('reports.tab.units'),
                      children: (
                        <Table<UnitRow>
                          size="small"
                          bordered
                          rowKey="unitCode"
                          columns={unitColumns}
                          dataSource={r.units}
                          pagination={false}
                          scroll={{ x: 'max-content' }}
                          data-testid="report-units"
                          summary={() =>
                            r.units.length > 1 ? (
                              <Table.Summary fixed>
                                <Table.Summary.Row style={{ fontWeight: 600, background: '#fafafa' }} data-testid="report-total">
                                  <Table.Summary.Cell index={0}>{t('reports.total')}</Table.Summary.Cell>
                                  {totalCells(r.total, targetPercent).map((c, i) => (
                                    <Table.Summary.Cell key={i} index={i + 1} align="right">
                                      {c}
                                    </Table.Summary.Cell>
                                  ))}
                                  <Table.Summary.Cell index={14} align="right">
                                    {r.total.target === null ? '—' : num(r.total.target)}
                                  </Table.Summary.Cell>
                                  <Table.Summary.Cell index={15} align="right">
                                    {num(r.total.ytdTrainings)}
                                  </Table.Summary.Cell>
                                  <Table.Summary.Cell index={16} align="right">
                                    {perMilleText(r.total.targetPerMille)}
                                  </Table.Summary.Cell>
                                </Table.Summary.Row>
                              </Table.Summary>
                            ) : null
                          }
                        />
                      ),
                    },
                    { key: 'category', label: t('reports.tab.category'), children: keyedTable(t('reports.col.category'), r.byCategory, 'report-category', t('reports.categoryNote')) },
                    { key: 'trainingType', label: t('reports.tab.trainingType'), children: keyedTable(t('reports.col.trainingType'), r.byTrainingType, 'report-training-type') },
                    { key: 'certificate', label: t('reports.tab.certificate'), children: keyedTable(t('reports.col.certificate'), r.byCertificate, 'report-certificate') },
                  ]}
                />
                <Typography.Text type="secondary" className="jn-small">
                  <QuestionCircleOutlined /> {t('reports.rateHelp', { months: r.employmentMonths, target: r.employmentRateTargetPercent })}
                </Typography.Text>
              </Flex>
            ) : null}
          </Card>
        )}

        <Card variant="borderless" className="jn-card" title={t('reports.frozenList')}>
          {frozenList.isError ? (
            <LoadError error={frozenList.error} onRetry={() => void frozenList.refetch()} />
          ) : (
            <Table<FrozenItem>
              size="small"
              rowKey="id"
              loading={frozenList.isLoading}
              columns={frozenColumns}
              dataSource={frozenList.data ?? []}
              pagination={{ pageSize: 10, hideOnSinglePage: true, showTotal: (total) => t('common.total', { total: formatNumber(total, locale) }) }}
              locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('reports.frozenList.empty')} /> }}
              data-testid="frozen-list"
            />
          )}
        </Card>
      </Flex>
    </PageContainer>
  );
}

/** Switching kind keeps the year of the period shown (2020-06 → 2020-Q2 → 2020). */
function defaultPeriodFrom(kind: ReportKind, current: string): string {
  const year = current.slice(0, 4);
  if (!/^\d{4}$/.test(year)) return defaultPeriod(kind);
  const month = /^\d{4}-(\d{2})$/.exec(current)?.[1];
  const quarter = /^\d{4}-Q([1-4])$/.exec(current)?.[1];
  if (kind === 'annual') return year;
  if (kind === 'quarterly') return `${year}-Q${quarter ?? (month ? Math.floor((Number(month) - 1) / 3) + 1 : 4)}`;
  return `${year}-${month ?? (quarter ? String(Number(quarter) * 3).padStart(2, '0') : '12')}`;
}
