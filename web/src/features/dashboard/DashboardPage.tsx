import { useMemo, useState, type ReactNode } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Col, Empty, Flex, Progress, Row, Select, Skeleton, Statistic, Table, Tag, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { AimOutlined, CheckCircleOutlined, FundOutlined, ReloadOutlined, TeamOutlined, WarningOutlined } from '@ant-design/icons';
import { useLocale, useT, type MessageKey } from '../../i18n';
import { get, withQuery } from '../../app/api';
import { Chart, type ChartOption } from '../../app/Chart';
import { formatDateTime, formatFen, formatNumber } from '../../app/format';
import { PageContainer } from '../../app/PageContainer';
import { useRefName } from '../../app/reference';
import { LoadError } from '../../app/results';
import { UnitSelect, useUnitLabel } from '../../app/units';
import { FUND_COLORS } from '../claims/labels';
import type { Dashboard, Flag, InstitutionPerformance } from './types';

const BLUE = '#1d5fd6';
const RED = '#d4380d';
const GREEN = '#0f9f6e';
const GREY = '#e4e7ec';
const AXIS = { color: '#667085' };

/** 666 ‰ → `66.6%` (integers in, text out). */
function perMilleText(pm: number | null | undefined): string {
  if (pm === null || pm === undefined) return '—';
  return `${Math.floor(pm / 10)}.${pm % 10}%`;
}
/** Text for an ECharts tooltip, which is HTML: names come from the records. */
function esc(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
/** Fen as whole 万元 for a chart axis (display only; tooltips show the exact amount). */
const wan = (fen: number) => Math.round(fen / 10_000) / 100;

/** 数据看板: the city and county dashboards (issue #6; 二, 四(一), §9). */
export default function DashboardPage() {
  const t = useT();
  const { locale } = useLocale();
  const unitLabel = useUnitLabel();
  const [year, setYear] = useState<number | undefined>(undefined);
  const [unit, setUnit] = useState<string | undefined>(undefined);

  const years = useQuery({
    queryKey: ['dashboard', 'years'],
    queryFn: ({ signal }) => get<{ years: number[]; latest: number | null }>('/api/dashboard/years', signal),
  });
  const shownYear = year ?? years.data?.latest ?? undefined;
  const dash = useQuery({
    queryKey: ['dashboard', shownYear, unit ?? null],
    queryFn: ({ signal }) => get<Dashboard>(withQuery(`/api/dashboard/${shownYear}`, { unit }), signal),
    enabled: shownYear !== undefined,
    placeholderData: (prev) => prev,
  });
  const d = dash.data;
  const cityWide = d?.cityWide ?? false;
  const scopeName = d ? unitLabel(d.unitCode, d.unitName) : '';

  const extra = (
    <Flex gap={12} wrap align="center">
      <Select<number>
        value={shownYear}
        onChange={setYear}
        style={{ minWidth: 120 }}
        loading={years.isLoading}
        disabled={!years.data?.years.length}
        placeholder={t('dash.yearPick')}
        options={(years.data?.years ?? []).map((y) => ({ value: y, label: t('dash.yearValue', { year: y }) }))}
        data-testid="dash-year"
      />
      {cityWide ? <UnitSelect value={unit} onChange={setUnit} placeholder={t('dash.unitAll')} style={{ minWidth: 220 }} testId="dash-unit" /> : null}
      <Button icon={<ReloadOutlined spin={dash.isFetching} />} onClick={() => void dash.refetch()} disabled={shownYear === undefined}>
        {t('common.refresh')}
      </Button>
    </Flex>
  );

  let body: ReactNode;
  if (years.isError || dash.isError) body = <LoadError error={years.error ?? dash.error} onRetry={() => void (years.isError ? years.refetch() : dash.refetch())} />;
  else if (years.data && years.data.years.length === 0)
    body = (
      <Card variant="borderless" className="jn-card">
        <Empty description={t('dash.noYears')} data-testid="dash-no-years" />
      </Card>
    );
  else if (!d) body = <DashboardSkeleton />;
  else body = <DashboardBody d={d} />;

  return (
    <PageContainer
      title={t('dash.title')}
      subTitle={
        d ? (
          <span data-testid="dash-scope">
            {t('dash.subtitle', { unit: scopeName, year: d.year })}
            <span className="jn-muted"> · {t('dash.generatedAt', { time: formatDateTime(d.generatedAt, locale) })}</span>
          </span>
        ) : undefined
      }
      extra={extra}
    >
      {body}
    </PageContainer>
  );
}

function DashboardSkeleton() {
  return (
    <Flex vertical gap={16}>
      <Row gutter={[16, 16]}>
        {[0, 1, 2, 3].map((i) => (
          <Col key={i} xs={24} sm={12} xl={6}>
            <Card variant="borderless" className="jn-card">
              <Skeleton active paragraph={{ rows: 2 }} />
            </Card>
          </Col>
        ))}
      </Row>
      <Card variant="borderless" className="jn-card">
        <Skeleton active paragraph={{ rows: 8 }} />
      </Card>
    </Flex>
  );
}

function DashboardBody({ d }: { d: Dashboard }) {
  const t = useT();
  const hasData = d.headline.trainings > 0;
  return (
    <Flex vertical gap={16} data-testid="dashboard">
      <Headline d={d} />
      <BehindAlert d={d} />
      {hasData ? (
        <>
          <Row gutter={[16, 16]}>
            <Col xs={24} xl={d.cityWide && d.progress.length > 1 ? 12 : 9}>
              <ProgressCard d={d} />
            </Col>
            <Col xs={24} xl={d.cityWide && d.progress.length > 1 ? 12 : 15}>
              <TrendCard d={d} />
            </Col>
          </Row>
          <Row gutter={[16, 16]}>
            <Col xs={24} xl={10}>
              <CategoryCard d={d} />
            </Col>
            <Col xs={24} xl={14}>
              <FundsCard d={d} />
            </Col>
          </Row>
          <EmploymentCard d={d} />
          <InstitutionsCard d={d} />
        </>
      ) : (
        <Card variant="borderless" className="jn-card">
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('dash.empty', { year: d.year })} data-testid="dash-empty">
            <Typography.Text type="secondary">{t('dash.emptyHint')}</Typography.Text>
          </Empty>
        </Card>
      )}
    </Flex>
  );
}

