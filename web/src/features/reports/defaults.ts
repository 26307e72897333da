import { useQuery } from '@tanstack/react-query';
import { get } from '../../app/api';
import type { FrozenItem, ReportKind } from './types';

/** The frozen reports in scope (shared by the report, target and employment screens). */
export function useFrozenReports() {
  return useQuery({
    queryKey: ['reports', 'frozen'],
    queryFn: ({ signal }) => get<{ items: FrozenItem[] }>('/api/reports/frozen', signal),
    select: (b) => b.items,
  });
}

/**
 * What to show when the address names no period: the newest frozen report's period of this kind (the one officials
 * last worked on), else the period before today's. `ready` is false until the frozen list has answered.
 */
export function useDefaultPeriod(kind: ReportKind, fallback: string): { period: string; year: number; ready: boolean } {
  const frozen = useFrozenReports();
  const newest = frozen.data?.find((f) => f.kind === kind)?.period;
  const anyNewest = frozen.data?.[0]?.period;
  const period = newest ?? fallback;
  return { period, year: Number((anyNewest ?? fallback).slice(0, 4)), ready: !frozen.isLoading };
}
