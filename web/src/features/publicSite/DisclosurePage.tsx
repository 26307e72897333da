import { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Col, Drawer, Empty, Flex, Grid, Progress, Row, Select, Skeleton, Space, Statistic, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { AuditOutlined, CalendarOutlined, FileSearchOutlined } from '@ant-design/icons';
import { useT, type MessageKey } from '../../i18n';
import { get } from '../../app/api';
import { Chart, type ChartOption } from '../../app/Chart';
import { formatDate, formatFen, formatNumber } from '../../app/format';
import { PublicLinks, PublicShell } from '../../app/PublicShell';
import { LoadError } from '../../app/results';
import { FUND_COLORS } from '../claims/labels';
import { perMilleText, PublicHero, useDisclosurePeriods, useDisclosureYear, useNames, usePageTitle } from './shared';
import { FUND_CODES, type DisclosedPeriod, type DisclosedReport, type DisclosureYear, type Figures, type FundCode, type UnitFigures } from './types';

const SUMMARY = 'summary';
/** Figures line up in their column. */
const NUM = { fontVariantNumeric: 'tabular-nums' } as const;

/**
 * 任务完成与资金使用 (/public/disclosure, no sign-in, §17): a year's approved reports — the year's headline figures,
 * trainings and subsidies paid month by month, a table by unit for any approved period, and the list of approved
 * reports with their approval dates, each readable in full. Never live figures.
 */
export default function DisclosurePage() {
  const t = useT();
  const names = useNames();
  const screens = Grid.useBreakpoint();
  const [params, setParams] = useSearchParams();
  usePageTitle(t('publicSite.disclosure.title'));
  const periods = useDisclosurePeriods();
  const years = periods.data?.years ?? [];
  const asked = Number(params.get('year'));
  const year = years.includes(asked) ? asked : years[0];
  const data = useDisclosureYear(year);
  const [opened, setOpened] = useState<string | null>(null);

  const body = (() => {
    if (periods.isError) return <LoadError error={periods.error} onRetry={() => void periods.refetch()} />;
    if (periods.isPending) return <Skeleton active paragraph={{ rows: 8 }} />;
    if (years.length === 0)
      return (
        <Card variant="borderless" className="jn-card">
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('publicSite.disclosure.noneAtAll')} />
        </Card>
      );
    if (data.isError) return <LoadError error={data.error} onRetry={() => void data.refetch()} />;
    if (!data.data) return <Skeleton active paragraph={{ rows: 8 }} />;
    if (!data.data.summary)
      return (
        <Card variant="borderless" className="jn-card">
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('publicSite.disclosure.none')} />
        </Card>
      );
    return <YearView data={data.data} onOpen={setOpened} />;
  })();

  return (
    <PublicShell subtitle={t('publicSite.subtitle')} home="/public" nav={<PublicLinks current="disclosure" />}>
      <PublicHero
        title={t('publicSite.disclosure.heading')}
        intro={t('publicSite.disclosure.intro')}
        extra={
          <Flex align="center" gap={8} wrap style={{ marginTop: 16 }}>
            <Typography.Text type="secondary">{t('publicSite.disclosure.year')}</Typography.Text>
            <Select<number>
              value={year}
              onChange={(y) => setParams({ year: String(y) })}
              disabled={years.length === 0}
              prefix={<CalendarOutlined />}
              style={{ width: screens.sm === false ? '100%' : 150 }}
              options={years.map((y) => ({ value: y, label: t('publicSite.disclosure.yearValue', { year: y }) }))}
              data-testid="disclosure-year"
            />
          </Flex>
        }
      />
      {body}
      <Alert
        type="info"
        showIcon
        icon={<AuditOutlined />}
        style={{ marginTop: 16 }}
        title={t('publicSite.disclosure.policyTitle')}
        description={t('publicSite.disclosure.policy')}
        data-testid="disclosure-policy"
      />
      <ReportDrawer id={opened} onClose={() => setOpened(null)} names={names} />
    </PublicShell>
  );
}

