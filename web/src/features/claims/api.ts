import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { get, post } from '../../app/api';
import type { ActionResult, ClaimAction, ClaimView, ClassPricing, PublicAnnouncementView } from './types';

export const claimPath = (id: string) => `/api/claims/${encodeURIComponent(id)}`;

export function useClaimView(id: string | undefined) {
  return useQuery({
    queryKey: ['claims', 'detail', id],
    queryFn: ({ signal }) => get<ClaimView>(claimPath(id ?? ''), signal),
    enabled: Boolean(id),
  });
}

/** What a closed class would claim now (nothing stored). */
export function useClaimPreview(classId: string, enabled: boolean) {
  return useQuery({
    queryKey: ['claims', 'preview', classId],
    queryFn: ({ signal }) => get<ClassPricing>(`/api/classes/${encodeURIComponent(classId)}/claim-preview`, signal),
    enabled,
    staleTime: 0,
  });
}

/** Everything a claim's change can touch: claims, the ledger and balances, the classes' claim buttons. */
export function useInvalidateMoney() {
  const queryClient = useQueryClient();
  return async () => {
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: ['claims'] }),
      queryClient.invalidateQueries({ queryKey: ['funds'] }),
      queryClient.invalidateQueries({ queryKey: ['ledger'] }),
      queryClient.invalidateQueries({ queryKey: ['public', 'announcements'] }),
    ]);
  };
}

export type ClaimActionBody = { action: ClaimAction; reasons?: string; idempotencyKey?: string };

export function useClaimAction(claimId: string) {
  const invalidate = useInvalidateMoney();
  return useMutation({
    mutationFn: (body: ClaimActionBody) => post<ActionResult>(`${claimPath(claimId)}/actions`, body),
    // Not awaited (here and in every money mutation): the caller's own onSuccess runs at once, before a refetch can
    // unmount the dialog that asked (a paid claim has no 拨付 any more, a claimed class no 申领补贴).
    onSuccess: () => void invalidate(),
  });
}

/** A fresh idempotency key for one money-moving click (kept by the caller for that click's retries). */
export function newIdempotencyKey(): string {
  if (typeof crypto !== 'undefined' && typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  // crypto.randomUUID needs a secure context (HTTPS or localhost); elsewhere build a v4 UUID from getRandomValues.
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** Integer fen summed by a key (exact: integers only). */
export function sumBy<T>(rows: readonly T[], key: (row: T) => string, amount: (row: T) => number): Map<string, number> {
  const out = new Map<string, number>();
  for (const row of rows) out.set(key(row), (out.get(key(row)) ?? 0) + amount(row));
  return out;
}

/** One public announcement (公示), no sign-in: the class, the masked roster, and whether objections are still taken. */
export function usePublicAnnouncement(id: string | undefined) {
  return useQuery({
    queryKey: ['public', 'announcements', 'detail', id],
    queryFn: ({ signal }) => get<PublicAnnouncementView>(`/api/public/announcements/${encodeURIComponent(id ?? '')}`, signal),
    enabled: Boolean(id),
  });
}
