import { useEffect, useMemo, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App as AntApp, Button, Card, Col, Flex, Form, InputNumber, Progress, Row, Segmented, Select, Statistic, Table, Tag, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { EditOutlined, InfoCircleOutlined, ReloadOutlined, WarningOutlined } from '@ant-design/icons';
import { useSearchParams } from 'react-router-dom';
import { useLocale, useT } from '../../i18n';
import { errorText, get, put, withQuery } from '../../app/api';
import { useMe } from '../../app/auth';
import { Chart } from '../../app/Chart';
import { formatNumber } from '../../app/format';
import { PageContainer } from '../../app/PageContainer';
import { LoadError } from '../../app/results';
import { useUnitLabel } from '../../app/units';
import { useDefaultPeriod } from './defaults';
import { perMilleText, type Indicator, type MonthBasis, type TargetsAnswer, type TargetUnit } from './types';

const THIS_YEAR = new Date().getFullYear();
const YEARS = Array.from({ length: Math.max(3, THIS_YEAR - 2019 + 2) }, (_, i) => 2019 + i);
const num = (v: number) => <span className="jn-mono">{v.toLocaleString('en-US')}</span>;

/** 目标任务: the year's targets by unit with progress and forecast, the four indicators of 二, and (city) the edit form. */
export default function TargetsPage() {
  const t = useT();
  const { locale } = useLocale();
  const me = useMe();
  const unitLabel = useUnitLabel();
  const [params, setParams] = useSearchParams();
  const fallback = useDefaultPeriod('annual', String(new Date().getFullYear()));
  const explicit = Number(params.get('year')) >= 2019;
  const year = explicit ? Number(params.get('year')) : fallback.year;
  const basis: MonthBasis = params.get('basis') === 'day21' ? 'day21' : 'calendar';
  const canManage = me.actions.includes('report.manage');
  const [editing, setEditing] = useState(false);
  const set = (patch: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) {
      if (v === undefined) next.delete(k);
      else next.set(k, v);
    }
    setParams(next, { replace: true });
  };

  const targets = useQuery({
    queryKey: ['targets', year, basis],
    queryFn: ({ signal }) => get<TargetsAnswer>(withQuery(`/api/targets/${year}`, { basis: basis === 'calendar' ? undefined : basis }), signal),
    enabled: explicit || fallback.ready,
  });
  const data = targets.data;
  const total = useMemo(() => {
    const units = data?.units ?? [];
    const sum = (f: (u: TargetUnit) => number) => units.reduce((s, u) => s + f(u), 0);
    const target = sum((u) => u.target);
    const actual = sum((u) => u.actual);
    return { target, actual, dueByNow: sum((u) => u.dueByNow), forecast: sum((u) => u.forecast), perMille: target ? Math.floor((actual * 1000) / target) : 0 };
  }, [data]);

  const columns: TableColumnsType<TargetUnit> = [
    { title: t('targets.col.unit'), key: 'unit', width: 170, render: (_: unknown, u) => unitLabel(u.unitCode, u.unitName) },
    { title: t('targets.col.target'), key: 'target', align: 'right', width: 120, render: (_: unknown, u) => (u.target ? num(u.target) : <span className="jn-muted">{t('targets.noTarget')}</span>) },
    { title: t('targets.col.actual'), key: 'actual', align: 'right', width: 110, render: (_: unknown, u) => num(u.actual), sorter: (a, b) => a.actual - b.actual },
    {
      title: t('targets.col.progress'),
      key: 'progress',
      width: 220,
      sorter: (a, b) => a.perMille - b.perMille,
      render: (_: unknown, u) =>
        u.target ? (
          <Progress percent={Math.min(100, u.perMille / 10)} format={() => perMilleText(u.perMille)} size="small" status={u.behind ? 'exception' : u.perMille >= 1000 ? 'success' : 'normal'} />
        ) : (
          <span className="jn-muted">—</span>
        ),
    },
    { title: t('targets.col.due'), key: 'due', align: 'right', width: 120, render: (_: unknown, u) => num(u.dueByNow) },
    { title: t('targets.col.forecast'), key: 'forecast', align: 'right', width: 150, render: (_: unknown, u) => num(u.forecast) },
    {
      title: t('targets.col.status'),
      key: 'status',
      width: 110,
      filters: [
        { text: t('targets.behind'), value: 'behind' },
        { text: t('targets.onTrack'), value: 'ok' },
      ],
      onFilter: (v, u) => (v === 'behind') === (u.behind && u.target > 0),
      render: (_: unknown, u) =>
        !u.target ? null : u.behind ? (
          <Tag color="error" icon={<WarningOutlined />} data-testid="target-behind">
            {t('targets.behind')}
          </Tag>
        ) : (
          <Tag color="success">{t('targets.onTrack')}</Tag>
        ),
    },
  ];

  return (
    <PageContainer
      title={t('targets.title')}
      subTitle={t('targets.subtitle')}
      menuKey="/targets"
      extra={
        canManage ? (
          <Button type="primary" icon={<EditOutlined />} onClick={() => setEditing((e) => !e)} data-testid="targets-edit">
            {t('targets.edit')}
          </Button>
        ) : undefined
      }
    >
      <Flex vertical gap={16}>
        <Card variant="borderless" className="jn-card">
          <Flex justify="space-between" align="center" wrap gap={12}>
            <Flex gap={12} wrap align="center">
              <Select<number>
                value={year}
                onChange={(y) => set({ year: String(y) })}
                style={{ width: 130 }}
                options={YEARS.map((y) => ({ value: y, label: t('targets.yearValue', { year: y }) }))}
                data-testid="targets-year"
              />
              <Select<MonthBasis>
                value={basis}
                onChange={(b) => set({ basis: b === 'calendar' ? undefined : b })}
                style={{ width: 190 }}
                options={(['calendar', 'day21'] as const).map((b) => ({ value: b, label: t(`reports.basis.${b}`) }))}
              />
              {data ? <Typography.Text type="secondary">{data.asOfMonth > 0 ? t('targets.asOf', { month: data.asOfMonth }) : t('targets.asOfNone')}</Typography.Text> : null}
            </Flex>
            <Button icon={<ReloadOutlined spin={targets.isFetching} />} onClick={() => void targets.refetch()}>
              {t('common.refresh')}
            </Button>
          </Flex>
        </Card>

        {editing && canManage && data ? <EditTargets year={year} units={data.units} onDone={() => setEditing(false)} /> : null}

        {targets.isError ? (
          <LoadError error={targets.error} onRetry={() => void targets.refetch()} />
        ) : (
          <>
            <Card variant="borderless" className="jn-card" title={t('targets.indicators')} loading={targets.isLoading}>
              <Row gutter={[16, 16]}>
                {(data?.indicators ?? []).map((ind) => (
                  <Col key={ind.code} xs={24} md={12} xl={6}>
                    <IndicatorCard ind={ind} />
                  </Col>
                ))}
              </Row>
              <Typography.Paragraph type="secondary" className="jn-small" style={{ margin: '12px 0 0' }}>
                <InfoCircleOutlined /> {t('targets.ind.note')}
              </Typography.Paragraph>
            </Card>

            <Card variant="borderless" className="jn-card" title={t('targets.units')}>
              <Table<TargetUnit>
                size="middle"
                rowKey="unitCode"
                loading={targets.isLoading}
                columns={columns}
                dataSource={data?.units ?? []}
                pagination={false}
                scroll={{ x: 'max-content' }}
                data-testid="targets-table"
                expandable={{ expandedRowRender: (u) => <MonthlyChart unit={u} label={unitLabel(u.unitCode, u.unitName)} /> }}
                summary={() =>
                  (data?.units.length ?? 0) > 1 ? (
                    <Table.Summary.Row style={{ fontWeight: 600, background: '#fafafa' }}>
                      <Table.Summary.Cell index={0} />
                      <Table.Summary.Cell index={1}>{t('targets.total')}</Table.Summary.Cell>
                      <Table.Summary.Cell index={2} align="right">
                        {num(total.target)}
                      </Table.Summary.Cell>
                      <Table.Summary.Cell index={3} align="right">
                        {num(total.actual)}
                      </Table.Summary.Cell>
                      <Table.Summary.Cell index={4}>
                        <Progress percent={Math.min(100, total.perMille / 10)} format={() => perMilleText(total.perMille)} size="small" />
                      </Table.Summary.Cell>
                      <Table.Summary.Cell index={5} align="right">
                        {num(total.dueByNow)}
                      </Table.Summary.Cell>
                      <Table.Summary.Cell index={6} align="right">
                        {num(total.forecast)}
                      </Table.Summary.Cell>
                      <Table.Summary.Cell index={7} />
                    </Table.Summary.Row>
                  ) : null
                }
              />
              <Typography.Text type="secondary" className="jn-small">
                {t('common.total', { total: formatNumber(data?.units.length ?? 0, locale) })}
              </Typography.Text>
            </Card>
          </>
        )}
      </Flex>
    </PageContainer>
  );
}