function YearView({ data, onOpen }: { data: DisclosureYear; onOpen: (id: string) => void }) {
  const t = useT();
  const names = useNames();
  const summary = data.summary!;
  const annual = data.periods.find((p) => p.kind === 'annual');
  const total = summary.total;
  return (
    <Flex vertical gap={16}>
      <Card variant="borderless" className="jn-card" data-testid="disclosure-summary">
        <Row gutter={[24, 20]}>
          <Col xs={24} sm={12} lg={6}>
            <Statistic title={t('publicSite.m.trainings')} value={total.trainings} formatter={(v) => formatNumber(Number(v), names.locale)} />
            <Typography.Text type="secondary" className="jn-small">
              {total.target ? t('publicSite.m.ofTarget', { target: formatNumber(total.target, names.locale) }) : t('publicSite.m.noTarget')}
            </Typography.Text>
            {total.target ? (
              <Progress percent={Math.min(100, (total.targetPerMille ?? 0) / 10)} format={() => perMilleText(total.targetPerMille)} size="small" data-testid="disclosure-progress" />
            ) : null}
          </Col>
          <Col xs={12} sm={12} lg={6}>
            <Statistic title={t('publicSite.m.people')} value={total.people ?? '—'} formatter={(v) => (typeof v === 'number' ? formatNumber(v, names.locale) : String(v))} />
            <Typography.Text type="secondary" className="jn-small">
              {t('publicSite.m.employmentRate')} {perMilleText(total.employmentRatePerMille)}
            </Typography.Text>
          </Col>
          <Col xs={12} sm={12} lg={6}>
            <Statistic title={`${t('publicSite.m.completed')} / ${t('publicSite.m.certificates')}`} value={`${formatNumber(total.completed, names.locale)} / ${formatNumber(total.certificates, names.locale)}`} />
          </Col>
          <Col xs={24} sm={12} lg={6}>
            <Statistic title={t('publicSite.m.paid')} value={formatFen(total.paidTotalFen)} data-testid="disclosure-paid" />
            <Typography.Text type="secondary" className="jn-small">
              {t('publicSite.m.living')} {formatFen(total.livingAllowanceFen)}
            </Typography.Text>
          </Col>
        </Row>
        <Typography.Paragraph type="secondary" className="jn-small" style={{ margin: '16px 0 0' }} data-testid="disclosure-source">
          <FileSearchOutlined />{' '}
          {annual
            ? t('publicSite.disclosure.sourceAnnual', { label: names.period(annual), date: formatDate(annual.approvedAt) })
            : t('publicSite.disclosure.sourceMonthly', { months: data.monthsDisclosed, date: summary.asOf })}
        </Typography.Paragraph>
      </Card>
      <Card variant="borderless" className="jn-card" title={t('publicSite.disclosure.chart')}>
        <MonthlyChart data={data} />
      </Card>
      <UnitTable data={data} />
      <ReportsTable data={data} onOpen={onOpen} />
    </Flex>
  );
}

function MonthlyChart({ data }: { data: DisclosureYear }) {
  const t = useT();
  const { locale } = useNames();
  const option = useMemo<ChartOption>(() => {
    const months = Array.from({ length: 12 }, (_, i) => data.periods.find((p) => p.kind === 'monthly' && p.periodKey === `${data.year}-${String(i + 1).padStart(2, '0')}`));
    const wan = (fen: number) => Math.round(fen / 100) / 10_000;
    const label = (i: number) => (locale === 'en' ? new Intl.DateTimeFormat('en-GB', { month: 'short', timeZone: 'UTC' }).format(new Date(Date.UTC(2020, i, 1))) : `${i + 1}月`);
    return {
      color: ['#1d5fd6', '#d9822b', '#0f9f6e'],
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 8, right: 8, top: 48, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: months.map((_, i) => label(i)) },
      yAxis: [
        { type: 'value', name: t('publicSite.disclosure.chartTrainings'), nameTextStyle: { align: 'left' }, minInterval: 1 },
        { type: 'value', name: t('publicSite.disclosure.chartPaid'), nameTextStyle: { align: 'right' }, splitLine: { show: false } },
      ],
      series: [
        { name: t('publicSite.disclosure.chartTrainings'), type: 'bar', barMaxWidth: 28, data: months.map((m) => (m ? m.total.trainings : null)) },
        { name: t('publicSite.disclosure.chartPaid'), type: 'line', yAxisIndex: 1, symbolSize: 6, data: months.map((m) => (m ? wan(m.total.paidTotalFen) : null)) },
        { name: t('publicSite.disclosure.chartLiving'), type: 'line', yAxisIndex: 1, symbolSize: 6, lineStyle: { type: 'dashed' }, data: months.map((m) => (m ? wan(m.total.livingAllowanceFen) : null)) },
      ],
    };
  }, [data, t, locale]);
  return <Chart option={option} height={320} testId="disclosure-chart" />;
}

