import { Link } from 'react-router-dom';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Card, Empty, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useT } from '../../i18n';
import { get, withQuery } from '../../app/api';
import { ListToolbar, SearchBox } from '../../app/ListToolbar';
import { paginationConfig, useListParams } from '../../app/listParams';
import { PageContainer } from '../../app/PageContainer';
import { LoadError } from '../../app/results';
import { UnitSelect, useUnitLabel } from '../../app/units';
import type { OrgKind, OrgRow, Paged } from '../../app/types';
import { HighRiskTag, OrgStatusTag, institutionKindLabel } from './labels';

export default function OrganisationsPage({ kind }: { kind: OrgKind }) {
  const t = useT();
  const unitLabel = useUnitLabel();
  const list = useListParams();
  const q = list.param('q');
  const unitCode = list.param('unitCode');
  const isInstitution = kind === 'institution';

  const query = useQuery({
    queryKey: ['organisations', 'list', { kind, page: list.page, pageSize: list.pageSize, q, unitCode }],
    queryFn: ({ signal }) =>
      get<Paged<OrgRow>>(
        withQuery('/api/organisations', { kind, page: list.page, pageSize: list.pageSize, q, unitCode }),
        signal,
      ),
    placeholderData: keepPreviousData,
  });

  const none = <Typography.Text type="secondary">{t('common.none')}</Typography.Text>;
  const detailPath = (row: OrgRow) => `/organisations/${encodeURIComponent(row.id)}`;

  const columns: TableColumnsType<OrgRow> = [
    {
      title: t('orgs.col.name'),
      dataIndex: 'name',
      key: 'name',
      render: (name: string, row) => (
        <Link to={detailPath(row)} className="jn-strong-link">
          {name}
        </Link>
      ),
    },
    {
      title: t('orgs.col.creditCode'),
      dataIndex: 'creditCode',
      key: 'creditCode',
      render: (v: string) => <span className="jn-mono">{v}</span>,
    },
    isInstitution
      ? {
          title: t('orgs.col.institutionKind'),
          dataIndex: 'institutionKind',
          key: 'institutionKind',
          render: (v: string | null) => institutionKindLabel(t, v) ?? none,
        }
      : {
          title: t('orgs.col.industry'),
          dataIndex: 'industry',
          key: 'industry',
          render: (v: string | null, row) => (
            <span>
              {v ?? none} {row.highRisk ? <HighRiskTag /> : null}
            </span>
          ),
        },
    {
      title: t('orgs.col.unit'),
      dataIndex: 'unitCode',
      key: 'unit',
      render: (_: string, row) => unitLabel(row.unitCode, row.unitName, row.unitNameEn),
    },
    {
      title: t('orgs.col.status'),
      dataIndex: 'status',
      key: 'status',
      width: 110,
      render: (_: string, row) => <OrgStatusTag status={row.status} />,
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 90,
      fixed: 'right',
      render: (_: unknown, row) => <Link to={detailPath(row)}>{t('common.view')}</Link>,
    },
  ];

  const filtered = Boolean(q || unitCode);
  const title = isInstitution ? t('orgs.institutions.title') : t('orgs.enterprises.title');

  return (
    <PageContainer
      title={title}
      subTitle={isInstitution ? t('orgs.institutions.subtitle') : t('orgs.enterprises.subtitle')}
    >
      <Card variant="borderless" className="jn-card">
        <ListToolbar
          onReset={filtered ? () => list.update({ q: undefined, unitCode: undefined }) : undefined}
          onRefresh={() => void query.refetch()}
          refreshing={query.isFetching}
        >
          <SearchBox value={q} placeholder={t('orgs.searchPlaceholder')} onSearch={(v) => list.update({ q: v })} />
          <UnitSelect value={unitCode} onChange={(code) => list.update({ unitCode: code })} testId="unit-filter" />
        </ListToolbar>
        {query.isError ? (
          <LoadError error={query.error} onRetry={() => void query.refetch()} />
        ) : (
          <Table<OrgRow>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={query.data?.items ?? []}
            loading={query.isFetching}
            scroll={{ x: 'max-content' }}
            pagination={paginationConfig(t, list.page, list.pageSize, query.data?.total)}
            locale={{
              emptyText: (
                <Empty
                  image={Empty.PRESENTED_IMAGE_SIMPLE}
                  description={filtered ? t('common.emptyFiltered') : t('common.empty')}
                />
              ),
            }}
            onChange={(pagination) => list.update({ page: pagination.current, pageSize: pagination.pageSize })}
          />
        )}
      </Card>
    </PageContainer>
  );
}