function IndicatorCard({ ind }: { ind: Indicator }) {
  const t = useT();
  const value = ind.valuePerMille;
  const goal = ind.targetPercent * 10;
  const desc = t(`targets.ind.${ind.code}Desc`, { actual: ind.actual.toLocaleString('en-US'), base: (ind.base ?? 0).toLocaleString('en-US'), target: (ind.target ?? 0).toLocaleString('en-US') });
  return (
    <Card size="small" style={{ height: '100%' }} data-testid={`indicator-${ind.code}`}>
      <Flex vertical gap={6}>
        <Flex justify="space-between" align="start" gap={8}>
          <Typography.Text type="secondary">{t(`targets.ind.${ind.code}`)}</Typography.Text>
          {value === null ? <Tag>{t('targets.ind.noData')}</Tag> : ind.met ? <Tag color="success">{t('targets.ind.met')}</Tag> : <Tag color="error">{t('targets.ind.notMet')}</Tag>}
        </Flex>
        <Statistic value={value === null ? '—' : perMilleText(value)} styles={{ content: { color: value !== null && !ind.met ? '#cf1322' : undefined } }} />
        <Tooltip title={ind.code === 'trainings' ? t('targets.ind.targetCount', { target: (ind.target ?? 0).toLocaleString('en-US') }) : t('targets.ind.target', { percent: ind.targetPercent })}>
          <Progress percent={value === null ? 0 : Math.min(100, (value * 100) / goal)} showInfo={false} size="small" strokeColor={ind.met ? '#52c41a' : '#fa541c'} />
        </Tooltip>
        <Flex justify="space-between" className="jn-small" wrap gap={4}>
          <span className="jn-muted">{desc}</span>
          <span>{ind.code === 'trainings' ? t('targets.ind.targetCount', { target: (ind.target ?? 0).toLocaleString('en-US') }) : t('targets.ind.target', { percent: ind.targetPercent })}</span>
        </Flex>
      </Flex>
    </Card>
  );
}