type UnitRow = (UnitFigures | (Figures & { unitCode: string; unitName: string; unitNameEn: string })) & { isTotal?: boolean };

/** Money columns: each fund that paid anything in the table, then the total and the living allowance (元). */
function moneyColumns(t: ReturnType<typeof useT>, rows: UnitRow[]): ColumnsType<UnitRow> {
  const funds = FUND_CODES.filter((f) => f === 'employment_subsidy' || f === 'skills_account' || rows.some((r) => r.paidFen[f] !== 0));
  const yuan = (fen: number) => <span style={NUM}>{formatFen(fen, false)}</span>;
  return [
    {
      title: `${t('publicSite.m.paid')}${t('publicSite.m.yuan')}`,
      children: [
        ...funds.map((f: FundCode) => ({
          title: (
            <span style={{ whiteSpace: 'nowrap' }}>
              <span style={{ display: 'inline-block', width: 8, height: 8, borderRadius: 4, background: FUND_COLORS[f], marginRight: 6 }} />
              {t(`publicSite.fund.${f}` as MessageKey)}
            </span>
          ),
          key: f,
          align: 'right' as const,
          render: (_: unknown, r: UnitRow) => yuan(r.paidFen[f]),
        })),
        { title: t('publicSite.m.paidTotal'), key: 'paid', align: 'right' as const, render: (_: unknown, r: UnitRow) => <strong>{yuan(r.paidTotalFen)}</strong> },
      ],
    },
    { title: `${t('publicSite.m.living')}${t('publicSite.m.yuan')}`, key: 'living', align: 'right', render: (_: unknown, r: UnitRow) => yuan(r.livingAllowanceFen) },
  ];
}

function UnitTable({ data }: { data: DisclosureYear }) {
  const t = useT();
  const names = useNames();
  const screens = Grid.useBreakpoint();
  const annual = data.periods.find((p) => p.kind === 'annual');
  const [chosen, setChosen] = useState<string | undefined>(undefined);
  const current: string = chosen && (chosen === SUMMARY || data.periods.some((p) => p.id === chosen)) ? chosen : (annual?.id ?? SUMMARY);
  const period: DisclosedPeriod | undefined = data.periods.find((p) => p.id === current);
  const units = period ? period.units : data.summary!.units;
  const total = period ? period.total : data.summary!.total;
  const rows: UnitRow[] = [...units, { ...total, unitCode: 'total', unitName: t('publicSite.m.total'), unitNameEn: t('publicSite.m.total'), isTotal: true }];
  const n = (v: number | null) => (v === null ? '—' : formatNumber(v, names.locale));
  const columns: ColumnsType<UnitRow> = [
    { title: t('publicSite.m.unit'), key: 'unit', fixed: 'left', width: screens.md ? 130 : 92, render: (_: unknown, r) => (r.isTotal ? <strong>{r.unitName}</strong> : names.unit(r)) },
    { title: t('publicSite.m.trainings'), key: 'trainings', align: 'right', render: (_: unknown, r) => n(r.trainings) },
    { title: t('publicSite.m.people'), key: 'people', align: 'right', render: (_: unknown, r) => n(r.people) },
    { title: t('publicSite.m.completed'), key: 'completed', align: 'right', render: (_: unknown, r) => n(r.completed) },
    { title: t('publicSite.m.certificates'), key: 'certificates', align: 'right', render: (_: unknown, r) => n(r.certificates) },
    { title: t('publicSite.m.target'), key: 'target', align: 'right', render: (_: unknown, r) => n(r.target) },
    ...(period && period.kind !== 'annual' ? [{ title: t('publicSite.m.ytd'), key: 'ytd', align: 'right' as const, render: (_: unknown, r: UnitRow) => n(r.ytdTrainings) }] : []),
    { title: t('publicSite.m.progress'), key: 'progress', align: 'right', render: (_: unknown, r) => perMilleText(r.targetPerMille) },
    ...moneyColumns(t, rows),
  ];
  const options = [
    ...(annual ? [] : [{ value: SUMMARY, label: t('publicSite.disclosure.yearToDate') }]),
    ...data.periods.map((p) => ({ value: p.id, label: `${names.period(p)} · ${names.kind(p.kind)}` })),
  ];
  return (
    <Card
      variant="borderless"
      className="jn-card"
      title={t('publicSite.disclosure.byUnit')}
      extra={
        screens.sm === false ? null : (
          <Select<string> value={current} onChange={setChosen} options={options} virtual={false} listHeight={320} style={{ minWidth: 220 }} data-testid="disclosure-period" />
        )
      }
      data-testid="disclosure-units"
    >
      {screens.sm === false ? <Select<string> value={current} onChange={setChosen} options={options} virtual={false} listHeight={320} style={{ width: '100%', marginBottom: 12 }} data-testid="disclosure-period" /> : null}
      <Typography.Paragraph type="secondary" className="jn-small" style={{ marginTop: 0 }} data-testid="disclosure-basis">
        {period
          ? t('publicSite.disclosure.basisOf', { label: names.period(period), kind: names.kind(period.kind), date: formatDate(period.approvedAt) })
          : t('publicSite.disclosure.basisOfSum')}
      </Typography.Paragraph>
      <Table<UnitRow>
        rowKey="unitCode"
        size={screens.md ? 'middle' : 'small'}
        bordered
        columns={columns}
        dataSource={rows}
        pagination={false}
        scroll={{ x: 'max-content' }}
        rowClassName={(r) => (r.isTotal ? 'jn-total-row' : '')}
        onRow={(r) => (r.isTotal ? { style: { background: '#fafbfd', fontWeight: 600 } } : {})}
        data-testid="disclosure-unit-table"
      />
    </Card>
  );
}

