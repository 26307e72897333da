import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import {
  Alert,
  App as AntApp,
  Button,
  Card,
  DatePicker,
  Descriptions,
  Empty,
  Flex,
  Form,
  Input,
  InputNumber,
  Modal,
  Row,
  Col,
  Select,
  Space,
  Table,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import type { ButtonProps, TableColumnsType } from 'antd';
import type { Dayjs } from 'dayjs';
import {
  CheckCircleFilled,
  DownloadOutlined,
  LeftOutlined,
  ReloadOutlined,
  RightOutlined,
  RollbackOutlined,
  SafetyCertificateOutlined,
  VerticalLeftOutlined,
  WarningFilled,
} from '@ant-design/icons';
import { useLocale, useT, type Translate } from '../../i18n';
import { get, post, withQuery } from '../../app/api';
import { useMe } from '../../app/auth';
import { formatDateTime, formatFen } from '../../app/format';
import { showFormErrors } from '../../app/formErrors';
import { PageContainer } from '../../app/PageContainer';
import { useReferenceCodes, useRefName } from '../../app/reference';
import { LoadError } from '../../app/results';
import { CITY_CODE } from '../../app/types';
import { useUnitLabel } from '../../app/units';
import { newIdempotencyKey, useInvalidateMoney } from '../claims/api';
import { FundName, paymentKindLabel } from '../claims/labels';
import { PAYMENT_KINDS } from '../claims/types';
import type { LedgerEntry, LedgerKind, LedgerTransaction, LedgerVerification, Posted } from '../claims/types';

const PAGE = 50;
const KIND_COLORS: Record<LedgerKind, string> = { budget: 'blue', payment: 'green', reversal: 'red' };
const num = (v: number | string) => Number(v);

function kindLabel(t: Translate, kind: string): string {
  return kind === 'budget' || kind === 'payment' || kind === 'reversal' ? t(`ledger.kind.${kind}`) : kind;
}

/**
 * The ledger's last sequence number, found by doubling then halving `fromSeq` with one-row reads (the list has
 * no count): about 2·log2(n) small requests. A city-wide reader sees every transaction, so "a row from n on"
 * means "the last is at least n".
 */
async function findLastSeq(signal?: AbortSignal): Promise<number> {
  const reaches = async (seq: number) => (await get<{ items: LedgerTransaction[] }>(withQuery('/api/ledger', { fromSeq: seq, limit: 1 }), signal)).items.length > 0;
  if (!(await reaches(1))) return 0;
  let lo = 1;
  let hi = 2;
  while (await reaches(hi)) {
    lo = hi;
    hi *= 2;
  }
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (await reaches(mid)) lo = mid;
    else hi = mid;
  }
  return lo;
}

/** A transaction's size: the debits of its entries (a balanced transaction's credits are the same). */
const amountOf = (txn: LedgerTransaction) => txn.entries.reduce((s, e) => s + num(e.debitFen), 0);

/** `cash:employment_subsidy:140802:2020` → 现金（可用预算）. */
function accountLabel(t: Translate, account: string): string {
  const head = account.split(':')[0];
  return head === 'cash' || head === 'appropriation' || head === 'expense' ? t(`ledger.account.${head}`) : account;
}

/** The kind code a payment entry's memo ends with (`140802-2020-00013 刘东 living_allowance`), in words. */
function entryMemo(t: Translate, memo: string | null): string {
  if (!memo) return '';
  const last = memo.split(' ').pop() ?? '';
  return (PAYMENT_KINDS as readonly string[]).includes(last) ? `${memo.slice(0, memo.length - last.length)}${paymentKindLabel(t, last)}` : memo;
}

/**
 * 资金台账 (§17 补贴资金发放台账): append-only, double-entry, hash-chained. Transactions in sequence with their
 * entries; the chain check; the official export per fund and period; a payment's reversal with a reason.
 */
