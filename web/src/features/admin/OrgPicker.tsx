import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Input, Select, Spin } from 'antd';
import { useT } from '../../i18n';
import { get, withQuery } from '../../app/api';
import type { OrgKind, OrgRow, Paged } from '../../app/types';

/** Remote-search select of institutions or enterprises (value = organisation id). */
export function OrgPicker({
  kind,
  value,
  onChange,
}: {
  kind: OrgKind;
  value?: string;
  onChange?: (id: string | undefined) => void;
}) {
  const t = useT();
  const [search, setSearch] = useState('');
  const query = useQuery({
    queryKey: ['organisations', 'picker', kind, search],
    queryFn: ({ signal }) =>
      get<Paged<OrgRow>>(withQuery('/api/admin/organisations', { kind, q: search }), signal),
    staleTime: 30_000,
  });
  if (query.isError && !query.data) {
    // Organisations are not searchable with this account: fall back to pasting the id.
    return (
      <Input
        value={value}
        onChange={(e) => onChange?.(e.target.value.trim() || undefined)}
        placeholder={t('users.orgIdPlaceholder')}
        data-testid="user-org"
      />
    );
  }
  return (
    <Select
      value={value}
      onChange={(v: string | undefined) => onChange?.(v)}
      allowClear
      placeholder={t('users.orgPlaceholder')}
      showSearch={{ filterOption: false, onSearch: setSearch }}
      notFoundContent={query.isFetching ? <Spin size="small" /> : undefined}
      options={(query.data?.items ?? []).map((o) => ({ value: o.id, label: o.name }))}
      data-testid="user-org"
    />
  );
}
