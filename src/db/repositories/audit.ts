import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { chainInput, firstChainProblem, GENESIS_HASH, type AuditRecord, type ChainProblem } from '../../domain/audit/chain.ts';
import type { Db, Tx } from '../../usecases/context.ts';
import { paged } from './paged.ts';

export type AuditEntry = {
  action: string;
  targetType?: string | null;
  targetId?: string | null;
  /** A short before/after summary; never plaintext ID or phone numbers. */
  summary?: Record<string, unknown>;
};

export type AuditActor = { id: string; username: string; role: string } | null;

/** All audit writers serialise on this lock for the length of their transaction (ADR 0004). */
const AUDIT_LOCK = 0x61756474;

export function sha256Hex(input: string): string {
  return createHash('sha256').update(input, 'utf8').digest('hex');
}

/** Append one row to the chain, inside the caller's transaction. */
export async function appendAudit(trx: Tx, at: Date, actor: AuditActor, requestId: string | null, entry: AuditEntry): Promise<number> {
  await sql`SELECT pg_advisory_xact_lock(${AUDIT_LOCK})`.execute(trx);
  const last = await trx.selectFrom('audit_log').select(['seq', 'hash']).orderBy('seq', 'desc').limit(1).executeTakeFirst();
  const prevHash = last?.hash ?? GENESIS_HASH;
  const record: AuditRecord = {
    seq: (last?.seq ?? 0) + 1,
    at: at.toISOString(),
    actorId: actor?.id ?? null,
    actorUsername: actor?.username ?? null,
    actorRole: actor?.role ?? null,
    action: entry.action,
    targetType: entry.targetType ?? null,
    targetId: entry.targetId ?? null,
    summary: entry.summary ?? {},
    requestId,
  };
  await trx
    .insertInto('audit_log')
    .values({
      seq: record.seq,
      at: record.at,
      actor_id: record.actorId,
      actor_username: record.actorUsername,
      actor_role: record.actorRole,
      action: record.action,
      target_type: record.targetType,
      target_id: record.targetId,
      summary: JSON.stringify(record.summary),
      request_id: requestId,
      prev_hash: prevHash,
      hash: sha256Hex(chainInput(prevHash, record)),
    })
    .execute();
  return record.seq;
}

export type AuditVerification = { ok: true; rows: number; lastSeq: number } | { ok: false; rows: number; problem: ChainProblem };

/** Walk the whole chain in seq order, page by page, and name the first bad row. */
export async function verifyAuditChain(db: Db, pageSize = 5000): Promise<AuditVerification> {
  let start = { seq: 0, hash: GENESIS_HASH };
  let rows = 0;
  for (;;) {
    const page = await db
      .selectFrom('audit_log')
      .selectAll()
      .where('seq', '>', start.seq)
      .orderBy('seq')
      .limit(pageSize)
      .execute();
    if (page.length === 0) return { ok: true, rows, lastSeq: start.seq };
    const records = page.map((r) => ({
      seq: r.seq,
      at: new Date(r.at).toISOString(),
      actorId: r.actor_id,
      actorUsername: r.actor_username,
      actorRole: r.actor_role,
      action: r.action,
      targetType: r.target_type,
      targetId: r.target_id,
      summary: r.summary,
      requestId: r.request_id,
      prevHash: r.prev_hash,
      hash: r.hash,
    }));
    const problem = firstChainProblem(records, sha256Hex, start);
    if (problem) return { ok: false, rows: rows + records.findIndex((r) => r.seq === problem.seq), problem };
    rows += page.length;
    const last = page[page.length - 1]!;
    start = { seq: last.seq, hash: last.hash };
  }
}

export type AuditListFilter = { action?: string; actor?: string; page: number; pageSize: number };

export async function listAudit(db: Db, f: AuditListFilter) {
  let q = db.selectFrom('audit_log');
  if (f.action) q = q.where('action', '=', f.action);
  if (f.actor) q = q.where('actor_username', '=', f.actor);
  return paged(q.selectAll(), (q) => q.orderBy('seq', 'desc'), f, { concurrently: true });
}