function ReportsTable({ data, onOpen }: { data: DisclosureYear; onOpen: (id: string) => void }) {
  const t = useT();
  const names = useNames();
  const screens = Grid.useBreakpoint();
  const n = (v: number | null) => (v === null ? '—' : formatNumber(v, names.locale));
  const color = { monthly: 'blue', quarterly: 'purple', annual: 'gold' } as const;
  const columns: ColumnsType<DisclosedPeriod> = [
    {
      title: t('publicSite.disclosure.col.report'),
      key: 'report',
      fixed: 'left',
      render: (_: unknown, p) => (
        <Space size={6}>
          <span style={{ whiteSpace: 'nowrap' }}>{names.period(p)}</span>
          <Tag color={color[p.kind]} className="jn-tag-tight">
            {names.kind(p.kind)}
          </Tag>
        </Space>
      ),
    },
    { title: t('publicSite.disclosure.col.range'), key: 'range', render: (_: unknown, p) => <span style={{ whiteSpace: 'nowrap' }}>{`${p.from} – ${p.to}`}</span> },
    { title: t('publicSite.m.trainings'), key: 'trainings', align: 'right', render: (_: unknown, p) => n(p.total.trainings) },
    { title: t('publicSite.m.people'), key: 'people', align: 'right', render: (_: unknown, p) => n(p.total.people) },
    { title: t('publicSite.m.completed'), key: 'completed', align: 'right', render: (_: unknown, p) => n(p.total.completed) },
    { title: t('publicSite.m.certificates'), key: 'certificates', align: 'right', render: (_: unknown, p) => n(p.total.certificates) },
    { title: `${t('publicSite.m.paidTotal')}${t('publicSite.m.yuan')}`, key: 'paid', align: 'right', render: (_: unknown, p) => <span style={NUM}>{formatFen(p.total.paidTotalFen, false)}</span> },
    { title: `${t('publicSite.m.living')}${t('publicSite.m.yuan')}`, key: 'living', align: 'right', render: (_: unknown, p) => <span style={NUM}>{formatFen(p.total.livingAllowanceFen, false)}</span> },
    { title: t('publicSite.disclosure.col.approved'), key: 'approved', render: (_: unknown, p) => <span style={{ whiteSpace: 'nowrap' }}>{formatDate(p.approvedAt)}</span> },
    {
      title: '',
      key: 'open',
      render: (_: unknown, p) => (
        <Button type="link" size="small" onClick={() => onOpen(p.id)} data-testid="disclosure-open" style={{ paddingInline: 0 }}>
          {t('publicSite.disclosure.view')}
        </Button>
      ),
    },
  ];
  return (
    <Card variant="borderless" className="jn-card" title={t('publicSite.disclosure.reports')} data-testid="disclosure-reports">
      <Table<DisclosedPeriod>
        rowKey="id"
        size={screens.md ? 'middle' : 'small'}
        columns={columns}
        dataSource={data.periods}
        pagination={false}
        scroll={{ x: 'max-content' }}
        data-testid="disclosure-report-table"
      />
    </Card>
  );
}