function StatCard({ icon, color, bg, title, value, suffix, foot, testId, raw }: { icon: ReactNode; color: string; bg: string; title: string; value: ReactNode; suffix?: string; foot: ReactNode; testId: string; raw: number }) {
  return (
    <Card variant="borderless" className="jn-card jn-metric">
      <div className="jn-metric-body">
        <div className="jn-metric-icon" style={{ color, background: bg }}>
          {icon}
        </div>
        <div style={{ minWidth: 0, flex: 1 }}>
          <Statistic
            title={title}
            value={raw}
            formatter={() => (
              <span className="jn-metric-value" data-testid={testId} data-value={String(raw)}>
                {value}
              </span>
            )}
            suffix={suffix ? <span className="jn-metric-suffix">{suffix}</span> : undefined}
          />
          <div className="jn-small jn-muted" style={{ marginTop: 6 }}>
            {foot}
          </div>
        </div>
      </div>
    </Card>
  );
}

function Headline({ d }: { d: Dashboard }) {
  const t = useT();
  const { locale } = useLocale();
  const h = d.headline;
  const employmentOk = h.employmentBase > 0 && h.employmentRatePerMille >= d.employmentRateTargetPerMille;
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} sm={12} xl={6}>
        <StatCard
          icon={<AimOutlined />}
          color={BLUE}
          bg="#e8f0fe"
          title={t('dash.stat.trainings')}
          value={formatNumber(h.trainings, locale)}
          raw={h.trainings}
          suffix={t('dash.stat.trainingsUnit')}
          testId="dash-stat-trainings"
          foot={
            h.target ? (
              <Flex vertical gap={2}>
                <Progress percent={Math.min(100, Math.floor((h.targetPerMille ?? 0) / 10))} size="small" format={() => perMilleText(h.targetPerMille)} strokeColor={d.behindUnits.length ? '#d9822b' : BLUE} style={{ margin: 0 }} />
                <span>{t('dash.stat.target', { target: formatNumber(h.target, locale) })}</span>
              </Flex>
            ) : (
              t('dash.stat.noTarget')
            )
          }
        />
      </Col>
      <Col xs={24} sm={12} xl={6}>
        <StatCard
          icon={<TeamOutlined />}
          color="#0e8a8a"
          bg="#e3f6f5"
          title={t('dash.stat.people')}
          value={formatNumber(h.people, locale)}
          raw={h.people}
          suffix={t('dash.stat.peopleUnit')}
          testId="dash-stat-people"
          foot={t('dash.stat.completedCertified', { completed: formatNumber(h.completed, locale), certificates: formatNumber(h.certificates, locale) })}
        />
      </Col>
      <Col xs={24} sm={12} xl={6}>
        <StatCard
          icon={<CheckCircleOutlined />}
          color={h.employmentBase === 0 ? '#667085' : employmentOk ? GREEN : RED}
          bg={h.employmentBase === 0 ? '#f2f4f7' : employmentOk ? '#e8f5e9' : '#fdecea'}
          title={t('dash.stat.employment')}
          value={<span style={{ color: h.employmentBase === 0 ? undefined : employmentOk ? GREEN : RED }}>{h.employmentBase === 0 ? '—' : perMilleText(h.employmentRatePerMille)}</span>}
          raw={h.employmentRatePerMille}
          testId="dash-stat-employment"
          foot={
            <Flex vertical gap={2}>
              <span>
                <Tag color={h.employmentBase === 0 ? 'default' : employmentOk ? 'green' : 'red'} style={{ marginInlineEnd: 6 }}>
                  {t('dash.stat.employmentTarget', { target: perMilleText(d.employmentRateTargetPerMille) })}
                </Tag>
              </span>
              <span>{t('dash.stat.employmentFoot', { employed: formatNumber(h.employed, locale), base: formatNumber(h.employmentBase, locale) })}</span>
            </Flex>
          }
        />
      </Col>
      <Col xs={24} sm={12} xl={6}>
        <StatCard
          icon={<FundOutlined />}
          color="#8e3bc4"
          bg="#f5ebfb"
          title={t('dash.stat.paid')}
          value={<span className="jn-mono">{formatFen(h.paidTotalFen)}</span>}
          raw={h.paidTotalFen}
          testId="dash-stat-paid"
          foot={t('dash.stat.paidFoot', { people: formatNumber(h.subsidisedPeople, locale), living: formatFen(h.livingAllowanceFen) })}
        />
      </Col>
    </Row>
  );
}

