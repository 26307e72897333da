import { useEffect, useMemo, useState } from 'react';
import { useMutation, useQuery } from '@tanstack/react-query';
import { Alert, App as AntApp, Button, Card, Col, Empty, Flex, Form, Input, InputNumber, Modal, Progress, Row, Select, Statistic, Table, Tooltip, Typography } from 'antd';
import type { ButtonProps, TableColumnsType } from 'antd';
import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { useLocale, useT } from '../../i18n';
import { get, post } from '../../app/api';
import { useMe } from '../../app/auth';
import { formatFen, parseYuanToFen, percentText, YUAN_PATTERN } from '../../app/format';
import { showFormErrors } from '../../app/formErrors';
import { PageContainer } from '../../app/PageContainer';
import { useReferenceCodes, useRefName } from '../../app/reference';
import { LoadError } from '../../app/results';
import { UnitField, UnitSelect, useUnitLabel } from '../../app/units';
import { newIdempotencyKey, useInvalidateMoney } from '../claims/api';
import { FUND_COLORS, FundName } from '../claims/labels';
import type { FundBalance, Posted } from '../claims/types';

type Totals = { granted: number; paid: number; available: number };
const add = (a: Totals, b: Totals): Totals => ({ granted: a.granted + b.granted, paid: a.paid + b.paid, available: a.available + b.available });
const ZERO: Totals = { granted: 0, paid: 0, available: 0 };

