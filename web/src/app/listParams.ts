import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import type { TablePaginationConfig } from 'antd';
import type { Translate } from '../i18n';

export const PAGE_SIZES = [10, 20, 50, 100];

function positiveInt(raw: string | null, fallback: number, max = Number.MAX_SAFE_INTEGER): number {
  const n = Number(raw);
  return Number.isInteger(n) && n > 0 ? Math.min(n, max) : fallback;
}

export type ListPatch = Record<string, string | number | null | undefined>;

/**
 * Table state (page, pageSize, filters) kept in the URL query, so reload, back and shared links keep it.
 * `update({...})` resets to page 1 unless the patch sets the page itself.
 */
export function useListParams(defaultPageSize = 20) {
  const [searchParams, setSearchParams] = useSearchParams();
  const page = positiveInt(searchParams.get('page'), 1);
  const pageSize = positiveInt(searchParams.get('pageSize'), defaultPageSize, 100);

  const param = useCallback((key: string) => searchParams.get(key) ?? undefined, [searchParams]);

  const update = useCallback(
    (patch: ListPatch) => {
      setSearchParams(
        () => {
          // Start from the live address, not this render's copy: two quick updates must not undo each other.
          const next = new URLSearchParams(window.location.search);
          for (const [key, value] of Object.entries(patch)) {
            if (value === undefined || value === null || value === '') next.delete(key);
            else next.set(key, String(value));
          }
          if (!('page' in patch)) next.delete('page');
          if (next.get('page') === '1') next.delete('page');
          if (next.get('pageSize') === String(defaultPageSize)) next.delete('pageSize');
          return next;
        },
        { replace: true },
      );
    },
    [setSearchParams, defaultPageSize],
  );

  return useMemo(() => ({ page, pageSize, param, update }), [page, pageSize, param, update]);
}

/** Server-side pagination settings shared by every list. */
export function paginationConfig(
  t: Translate,
  page: number,
  pageSize: number,
  total: number | undefined,
): TablePaginationConfig {
  return {
    current: page,
    pageSize,
    total: total ?? 0,
    showSizeChanger: true,
    pageSizeOptions: PAGE_SIZES,
    showTotal: (n) => t('common.total', { total: n }),
    showQuickJumper: (total ?? 0) > pageSize * 5,
  };
}
