import { useState } from 'react';
import { Link } from 'react-router-dom';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Card, Select, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { TableColumnsType } from 'antd';
import { useT } from '../../i18n';
import { get, withQuery } from '../../app/api';
import { useMe } from '../../app/auth';
import { ListToolbar, SearchBox } from '../../app/ListToolbar';
import { useListParams } from '../../app/listParams';
import { PageContainer } from '../../app/PageContainer';
import { PagedTable } from '../../app/PagedTable';
import { UnitSelect, useUnitLabel } from '../../app/units';
import type { OrgKind, OrgRow, OrgStatus, Paged } from '../../app/types';
import { HighRiskTag, ORG_STATUSES, OrgStatusTag, institutionKindLabel } from './labels';
import { OrgFormModal } from './OrgFormModal';

export default function OrganisationsPage({ kind }: { kind: OrgKind }) {
  const t = useT();
  const unitLabel = useUnitLabel();
  const list = useListParams();
  const q = list.param('q');
  const unitCode = list.param('unitCode');
  const rawStatus = list.param('status');
  const status = ORG_STATUSES.find((s) => s === rawStatus);
  const isInstitution = kind === 'institution';
  const me = useMe();
  const canWrite = me.actions.includes('org.write');
  const [creating, setCreating] = useState(false);

  const query = useQuery({
    queryKey: ['organisations', 'list', { kind, page: list.page, pageSize: list.pageSize, q, unitCode, status }],
    queryFn: ({ signal }) =>
      get<Paged<OrgRow>>(
        withQuery('/api/organisations', { kind, page: list.page, pageSize: list.pageSize, q, unitCode, status }),
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

  const filtered = Boolean(q || unitCode || status);
  const title = isInstitution ? t('orgs.institutions.title') : t('orgs.enterprises.title');

  return (
    <PageContainer
      title={title}
      subTitle={isInstitution ? t('orgs.institutions.subtitle') : t('orgs.enterprises.subtitle')}
      extra={
        canWrite ? (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="org-create">
            {isInstitution ? t('orgs.createInstitution') : t('orgs.createEnterprise')}
          </Button>
        ) : undefined
      }
    >
      <Card variant="borderless" className="jn-card">
        <ListToolbar
          onReset={filtered ? () => list.update({ q: undefined, unitCode: undefined, status: undefined }) : undefined}
          onRefresh={() => void query.refetch()}
          refreshing={query.isFetching}
        >
          <SearchBox value={q} placeholder={t('orgs.searchPlaceholder')} onSearch={(v) => list.update({ q: v })} />
          <UnitSelect value={unitCode} onChange={(code) => list.update({ unitCode: code })} testId="unit-filter" />
          <Select<OrgStatus>
            value={status}
            onChange={(v) => list.update({ status: v })}
            allowClear
            placeholder={t('orgs.filter.status')}
            style={{ minWidth: 140 }}
            options={ORG_STATUSES.map((s) => ({ value: s, label: t(`orgs.status.${s}`) }))}
            data-testid="status-filter"
          />
        </ListToolbar>
        <PagedTable<OrgRow>
          rowKey="id"
          columns={columns}
          query={query}
          list={list}
          filtered={filtered}
        />
      </Card>
      {canWrite ? <OrgFormModal kind={kind} open={creating} onClose={() => setCreating(false)} /> : null}
    </PageContainer>
  );
}