/** 资金账户 (§16 分账核算、专款专用): budgets granted, paid and available by fund × unit × year; budget grants. */
export default function FundsPage() {
  const t = useT();
  const me = useMe();
  const unitLabel = useUnitLabel();
  const canGrant = me.actions.includes('fund.manage');
  const [year, setYear] = useState<number | undefined>(undefined);
  const [unitCode, setUnitCode] = useState<string | undefined>(undefined);
  const [granting, setGranting] = useState(false);

  // Every year at once: fund × unit × year is a few hundred rows at most.
  const balances = useQuery({
    queryKey: ['funds', 'balances'],
    queryFn: ({ signal }) => get<{ items: FundBalance[] }>('/api/funds/balances', signal),
    select: (body) => body.items,
  });
  const years = useMemo(() => [...new Set((balances.data ?? []).map((b) => b.year))].sort((a, b) => b - a), [balances.data]);
  const shownYear = year ?? years[0];
  const rows = useMemo(
    () => (balances.data ?? []).filter((b) => b.year === shownYear && (!unitCode || b.unitCode === unitCode)),
    [balances.data, shownYear, unitCode],
  );
  const total = rows.reduce<Totals>((s, r) => add(s, r), ZERO);
  const byFund = useMemo(() => {
    const m = new Map<string, Totals & { fundName: string }>();
    for (const r of rows) m.set(r.fund, { ...add(m.get(r.fund) ?? ZERO, r), fundName: r.fundName });
    return [...m.entries()].sort((a, b) => b[1].granted - a[1].granted);
  }, [rows]);

  const columns: TableColumnsType<FundBalance> = [
    {
      title: t('funds.col.unit'),
      key: 'unit',
      width: 160,
      render: (_: unknown, r) => unitLabel(r.unitCode, r.unitName),
      sorter: (a, b) => a.unitCode.localeCompare(b.unitCode),
    },
    { title: t('funds.col.fund'), key: 'fund', render: (_: unknown, r) => <FundName code={r.fund} fallback={r.fundName} /> },
    { title: t('funds.col.granted'), dataIndex: 'granted', key: 'granted', align: 'right', width: 150, render: (v: number) => <span className="jn-mono">{formatFen(v)}</span>, sorter: (a, b) => a.granted - b.granted },
    { title: t('funds.col.paid'), dataIndex: 'paid', key: 'paid', align: 'right', width: 150, render: (v: number) => <span className="jn-mono">{formatFen(v)}</span>, sorter: (a, b) => a.paid - b.paid },
    {
      title: t('funds.col.available'),
      dataIndex: 'available',
      key: 'available',
      align: 'right',
      width: 150,
      render: (v: number) => <span className={`jn-mono${v <= 0 ? ' jn-bad' : ''}`}>{formatFen(v)}</span>,
      sorter: (a, b) => a.available - b.available,
    },
    {
      title: t('funds.col.rate'),
      key: 'rate',
      width: 200,
      render: (_: unknown, r) => <UseBar paid={r.paid} granted={r.granted} />,
    },
  ];

  return (
    <PageContainer
      title={t('funds.title')}
      subTitle={t('funds.subtitle')}
      extra={
        canGrant ? (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setGranting(true)} data-testid="budget-grant">
            {t('funds.grant')}
          </Button>
        ) : undefined
      }
    >
      {balances.isError ? (
        <LoadError error={balances.error} onRetry={() => void balances.refetch()} />
      ) : (
        <Flex vertical gap={16}>
          <Card variant="borderless" className="jn-card">
            <Flex justify="space-between" align="center" wrap gap={12} className="jn-toolbar">
              <Flex gap={12} wrap>
                <Select<number>
                  value={shownYear}
                  onChange={setYear}
                  placeholder={t('claim.filter.year')}
                  style={{ minWidth: 130 }}
                  disabled={years.length === 0}
                  options={years.map((y) => ({ value: y, label: t('claim.yearValue', { year: y }) }))}
                  data-testid="funds-year"
                />
                {me.role === 'county_office' ? null : <UnitSelect value={unitCode} onChange={setUnitCode} />}
              </Flex>
              <Button icon={<ReloadOutlined spin={balances.isFetching} />} onClick={() => void balances.refetch()}>
                {t('common.refresh')}
              </Button>
            </Flex>
            <Row gutter={[16, 16]}>
              <Col xs={24} md={8}>
                <Statistic title={t('funds.stat.granted')} value={formatFen(total.granted)} data-testid="funds-granted" />
              </Col>
              <Col xs={24} md={8}>
                <Statistic title={t('funds.stat.paid')} value={formatFen(total.paid)} />
              </Col>
              <Col xs={24} md={8}>
                <Statistic title={t('funds.stat.available')} value={formatFen(total.available)} />
              </Col>
            </Row>
          </Card>

          {byFund.length > 0 ? (
            <Row gutter={[16, 16]}>
              {byFund.map(([fund, f]) => (
                <Col key={fund} xs={24} md={12} xl={Math.max(6, Math.floor(24 / byFund.length))}>
                  <Card variant="borderless" className="jn-card jn-fund-card" data-testid="fund-card">
                    <Flex vertical gap={8}>
                      <Typography.Text strong>
                        <FundName code={fund} fallback={f.fundName} />
                      </Typography.Text>
                      <Flex justify="space-between" align="baseline">
                        <span className="jn-muted jn-small">{t('funds.col.available')}</span>
                        <span className="jn-mono jn-fund-card-value">{formatFen(f.available)}</span>
                      </Flex>
                      <UseBar paid={f.paid} granted={f.granted} color={FUND_COLORS[fund]} />
                      <Flex justify="space-between" className="jn-small jn-muted">
                        <span>
                          {t('funds.col.paid')} <span className="jn-mono">{formatFen(f.paid)}</span>
                        </span>
                        <span>
                          {t('funds.col.granted')} <span className="jn-mono">{formatFen(f.granted)}</span>
                        </span>
                      </Flex>
                    </Flex>
                  </Card>
                </Col>
              ))}
            </Row>
          ) : null}

          <Card variant="borderless" className="jn-card" title={t('funds.table', { year: shownYear ?? '' })}>
            <Table<FundBalance>
              rowKey={(r) => `${r.fund}|${r.unitCode}|${r.year}`}
              size="middle"
              columns={columns}
              dataSource={rows}
              loading={balances.isFetching}
              pagination={rows.length > 50 ? { pageSize: 50 } : false}
              scroll={{ x: 'max-content' }}
              data-testid="funds-table"
              locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={canGrant ? t('funds.emptyGrant') : t('funds.empty')} /> }}
              summary={(data) =>
                data.length > 1 ? (
                  <Table.Summary.Row className="jn-summary-row">
                    <Table.Summary.Cell index={0} colSpan={2}>
                      {t('funds.sum')}
                    </Table.Summary.Cell>
                    <Table.Summary.Cell index={2} align="right">
                      <span className="jn-mono">{formatFen(total.granted)}</span>
                    </Table.Summary.Cell>
                    <Table.Summary.Cell index={3} align="right">
                      <span className="jn-mono">{formatFen(total.paid)}</span>
                    </Table.Summary.Cell>
                    <Table.Summary.Cell index={4} align="right">
                      <span className="jn-mono">{formatFen(total.available)}</span>
                    </Table.Summary.Cell>
                    <Table.Summary.Cell index={5}>
                      <UseBar paid={total.paid} granted={total.granted} />
                    </Table.Summary.Cell>
                  </Table.Summary.Row>
                ) : null
              }
            />
            <Typography.Paragraph type="secondary" className="jn-small" style={{ margin: '12px 0 0' }}>
              {t('funds.note')}
            </Typography.Paragraph>
          </Card>
        </Flex>
      )}
      {canGrant ? <GrantModal open={granting} year={shownYear} onClose={() => setGranting(false)} /> : null}
    </PageContainer>
  );
}

