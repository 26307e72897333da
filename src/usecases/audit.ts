import { z } from 'zod';
import { CITY_CODE } from '../domain/auth/permissions.ts';
import { listAudit, verifyAuditChain } from '../db/repositories/audit.ts';
import type { Db, RequestContext } from './context.ts';
import { requireCan } from './guards.ts';

export const ListAuditQuery = z.strictObject({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
  action: z.string().max(60).optional(),
  actor: z.string().max(40).optional(),
});

/** The audit trail is city-level: the city office and city-wide auditors read it. */
export function makeListAudit(deps: { db: Db }) {
  return async function listAuditTrail(ctx: RequestContext, query: z.infer<typeof ListAuditQuery>) {
    requireCan(ctx, 'audit.read', { unitCode: CITY_CODE });
    const { items, total } = await listAudit(deps.db, query);
    return {
      total,
      items: items.map((r) => ({
        seq: r.seq,
        at: new Date(r.at).toISOString(),
        actorUsername: r.actor_username,
        actorRole: r.actor_role,
        action: r.action,
        targetType: r.target_type,
        targetId: r.target_id,
        summary: r.summary,
        requestId: r.request_id,
      })),
    };
  };
}

/** Check the whole chain on demand (the same check as `jineng audit verify`). */
export function makeVerifyAudit(deps: { db: Db }) {
  return async function verifyAudit(ctx: RequestContext) {
    requireCan(ctx, 'audit.read', { unitCode: CITY_CODE });
    return verifyAuditChain(deps.db);
  };
}
