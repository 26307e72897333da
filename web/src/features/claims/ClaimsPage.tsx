import { Link } from 'react-router-dom';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Alert, Badge, Button, Card, Flex, Select, Tabs, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { CalculatorOutlined, FileDoneOutlined } from '@ant-design/icons';
import { useT } from '../../i18n';
import { get, withQuery } from '../../app/api';
import { useMe } from '../../app/auth';
import { formatDate, formatFen } from '../../app/format';
import { ListToolbar, SearchBox } from '../../app/ListToolbar';
import { useListParams } from '../../app/listParams';
import { PageContainer } from '../../app/PageContainer';
import { PagedTable } from '../../app/PagedTable';
import { useUnitLabel } from '../../app/units';
import type { Me, Paged } from '../../app/types';
import { ClaimStatusTag } from './labels';
import { CLAIM_STATUSES, type ClaimStatus, type ClaimSummary } from './types';

/** The queue each role works from: the status its next step starts at. */
export function todoStatus(me: Me): ClaimStatus | null {
  if (me.role === 'county_office' && me.actions.includes('claim.review')) return 'submitted';
  if (me.role === 'city_office' && me.actions.includes('claim.review')) return 'announcing';
  if (me.role === 'finance' && me.actions.includes('claim.pay')) return 'approved';
  if ((me.role === 'institution' || me.role === 'enterprise') && me.actions.includes('claim.submit')) return 'returned';
  return null;
}

export const CLAIM_YEARS = (() => {
  const last = Number(formatDate(new Date().toISOString()).slice(0, 4));
  return Array.from({ length: Math.max(1, last - 2019 + 1) }, (_, i) => last - i);
})();

/** 补贴申领: the claims in the caller's scope, by status, with the role's work queue first. */
export default function ClaimsPage() {
  const t = useT();
  const me = useMe();
  const unitLabel = useUnitLabel();
  const list = useListParams();
  const todo = todoStatus(me);
  const q = list.param('q');
  const rawStatus = list.param('status');
  const status = CLAIM_STATUSES.find((s) => s === rawStatus);
  const rawYear = Number(list.param('year'));
  const year = CLAIM_YEARS.includes(rawYear) ? rawYear : undefined;
  const isClaimant = me.role === 'institution' || me.role === 'enterprise';

  const params = { status, year, q, page: list.page, pageSize: list.pageSize };
  const query = useQuery({
    queryKey: ['claims', 'list', params],
    queryFn: ({ signal }) => get<Paged<ClaimSummary>>(withQuery('/api/claims', params), signal),
    placeholderData: keepPreviousData,
  });
  const todoCount = useQuery({
    queryKey: ['claims', 'list', { status: todo, count: true }],
    queryFn: ({ signal }) => get<Paged<ClaimSummary>>(withQuery('/api/claims', { status: todo, pageSize: 1 }), signal),
    enabled: todo !== null,
    select: (body) => body.total,
  });

  const detailPath = (row: ClaimSummary) => `/claims/${encodeURIComponent(row.id)}`;

  const columns: TableColumnsType<ClaimSummary> = [
    {
      title: t('claim.col.class'),
      dataIndex: 'className',
      key: 'class',
      width: 280,
      render: (name: string, row) => (
        <Flex vertical gap={2} className="jn-class-cell">
          <Link to={detailPath(row)} className="jn-strong-link jn-class-name" data-testid="claim-link">
            {name}
          </Link>
          <Typography.Text type="secondary" className="jn-small jn-mono">
            {row.classCode}
            {row.round > 1 ? ` · ${t('claim.roundValue', { round: row.round })}` : ''}
          </Typography.Text>
        </Flex>
      ),
    },
    ...(isClaimant
      ? []
      : [
          {
            title: t('claim.col.org'),
            key: 'org',
            render: (_: unknown, row: ClaimSummary) => (
              <Flex vertical gap={2}>
                <span className="jn-class-name">{row.orgName}</span>
                <Typography.Text type="secondary" className="jn-small">
                  {unitLabel(row.unitCode, row.unitName)}
                </Typography.Text>
              </Flex>
            ),
          },
        ]),
    { title: t('claim.col.year'), dataIndex: 'year', key: 'year', width: 70 },
    {
      title: t('claim.col.amount'),
      dataIndex: 'totalFen',
      key: 'total',
      width: 140,
      align: 'right',
      render: (fen: number) => <span className="jn-mono jn-amount-cell">{formatFen(fen)}</span>,
    },
    {
      title: t('claim.col.status'),
      dataIndex: 'status',
      key: 'status',
      width: 120,
      render: (s: ClaimStatus, row) => <ClaimStatusTag status={s} name={row.statusName} />,
    },
    {
      title: t('claim.col.dates'),
      key: 'dates',
      width: 210,
      render: (_: unknown, row) => (
        <Flex vertical gap={0} className="jn-small">
          <span>
            <span className="jn-muted">{t('claim.col.submittedShort')}</span> <span className="jn-mono">{row.submittedAt ? formatDate(row.submittedAt) : '—'}</span>
          </span>
          {row.announcedOn ? (
            <span>
              <span className="jn-muted">{t('claim.col.announcedShort')}</span>{' '}
              <span className="jn-mono">
                {row.announcedOn.slice(5)} – {row.windowEnd?.slice(5)}
              </span>
            </span>
          ) : null}
        </Flex>
      ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 90,
      fixed: 'right',
      render: (_: unknown, row) => <Link to={detailPath(row)}>{row.status === todo ? t('claim.handle') : t('common.view')}</Link>,
    },
  ];

  const tabKey = status ?? 'all';
  const tabItems = [
    { key: 'all', label: t('claim.tab.all') },
    ...CLAIM_STATUSES.map((s) => ({
      key: s,
      label: (
        <span data-testid={`claim-status-tab-${s}`}>
          {t(`claim.status.${s}`)}
          {s === todo && (todoCount.data ?? 0) > 0 ? <Badge count={todoCount.data} size="small" className="jn-view-badge" /> : null}
        </span>
      ),
    })),
  ];
  const filtered = Boolean(q || year);

  return (
    <PageContainer
      title={t('claim.title')}
      subTitle={t('claim.subtitle')}
      extra={
        me.role === 'city_office' && me.actions.includes('claim.review') ? (
          <Link to="/claims/whatif">
            <Button icon={<CalculatorOutlined />}>{t('menu.whatif')}</Button>
          </Link>
        ) : undefined
      }
    >
      <Card variant="borderless" className="jn-card">
        {isClaimant && me.actions.includes('claim.submit') ? (
          <Alert
            type="info"
            showIcon
            icon={<FileDoneOutlined />}
            className="jn-list-hint"
            title={t('claim.howToSubmit')}
            action={
              <Link to="/classes?status=closed">
                <Button size="small">{t('claim.closedClasses')}</Button>
              </Link>
            }
          />
        ) : null}
        <Tabs
          activeKey={tabKey}
          onChange={(k) => list.update({ status: k === 'all' ? undefined : k })}
          items={tabItems}
          className="jn-status-tabs"
          data-testid="claim-status-tabs"
        />
        <ListToolbar
          onReset={filtered ? () => list.update({ q: undefined, year: undefined }) : undefined}
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
            data-testid="claim-year-filter"
          />
        </ListToolbar>
        <PagedTable<ClaimSummary>
          rowKey="id"
          columns={columns}
          query={query}
          list={list}
          filtered={filtered}
          emptyText={status ? t('claim.emptyStatus', { status: t(`claim.status.${status}`) }) : t('claim.empty')}
          data-testid="claim-table"
        />
      </Card>
    </PageContainer>
  );
}
