import { useEffect, useRef, useState } from 'react';
import { keepPreviousData, useMutation, useQuery, useQueryClient, type UseQueryResult } from '@tanstack/react-query';
import {
  Alert,
  App as AntApp,
  Button,
  Card,
  Checkbox,
  Col,
  DatePicker,
  Empty,
  Flex,
  Progress,
  Result,
  Row,
  Segmented,
  Space,
  Statistic,
  Steps,
  Table,
  Tag,
  Tooltip,
  Typography,
  Upload,
} from 'antd';
import type { TableColumnsType, UploadFile } from 'antd';
import {
  CloudUploadOutlined,
  DownloadOutlined,
  FileExcelOutlined,
  InboxOutlined,
  LoadingOutlined,
  RedoOutlined,
} from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { useLocale, useT, type Translate } from '../../i18n';
import { errorText, get, isApiError, upload, withQuery } from '../../app/api';
import { formatBytes, formatDateTime, formatNumber } from '../../app/format';
import { ListToolbar } from '../../app/ListToolbar';
import { paginationConfig, useListParams } from '../../app/listParams';
import { PageContainer } from '../../app/PageContainer';
import { LoadError } from '../../app/results';
import type { ImportBatch, ImportStatus, Paged } from '../../app/types';

/** What a file holds; each kind has its own template and upload endpoint. */
const KINDS = ['workers', 'categories', 'institutions', 'enterprises'] as const;
type Kind = (typeof KINDS)[number];
const templateUrl = (kind: Kind) => `/api/imports/${kind}/template.xlsx`;
const reportUrl = (id: string) => `/api/imports/${encodeURIComponent(id)}/report.xlsx`;
const ACCEPTED = /\.(xlsx|csv)$/i;
const POLL_MS = 500;

const STATUS_COLORS: Record<ImportStatus, string> = {
  running: 'processing',
  committed: 'success',
  rejected: 'warning',
  failed: 'error',
};

function statusLabel(t: Translate, status: string): string {
  return status in STATUS_COLORS ? t(`imports.status.${status as ImportStatus}`) : status;
}

function phaseLabel(t: Translate, phase: string | undefined): string {
  if (phase === 'reading' || phase === 'checking' || phase === 'report') return t(`imports.phase.${phase}`);
  return phase ?? '';
}

function StatusTag({ status }: { status: ImportStatus }) {
  const t = useT();
  return (
    <Tag color={STATUS_COLORS[status] ?? 'default'} icon={status === 'running' ? <LoadingOutlined /> : undefined}>
      {statusLabel(t, status)}
    </Tag>
  );
}

/** Percentage of the file read so far (integer, 0–100). */
function percentRead(batch: ImportBatch): number {
  const p = batch.progress;
  if (!p || p.fileSize <= 0) return 0;
  return Math.min(100, Math.floor((p.bytes * 100) / p.fileSize));
}

/**
 * 批量导入: download the template, upload a roster (.xlsx/.csv) with progress, follow the background import
 * (polling GET /api/imports/:id every 500 ms), then the counts and the rejected-rows report; below, recent batches.
 */
