import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Card, Flex, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import type { SortOrder } from 'antd/es/table/interface';
import { CloudUploadOutlined, UserAddOutlined } from '@ant-design/icons';
import { useT } from '../../i18n';
import { get, withQuery } from '../../app/api';
import { useMe } from '../../app/auth';
import { ageFrom } from '../../app/format';
import { ListToolbar, SearchBox } from '../../app/ListToolbar';
import { useListParams } from '../../app/listParams';
import { PageContainer } from '../../app/PageContainer';
import { PagedTable } from '../../app/PagedTable';
import { UnitSelect, useUnitLabel } from '../../app/units';
import type { Paged, WorkerRow } from '../../app/types';
import { CategorySelect } from './labels';
import { WorkerFormModal } from './WorkerFormModal';

const SORTS = ['name', '-name', 'birthDate', '-birthDate'] as const;
type Sort = (typeof SORTS)[number];

function orderOf(sort: Sort | undefined, field: 'name' | 'birthDate'): SortOrder {
  if (sort === field) return 'ascend';
  if (sort === `-${field}`) return 'descend';
  return null;
}

export default function WorkersPage() {
  const t = useT();
  const me = useMe();
  const navigate = useNavigate();
  const unitLabel = useUnitLabel();
  const list = useListParams();
  const [registering, setRegistering] = useState(false);
  const q = list.param('q');
  const unitCode = list.param('unitCode');
  const category = list.param('category');
  const rawSort = list.param('sort');
  const sort = SORTS.find((s) => s === rawSort);

  const query = useQuery({
    queryKey: ['workers', 'list', { page: list.page, pageSize: list.pageSize, q, unitCode, category, sort }],
    queryFn: ({ signal }) =>
      get<Paged<WorkerRow>>(
        withQuery('/api/workers', { page: list.page, pageSize: list.pageSize, q, unitCode, category, sort }),
        signal,
      ),
    placeholderData: keepPreviousData,
  });

  const columns: TableColumnsType<WorkerRow> = [
    {
      title: t('workers.col.name'),
      dataIndex: 'name',
      key: 'name',
      sorter: true,
      sortOrder: orderOf(sort, 'name'),
      render: (name: string, row) => (
        <Link to={`/workers/${encodeURIComponent(row.id)}`} className="jn-strong-link">
          {name}
        </Link>
      ),
    },
    {
      title: t('workers.col.gender'),
      dataIndex: 'gender',
      key: 'gender',
      width: 90,
      render: (g: WorkerRow['gender']) => (
        <Tag color={g === 'F' ? 'magenta' : 'blue'} variant="filled">
          {t(`workers.gender.${g}`)}
        </Tag>
      ),
    },
    {
      title: t('workers.col.birthDate'),
      dataIndex: 'birthDate',
      key: 'birthDate',
      sorter: true,
      sortOrder: orderOf(sort, 'birthDate'),
      render: (d: string) => {
        const age = ageFrom(d);
        return (
          <span>
            {d}
            {age !== null ? (
              <Typography.Text type="secondary" className="jn-small" style={{ marginInlineStart: 8 }}>
                {t('workers.ageValue', { age })}
              </Typography.Text>
            ) : null}
          </span>
        );
      },
    },
    {
      title: t('workers.col.idNumber'),
      dataIndex: 'idNumberMasked',
      key: 'idNumber',
      render: (v: string) => <span className="jn-mono">{v}</span>,
    },
    {
      title: t('workers.col.phone'),
      dataIndex: 'phoneMasked',
      key: 'phone',
      render: (v: string | null) =>
        v ? <span className="jn-mono">{v}</span> : <Typography.Text type="secondary">{t('common.none')}</Typography.Text>,
    },
    {
      title: t('workers.col.unit'),
      dataIndex: 'unitCode',
      key: 'unit',
      render: (_: string, row) => unitLabel(row.unitCode, row.unitName, row.unitNameEn),
    },
    {
      title: t('workers.col.township'),
      dataIndex: 'townshipName',
      key: 'township',
      render: (v: string | null) => v ?? <Typography.Text type="secondary">{t('common.none')}</Typography.Text>,
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 90,
      fixed: 'right',
      render: (_: unknown, row) => <Link to={`/workers/${encodeURIComponent(row.id)}`}>{t('common.view')}</Link>,
    },
  ];

  const filtered = Boolean(q || unitCode || category);
  const canWrite = me.actions.includes('worker.write');
  const canImport = me.actions.includes('worker.import');

  return (
    <PageContainer
      title={t('workers.title')}
      subTitle={t('workers.subtitle')}
      extra={
        canWrite || canImport ? (
          <Flex gap={8} wrap>
            {canImport ? (
              <Button icon={<CloudUploadOutlined />} onClick={() => navigate('/imports')} data-testid="worker-import">
                {t('workers.import')}
              </Button>
            ) : null}
            {canWrite ? (
              <Button
                type="primary"
                icon={<UserAddOutlined />}
                onClick={() => setRegistering(true)}
                data-testid="worker-register"
              >
                {t('workers.register')}
              </Button>
            ) : null}
          </Flex>
        ) : undefined
      }
    >
      <Card variant="borderless" className="jn-card">
        <ListToolbar
          onReset={
            filtered || sort
              ? () => list.update({ q: undefined, unitCode: undefined, category: undefined, sort: undefined })
              : undefined
          }
          onRefresh={() => void query.refetch()}
          refreshing={query.isFetching}
        >
          <SearchBox value={q} placeholder={t('workers.searchPlaceholder')} onSearch={(v) => list.update({ q: v })} />
          <UnitSelect value={unitCode} onChange={(code) => list.update({ unitCode: code })} testId="unit-filter" />
          <CategorySelect
            value={category}
            onChange={(code) => list.update({ category: code })}
            allowClear
            placeholder={t('workers.filter.category')}
            style={{ minWidth: 220 }}
            testId="category-filter"
          />
        </ListToolbar>
        <PagedTable<WorkerRow>
          rowKey="id"
          columns={columns}
          query={query}
          list={list}
          filtered={filtered}
          onChange={(pagination, _filters, sorter) => {
            const s = Array.isArray(sorter) ? sorter[0] : sorter;
            const field = s?.columnKey === 'name' || s?.columnKey === 'birthDate' ? s.columnKey : undefined;
            const nextSort = field && s?.order ? (s.order === 'descend' ? `-${field}` : field) : undefined;
            const sortChanged = nextSort !== sort;
            list.update({
              page: sortChanged ? undefined : pagination.current,
              pageSize: pagination.pageSize,
              sort: nextSort,
            });
          }}
        />
      </Card>
      {canWrite ? <WorkerFormModal open={registering} onClose={() => setRegistering(false)} /> : null}
    </PageContainer>
  );
}
