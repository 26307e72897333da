import { useEffect, useMemo, useState, type Key } from 'react';
import { Link } from 'react-router-dom';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { Alert, App as AntApp, Button, Card, Descriptions, Flex, Modal, Result, Select, Table, Tag, Typography } from 'antd';
import type { ButtonProps, TableColumnsType } from 'antd';
import { BookOutlined, PayCircleOutlined } from '@ant-design/icons';
import { useLocale, useT } from '../../i18n';
import { errorText, get, isApiError, post, withQuery } from '../../app/api';
import { formatFen } from '../../app/format';
import { ListToolbar, SearchBox } from '../../app/ListToolbar';
import { useListParams } from '../../app/listParams';
import { PageContainer } from '../../app/PageContainer';
import { PagedTable } from '../../app/PagedTable';
import { useUnitLabel } from '../../app/units';
import type { Paged } from '../../app/types';
import { newIdempotencyKey, useInvalidateMoney } from '../claims/api';
import { CLAIM_YEARS } from '../claims/ClaimsPage';
import type { BatchResult, ClaimSummary } from '../claims/types';

/**
 * 拨付批次 (finance): approved claims picked across pages and paid as one batch — one request, one key, one
 * database transaction (all or none); the vouchers come back per claim.
 */
export default function BatchesPage() {
  const t = useT();
  const unitLabel = useUnitLabel();
  const list = useListParams(50);
  const q = list.param('q');
  const rawYear = Number(list.param('year'));
  const year = CLAIM_YEARS.includes(rawYear) ? rawYear : undefined;
  const [selected, setSelected] = useState<Map<string, ClaimSummary>>(new Map());
  const [confirming, setConfirming] = useState(false);
  const [done, setDone] = useState<{ result: BatchResult; claims: ClaimSummary[] } | null>(null);

  const params = { status: 'approved', q, year, page: list.page, pageSize: list.pageSize };
  const query = useQuery({
    queryKey: ['claims', 'list', params],
    queryFn: ({ signal }) => get<Paged<ClaimSummary>>(withQuery('/api/claims', params), signal),
    placeholderData: keepPreviousData,
  });

  const picked = [...selected.values()];
  const pickedFen = picked.reduce((s, c) => s + c.totalFen, 0);

  const columns: TableColumnsType<ClaimSummary> = [
    {
      title: t('claim.col.class'),
      key: 'class',
      width: 300,
      render: (_: unknown, row) => (
        <Flex vertical gap={2} className="jn-class-cell">
          <Link to={`/claims/${encodeURIComponent(row.id)}`} className="jn-strong-link jn-class-name">
            {row.className}
          </Link>
          <Typography.Text type="secondary" className="jn-small jn-mono">
            {row.classCode}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      title: t('claim.col.org'),
      key: 'org',
      render: (_: unknown, row) => (
        <Flex vertical gap={2}>
          <span className="jn-class-name">{row.orgName}</span>
          <Typography.Text type="secondary" className="jn-small">
            {unitLabel(row.unitCode, row.unitName)}
          </Typography.Text>
        </Flex>
      ),
    },
    { title: t('claim.col.year'), dataIndex: 'year', key: 'year', width: 80 },
    {
      title: t('claim.col.announcement'),
      key: 'window',
      width: 190,
      render: (_: unknown, row) => (
        <span className="jn-mono jn-small">
          {row.announcedOn} – {row.windowEnd}
        </span>
      ),
    },
    {
      title: t('claim.col.amount'),
      dataIndex: 'totalFen',
      key: 'total',
      width: 150,
      align: 'right',
      render: (fen: number) => <span className="jn-mono jn-amount-cell">{formatFen(fen)}</span>,
    },
  ];

  return (
    <PageContainer
      title={t('batch.title')}
      subTitle={t('batch.subtitle')}
      extra={
        <Link to="/finance/ledger">
          <Button icon={<BookOutlined />}>{t('menu.ledger')}</Button>
        </Link>
      }
    >
      <Flex vertical gap={16}>
        {done ? <BatchDone result={done.result} claims={done.claims} onClose={() => setDone(null)} /> : null}
        <Card variant="borderless" className="jn-card">
          <ListToolbar
            onReset={q || year ? () => list.update({ q: undefined, year: undefined }) : undefined}
            onRefresh={() => void query.refetch()}
            refreshing={query.isFetching}
          >
            <SearchBox value={q} placeholder={t('claim.searchPlaceholder')} onSearch={(v) => list.update({ q: v })} />
            <Select<number>
              value={year}
              onChange={(v) => list.update({ year: v })}
              allowClear
              placeholder={t('claim.filter.year')}
              style={{ minWidth: 130 }}
              options={CLAIM_YEARS.map((y) => ({ value: y, label: t('claim.yearValue', { year: y }) }))}
            />
          </ListToolbar>
          <Flex justify="space-between" align="center" wrap gap={12} className="jn-batch-bar" data-testid="batch-bar">
            <Typography.Text>
              {picked.length > 0 ? (
                <span data-testid="batch-selection">
                  {t('batch.selected', { count: picked.length })}
                  <strong className="jn-mono jn-batch-sum">{formatFen(pickedFen)}</strong>
                </span>
              ) : (
                <span className="jn-muted">{t('batch.pickHint')}</span>
              )}
            </Typography.Text>
            <Flex gap={8}>
              {picked.length > 0 ? <Button onClick={() => setSelected(new Map())}>{t('batch.clear')}</Button> : null}
              <Button type="primary" icon={<PayCircleOutlined />} disabled={picked.length === 0} onClick={() => setConfirming(true)} data-testid="batch-pay">
                {t('batch.pay', { count: picked.length })}
              </Button>
            </Flex>
          </Flex>
          <PagedTable<ClaimSummary>
            rowKey="id"
            columns={columns}
            query={query}
            list={list}
            filtered={Boolean(q || year)}
            emptyText={t('batch.empty')}
            data-testid="batch-table"
            rowSelection={{
              selectedRowKeys: [...selected.keys()],
              preserveSelectedRowKeys: true,
              onChange: (keys: Key[], rows: ClaimSummary[]) =>
                setSelected((prev) => {
                  const next = new Map<string, ClaimSummary>();
                  for (const k of keys) {
                    const row = rows.find((r) => r?.id === k) ?? prev.get(String(k));
                    if (row) next.set(String(k), row);
                  }
                  return next;
                }),
            }}
          />
        </Card>
      </Flex>
      <PayBatchModal
        open={confirming}
        claims={picked}
        onClose={() => setConfirming(false)}
        onPaid={(result) => {
          setDone({ result, claims: picked });
          setSelected(new Map());
          setConfirming(false);
        }}
      />
    </PageContainer>
  );
}

/** One batch: the key is made when the dialog opens and kept for every retry from it. */
function PayBatchModal({
  open,
  claims,
  onClose,
  onPaid,
}: {
  open: boolean;
  claims: ClaimSummary[];
  onClose: () => void;
  onPaid: (r: BatchResult) => void;
}) {
  const t = useT();
  const { locale } = useLocale();
  const { message } = AntApp.useApp();
  const invalidate = useInvalidateMoney();
  const [key, setKey] = useState('');
  const [failure, setFailure] = useState<unknown>(null);
  const pay = useMutation({
    mutationFn: (body: { claimIds: string[]; idempotencyKey: string }) => post<BatchResult>('/api/claims/pay-batch', body),
    onSuccess: () => void invalidate(),
  });
  const reset = pay.reset;
  useEffect(() => {
    if (!open) return;
    setKey(newIdempotencyKey());
    setFailure(null);
    reset();
  }, [open, reset]);

  const total = claims.reduce((s, c) => s + c.totalFen, 0);
  const byUnit = useMemo(() => {
    const m = new Map<string, { name: string; count: number; fen: number }>();
    for (const c of claims) {
      const e = m.get(c.unitCode) ?? { name: c.unitName, count: 0, fen: 0 };
      e.count += 1;
      e.fen += c.totalFen;
      m.set(c.unitCode, e);
    }
    return [...m.entries()];
  }, [claims]);
  const retryable = failure !== null && (!isApiError(failure) || failure.status === 0 || failure.status >= 500);

  return (
    <Modal
      open={open}
      width={560}
      title={t('batch.confirmTitle')}
      okText={failure ? t('claim.pay.retry') : t('batch.confirmOk', { amount: formatFen(total) })}
      okButtonProps={{ 'data-testid': 'batch-pay-submit' } as ButtonProps}
      cancelText={t('common.cancel')}
      confirmLoading={pay.isPending}
      onCancel={onClose}
      onOk={() =>
        pay.mutate(
          { claimIds: claims.map((c) => c.id), idempotencyKey: key },
          {
            onSuccess: (r) => {
              message.success(t('batch.done', { count: r.paid.length }));
              onPaid(r);
            },
            onError: (e) => setFailure(e),
          },
        )
      }
      destroyOnHidden
    >
      <Descriptions
        size="small"
        column={1}
        bordered
        items={[
          { key: 'count', label: t('batch.count'), children: t('batch.countValue', { count: claims.length }) },
          ...byUnit.map(([code, u]) => ({
            key: code,
            label: u.name,
            children: (
              <span>
                <span className="jn-mono">{formatFen(u.fen)}</span>
                <Typography.Text type="secondary" className="jn-small">
                  {' '}
                  {t('batch.countValue', { count: u.count })}
                </Typography.Text>
              </span>
            ),
          })),
          { key: 'total', label: t('claim.pay.total'), children: <strong className="jn-mono">{formatFen(total)}</strong> },
        ]}
      />
      <Alert type="info" showIcon style={{ marginTop: 16 }} title={t('batch.atomic')} />
      {failure ? (
        <Alert
          type="error"
          showIcon
          style={{ marginTop: 12 }}
          title={t('batch.failed')}
          description={
            <>
              <div data-testid="batch-error">{errorText(failure, locale, t)}</div>
              {retryable ? <div className="jn-small">{t('claim.pay.retryHint')}</div> : null}
            </>
          }
        />
      ) : null}
      <Typography.Paragraph type="secondary" className="jn-small" style={{ marginTop: 12, marginBottom: 0 }}>
        {t('batch.keyNote')} <span className="jn-mono" data-testid="batch-key">{key}</span>
      </Typography.Paragraph>
    </Modal>
  );
}

function BatchDone({ result, claims, onClose }: { result: BatchResult; claims: ClaimSummary[]; onClose: () => void }) {
  const t = useT();
  const byId = new Map(claims.map((c) => [c.id, c]));
  const rows = result.paid.map((p) => ({ ...p, claim: byId.get(p.claimId) }));
  const total = rows.reduce((s, r) => s + (r.claim?.totalFen ?? 0), 0);
  return (
    <Card variant="borderless" className="jn-card" data-testid="batch-result">
      <Result
        status="success"
        className="jn-batch-result"
        title={t('batch.resultTitle', { count: rows.length, amount: formatFen(total) })}
        subTitle={
          <span>
            {t('batch.resultKey')} <span className="jn-mono">{result.batch}</span>
          </span>
        }
        extra={[
          <Link key="ledger" to="/finance/ledger">
            <Button type="primary" icon={<BookOutlined />}>
              {t('batch.toLedger')}
            </Button>
          </Link>,
          <Button key="close" onClick={onClose}>
            {t('common.close')}
          </Button>,
        ]}
      />
      <Table
        rowKey="claimId"
        size="small"
        pagination={rows.length > 20 ? { pageSize: 20 } : false}
        dataSource={rows}
        data-testid="batch-vouchers"
        columns={[
          { title: t('batch.voucher'), dataIndex: 'voucher', key: 'voucher', render: (v: string) => <span className="jn-mono">{v}</span> },
          {
            title: t('claim.col.class'),
            key: 'class',
            render: (_: unknown, r) =>
              r.claim ? <Link to={`/claims/${encodeURIComponent(r.claimId)}`}>{r.claim.className}</Link> : <span className="jn-mono">{r.claimId}</span>,
          },
          { title: t('claim.col.org'), key: 'org', render: (_: unknown, r) => r.claim?.orgName ?? '' },
          {
            title: t('claim.col.amount'),
            key: 'amount',
            align: 'right' as const,
            render: (_: unknown, r) => <span className="jn-mono">{r.claim ? formatFen(r.claim.totalFen) : ''}</span>,
          },
          {
            title: t('batch.replayed'),
            dataIndex: 'replayed',
            key: 'replayed',
            width: 110,
            render: (v: boolean) => (v ? <Tag className="jn-tag-tight">{t('batch.replayedYes')}</Tag> : <Tag color="green" className="jn-tag-tight">{t('batch.replayedNo')}</Tag>),
          },
        ]}
      />
    </Card>
  );
}