function BehindAlert({ d }: { d: Dashboard }) {
  const t = useT();
  const { locale } = useLocale();
  const unitLabel = useUnitLabel();
  if (d.progress.every((u) => u.target === 0)) return null;
  const behind = d.progress.filter((u) => u.behind);
  const n = (x: number) => formatNumber(x, locale);
  if (behind.length === 0)
    return <Alert type="success" showIcon title={d.progress.length > 1 ? t('dash.behind.none') : t('dash.behind.noneCounty')} description={t('dash.behind.note')} data-testid="dash-behind-none" />;
  if (d.progress.length === 1) {
    const u = behind[0]!;
    return (
      <Alert
        type="warning"
        showIcon
        icon={<WarningOutlined />}
        title={t('dash.behind.one', { unit: unitLabel(u.unitCode, u.unitName), forecast: n(u.forecast), target: n(u.target) })}
        description={t('dash.behind.note')}
        data-testid="dash-behind"
      />
    );
  }
  return (
    <Alert
      type="warning"
      showIcon
      icon={<WarningOutlined />}
      title={t('dash.behind.title', { count: behind.length })}
      data-testid="dash-behind"
      description={
        <Flex vertical gap={6}>
          <Flex wrap gap={6}>
            {behind.map((u) => (
              <Tooltip key={u.unitCode} title={t('dash.behind.item', { unit: unitLabel(u.unitCode, u.unitName), actual: n(u.actual), target: n(u.target), forecast: n(u.forecast) })}>
                <Tag color="orange" data-unit={u.unitCode} style={{ marginInlineEnd: 0 }}>
                  {unitLabel(u.unitCode, u.unitName)} {perMilleText(u.perMille)}
                </Tag>
              </Tooltip>
            ))}
          </Flex>
          <span className="jn-small jn-muted">{t('dash.behind.note')}</span>
        </Flex>
      }
    />
  );
}