type BreakdownRow = DisclosedReport['report']['byCategory'][number];

function ReportDrawer({ id, onClose, names }: { id: string | null; onClose: () => void; names: ReturnType<typeof useNames> }) {
  const t = useT();
  const screens = Grid.useBreakpoint();
  const q = useQuery({
    queryKey: ['public', 'disclosure', 'report', id],
    queryFn: ({ signal }) => get<DisclosedReport>(`/api/public/disclosure/reports/${encodeURIComponent(id ?? '')}`, signal),
    enabled: id !== null,
  });
  const r = q.data;
  const n = (v: number | null) => (v === null ? '—' : formatNumber(v, names.locale));
  const columns = (nameTitle: string): ColumnsType<BreakdownRow> => [
    { title: nameTitle, key: 'name', render: (_: unknown, b) => (names.locale === 'en' ? (r?.namesEn[b.key] ?? b.name) : b.name) },
    { title: t('publicSite.m.trainings'), key: 'trainings', align: 'right', render: (_: unknown, b) => n(b.trainings) },
    { title: t('publicSite.m.people'), key: 'people', align: 'right', render: (_: unknown, b) => n(b.people) },
    { title: t('publicSite.m.certificates'), key: 'certificates', align: 'right', render: (_: unknown, b) => n(b.certificates) },
    { title: `${t('publicSite.m.paidTotal')}${t('publicSite.m.yuan')}`, key: 'paid', align: 'right', render: (_: unknown, b) => <span style={NUM}>{formatFen(b.paidTotalFen, false)}</span> },
  ];
  const section = (title: string, rows: BreakdownRow[], testId: string, nameTitle = t('publicSite.disclosure.col.name')) => (
    <div key={testId}>
      <Typography.Title level={5} style={{ margin: '20px 0 8px' }}>
        {title}
      </Typography.Title>
      <Table<BreakdownRow>
        rowKey="key"
        size="small"
        columns={columns(nameTitle)}
        dataSource={rows}
        onRow={(b) => (b.key === 'total' ? { style: { background: '#fafbfd', fontWeight: 600 } } : {})}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('publicSite.disclosure.empty') }}
        data-testid={testId}
      />
    </div>
  );
  return (
    <Drawer
      open={id !== null}
      onClose={onClose}
      size={screens.md ? 760 : '100%'}
      title={r ? t('publicSite.disclosure.detail', { label: names.period(r), kind: names.kind(r.kind) }) : t('publicSite.disclosure.view')}
      data-testid="disclosure-drawer"
    >
      {q.isError ? (
        <LoadError error={q.error} onRetry={() => void q.refetch()} />
      ) : !r ? (
        <Skeleton active paragraph={{ rows: 8 }} />
      ) : (
        <>
          <Typography.Paragraph type="secondary" className="jn-small">
            {t('publicSite.disclosure.detailMeta', { from: r.from, to: r.to, frozen: formatDate(r.frozenAt), approved: formatDate(r.approvedAt) })}
          </Typography.Paragraph>
          <Row gutter={[16, 16]}>
            <Col xs={12} md={6}>
              <Statistic title={t('publicSite.m.trainings')} value={n(r.report.total.trainings)} />
            </Col>
            <Col xs={12} md={6}>
              <Statistic title={t('publicSite.m.people')} value={n(r.report.total.people)} />
            </Col>
            <Col xs={12} md={6}>
              <Statistic title={t('publicSite.m.subsidisedPeople')} value={n(r.report.total.subsidisedPeople)} />
            </Col>
            <Col xs={12} md={6}>
              <Statistic title={t('publicSite.m.employmentRate')} value={perMilleText(r.report.total.employmentRatePerMille)} />
            </Col>
          </Row>
          {section(
            t('publicSite.disclosure.byUnit'),
            [...r.report.units.map((u) => ({ ...u, key: u.unitCode, name: u.unitName })), { ...r.report.total, key: 'total', name: t('publicSite.m.total') }],
            'drawer-by-unit',
            t('publicSite.m.unit'),
          )}
          {section(t('publicSite.disclosure.byCategory'), r.report.byCategory, 'drawer-by-category')}
          {section(t('publicSite.disclosure.byTrainingType'), r.report.byTrainingType, 'drawer-by-training-type')}
          {section(t('publicSite.disclosure.byCertificate'), r.report.byCertificate, 'drawer-by-certificate')}
        </>
      )}
    </Drawer>
  );
}
