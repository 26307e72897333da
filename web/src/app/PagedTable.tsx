import type { ReactNode } from 'react';
import type { UseQueryResult } from '@tanstack/react-query';
import { Empty, Table, type TableProps } from 'antd';
import { useT } from '../i18n';
import { paginationConfig, type useListParams } from './listParams';
import { LoadError } from './results';
import type { Paged } from './types';

type Props<T> = Omit<TableProps<T>, 'dataSource' | 'loading' | 'pagination' | 'locale'> & {
  /** The server-paged query behind the table. */
  query: UseQueryResult<Paged<T>>;
  /** The page's URL list state (page, pageSize). */
  list: ReturnType<typeof useListParams>;
  /** Filters are applied: the empty state says nothing matched rather than nothing exists. */
  filtered: boolean;
  /** The empty state's text when nothing is filtered (e.g. an empty work queue); defaults to 暂无数据. */
  emptyText?: ReactNode;
};

/**
 * A server-paged list as every list page shows it: the load error with a retry, or the table with
 * pagination bound to the URL and an empty state. `onChange` may replace the default page handling.
 */
export function PagedTable<T extends object>({ query, list, filtered, emptyText, onChange, ...table }: Props<T>) {
  const t = useT();
  if (query.isError) return <LoadError error={query.error} onRetry={() => void query.refetch()} />;
  return (
    <Table<T>
      size="middle"
      scroll={{ x: 'max-content' }}
      {...table}
      dataSource={query.data?.items ?? []}
      loading={query.isFetching}
      pagination={paginationConfig(t, list.page, list.pageSize, query.data?.total)}
      locale={{
        emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={filtered ? t('common.emptyFiltered') : (emptyText ?? t('common.empty'))} />,
      }}
      onChange={onChange ?? ((pagination) => list.update({ page: pagination.current, pageSize: pagination.pageSize }))}
    />
  );
}