function MonthlyChart({ unit, label }: { unit: TargetUnit; label: string }) {
  const t = useT();
  const months = Array.from({ length: 12 }, (_, i) => t('targets.monthly.month', { month: i + 1 }));
  return (
    <div style={{ padding: '4px 8px' }}>
      <Typography.Text strong>{t('targets.monthly', { unit: label })}</Typography.Text>
      <Chart
        height={240}
        testId={`targets-monthly-${unit.unitCode}`}
        option={{
          tooltip: { trigger: 'axis' },
          legend: { top: 0, right: 0 },
          grid: { left: 48, right: 16, top: 32, bottom: 24 },
          xAxis: { type: 'category', data: months },
          yAxis: { type: 'value' },
          series: [
            { name: t('targets.monthly.actual'), type: 'bar', data: unit.byMonth, itemStyle: { color: '#1677ff' }, barMaxWidth: 28 },
            { name: t('targets.monthly.target'), type: 'line', data: unit.monthlyTargets, itemStyle: { color: '#fa8c16' }, smooth: true },
          ],
        }}
      />
    </div>
  );
}

type EditValues = { mode: 'population' | 'units'; total?: number; units?: Record<string, number> };

function EditTargets({ year, units, onDone }: { year: number; units: TargetUnit[]; onDone: () => void }) {
  const t = useT();
  const { locale } = useLocale();
  const { message } = AntApp.useApp();
  const qc = useQueryClient();
  const unitLabel = useUnitLabel();
  const [form] = Form.useForm<EditValues>();
  const mode = Form.useWatch('mode', form) ?? 'population';
  const perUnit = Form.useWatch('units', form) as Record<string, number | null> | undefined;
  const sum = Object.values(perUnit ?? {}).reduce<number>((s, n) => s + (n ?? 0), 0);
  useEffect(() => {
    form.setFieldsValue({ units: Object.fromEntries(units.map((u) => [u.unitCode, u.target])) });
  }, [form, units]);
  const save = useMutation({
    mutationFn: (v: EditValues) => put<{ year: number; units: Record<string, number> }>(`/api/targets/${year}`, v.mode === 'population' ? { total: v.total } : { units: v.units }),
    onSuccess: () => {
      message.success(t('targets.edit.done', { year }));
      void qc.invalidateQueries({ queryKey: ['targets'] });
      void qc.invalidateQueries({ queryKey: ['reports'] });
      onDone();
    },
    onError: (e) => message.error(errorText(e, locale, t)),
  });
  return (
    <Card variant="borderless" className="jn-card" title={t('targets.edit')} data-testid="targets-form">
      <Form<EditValues> form={form} layout="vertical" initialValues={{ mode: 'population', total: units.reduce((s, u) => s + u.target, 0) || 100_000 }} onFinish={(v) => save.mutate(v)}>
        <Form.Item name="mode" label={t('targets.edit.mode')}>
          <Segmented
            options={[
              { value: 'population', label: t('targets.edit.byPopulation') },
              { value: 'units', label: t('targets.edit.perUnit') },
            ]}
          />
        </Form.Item>
        {mode === 'population' ? (
          <Form.Item name="total" label={t('targets.edit.total')} extra={t('targets.edit.totalHelp')} rules={[{ required: true, message: t('targets.edit.required') }]}>
            <InputNumber min={0} max={100_000_000} precision={0} style={{ width: 220 }} data-testid="targets-total" />
          </Form.Item>
        ) : (
          <>
            <Row gutter={[16, 0]}>
              {units.map((u) => (
                <Col key={u.unitCode} xs={12} md={8} xl={6}>
                  <Form.Item name={['units', u.unitCode]} label={unitLabel(u.unitCode, u.unitName)} rules={[{ required: true, message: t('targets.edit.required') }]}>
                    <InputNumber min={0} max={10_000_000} precision={0} style={{ width: '100%' }} />
                  </Form.Item>
                </Col>
              ))}
            </Row>
            <Alert type="info" showIcon title={t('targets.edit.sum', { sum: sum.toLocaleString('en-US') })} style={{ marginBottom: 16 }} />
          </>
        )}
        <Flex gap={8}>
          <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="targets-save">
            {t('targets.edit.submit')}
          </Button>
          <Button onClick={onDone}>{t('common.cancel')}</Button>
        </Flex>
      </Form>
    </Card>
  );
}
