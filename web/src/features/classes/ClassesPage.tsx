import { Link, useNavigate } from 'react-router-dom';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Badge, Button, Card, Flex, Progress, Segmented, Select, Tag, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { AuditOutlined, ExclamationCircleOutlined, FileAddOutlined, SolutionOutlined, UnorderedListOutlined } from '@ant-design/icons';
import { useT } from '../../i18n';
import { get, withQuery } from '../../app/api';
import { useMe } from '../../app/auth';
import { ListToolbar, SearchBox } from '../../app/ListToolbar';
import { useListParams } from '../../app/listParams';
import { PageContainer } from '../../app/PageContainer';
import { PagedTable } from '../../app/PagedTable';
import { UnitSelect, useUnitLabel } from '../../app/units';
import type { OrgDetail, Paged } from '../../app/types';
import { levelLabel } from '../organisations/labels';
import { ClassStatusTag, classStatusLabel } from './labels';
import { CLASS_STATUSES, type ClassStatus, type ClassSummary } from './types';

type View = 'all' | 'review' | 'assessment';

/** 培训班: the classes in the caller's scope, with the county's review queue and the evaluator's assessment queue. */
export default function ClassesPage() {
  const t = useT();
  const me = useMe();
  const navigate = useNavigate();
  const unitLabel = useUnitLabel();
  const list = useListParams();
  const canReview = me.actions.includes('class.review');
  const canAssess = me.actions.includes('assessment.record');
  // An evaluation body (评价机构) is an institution account but never runs classes (§12): no filing button for it.
  const ownOrg = useQuery({
    queryKey: ['organisations', 'detail', me.orgId],
    queryFn: ({ signal }) => get<{ organisation: OrgDetail }>(`/api/organisations/${encodeURIComponent(me.orgId ?? '')}`, signal),
    enabled: me.role === 'institution' && Boolean(me.orgId) && me.actions.includes('org.read'),
    select: (body) => body.organisation,
    staleTime: 5 * 60 * 1000,
  });
  const canFile = me.actions.includes('class.file') && ownOrg.data?.institutionKind !== 'evaluation';
  const cityWide = me.role !== 'county_office' && (me.role === 'city_office' || me.role === 'finance' || me.role === 'auditor');

  const rawView = list.param('view');
  const view: View = rawView === 'review' && canReview ? 'review' : rawView === 'assessment' && canAssess ? 'assessment' : 'all';
  const q = list.param('q');
  const unitCode = cityWide ? list.param('unitCode') : undefined;
  const rawStatus = list.param('status');
  const status = view === 'all' ? CLASS_STATUSES.find((s) => s === rawStatus) : undefined;

  const params = {
    view: view === 'all' ? undefined : view,
    status,
    unitCode,
    q,
    page: list.page,
    pageSize: list.pageSize,
  };
  const query = useQuery({
    queryKey: ['classes', 'list', params],
    queryFn: ({ signal }) => get<Paged<ClassSummary>>(withQuery('/api/classes', params), signal),
    placeholderData: keepPreviousData,
  });

  // The queue sizes, for the badges on the view switch.
  const reviewCount = useQuery({
    queryKey: ['classes', 'list', { view: 'review', count: true }],
    queryFn: ({ signal }) => get<Paged<ClassSummary>>(withQuery('/api/classes', { view: 'review', pageSize: 1 }), signal),
    enabled: canReview,
    select: (body) => body.total,
  });
  const assessCount = useQuery({
    queryKey: ['classes', 'list', { view: 'assessment', count: true }],
    queryFn: ({ signal }) => get<Paged<ClassSummary>>(withQuery('/api/classes', { view: 'assessment', pageSize: 1 }), signal),
    enabled: canAssess,
    select: (body) => body.total,
  });

  const detailPath = (row: ClassSummary) => `/classes/${encodeURIComponent(row.id)}`;
  const none = <Typography.Text type="secondary">{t('common.none')}</Typography.Text>;

  const columns: TableColumnsType<ClassSummary> = [
    {
      title: t('class.col.name'),
      dataIndex: 'name',
      key: 'name',
      width: 280,
      render: (name: string, row) => (
        <Flex vertical gap={2} className="jn-class-cell">
          <Link to={detailPath(row)} className="jn-strong-link jn-class-name" data-testid="class-link">
            {name}
          </Link>
          <Typography.Text type="secondary" className="jn-small jn-mono">
            {row.code ?? t('class.noCode')}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      title: t('class.col.project'),
      key: 'project',
      render: (_: unknown, row) => (
        <Flex vertical gap={2}>
          <span>
            {row.occupationName ?? row.occupationCode}
            {row.inCatalog ? null : (
              <Tooltip title={t('class.outsideCatalogHint')}>
                <Tag color="orange" className="jn-tag-tight jn-tag-inline">
                  {t('class.outsideCatalog')}
                </Tag>
              </Tooltip>
            )}
          </span>
          <Typography.Text type="secondary" className="jn-small">
            {[row.levelName ?? levelLabel(t, row.levelCode), row.trainingTypeName].filter(Boolean).join(' · ')}
          </Typography.Text>
        </Flex>
      ),
    },
    ...(me.role === 'institution' || me.role === 'enterprise'
      ? []
      : [
          {
            title: t('class.col.org'),
            dataIndex: 'orgName',
            key: 'orgName',
            render: (v: string, row: ClassSummary) => (
              <Flex vertical gap={2}>
                <span>{v}</span>
                <Typography.Text type="secondary" className="jn-small">
                  {unitLabel(row.unitCode, row.unitName, row.unitNameEn)}
                </Typography.Text>
              </Flex>
            ),
          },
        ]),
    {
      title: t('class.col.dates'),
      key: 'dates',
      width: 120,
      render: (_: unknown, row) => (
        <Flex vertical gap={0} className="jn-mono jn-small">
          <span>{row.startDate}</span>
          <span className="jn-muted">{t('class.dateTo', { date: row.endDate })}</span>
        </Flex>
      ),
    },
    {
      title: t('class.col.enrolled'),
      key: 'enrolled',
      width: 130,
      render: (_: unknown, row) => (
        <Flex vertical gap={0} style={{ width: 100 }}>
          <span className="jn-mono">
            {row.enrolled} / {row.capacity}
          </span>
          <Progress
            percent={row.capacity > 0 ? Math.min(100, Math.round((row.enrolled / row.capacity) * 100)) : 0}
            showInfo={false}
            size="small"
          />
        </Flex>
      ),
    },
    ...(view === 'assessment' || (view === 'all' && (me.role === 'city_office' || me.role === 'county_office'))
      ? [
          {
            title: t('class.col.evaluator'),
            dataIndex: 'evaluatorOrgName',
            key: 'evaluator',
            render: (v: string | null) => v ?? none,
          },
        ]
      : []),
    {
      title: t('class.col.status'),
      dataIndex: 'status',
      key: 'status',
      width: 120,
      render: (s: ClassStatus, row) => <ClassStatusTag status={s} name={row.statusName} />,
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 100,
      fixed: 'right',
      render: (_: unknown, row) =>
        view === 'review' ? (
          <Link to={detailPath(row)}>{t('class.reviewIt')}</Link>
        ) : view === 'assessment' ? (
          <Link to={`${detailPath(row)}?tab=results`}>{t('class.assessIt')}</Link>
        ) : (
          <Link to={detailPath(row)}>{t('common.view')}</Link>
        ),
    },
  ];

  const filtered = Boolean(q || unitCode || status);
  const views = [
    { value: 'all' as View, label: t('class.view.all'), icon: <UnorderedListOutlined /> },
    ...(canReview
      ? [
          {
            value: 'review' as View,
            icon: <AuditOutlined />,
            label: (
              <span data-testid="view-review">
                {t('class.view.review')} <Badge count={reviewCount.data ?? 0} size="small" className="jn-view-badge" />
              </span>
            ),
          },
        ]
      : []),
    // Every institution account may record results, but only evaluation bodies are ever assigned: the queue shows
    // once it has something in it (or is open).
    ...(canAssess && ((assessCount.data ?? 0) > 0 || view === 'assessment')
      ? [
          {
            value: 'assessment' as View,
            icon: <SolutionOutlined />,
            label: (
              <span data-testid="view-assessment">
                {t('class.view.assessment')} <Badge count={assessCount.data ?? 0} size="small" className="jn-view-badge" />
              </span>
            ),
          },
        ]
      : []),
  ];

  const viewHint =
    view === 'review' ? t('class.view.reviewHint') : view === 'assessment' ? t('class.view.assessmentHint') : null;

  return (
    <PageContainer
      title={t('class.title')}
      subTitle={t('class.subtitle')}
      extra={
        canFile ? (
          <Button type="primary" icon={<FileAddOutlined />} onClick={() => navigate('/classes/new')} data-testid="class-create">
            {t('class.create')}
          </Button>
        ) : undefined
      }
    >
      <Card variant="borderless" className="jn-card">
        {views.length > 1 ? (
          <Flex align="center" gap={12} wrap className="jn-view-switch">
            <Segmented<View>
              value={view}
              onChange={(v) => list.update({ view: v === 'all' ? undefined : v, status: undefined })}
              options={views}
              data-testid="class-view"
            />
            {viewHint ? (
              <Typography.Text type="secondary" className="jn-small">
                <ExclamationCircleOutlined /> {viewHint}
              </Typography.Text>
            ) : null}
          </Flex>
        ) : null}
        <ListToolbar
          onReset={filtered ? () => list.update({ q: undefined, unitCode: undefined, status: undefined }) : undefined}
          onRefresh={() => void query.refetch()}
          refreshing={query.isFetching}
        >
          <SearchBox value={q} placeholder={t('class.searchPlaceholder')} onSearch={(v) => list.update({ q: v })} />
          {cityWide ? (
            <UnitSelect value={unitCode} onChange={(code) => list.update({ unitCode: code })} testId="unit-filter" />
          ) : null}
          {view === 'all' ? (
            <Select<ClassStatus>
              value={status}
              onChange={(v) => list.update({ status: v })}
              allowClear
              placeholder={t('class.filter.status')}
              style={{ minWidth: 160 }}
              options={CLASS_STATUSES.map((s) => ({ value: s, label: classStatusLabel(t, s) }))}
              data-testid="status-filter"
            />
          ) : null}
        </ListToolbar>
        <PagedTable<ClassSummary>
          rowKey="id"
          columns={columns}
          query={query}
          list={list}
          filtered={filtered}
          emptyText={
            view === 'review' ? t('class.view.reviewEmpty') : view === 'assessment' ? t('class.view.assessmentEmpty') : t('class.empty')
          }
          data-testid="class-table"
        />
      </Card>
    </PageContainer>
  );
}