function ProgressCard({ d }: { d: Dashboard }) {
  const t = useT();
  const { locale } = useLocale();
  const unitLabel = useUnitLabel();
  const many = d.progress.length > 1;
  const option = useMemo<ChartOption>(() => {
    const units = [...d.progress].reverse();
    const names = units.map((u) => unitLabel(u.unitCode, u.unitName));
    return {
      grid: { left: 8, right: 24, top: 36, bottom: 8, containLabel: true },
      legend: { top: 0, data: [t('dash.progress.actual'), t('dash.progress.forecast'), t('dash.progress.target')] },
      tooltip: {
        trigger: 'axis',
        axisPointer: { type: 'shadow' },
        formatter: (params: { dataIndex: number }[]) => {
          const u = units[params[0]!.dataIndex]!;
          const n = (x: number) => formatNumber(x, locale);
          return [
            `<b>${esc(names[params[0]!.dataIndex]!)}</b> ${u.behind ? `<span style="color:${RED}">${t('dash.progress.behind')}</span>` : ''}`,
            t('dash.tip.pair', { label: t('dash.progress.actual'), value: t('dash.tip.share', { value: n(u.actual), share: perMilleText(u.perMille) }) }),
            t('dash.tip.pair', { label: t('dash.progress.dueByNow'), value: n(u.dueByNow) }),
            t('dash.tip.pair', { label: t('dash.progress.forecast'), value: n(u.forecast) }),
            t('dash.tip.pair', { label: t('dash.progress.target'), value: n(u.target) }),
          ].join('<br/>');
        },
      },
      xAxis: { type: 'value', axisLabel: AXIS, splitLine: { lineStyle: { color: '#f0f0f0' } } },
      yAxis: { type: 'category', data: names, axisLabel: { ...AXIS, fontSize: 12 }, axisTick: { show: false } },
      series: [
        { name: t('dash.progress.target'), type: 'bar', data: units.map((u) => u.target), itemStyle: { color: GREY }, barWidth: 14, barGap: '-100%', z: 1 },
        {
          name: t('dash.progress.actual'),
          type: 'bar',
          data: units.map((u) => ({ value: u.actual, itemStyle: { color: u.behind ? RED : BLUE } })),
          itemStyle: { color: BLUE },
          barWidth: 14,
          z: 3,
          label: { show: true, position: 'right', formatter: (p: { dataIndex: number }) => perMilleText(units[p.dataIndex]!.perMille), color: '#475467', fontSize: 11 },
        },
        { name: t('dash.progress.forecast'), type: 'scatter', data: units.map((u) => u.forecast), symbol: 'diamond', symbolSize: 10, itemStyle: { color: '#d9822b' }, z: 4 },
      ],
    };
  }, [d.progress, t, locale, unitLabel]);

  if (!many) return <UnitProgressCard d={d} />;
  return (
    <Card variant="borderless" className="jn-card" title={t('dash.progress.title')} extra={<span className="jn-small jn-muted">{t('dash.progress.asOf', { month: d.asOfMonth })}</span>} style={{ height: '100%' }}>
      <Chart option={option} height={420} testId="chart-progress" />
    </Card>
  );
}

/** One unit's progress: a dial and the four figures (a bar chart of one bar says less). */
function UnitProgressCard({ d }: { d: Dashboard }) {
  const t = useT();
  const { locale } = useLocale();
  const u = d.progress[0];
  const n = (x: number) => formatNumber(x, locale);
  return (
    <Card variant="borderless" className="jn-card" title={t('dash.progress.titleCounty')} extra={<span className="jn-small jn-muted">{t('dash.progress.asOf', { month: d.asOfMonth })}</span>} style={{ height: '100%' }} data-testid="dash-unit-progress">
      {u ? (
        <Flex vertical align="center" gap={20} style={{ padding: '8px 0' }}>
          <Progress
            type="dashboard"
            percent={Math.min(100, Math.floor(u.perMille / 10))}
            format={() => (
              <Flex vertical align="center" gap={4}>
                <span style={{ fontSize: 26, fontWeight: 600 }}>{perMilleText(u.perMille)}</span>
                <Tag color={u.behind ? 'red' : 'green'} style={{ marginInlineEnd: 0 }}>
                  {u.behind ? t('dash.progress.behind') : t('dash.progress.onTrack')}
                </Tag>
              </Flex>
            )}
            strokeColor={u.behind ? RED : BLUE}
            size={200}
          />
          <Row gutter={[16, 16]} style={{ width: '100%' }}>
            {(
              [
                ['dash.progress.actual', u.actual],
                ['dash.progress.dueByNow', u.dueByNow],
                ['dash.progress.forecast', u.forecast],
                ['dash.progress.target', u.target],
              ] as [MessageKey, number][]
            ).map(([k, v]) => (
              <Col key={k} span={12}>
                <Statistic title={k === 'dash.progress.forecast' && u.behind ? <span style={{ color: RED }}>{t(k)}</span> : t(k)} value={n(v)} valueStyle={{ fontSize: 20 }} />
              </Col>
            ))}
          </Row>
        </Flex>
      ) : null}
    </Card>
  );
}