export default function LedgerPage() {
  const t = useT();
  const me = useMe();
  // null: the newest page (city-wide readers; a county reads from the start, its entries being a subset).
  const [chosen, setChosen] = useState<number | null>(null);
  const [reversing, setReversing] = useState<LedgerTransaction | null>(null);
  const cityWide = me.unitCode === CITY_CODE || me.role === 'city_office' || me.role === 'finance' || me.role === 'auditor';
  const canReverse = me.actions.includes('claim.pay');

  const last = useQuery({ queryKey: ['ledger', 'last'], queryFn: ({ signal }) => findLastSeq(signal), enabled: cityWide && chosen === null });
  const lastSeq = last.data;
  const fromSeq = chosen ?? (cityWide ? (lastSeq === undefined ? undefined : Math.max(1, lastSeq - PAGE + 1)) : 1);
  const query = useQuery({
    queryKey: ['ledger', 'list', fromSeq],
    queryFn: ({ signal }) => get<{ items: LedgerTransaction[] }>(withQuery('/api/ledger', { fromSeq, limit: PAGE }), signal),
    enabled: fromSeq !== undefined,
    placeholderData: keepPreviousData,
  });
  // Newest first.
  const items = [...(query.data?.items ?? [])].reverse();
  const reversed = new Set(items.map((x) => x.reversesTxnId).filter(Boolean));
  const newest = items[0]?.seq ?? null;
  const oldest = items[items.length - 1]?.seq ?? null;
  const hasNewer = fromSeq !== undefined && (cityWide ? chosen !== null && lastSeq !== undefined && fromSeq + PAGE <= lastSeq : items.length > 0);

  const columns: TableColumnsType<LedgerTransaction> = [
    { title: t('ledger.col.seq'), dataIndex: 'seq', key: 'seq', width: 70, render: (v: number) => <span className="jn-mono">#{v}</span> },
    { title: t('ledger.col.voucher'), dataIndex: 'voucher', key: 'voucher', width: 150, render: (v: string) => <span className="jn-mono">{v}</span> },
    {
      title: t('ledger.col.kind'),
      dataIndex: 'kind',
      key: 'kind',
      width: 100,
      render: (k: LedgerKind) => (
        <Tag color={KIND_COLORS[k] ?? 'default'} className="jn-tag-tight" data-kind={k}>
          {kindLabel(t, k)}
        </Tag>
      ),
    },
    { title: t('ledger.col.at'), dataIndex: 'at', key: 'at', width: 110, render: (v: string) => <DateTime iso={v} /> },
    {
      title: t('ledger.col.memo'),
      dataIndex: 'memo',
      key: 'memo',
      className: 'jn-wrap-cell',
      render: (v: string, row) => (
        <Flex vertical gap={0}>
          <span className="jn-wrap-text">{v}</span>
          {row.claimId ? (
            <Link to={`/claims/${encodeURIComponent(row.claimId)}`} className="jn-small">
              {t('ledger.toClaim')}
            </Link>
          ) : null}
        </Flex>
      ),
    },
    {
      title: t('ledger.col.funds'),
      key: 'funds',
      width: 190,
      className: 'jn-wrap-cell',
      render: (_: unknown, row) => (
        <Flex vertical gap={0}>
          {[...new Set(row.entries.map((e) => e.fund))].map((f) => (
            <FundName key={f} code={f} />
          ))}
        </Flex>
      ),
    },
    {
      title: t('ledger.col.amount'),
      key: 'amount',
      width: 150,
      align: 'right',
      render: (_: unknown, row) => (
        <span className={`jn-mono jn-amount-cell${row.kind === 'reversal' ? ' jn-bad' : ''}`}>
          {row.kind === 'reversal' ? '−' : ''}
          {formatFen(amountOf(row))}
        </span>
      ),
    },
    ...(canReverse
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            width: 90,
            fixed: 'right' as const,
            render: (_: unknown, row: LedgerTransaction) =>
              row.kind === 'payment' ? (
                reversed.has(row.id) ? (
                  <Typography.Text type="secondary" className="jn-small">
                    {t('ledger.reversed')}
                  </Typography.Text>
                ) : (
                  <Button size="small" type="link" danger icon={<RollbackOutlined />} onClick={() => setReversing(row)} data-testid="ledger-reverse">
                    {t('ledger.reverse')}
                  </Button>
                )
              ) : null,
          },
        ]
      : []),
  ];

  return (
    <PageContainer title={t('ledger.title')} subTitle={t('ledger.subtitle')}>
      <Flex vertical gap={16}>
        <Row gutter={[16, 16]}>
          {cityWide ? (
            <Col xs={24} xl={10}>
              <VerifyCard />
            </Col>
          ) : null}
          <Col xs={24} xl={cityWide ? 14 : 24}>
            <ExportCard />
          </Col>
        </Row>
        <Card variant="borderless" className="jn-card" title={t('ledger.transactions')}>
          <Flex justify="space-between" align="center" wrap gap={12} className="jn-toolbar">
            <Space size={8} wrap>
              {cityWide ? (
                <Button icon={<VerticalLeftOutlined />} disabled={chosen === null} onClick={() => setChosen(null)} data-testid="ledger-latest">
                  {t('ledger.latest')}
                </Button>
              ) : null}
              <Button icon={<LeftOutlined />} disabled={!hasNewer} onClick={() => setChosen((fromSeq ?? 1) + PAGE)} data-testid="ledger-newer">
                {t('ledger.newer')}
              </Button>
              <Button
                icon={<RightOutlined />}
                iconPlacement="end"
                disabled={fromSeq === undefined || fromSeq <= 1}
                onClick={() => setChosen(Math.max(1, (fromSeq ?? 1) - PAGE))}
                data-testid="ledger-older"
              >
                {t('ledger.older')}
              </Button>
              <Typography.Text type="secondary" className="jn-small">
                {newest !== null && oldest !== null ? t('ledger.range', { from: oldest, to: newest }) : t('ledger.rangeEmpty', { from: fromSeq ?? 1 })}
              </Typography.Text>
            </Space>
            <Space size={8} wrap>
              <span className="jn-small jn-muted">{t('ledger.jump')}</span>
              <InputNumber<number>
                min={1}
                precision={0}
                placeholder="#"
                style={{ width: 110 }}
                onPressEnter={(e) => {
                  const v = Number((e.target as HTMLInputElement).value);
                  // The page that ends at that number (newest first), so the transaction shows at the top.
                  if (Number.isInteger(v) && v > 0) setChosen(Math.max(1, v - PAGE + 1));
                }}
                data-testid="ledger-jump"
              />
              <Button
                icon={<ReloadOutlined spin={query.isFetching} />}
                onClick={() => void (chosen === null && cityWide ? last.refetch() : query.refetch())}
              >
                {t('common.refresh')}
              </Button>
            </Space>
          </Flex>
          {query.isError ? (
            <LoadError error={query.error} onRetry={() => void query.refetch()} />
          ) : (
            <Table<LedgerTransaction>
              rowKey="seq"
              size="middle"
              columns={columns}
              dataSource={items}
              loading={query.isFetching || (query.isPending && last.isFetching)}
              pagination={false}
              scroll={{ x: 1000 }}
              expandable={{ expandedRowRender: (row) => <Entries entries={row.entries} hash={row.hash} prevHash={row.prevHash} /> }}
              data-testid="ledger-table"
              locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('ledger.empty')} /> }}
            />
          )}
        </Card>
      </Flex>
      {canReverse ? <ReverseModal txn={reversing} onClose={() => setReversing(null)} /> : null}
    </PageContainer>
  );
}

