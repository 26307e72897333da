import { useMemo } from 'react';
import { useQuery } from '@tanstack/react-query';
import { get, withQuery } from '../../app/api';
import type { Catalog, CatalogDetail, OrgRow, Paged } from '../../app/types';
import type { ClassView } from './types';

export const classPath = (id: string) => `/api/classes/${encodeURIComponent(id)}`;

export function useClassView(id: string | undefined) {
  return useQuery({
    queryKey: ['classes', 'detail', id],
    queryFn: ({ signal }) => get<ClassView>(classPath(id ?? ''), signal),
    enabled: Boolean(id),
  });
}

/** The public catalogs (all years and versions). */
export function usePublicCatalogs() {
  return useQuery({
    queryKey: ['public', 'catalogs'],
    queryFn: ({ signal }) => get<{ items: Catalog[] }>('/api/public/catalogs', signal),
    select: (body) => body.items,
    staleTime: 5 * 60 * 1000,
  });
}

/** The published catalog of a kind for a year, with its entries (null when none is published). */
export function usePublishedCatalog(year: number | undefined, kind: 'projects' | 'institutions') {
  const catalogs = usePublicCatalogs();
  const current = useMemo(
    () => (catalogs.data ?? []).find((c) => c.year === year && c.kind === kind && c.status === 'published') ?? null,
    [catalogs.data, year, kind],
  );
  const detail = useQuery({
    queryKey: ['public', 'catalogs', current?.id],
    queryFn: ({ signal }) => get<CatalogDetail>(`/api/public/catalogs/${encodeURIComponent(current?.id ?? '')}`, signal),
    enabled: Boolean(current),
    staleTime: 5 * 60 * 1000,
  });
  return {
    catalog: current,
    detail: detail.data ?? null,
    isLoading: catalogs.isLoading || (Boolean(current) && detail.isLoading),
    error: catalogs.error ?? detail.error,
  };
}

export type EvaluatorOption = { id: string; name: string; unitName: string | null };

/**
 * Evaluation institutions (职业技能等级评价机构) to assign to a class: those the caller can list
 * (GET /api/organisations, which has no institution-kind filter, so filtered here) and those listed in the
 * year's published 培训和评价机构目录 (visible to everyone, also to a filing institution whose own scope
 * covers only itself).
 */
export function useEvaluators(year: number | undefined, canListOrgs: boolean) {
  const orgs = useQuery({
    queryKey: ['organisations', 'list', { kind: 'institution', pageSize: 200, purpose: 'evaluators' }],
    queryFn: ({ signal }) =>
      get<Paged<OrgRow>>(withQuery('/api/organisations', { kind: 'institution', pageSize: 200, status: 'active' }), signal),
    enabled: canListOrgs,
    staleTime: 5 * 60 * 1000,
  });
  const listed = usePublishedCatalog(year, 'institutions');
  const options = useMemo(() => {
    const byId = new Map<string, EvaluatorOption>();
    for (const o of orgs.data?.items ?? []) {
      if (o.institutionKind === 'evaluation') byId.set(o.id, { id: o.id, name: o.name, unitName: o.unitName });
    }
    for (const entry of listed.detail?.institutions ?? []) {
      if (entry.institutionKind === 'evaluation' && !byId.has(entry.orgId)) {
        byId.set(entry.orgId, { id: entry.orgId, name: entry.orgName, unitName: entry.unitName });
      }
    }
    return [...byId.values()].sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'));
  }, [orgs.data, listed.detail]);
  return { options, isLoading: orgs.isLoading || listed.isLoading };
}