function TrendCard({ d }: { d: Dashboard }) {
  const t = useT();
  const { locale } = useLocale();
  const option = useMemo<ChartOption>(
    () => ({
      grid: { left: 8, right: 8, top: 48, bottom: 8, containLabel: true },
      legend: { top: 0 },
      tooltip: { trigger: 'axis', valueFormatter: (v: number) => formatNumber(v, locale) },
      xAxis: { type: 'category', data: d.months.map((m) => t('dash.trend.month', { month: Number(m.month.slice(5)) })), axisLabel: AXIS, axisTick: { alignWithLabel: true } },
      yAxis: [
        { type: 'value', name: t('dash.trend.monthly'), nameTextStyle: { ...AXIS, align: 'left' }, axisLabel: AXIS, splitLine: { lineStyle: { color: '#f0f0f0' } } },
        { type: 'value', name: t('dash.trend.cumulative'), nameTextStyle: { ...AXIS, align: 'right' }, axisLabel: AXIS, splitLine: { show: false } },
      ],
      series: [
        { name: t('dash.trend.monthly'), type: 'bar', data: d.months.map((m) => m.trainings), itemStyle: { color: '#8fb3f5', borderRadius: [3, 3, 0, 0] }, barMaxWidth: 28 },
        { name: t('dash.trend.cumulative'), type: 'line', yAxisIndex: 1, data: d.months.map((m, i) => (i < Math.max(d.asOfMonth, lastActive(d)) ? m.cumulative : null)), itemStyle: { color: BLUE }, lineStyle: { width: 3 }, symbolSize: 6 },
        { name: t('dash.trend.cumulativeTarget'), type: 'line', yAxisIndex: 1, data: d.months.map((m) => m.cumulativeTarget), itemStyle: { color: '#98a2b3' }, lineStyle: { type: 'dashed', width: 2 }, symbol: 'none' },
      ],
    }),
    [d, t, locale],
  );
  return (
    <Card variant="borderless" className="jn-card" title={t('dash.trend.title')} style={{ height: '100%' }}>
      <Chart option={option} height={d.cityWide && d.progress.length > 1 ? 420 : 380} testId="chart-trend" />
    </Card>
  );
}

/** Months after the last one with trainings (and after the current one) draw no cumulative point. */
function lastActive(d: Dashboard): number {
  let last = 0;
  d.months.forEach((m, i) => {
    if (m.trainings > 0) last = i + 1;
  });
  return last;
}

function CategoryCard({ d }: { d: Dashboard }) {
  const t = useT();
  const { locale } = useLocale();
  const refName = useRefName();
  const option = useMemo<ChartOption>(
    () => ({
      tooltip: { trigger: 'item', formatter: (p: { name: string; value: number; percent: number }) => `${esc(p.name)}<br/>${t('dash.tip.share', { value: formatNumber(p.value, locale), share: `${p.percent}%` })}` },
      legend: { type: 'scroll', orient: 'vertical', right: 0, top: 'middle', width: 190, textStyle: { width: 170, overflow: 'truncate', color: '#475467' } },
      series: [
        {
          type: 'pie',
          radius: ['42%', '70%'],
          center: ['32%', '50%'],
          avoidLabelOverlap: true,
          itemStyle: { borderColor: '#fff', borderWidth: 2 },
          label: { show: false },
          data: d.categories.map((c) => ({ name: refName(c), value: c.trainings })),
        },
      ],
    }),
    [d.categories, locale, refName, t],
  );
  return (
    <Card variant="borderless" className="jn-card" title={t('dash.category.title')} style={{ height: '100%' }}>
      <Chart option={option} height={300} testId="chart-category" />
      <Typography.Paragraph type="secondary" className="jn-small" style={{ margin: '8px 0 0' }}>
        {t('dash.category.note')}
      </Typography.Paragraph>
    </Card>
  );
}

