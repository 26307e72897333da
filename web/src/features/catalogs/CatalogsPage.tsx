import { useMemo, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Empty, Segmented, Select, Space, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { BranchesOutlined, EyeOutlined, PlusOutlined } from '@ant-design/icons';
import { useLocale, useT } from '../../i18n';
import { get } from '../../app/api';
import { formatDateTime } from '../../app/format';
import { ListToolbar } from '../../app/ListToolbar';
import { PageContainer } from '../../app/PageContainer';
import { LoadError } from '../../app/results';
import type { Catalog, CatalogKind } from '../../app/types';
import { CreateCatalogModal } from './CatalogModals';
import { CATALOG_KINDS, CatalogStatusTag, catalogKindLabel } from './labels';

type KindFilter = 'all' | CatalogKind;

/** Newest year first, then projects before institutions, then the newest version first. */
function byYearKindVersion(a: Catalog, b: Catalog): number {
  return b.year - a.year || CATALOG_KINDS.indexOf(a.kind) - CATALOG_KINDS.indexOf(b.kind) || b.version - a.version;
}

/** 培训目录: every version of the annual catalogs, drafts included (§12). */
export default function CatalogsPage() {
  const t = useT();
  const { locale } = useLocale();
  const navigate = useNavigate();
  const [year, setYear] = useState<number | undefined>(undefined);
  const [kind, setKind] = useState<KindFilter>('all');
  const [creating, setCreating] = useState(false);
  const [base, setBase] = useState<Catalog | null>(null);

  const query = useQuery({
    queryKey: ['catalogs', 'list'],
    queryFn: ({ signal }) => get<{ items: Catalog[] }>('/api/catalogs', signal),
    select: (body) => body.items,
  });

  const all = query.data;
  const years = useMemo(() => [...new Set((all ?? []).map((c) => c.year))].sort((a, b) => b - a), [all]);
  const rows = useMemo(
    () =>
      (all ?? [])
        .filter((c) => (year === undefined || c.year === year) && (kind === 'all' || c.kind === kind))
        .sort(byYearKindVersion),
    [all, year, kind],
  );
  const publishedCount = (all ?? []).filter((c) => c.status === 'published').length;

  const openCreate = (from: Catalog | null) => {
    setBase(from);
    setCreating(true);
  };

  const columns: TableColumnsType<Catalog> = [
    {
      title: t('catalog.year'),
      dataIndex: 'year',
      key: 'year',
      width: 100,
      render: (v: number) => <Typography.Text strong>{v}</Typography.Text>,
    },
    {
      title: t('catalog.kind'),
      dataIndex: 'kind',
      key: 'kind',
      width: 120,
      render: (v: CatalogKind) => catalogKindLabel(t, v),
    },
    {
      title: t('catalog.name'),
      dataIndex: 'title',
      key: 'title',
      render: (title: string, row) => (
        <Link to={`/catalogs/${encodeURIComponent(row.id)}`} className="jn-strong-link" data-testid="catalog-link">
          {title}
        </Link>
      ),
    },
    {
      title: t('catalog.version'),
      dataIndex: 'version',
      key: 'version',
      width: 90,
      render: (v: number) => t('catalog.versionValue', { version: v }),
    },
    {
      title: t('catalog.status'),
      dataIndex: 'status',
      key: 'status',
      width: 110,
      render: (v: Catalog['status']) => <CatalogStatusTag status={v} />,
    },
    {
      title: t('catalog.createdAt'),
      dataIndex: 'createdAt',
      key: 'createdAt',
      render: (v: string) => <span className="jn-nowrap">{formatDateTime(v, locale)}</span>,
    },
    {
      title: t('catalog.publishedAt'),
      dataIndex: 'publishedAt',
      key: 'publishedAt',
      render: (v: string | null) =>
        v ? <span className="jn-nowrap">{formatDateTime(v, locale)}</span> : <span className="jn-muted">{t('common.none')}</span>,
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 200,
      render: (_: unknown, row) => (
        <Space size={4}>
          <Button
            type="link"
            size="small"
            icon={<EyeOutlined />}
            onClick={() => navigate(`/catalogs/${encodeURIComponent(row.id)}`)}
          >
            {t('common.view')}
          </Button>
          {row.status === 'published' ? (
            <Button
              type="link"
              size="small"
              icon={<BranchesOutlined />}
              onClick={() => openCreate(row)}
              data-testid="catalog-new-version"
            >
              {t('catalog.newVersion')}
            </Button>
          ) : null}
        </Space>
      ),
    },
  ];

  return (
    <PageContainer
      title={t('catalog.title')}
      subTitle={t('catalog.subtitle')}
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => openCreate(null)} data-testid="catalog-create">
          {t('catalog.create')}
        </Button>
      }
    >
      <Card variant="borderless" className="jn-card">
        <ListToolbar
          onRefresh={() => void query.refetch()}
          refreshing={query.isFetching}
          extra={
            all ? (
              <Typography.Text type="secondary" className="jn-small">
                {t('catalog.count', { total: all.length, published: publishedCount })}
              </Typography.Text>
            ) : null
          }
        >
          <Select<number>
            value={year}
            onChange={(v) => setYear(v ?? undefined)}
            allowClear
            placeholder={t('catalog.allYears')}
            style={{ width: 140 }}
            options={years.map((y) => ({ value: y, label: t('catalog.yearValue', { year: y }) }))}
            data-testid="catalog-year-filter"
          />
          <Segmented<KindFilter>
            value={kind}
            onChange={setKind}
            options={[
              { value: 'all', label: t('catalog.allKinds') },
              ...CATALOG_KINDS.map((k) => ({ value: k, label: catalogKindLabel(t, k) })),
            ]}
            data-testid="catalog-kind-filter"
          />
        </ListToolbar>
        {query.isError ? (
          <LoadError error={query.error} onRetry={() => void query.refetch()} />
        ) : (
          <Table<Catalog>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={rows}
            loading={query.isPending}
            scroll={{ x: 'max-content' }}
            rowClassName={(row) => (row.status === 'superseded' ? 'jn-row-muted' : '')}
            pagination={rows.length > 20 ? { defaultPageSize: 20, showTotal: (n) => t('common.total', { total: n }) } : false}
            data-testid="catalog-table"
            locale={{
              emptyText: (
                <Empty
                  image={Empty.PRESENTED_IMAGE_SIMPLE}
                  description={year !== undefined || kind !== 'all' ? t('common.emptyFiltered') : t('catalog.empty')}
                >
                  {year === undefined && kind === 'all' ? (
                    <Button type="primary" icon={<PlusOutlined />} onClick={() => openCreate(null)}>
                      {t('catalog.create')}
                    </Button>
                  ) : null}
                </Empty>
              ),
            }}
          />
        )}
      </Card>
      <CreateCatalogModal open={creating} base={base} onClose={() => setCreating(false)} />
    </PageContainer>
  );
}
