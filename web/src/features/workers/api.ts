import { useQuery } from '@tanstack/react-query';
import { get } from '../../app/api';
import type { CategoryPeriod, WorkerArchive } from '../../app/types';

export const archiveKey = (id: string | null | undefined) => ['workers', 'archive', id] as const;

/** GET /api/workers/:id/archive — the electronic training archive (404 when missing or out of scope). */
export function useArchive(id: string | null | undefined) {
  return useQuery({
    queryKey: archiveKey(id),
    queryFn: ({ signal }) => get<WorkerArchive>(`/api/workers/${encodeURIComponent(id ?? '')}/archive`, signal),
    enabled: Boolean(id),
  });
}

export const archivePdfUrl = (id: string) => `/api/workers/${encodeURIComponent(id)}/archive.pdf`;

export type PeriodState = 'active' | 'ended' | 'future';

/** Where a category period stands on `today` (both ends inclusive). */
export function periodState(period: Pick<CategoryPeriod, 'validFrom' | 'validTo'>, today: string): PeriodState {
  if (period.validFrom > today) return 'future';
  if (period.validTo !== null && period.validTo < today) return 'ended';
  return 'active';
}

/** The category that needs an employer (企业职工). */
export const ENTERPRISE_EMPLOYEE = 'enterprise_employee';

/** Client-side shape checks only; the server does the real ones (check digit, dates, area codes). */
export const ID_NUMBER_PATTERN = /^(\d{17}[\dXx]|\d{15})$/;
export const PHONE_PATTERN = /^\d{11}$/;
export const TOWNSHIP_PATTERN = /^\d{9}$/;
