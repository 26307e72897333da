import { useQuery } from '@tanstack/react-query';
import { get } from '../../app/api';
import type { WorkerRow } from '../../app/types';

export function useWorker(id: string | null | undefined) {
  return useQuery({
    queryKey: ['workers', 'detail', id],
    queryFn: ({ signal }) => get<{ worker: WorkerRow }>(`/api/workers/${encodeURIComponent(id ?? '')}`, signal),
    select: (body) => body.worker,
    enabled: Boolean(id),
  });
}