/** Paid of granted, as a bar with the percentage (integers only). */
function UseBar({ paid, granted, color }: { paid: number; granted: number; color?: string }) {
  const text = percentText(paid, granted, 'up');
  const percent = granted > 0 ? Math.min(100, Math.floor((paid * 100) / granted)) : 0;
  return (
    <Tooltip title={text ? `${text}` : undefined}>
      <Flex align="center" gap={8} className="jn-use-bar">
        <Progress percent={percent} showInfo={false} size="small" strokeColor={color} style={{ flex: 1, margin: 0 }} />
        <span className="jn-small jn-mono jn-use-text">{text ?? '—'}</span>
      </Flex>
    </Tooltip>
  );
}

type GrantValues = { fund: string; unitCode: string; year: number; amount: string; memo?: string };

/** 下达预算: a balanced ledger transaction; the key is made when the dialog opens and kept for its retries. */
function GrantModal({ open, year, onClose }: { open: boolean; year: number | undefined; onClose: () => void }) {
  const t = useT();
  const { locale } = useLocale();
  const { message } = AntApp.useApp();
  const codes = useReferenceCodes();
  const refName = useRefName();
  const [form] = Form.useForm<GrantValues>();
  const invalidate = useInvalidateMoney();
  const [key, setKey] = useState('');
  const grant = useMutation({
    mutationFn: (body: { fund: string; unitCode: string; year: number; amountFen: number; idempotencyKey: string; memo?: string }) =>
      post<Posted>('/api/funds/budgets', body),
    onSuccess: () => void invalidate(),
  });
  const reset = grant.reset;
  useEffect(() => {
    if (!open) return;
    setKey(newIdempotencyKey());
    reset();
  }, [open, reset]);
  const amount = Form.useWatch('amount', form);
  const fen = parseYuanToFen(amount);

  return (
    <Modal
      open={open}
      width={560}
      title={t('funds.grantTitle')}
      okText={t('funds.grantOk')}
      okButtonProps={{ 'data-testid': 'budget-submit' } as ButtonProps}
      cancelText={t('common.cancel')}
      confirmLoading={grant.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form<GrantValues>
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{ year: year ?? 2020, fund: 'employment_subsidy' }}
        onFinish={(v) =>
          grant.mutate(
            {
              fund: v.fund,
              unitCode: v.unitCode,
              year: v.year,
              amountFen: parseYuanToFen(v.amount) ?? 0,
              idempotencyKey: key,
              ...(v.memo?.trim() ? { memo: v.memo.trim() } : {}),
            },
            {
              onSuccess: (r) => {
                message.success(r.replayed ? t('funds.grantReplayed', { voucher: r.voucher }) : t('funds.grantDone', { voucher: r.voucher }), 6);
                onClose();
              },
              onError: (error) =>
                showFormErrors(form, error, locale, t, (text) => message.error(text, 6), (field) => (field === 'amountFen' ? 'amount' : field)),
            },
          )
        }
      >
        <Form.Item name="fund" label={t('funds.col.fund')} rules={[{ required: true, message: t('funds.fundRequired') }]}>
          <Select
            options={(codes.data?.fundSources ?? []).map((f) => ({ value: f.code, label: refName(f) }))}
            loading={codes.isLoading}
            data-testid="budget-fund"
          />
        </Form.Item>
        <Row gutter={16}>
          <Col span={14}>
            <Form.Item name="unitCode" label={t('funds.col.unit')} rules={[{ required: true, message: t('funds.unitRequired') }]}>
              <UnitField testId="budget-unit" />
            </Form.Item>
          </Col>
          <Col span={10}>
            <Form.Item name="year" label={t('funds.col.year')} rules={[{ required: true, message: t('funds.yearRequired') }]}>
              <InputNumber min={2019} max={2100} precision={0} style={{ width: '100%' }} data-testid="budget-year" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item
          name="amount"
          label={t('funds.amount')}
          extra={fen !== null && fen > 0 ? t('funds.amountEcho', { amount: formatFen(fen) }) : t('funds.amountHint')}
          rules={[
            { required: true, whitespace: true, message: t('funds.amountRequired') },
            {
              validator: (_, value: string | undefined) =>
                !value || (YUAN_PATTERN.test(value.trim()) && (parseYuanToFen(value) ?? 0) > 0) ? Promise.resolve() : Promise.reject(new Error(t('funds.amountInvalid'))),
            },
          ]}
        >
          <Input prefix="¥" suffix={t('funds.yuan')} inputMode="decimal" className="jn-mono" data-testid="budget-amount" />
        </Form.Item>
        <Form.Item name="memo" label={t('funds.memo')}>
          <Input maxLength={200} placeholder={t('funds.memoPlaceholder')} />
        </Form.Item>
      </Form>
      <Alert type="info" showIcon title={t('funds.grantNote')} />
      <Typography.Paragraph type="secondary" className="jn-small" style={{ marginTop: 12, marginBottom: 0 }}>
        {t('batch.keyNote')} <span className="jn-mono">{key}</span>
      </Typography.Paragraph>
    </Modal>
  );
}