/** Date over time, in Beijing, compact. */
function DateTime({ iso }: { iso: string }) {
  const { locale } = useLocale();
  const text = formatDateTime(iso, locale);
  const [day, time] = text.includes(' ') ? [text.slice(0, text.lastIndexOf(' ')), text.slice(text.lastIndexOf(' ') + 1)] : [text, ''];
  return (
    <Flex vertical gap={0} className="jn-small jn-mono">
      <span>{day.replace(/,$/, '')}</span>
      <span className="jn-muted">{time}</span>
    </Flex>
  );
}

function Entries({ entries, hash, prevHash }: { entries: LedgerEntry[]; hash: string; prevHash: string }) {
  const t = useT();
  const unitLabel = useUnitLabel();
  const columns: TableColumnsType<LedgerEntry> = [
    {
      title: t('ledger.entry.account'),
      dataIndex: 'account',
      key: 'account',
      render: (v: string) => (
        <Tooltip title={<span className="jn-mono">{v}</span>}>
          <span>{accountLabel(t, v)}</span>
        </Tooltip>
      ),
    },
    { title: t('ledger.col.funds'), dataIndex: 'fund', key: 'fund', render: (v: string) => <FundName code={v} /> },
    { title: t('funds.col.unit'), dataIndex: 'unitCode', key: 'unit', render: (v: string) => unitLabel(v) },
    { title: t('funds.col.year'), dataIndex: 'year', key: 'year', width: 70 },
    { title: t('ledger.entry.debit'), dataIndex: 'debitFen', key: 'debit', align: 'right', render: (v: number | string) => (num(v) > 0 ? <span className="jn-mono">{formatFen(v)}</span> : '') },
    { title: t('ledger.entry.credit'), dataIndex: 'creditFen', key: 'credit', align: 'right', render: (v: number | string) => (num(v) > 0 ? <span className="jn-mono">{formatFen(v)}</span> : '') },
    {
      title: t('ledger.entry.payee'),
      dataIndex: 'payeeKind',
      key: 'payee',
      render: (v: string | null) => (v === 'worker' ? <Tag color="gold" className="jn-tag-tight">{t('claim.payee.trainee')}</Tag> : v ? t('claim.payee.organisation') : ''),
    },
    { title: t('ledger.entry.memo'), dataIndex: 'memo', key: 'memo', render: (v: string | null) => <span className="jn-small">{entryMemo(t, v)}</span> },
  ];
  return (
    <Flex vertical gap={8} className="jn-entries">
      <Table<LedgerEntry>
        rowKey={(e) => `${e.account}|${e.claimLineId ?? ''}|${e.memo ?? ''}|${e.debitFen}|${e.creditFen}`}
        size="small"
        columns={columns}
        dataSource={entries}
        pagination={entries.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
      />
      <Typography.Text type="secondary" className="jn-small jn-break">
        {t('ledger.hash')} <span className="jn-mono">{hash.slice(0, 16)}…</span> · {t('ledger.prevHash')} <span className="jn-mono">{prevHash.slice(0, 16)}…</span>
      </Typography.Text>
    </Flex>
  );
}

/** 校验台账: every transaction balances and the hash chain holds, or the first bad transaction. */
function VerifyCard() {
  const t = useT();
  const verify = useMutation({ mutationFn: () => get<LedgerVerification>('/api/ledger/verify') });
  const r = verify.data;
  return (
    <Card variant="borderless" className="jn-card jn-fill">
      <Flex justify="space-between" align="center" wrap gap={12}>
        <Flex align="center" gap={12}>
          <SafetyCertificateOutlined className="jn-verify-offline-icon" />
          <div>
            <Typography.Text strong>{t('ledger.verifyTitle')}</Typography.Text>
            <div className="jn-small jn-muted">{t('ledger.verifyHint')}</div>
          </div>
        </Flex>
        <Button type="primary" ghost icon={<SafetyCertificateOutlined />} loading={verify.isPending} onClick={() => verify.mutate()} data-testid="ledger-verify">
          {t('ledger.verify')}
        </Button>
      </Flex>
      {verify.isError ? <LoadError error={verify.error} /> : null}
      {r ? (
        r.ok ? (
          <Alert
            type="success"
            showIcon
            icon={<CheckCircleFilled />}
            className="jn-class-alerts"
            title={t('ledger.intact')}
            description={t('ledger.intactText', { count: r.transactions, last: r.lastSeq })}
            data-testid="ledger-verify-result"
            data-ok="true"
          />
        ) : (
          <Alert
            type="error"
            showIcon
            icon={<WarningFilled />}
            className="jn-class-alerts"
            title={t('ledger.broken', { seq: r.problem.seq })}
            description={t('ledger.brokenText', { seq: r.problem.seq, kind: problemKind(t, r.problem.kind), count: r.transactions })}
            data-testid="ledger-verify-result"
            data-ok="false"
          />
        )
      ) : null}
    </Card>
  );
}

function problemKind(t: Translate, kind: string): string {
  return kind === 'hash' || kind === 'prev_hash' || kind === 'gap' || kind === 'unbalanced' ? t(`ledger.problem.${kind}`) : kind;
}

type ExportValues = { fund: string; period: [Dayjs, Dayjs] };

/** 导出发放台账 (.xlsx): one fund, one period, in the layout officials use. */
function ExportCard() {
  const t = useT();
  const codes = useReferenceCodes();
  const refName = useRefName();
  const [form] = Form.useForm<ExportValues>();
  return (
    <Card variant="borderless" className="jn-card jn-fill" title={t('ledger.exportTitle')}>
      <Form<ExportValues>
        form={form}
        layout="inline"
        className="jn-export-form"
        initialValues={{ fund: 'employment_subsidy' }}
        onFinish={(v) => {
          const href = withQuery('/api/ledger/export.xlsx', { fund: v.fund, from: v.period[0].format('YYYY-MM-DD'), to: v.period[1].format('YYYY-MM-DD') });
          const a = document.createElement('a');
          a.href = href;
          a.download = '';
          document.body.appendChild(a);
          a.click();
          a.remove();
        }}
      >
        <Form.Item name="fund" label={t('ledger.col.funds')} rules={[{ required: true }]}>
          <Select style={{ width: 300 }} options={(codes.data?.fundSources ?? []).map((f) => ({ value: f.code, label: refName(f) }))} data-testid="export-fund" />
        </Form.Item>
        <Form.Item name="period" label={t('ledger.period')} rules={[{ required: true, message: t('ledger.periodRequired') }]}>
          <DatePicker.RangePicker data-testid="export-period" />
        </Form.Item>
        <Form.Item>
          <Button htmlType="submit" icon={<DownloadOutlined />} data-testid="export-submit">
            {t('ledger.export')}
          </Button>
        </Form.Item>
      </Form>
      <Typography.Paragraph type="secondary" className="jn-small" style={{ margin: '8px 0 0' }}>
        {t('ledger.exportHint')}
      </Typography.Paragraph>
    </Card>
  );
}

/** 冲销: a new mirroring transaction with a reason, never an update; the key is kept for the dialog's retries. */
function ReverseModal({ txn, onClose }: { txn: LedgerTransaction | null; onClose: () => void }) {
  const t = useT();
  const { locale } = useLocale();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<{ reason: string }>();
  const invalidate = useInvalidateMoney();
  const [key, setKey] = useState('');
  const reverse = useMutation({
    mutationFn: (body: { seq: number; reason: string; idempotencyKey: string }) =>
      post<Posted>(`/api/ledger/${body.seq}/reverse`, { reason: body.reason, idempotencyKey: body.idempotencyKey }),
    onSuccess: () => void invalidate(),
  });
  const reset = reverse.reset;
  useEffect(() => {
    if (!txn) return;
    setKey(newIdempotencyKey());
    reset();
  }, [txn, reset]);
  return (
    <Modal
      open={txn !== null}
      title={t('ledger.reverseTitle', { voucher: txn?.voucher ?? '' })}
      okText={t('ledger.reverse')}
      okButtonProps={{ danger: true, 'data-testid': 'ledger-reverse-submit' } as ButtonProps}
      cancelText={t('common.cancel')}
      confirmLoading={reverse.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      {txn ? (
        <Descriptions
          size="small"
          column={1}
          className="jn-approve-summary"
          items={[
            { key: 'voucher', label: t('ledger.col.voucher'), children: <span className="jn-mono">{txn.voucher}</span> },
            { key: 'memo', label: t('ledger.col.memo'), children: txn.memo },
            { key: 'amount', label: t('ledger.col.amount'), children: <span className="jn-mono">{formatFen(amountOf(txn))}</span> },
          ]}
        />
      ) : null}
      <Alert type="warning" showIcon title={t('ledger.reverseNote')} style={{ marginBottom: 16 }} />
      <Form<{ reason: string }>
        form={form}
        layout="vertical"
        onFinish={(v) =>
          txn &&
          reverse.mutate(
            { seq: txn.seq, reason: v.reason.trim(), idempotencyKey: key },
            {
              onSuccess: (r) => {
                message.success(t('ledger.reverseDone', { voucher: r.voucher }), 6);
                onClose();
              },
              onError: (error) => showFormErrors(form, error, locale, t, (text) => message.error(text, 6)),
            },
          )
        }
      >
        <Form.Item name="reason" label={t('ledger.reverseReason')} rules={[{ required: true, whitespace: true, message: t('ledger.reverseRequired') }]}>
          <Input.TextArea rows={3} maxLength={500} showCount placeholder={t('ledger.reversePlaceholder')} data-testid="ledger-reverse-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
