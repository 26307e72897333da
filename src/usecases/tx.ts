import { appendAudit, type AuditEntry } from '../db/repositories/audit.ts';
import type { Clock, Db, RequestContext, Tx } from './context.ts';

/**
 * Run a state change and its audit row(s) in one transaction (ADR 0004): either both are stored or
 * neither is.
 */
export async function writeWithAudit<T>(
  deps: { db: Db; clock: Clock },
  ctx: RequestContext,
  fn: (trx: Tx, now: Date) => Promise<{ result: T; audit: AuditEntry | AuditEntry[] }>,
  actorOverride?: { id: string; username: string; role: string },
): Promise<T> {
  return deps.db.transaction().execute(async (trx) => {
    const now = deps.clock.now();
    const { result, audit } = await fn(trx, now);
    const actor = actorOverride ?? (ctx.actor ? { id: ctx.actor.id, username: ctx.actor.username, role: ctx.actor.role } : null);
    for (const entry of Array.isArray(audit) ? audit : [audit]) {
      await appendAudit(trx, now, actor, ctx.requestId, entry);
    }
    return result;
  });
}
