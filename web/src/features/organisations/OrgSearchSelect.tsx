import { useState } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Select, Spin } from 'antd';
import { useT } from '../../i18n';
import { get, withQuery } from '../../app/api';
import type { OrgKind, OrgRow, Paged } from '../../app/types';

/**
 * Remote-search select of the institutions or enterprises the user can read (value = organisation id),
 * through the registry list (org.read). `initialLabel` names the current value before any search.
 */
export function OrgSearchSelect({
  kind,
  value,
  onChange,
  initialLabel,
  testId,
}: {
  kind: OrgKind;
  value?: string;
  onChange?: (id: string | undefined) => void;
  initialLabel?: string | null;
  testId?: string;
}) {
  const t = useT();
  const [search, setSearch] = useState('');
  const query = useQuery({
    queryKey: ['organisations', 'search', kind, search],
    queryFn: ({ signal }) =>
      get<Paged<OrgRow>>(withQuery('/api/organisations', { kind, q: search || undefined, pageSize: 20 }), signal),
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
  const options = (query.data?.items ?? []).map((o) => ({ value: o.id, label: o.name }));
  if (value && initialLabel && !options.some((o) => o.value === value)) options.unshift({ value, label: initialLabel });
  return (
    <Select
      value={value}
      onChange={(v: string | undefined) => onChange?.(v ?? undefined)}
      allowClear
      placeholder={t('orgs.searchPick')}
      showSearch={{ filterOption: false, onSearch: setSearch }}
      notFoundContent={query.isFetching ? <Spin size="small" /> : undefined}
      options={options}
      data-testid={testId}
    />
  );
}