function FundsCard({ d }: { d: Dashboard }) {
  const t = useT();
  const refName = useRefName();
  const option = useMemo<ChartOption>(
    () => ({
      // The legend is drawn under the chart with each fund's total (the names are long).
      grid: { left: 8, right: 8, top: 36, bottom: 8, containLabel: true },
      tooltip: {
        trigger: 'axis',
        axisPointer: { type: 'shadow' },
        formatter: (params: { dataIndex: number }[]) => {
          const m = d.months[params[0]!.dataIndex]!;
          const lines = d.funds.filter((f) => m.paidFen[f.code] > 0).map((f) => `<span style="display:inline-block;width:8px;height:8px;border-radius:4px;margin-right:6px;background:${FUND_COLORS[f.code] ?? '#98a2b3'}"></span>${t('dash.tip.pair', { label: esc(refName(f)), value: formatFen(m.paidFen[f.code]) })}`);
          return [`<b>${t('dash.trend.month', { month: Number(m.month.slice(5)) })}</b> ${formatFen(m.paidTotalFen)}`, ...lines].join('<br/>');
        },
      },
      xAxis: { type: 'category', data: d.months.map((m) => t('dash.trend.month', { month: Number(m.month.slice(5)) })), axisLabel: AXIS },
      yAxis: { type: 'value', name: t('dash.funds.axis'), nameTextStyle: AXIS, axisLabel: AXIS, splitLine: { lineStyle: { color: '#f0f0f0' } } },
      series: d.funds.map((f) => ({ name: refName(f), type: 'bar', stack: 'paid', barMaxWidth: 28, itemStyle: { color: FUND_COLORS[f.code] }, data: d.months.map((m) => wan(m.paidFen[f.code])) })),
    }),
    [d.months, d.funds, t, refName],
  );
  return (
    <Card
      variant="borderless"
      className="jn-card"
      title={t('dash.funds.title')}
      style={{ height: '100%' }}
      extra={
        <span className="jn-mono jn-small" data-testid="dash-funds-total">
          {formatFen(d.headline.paidTotalFen)}
        </span>
      }
    >
      <Chart option={option} height={300} testId="chart-funds" />
      <Flex wrap gap={16} className="jn-small" style={{ marginTop: 8 }}>
        {d.funds.map((f) => (
          <span key={f.code}>
            <span style={{ display: 'inline-block', width: 8, height: 8, borderRadius: 4, marginRight: 6, background: FUND_COLORS[f.code] }} />
            <span className="jn-muted">{refName(f)}</span> <span className="jn-mono">{formatFen(f.paidFen)}</span>
          </span>
        ))}
      </Flex>
    </Card>
  );
}