export default function ImportsPage() {
  const t = useT();
  const { locale } = useLocale();
  const { message } = AntApp.useApp();
  const queryClient = useQueryClient();
  const list = useListParams(10);
  const topRef = useRef<HTMLDivElement>(null);

  const [kind, setKind] = useState<Kind>('workers');
  const [file, setFile] = useState<File | null>(null);
  const [allOrNothing, setAllOrNothing] = useState(false);
  const [categoryFrom, setCategoryFrom] = useState<Dayjs | null>(null);
  const [uploaded, setUploaded] = useState<{ loaded: number; total: number } | null>(null);
  const [uploadError, setUploadError] = useState<{ text: string; field?: string } | null>(null);
  const [batchId, setBatchId] = useState<string | null>(null);

  const batch = useQuery({
    queryKey: ['imports', 'batch', batchId],
    queryFn: ({ signal }) => get<ImportBatch>(`/api/imports/${encodeURIComponent(batchId ?? '')}`, signal),
    enabled: Boolean(batchId),
    staleTime: 0,
    refetchInterval: (query) => (query.state.data?.status === 'running' ? POLL_MS : false),
  });
  const current = batchId ? batch.data : undefined;

  const batches = useQuery({
    queryKey: ['imports', 'list', { page: list.page, pageSize: list.pageSize }],
    queryFn: ({ signal }) =>
      get<Paged<ImportBatch>>(withQuery('/api/imports', { page: list.page, pageSize: list.pageSize }), signal),
    placeholderData: keepPreviousData,
    refetchInterval: (query) => (query.state.data?.items.some((b) => b.status === 'running') ? 2000 : false),
  });

  // When the batch on show finishes, the history list has new counts.
  const finishedStatus = current && current.status !== 'running' ? current.status : null;
  useEffect(() => {
    if (finishedStatus) void queryClient.invalidateQueries({ queryKey: ['imports', 'list'] });
  }, [finishedStatus, queryClient]);

  const start = useMutation({
    mutationFn: (chosen: File) => {
      const form = new FormData();
      form.append('allOrNothing', allOrNothing ? 'true' : 'false');
      if (categoryFrom) form.append('categoryFrom', categoryFrom.format('YYYY-MM-DD'));
      form.append('file', chosen, chosen.name);
      setUploaded({ loaded: 0, total: chosen.size });
      return upload<ImportBatch>(`/api/imports/${kind}`, form, setUploaded);
    },
    onSuccess: (created) => {
      queryClient.setQueryData(['imports', 'batch', created.id], created);
      setBatchId(created.id);
      setFile(null);
      setUploaded(null);
      void queryClient.invalidateQueries({ queryKey: ['imports', 'list'] });
    },
    onError: (error) => {
      setUploaded(null);
      const text = errorText(error, locale, t);
      setUploadError({ text, field: isApiError(error) ? error.field : undefined });
      message.error(text);
    },
  });

  const startOver = () => {
    setBatchId(null);
    setUploadError(null);
  };

  const show = (id: string) => {
    setBatchId(id);
    topRef.current?.scrollIntoView({ behavior: 'smooth', block: 'start' });
  };

  const step = current ? (current.status === 'running' ? 2 : 3) : start.isPending || file ? 1 : 0;
  const stepStatus = current?.status === 'failed' ? 'error' : current && current.status !== 'running' ? 'finish' : 'process';

  const fileList: UploadFile[] = file
    ? [{ uid: 'roster', name: file.name, size: file.size, status: start.isPending ? 'uploading' : 'done' }]
    : [];

  const uploadPercent = uploaded && uploaded.total > 0 ? Math.floor((uploaded.loaded * 100) / uploaded.total) : 0;

  const uploadPanel = (
    <Row gutter={[20, 20]}>
      <Col xs={24} lg={9}>
        <div className="jn-import-panel">
          <div className="jn-import-panel-head">
            <span className="jn-import-step-no">1</span>
            <Typography.Text strong>{t('imports.template.title')}</Typography.Text>
          </div>
          <Flex align="flex-start" gap={14} className="jn-import-template">
            <FileExcelOutlined className="jn-import-file-icon" />
            <div>
              <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
                {t('imports.template.desc')}
              </Typography.Paragraph>
              <Typography.Paragraph type="secondary" className="jn-small" style={{ marginBottom: 12 }}>
                {t(`imports.template.columns.${kind}`)}
              </Typography.Paragraph>
              <Button href={templateUrl(kind)} download icon={<DownloadOutlined />} data-testid="import-template">
                {t('imports.template.download')}
              </Button>
            </div>
          </Flex>
        </div>
      </Col>
      <Col xs={24} lg={15}>
        <div className="jn-import-panel">
          <div className="jn-import-panel-head">
            <span className="jn-import-step-no">2</span>
            <Typography.Text strong>{t('imports.upload.title')}</Typography.Text>
          </div>
          <div data-testid="import-upload">
            <Upload.Dragger
              accept=".xlsx,.csv"
              multiple={false}
              maxCount={1}
              disabled={start.isPending}
              fileList={fileList}
              beforeUpload={(chosen) => {
                if (!ACCEPTED.test(chosen.name)) {
                  message.error(t('imports.upload.badType'));
                  return Upload.LIST_IGNORE;
                }
                setFile(chosen);
                setUploadError(null);
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
              <p className="ant-upload-text">{t('imports.upload.drag')}</p>
              <p className="ant-upload-hint">{t('imports.upload.hint')}</p>
            </Upload.Dragger>
          </div>
          <Flex wrap gap={16} align="center" className="jn-import-options">
            <Checkbox
              checked={allOrNothing}
              onChange={(e) => setAllOrNothing(e.target.checked)}
              disabled={start.isPending}
              data-testid="import-all-or-nothing"
            >
              {t('imports.upload.allOrNothing')}
            </Checkbox>
            <Space size={8} align="center">
              <Typography.Text>{t('imports.upload.categoryFrom')}</Typography.Text>
              <Tooltip title={t('imports.upload.categoryFromHelp')}>
                <DatePicker
                  value={categoryFrom}
                  onChange={(d) => setCategoryFrom(d)}
                  disabled={start.isPending}
                  placeholder={t('imports.upload.categoryFromPlaceholder')}
                  style={{ width: 170 }}
                  status={uploadError?.field === 'categoryFrom' ? 'error' : undefined}
                  data-testid="import-category-from"
                />
              </Tooltip>
            </Space>
          </Flex>
          <Typography.Paragraph type="secondary" className="jn-small" style={{ margin: '8px 0 0' }}>
            {allOrNothing ? t('imports.upload.allOrNothingHelp') : t('imports.upload.partialHelp')}
          </Typography.Paragraph>
          {uploadError ? (
            <Alert type="error" showIcon title={uploadError.text} style={{ marginTop: 12 }} data-testid="import-error" />
          ) : null}
          {uploaded ? (
            <div className="jn-import-uploading">
              <Typography.Text type="secondary">
                {t('imports.upload.uploading', {
                  loaded: formatBytes(uploaded.loaded),
                  total: formatBytes(uploaded.total),
                })}
              </Typography.Text>
              <Progress percent={uploadPercent} status="active" data-testid="import-upload-progress" />
            </div>
          ) : null}
          <Flex justify="flex-end" style={{ marginTop: 16 }}>
            <Button
              type="primary"
              size="large"
              icon={<CloudUploadOutlined />}
              disabled={!file}
              loading={start.isPending}
              onClick={() => file && start.mutate(file)}
              data-testid="import-submit"
            >
              {t('imports.upload.start')}
            </Button>
          </Flex>
        </div>
      </Col>
    </Row>
  );

  return (
    <PageContainer title={t('imports.title')} subTitle={t('imports.subtitle')} menuKey="/imports">
      <Flex vertical gap={16}>
        <div ref={topRef} />
        <Card variant="borderless" className="jn-card">
          <Steps
            current={step}
            status={stepStatus}
            className="jn-import-steps"
            items={[
              { title: t('imports.step.template'), content: t('imports.step.templateDesc') },
              { title: t('imports.step.upload'), content: t('imports.step.uploadDesc') },
              { title: t('imports.step.check'), content: t('imports.step.checkDesc') },
              { title: t('imports.step.result'), content: t('imports.step.resultDesc') },
            ]}
          />
          {!batchId && (
            <Segmented<Kind>
              className="jn-import-kind"
              value={kind}
              onChange={(k) => {
                setKind(k);
                setFile(null);
                setUploadError(null);
              }}
              options={KINDS.map((k) => ({ value: k, label: t(`imports.kind.${k}`) }))}
              data-testid="import-kind"
              style={{ marginTop: 20 }}
            />
          )}
          <div className="jn-import-body">
            {!batchId ? (
              uploadPanel
            ) : batch.isError ? (
              <Flex vertical gap={12}>
                <LoadError error={batch.error} onRetry={() => void batch.refetch()} />
                <div>
                  <Button icon={<RedoOutlined />} onClick={startOver}>
                    {t('imports.again')}
                  </Button>
                </div>
              </Flex>
            ) : !current ? (
              <Flex justify="center" style={{ padding: 32 }}>
                <LoadingOutlined style={{ fontSize: 28 }} />
              </Flex>
            ) : current.status === 'running' ? (
              <RunningPanel batch={current} />
            ) : (
              <ResultPanel batch={current} onAgain={startOver} />
            )}
          </div>
        </Card>

        <Card variant="borderless" className="jn-card" title={t('imports.history')}>
          <BatchTable
            query={batches}
            page={list.page}
            pageSize={list.pageSize}
            onPage={(page, pageSize) => list.update({ page, pageSize })}
            onShow={show}
            activeId={batchId}
          />
        </Card>
      </Flex>
    </PageContainer>
  );
}

function RunningPanel({ batch }: { batch: ImportBatch }) {
  const t = useT();
  const { locale } = useLocale();
  const p = batch.progress;
  return (
    <div className="jn-import-running" data-testid="import-progress">
      <Flex align="center" gap={12} wrap>
        <FileExcelOutlined className="jn-import-file-icon" />
        <div style={{ minWidth: 0 }}>
          <Typography.Text strong>{t('imports.progress.title', { file: batch.fileName })}</Typography.Text>
          <div>
            <Typography.Text type="secondary">
              {p ? phaseLabel(t, p.phase) : t('imports.phase.reading')}
              {' · '}
              {t('imports.progress.rows', { rows: formatNumber(p?.rows ?? 0, locale) })}
              {p ? ` · ${formatBytes(p.bytes)} / ${formatBytes(p.fileSize)}` : ''}
            </Typography.Text>
          </div>
        </div>
      </Flex>
      <Progress percent={percentRead(batch)} status="active" className="jn-import-progress-bar" />
      <Typography.Text type="secondary" className="jn-small">
        {t('imports.progress.hint')}
      </Typography.Text>
    </div>
  );
}

function ResultPanel({ batch, onAgain }: { batch: ImportBatch; onAgain: () => void }) {
  const t = useT();
  const { locale } = useLocale();
  const status = batch.status;
  const resultStatus = status === 'committed' ? (batch.rejected > 0 ? 'warning' : 'success') : status === 'rejected' ? 'warning' : 'error';
  const title =
    status === 'committed'
      ? batch.rejected > 0
        ? t('imports.result.partialTitle')
        : t('imports.result.committedTitle')
      : status === 'rejected'
        ? t('imports.result.rejectedTitle')
        : t('imports.result.failedTitle');
  const subTitle =
    status === 'failed'
      ? (batch.error?.message[locale] ?? batch.error?.message['zh-CN'] ?? batch.error?.code ?? '')
      : status === 'rejected'
        ? t('imports.result.rejectedSub', { file: batch.fileName, rejected: formatNumber(batch.rejected, locale) })
        : t('imports.result.committedSub', {
            file: batch.fileName,
            stored: formatNumber(batch.stored, locale),
            unchanged: formatNumber(batch.unchanged, locale),
            rejected: formatNumber(batch.rejected, locale),
          });

  const stats: { key: 'total' | 'stored' | 'unchanged' | 'rejected'; color: string }[] = [
    { key: 'total', color: 'rgba(0,0,0,0.85)' },
    { key: 'stored', color: '#2f8f3a' },
    { key: 'unchanged', color: '#5b6b82' },
    { key: 'rejected', color: batch.rejected > 0 ? '#d4380d' : 'rgba(0,0,0,0.85)' },
  ];

  return (
    <div data-testid="import-result" data-status={status}>
      <Result
        status={resultStatus}
        title={title}
        subTitle={subTitle}
        className="jn-import-result"
        extra={[
          batch.hasReport ? (
            <Button
              key="report"
              type="primary"
              href={reportUrl(batch.id)}
              download
              icon={<DownloadOutlined />}
              data-testid="import-report"
            >
              {t('imports.report')}
            </Button>
          ) : null,
          <Button key="again" icon={<RedoOutlined />} onClick={onAgain} data-testid="import-again">
            {t('imports.again')}
          </Button>,
        ]}
      />
      {status !== 'failed' || batch.total > 0 ? (
        <Row gutter={[16, 16]}>
          {stats.map((s) => (
            <Col key={s.key} xs={12} md={6}>
              <Card size="small" className="jn-import-stat">
                <Statistic
                  title={t(`imports.stat.${s.key}`)}
                  value={batch[s.key]}
                  formatter={(v) => formatNumber(Number(v), locale)}
                  styles={{ content: { color: s.color } }}
                  data-testid={`import-stat-${s.key}`}
                />
              </Card>
            </Col>
          ))}
        </Row>
      ) : null}
      {status === 'rejected' ? (
        <Alert type="info" showIcon title={t('imports.result.nothingStored')} style={{ marginTop: 16 }} />
      ) : null}
    </div>
  );
}

function BatchTable({
  query,
  page,
  pageSize,
  onPage,
  onShow,
  activeId,
}: {
  query: UseQueryResult<Paged<ImportBatch>>;
  page: number;
  pageSize: number;
  onPage: (page: number | undefined, pageSize: number | undefined) => void;
  onShow: (id: string) => void;
  activeId: string | null;
}) {
  const t = useT();
  const { locale } = useLocale();
  const num = (v: number) => <span className="jn-mono">{formatNumber(v, locale)}</span>;

  const columns: TableColumnsType<ImportBatch> = [
    {
      title: t('imports.col.file'),
      dataIndex: 'fileName',
      key: 'file',
      render: (name: string, row) => (
        <Flex vertical gap={2}>
          <span className="jn-strong-link">
            <FileExcelOutlined style={{ color: '#2f8f3a', marginInlineEnd: 6 }} />
            {name}
          </span>
          <Typography.Text type="secondary" className="jn-small">
            {t(`imports.kind.${row.kind as Kind}`)} · {t(`imports.mode.${row.mode}`)}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      title: t('imports.col.actor'),
      key: 'actor',
      render: (_: unknown, row) =>
        row.actorName || row.actorUsername ? (
          <Flex vertical gap={2}>
            <span>{row.actorName ?? row.actorUsername}</span>
            {row.actorName && row.actorUsername ? (
              <Typography.Text type="secondary" className="jn-small jn-mono">
                {row.actorUsername}
              </Typography.Text>
            ) : null}
          </Flex>
        ) : (
          <Typography.Text type="secondary">{t('common.none')}</Typography.Text>
        ),
    },
    {
      title: t('imports.col.startedAt'),
      dataIndex: 'startedAt',
      key: 'startedAt',
      render: (v: string) => <span className="jn-nowrap">{formatDateTime(v, locale)}</span>,
    },
    { title: t('imports.stat.total'), dataIndex: 'total', key: 'total', align: 'right', render: num },
    { title: t('imports.stat.stored'), dataIndex: 'stored', key: 'stored', align: 'right', render: num },
    { title: t('imports.stat.unchanged'), dataIndex: 'unchanged', key: 'unchanged', align: 'right', render: num },
    {
      title: t('imports.stat.rejected'),
      dataIndex: 'rejected',
      key: 'rejected',
      align: 'right',
      render: (v: number) => (v > 0 ? <Typography.Text type="danger">{num(v)}</Typography.Text> : num(v)),
    },
    {
      title: t('imports.col.status'),
      dataIndex: 'status',
      key: 'status',
      render: (s: ImportStatus) => <StatusTag status={s} />,
    },
    {
      title: t('common.actions'),
      key: 'actions',
      fixed: 'right',
      render: (_: unknown, row) => (
        <Space size={0}>
          <Button type="link" size="small" onClick={() => onShow(row.id)} disabled={row.id === activeId}>
            {t('common.view')}
          </Button>
          {row.hasReport ? (
            <Button type="link" size="small" href={reportUrl(row.id)} download icon={<DownloadOutlined />}>
              {t('imports.reportShort')}
            </Button>
          ) : null}
        </Space>
      ),
    },
  ];

  return (
    <>
      <ListToolbar onRefresh={() => void query.refetch()} refreshing={query.isFetching}>
        <Typography.Text type="secondary">{t('imports.historyHint')}</Typography.Text>
      </ListToolbar>
      {query.isError ? (
        <LoadError error={query.error} onRetry={() => void query.refetch()} />
      ) : (
        <Table<ImportBatch>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={query.data?.items ?? []}
          loading={query.isFetching && !query.data}
          scroll={{ x: 'max-content' }}
          rowClassName={(row) => (row.id === activeId ? 'jn-row-active' : '')}
          pagination={paginationConfig(t, page, pageSize, query.data?.total)}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('imports.historyEmpty')} /> }}
          onChange={(pagination) => onPage(pagination.current, pagination.pageSize)}
          data-testid="import-history"
        />
      )}
    </>
  );
}