function EmploymentCard({ d }: { d: Dashboard }) {
  const t = useT();
  const { locale } = useLocale();
  const unitLabel = useUnitLabel();
  // The city: by unit; a county (one unit): by the institutions that trained in it.
  const byUnit = d.employmentByUnit.length > 1;
  const rows = useMemo(
    () =>
      byUnit
        ? d.employmentByUnit.map((u) => ({ key: u.unitCode, name: unitLabel(u.unitCode, u.unitName), rate: u.employmentRatePerMille, employed: u.employed, base: u.employmentBase }))
        : d.institutions.filter((i) => i.employmentBase > 0).map((i) => ({ key: i.orgId, name: i.name, rate: i.employmentRatePerMille ?? 0, employed: i.employed, base: i.employmentBase })),
    [byUnit, d.employmentByUnit, d.institutions, unitLabel],
  );
  const option = useMemo<ChartOption>(
    () => ({
      grid: { left: 8, right: 72, top: 24, bottom: 8, containLabel: true },
      tooltip: {
        trigger: 'axis',
        axisPointer: { type: 'shadow' },
        formatter: (params: { dataIndex: number }[]) => {
          const r = rows[params[0]!.dataIndex]!;
          return `<b>${esc(r.name)}</b><br/>${t('dash.tip.pair', { label: t('dash.employment.rate'), value: perMilleText(r.rate) })}<br/>${t('dash.stat.employmentFoot', { employed: formatNumber(r.employed, locale), base: formatNumber(r.base, locale) })}`;
        },
      },
      xAxis: {
        type: 'category',
        data: rows.map((r) => r.name),
        axisLabel: { ...AXIS, interval: 0, rotate: rows.length > 8 ? 30 : 0, width: rows.length > 6 ? 120 : 240, overflow: 'truncate' },
        axisTick: { show: false },
      },
      yAxis: { type: 'value', max: 100, axisLabel: { ...AXIS, formatter: '{value}%' }, splitLine: { lineStyle: { color: '#f0f0f0' } } },
      series: [
        {
          name: t('dash.employment.rate'),
          type: 'bar',
          barMaxWidth: 36,
          data: rows.map((r) => ({ value: r.base === 0 ? 0 : r.rate / 10, itemStyle: { color: r.rate >= d.employmentRateTargetPerMille ? GREEN : '#f08c5a', borderRadius: [3, 3, 0, 0] } })),
          label: { show: true, position: 'top', color: '#475467', fontSize: 11, formatter: (p: { dataIndex: number }) => (rows[p.dataIndex]!.base === 0 ? '—' : perMilleText(rows[p.dataIndex]!.rate)) },
          markLine: {
            symbol: 'none',
            silent: true,
            lineStyle: { color: RED, type: 'dashed', width: 1.5 },
            label: { formatter: t('dash.employment.target', { target: perMilleText(d.employmentRateTargetPerMille) }), color: RED, position: 'end' },
            data: [{ yAxis: d.employmentRateTargetPerMille / 10 }],
          },
        },
      ],
    }),
    [rows, d.employmentRateTargetPerMille, t, locale],
  );
  return (
    <Card variant="borderless" className="jn-card" title={byUnit ? t('dash.employment.title') : t('dash.employment.titleCounty')}>
      {rows.length ? <Chart option={option} height={rows.length > 3 ? 320 : 260} testId="chart-employment" /> : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />}
      <Typography.Paragraph type="secondary" className="jn-small" style={{ margin: '8px 0 0' }}>
        {t('dash.employment.note', { months: d.employmentMonths })}
      </Typography.Paragraph>
    </Card>
  );
}

function FlagTag({ flag }: { flag: Flag }) {
  const t = useT();
  const status = flag.code === 'blacklisted' || flag.code === 'suspended';
  return (
    <Tooltip title={t(`dash.flagTip.${flag.code}`, { value: perMilleText(flag.valuePerMille), threshold: perMilleText(flag.thresholdPerMille) })}>
      <Tag color={status ? 'red' : 'orange'} data-flag={flag.code} style={{ marginInlineEnd: 4, cursor: 'help' }}>
        {t(`dash.flag.${flag.code}`)}
      </Tag>
    </Tooltip>
  );
}

function RateCell({ pm, part, whole, bad }: { pm: number | null; part: number; whole: number; bad: boolean }) {
  const t = useT();
  if (pm === null) return <span className="jn-muted">—</span>;
  return (
    <Tooltip title={t('dash.inst.tip.rate', { part, whole })}>
      <span className={`jn-mono${bad ? ' jn-bad' : ''}`}>{perMilleText(pm)}</span>
    </Tooltip>
  );
}

function InstitutionsCard({ d }: { d: Dashboard }) {
  const t = useT();
  const unitLabel = useUnitLabel();
  const th = d.thresholds;
  const flagged = d.institutions.filter((i) => i.flags.length > 0).length;
  const has = (i: InstitutionPerformance, code: Flag['code']) => i.flags.some((f) => f.code === code);
  const byNullable = (f: (i: InstitutionPerformance) => number | null) => (a: InstitutionPerformance, b: InstitutionPerformance) => (f(a) ?? -1) - (f(b) ?? -1);
  const columns: TableColumnsType<InstitutionPerformance> = [
    {
      title: t('dash.inst.col.name'),
      key: 'name',
      fixed: 'left',
      render: (_: unknown, r) => (
        <Flex gap={6} align="center" wrap>
          <span>{r.name}</span>
          {r.orgKind === 'enterprise' ? <Tag style={{ marginInlineEnd: 0 }}>{t('dash.inst.enterprise')}</Tag> : null}
        </Flex>
      ),
      sorter: (a, b) => a.name.localeCompare(b.name, 'zh-CN'),
    },
    ...(d.cityWide && d.progress.length > 1
      ? [{ title: t('dash.inst.col.unit'), key: 'unit', width: 110, render: (_: unknown, r: InstitutionPerformance) => unitLabel(r.orgUnitCode), sorter: (a: InstitutionPerformance, b: InstitutionPerformance) => a.orgUnitCode.localeCompare(b.orgUnitCode) }]
      : []),
    { title: t('dash.inst.col.classes'), dataIndex: 'classes', key: 'classes', align: 'right', width: 80, sorter: (a, b) => a.classes - b.classes },
    { title: t('dash.inst.col.trainings'), dataIndex: 'trainings', key: 'trainings', align: 'right', width: 90, sorter: (a, b) => a.trainings - b.trainings, defaultSortOrder: 'descend' },
    {
      title: t('dash.inst.col.completion'),
      key: 'completion',
      align: 'right',
      width: 100,
      render: (_: unknown, r) => <RateCell pm={r.completionRatePerMille} part={r.completed} whole={r.trainings} bad={has(r, 'low_completion')} />,
      sorter: byNullable((r) => r.completionRatePerMille),
    },
    {
      title: t('dash.inst.col.certification'),
      key: 'certification',
      align: 'right',
      width: 100,
      render: (_: unknown, r) => <RateCell pm={r.certificationRatePerMille} part={r.certificates} whole={r.completed} bad={has(r, 'low_certification')} />,
      sorter: byNullable((r) => r.certificationRatePerMille),
    },
    {
      title: t('dash.inst.col.employment'),
      key: 'employment',
      align: 'right',
      width: 100,
      render: (_: unknown, r) => <RateCell pm={r.employmentRatePerMille} part={r.employed} whole={r.employmentBase} bad={has(r, 'low_employment')} />,
      sorter: byNullable((r) => r.employmentRatePerMille),
    },
    {
      title: t('dash.inst.col.manual'),
      key: 'manual',
      align: 'right',
      width: 100,
      render: (_: unknown, r) => <RateCell pm={r.manualSharePerMille} part={r.manualMarks} whole={r.attendanceRecords} bad={has(r, 'high_manual_share')} />,
      sorter: byNullable((r) => r.manualSharePerMille),
    },
    {
      title: t('dash.inst.col.flags'),
      key: 'flags',
      width: 220,
      render: (_: unknown, r) =>
        r.flags.length ? (
          <Flex wrap gap={4}>
            {r.flags.map((f) => (
              <FlagTag key={f.code} flag={f} />
            ))}
          </Flex>
        ) : (
          <Tag color="green" style={{ marginInlineEnd: 0 }}>
            {t('dash.inst.ok')}
          </Tag>
        ),
      sorter: (a, b) => a.flags.length - b.flags.length,
    },
  ];
  return (
    <Card
      variant="borderless"
      className="jn-card"
      title={t('dash.inst.title')}
      extra={flagged ? <Tag color="orange">{t('dash.inst.flagged', { count: flagged })}</Tag> : null}
    >
      <Table<InstitutionPerformance>
        rowKey="orgId"
        size="middle"
        columns={columns}
        dataSource={d.institutions}
        pagination={d.institutions.length > 10 ? { pageSize: 10, showSizeChanger: false } : false}
        scroll={{ x: 'max-content' }}
        data-testid="dash-institutions"
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('dash.inst.empty')} /> }}
      />
      <Typography.Paragraph type="secondary" className="jn-small" style={{ margin: '12px 0 0' }}>
        {t('dash.inst.note', {
          min: th.minSample,
          completion: perMilleText(th.completionPerMille),
          certification: perMilleText(th.certificationPerMille),
          employment: perMilleText(th.employmentPerMille),
          manual: perMilleText(th.manualSharePerMille),
        })}
      </Typography.Paragraph>
    </Card>
  );
}
