import { sql, type Insertable } from 'kysely';
import type { Scope } from '../../domain/auth/permissions.ts';
import type { Db, Tx } from '../../usecases/context.ts';
import type { ManualMarkDecisionTable, ManualMarkTable } from '../types.ts';
import { insertOnce } from './insertOnce.ts';
import { paged } from './paged.ts';

type Q = Db | Tx;

// Attendance (§9 实名制): QR scans, manual marks (补签) and the county's decisions on them.

export async function listScans(db: Q, classId: string, workerId?: string) {
  // Through the class's sessions: the scans are indexed by session (migration 0009).
  let q = db
    .selectFrom('attendance_scans')
    .select(['id', 'session_id', 'worker_id', 'kind', 'at'])
    .where('session_id', 'in', (eb) => eb.selectFrom('class_sessions').select('id').where('class_id', '=', classId));
  if (workerId) q = q.where('worker_id', '=', workerId);
  return q.orderBy('at').execute();
}

export async function listManualMarks(db: Q, classId: string) {
  return db
    .selectFrom('manual_marks as m')
    .leftJoin('manual_mark_decisions as d', 'd.mark_id', 'm.id')
    .select(['m.id', 'm.session_id', 'm.worker_id', 'm.check_in_at', 'm.check_out_at', 'm.reason_code', 'm.note', 'm.created_at', 'd.decision', 'd.at as decided_at'])
    .where('m.class_id', '=', classId)
    .orderBy('m.created_at')
    .execute();
}

export async function countPendingMarks(db: Q, classId: string): Promise<number> {
  const r = await sql<{ n: number }>`SELECT count(*)::int AS n FROM manual_marks m WHERE m.class_id = ${classId}
    AND NOT EXISTS (SELECT 1 FROM manual_mark_decisions d WHERE d.mark_id = m.id)`.execute(db);
  return r.rows[0]?.n ?? 0;
}

export type MarkQueueFilter = { status: 'pending' | 'decided'; page: number; pageSize: number };

/** Manual marks awaiting (or given) a decision, in the caller's jurisdiction. */
export async function listMarkQueue(db: Db, scope: Scope, f: MarkQueueFilter) {
  let q = db
    .selectFrom('manual_marks as m')
    .innerJoin('training_classes as c', 'c.id', 'm.class_id')
    .innerJoin('organisations as o', 'o.id', 'c.org_id')
    .innerJoin('class_sessions as s', 's.id', 'm.session_id')
    .innerJoin('workers as w', 'w.id', 'm.worker_id')
    .leftJoin('manual_mark_decisions as d', 'd.mark_id', 'm.id')
    .select([
      'm.id',
      'm.class_id',
      'c.code as class_code',
      'c.name as class_name',
      'c.unit_code',
      'o.name as org_name',
      's.seq as session_seq',
      's.starts_at as session_start',
      'w.name as worker_name',
      'w.id_masked',
      'm.check_in_at',
      'm.check_out_at',
      'm.reason_code',
      'm.note',
      'm.created_at',
      'd.decision',
      'd.at as decided_at',
    ]);
  if (scope.kind === 'unit') q = q.where('c.unit_code', '=', scope.unitCode);
  else if (scope.kind !== 'city') return { items: [], total: 0 };
  q = f.status === 'pending' ? q.where('d.mark_id', 'is', null) : q.where('d.mark_id', 'is not', null);
  return paged(q, (q) => q.orderBy('m.created_at', f.status === 'pending' ? 'asc' : 'desc'), f);
}

export async function findManualMark(db: Q, id: string) {
  return db
    .selectFrom('manual_marks as m')
    .innerJoin('training_classes as c', 'c.id', 'm.class_id')
    .leftJoin('manual_mark_decisions as d', 'd.mark_id', 'm.id')
    .select(['m.id', 'm.class_id', 'm.session_id', 'm.worker_id', 'c.unit_code', 'c.org_id', 'c.status as class_status', 'd.decision'])
    .where('m.id', '=', id)
    .executeTakeFirst();
}

export type ScanOutcome = { result: string; seq: number | null; class_name: string | null; last_at: Date | null; opens: Date | null; closes: Date | null };

/**
 * A trainee's scan in one round trip: `jineng_scan` (migration 0008) locks the person's scans, checks the session
 * window (± tolerance), the enrolment, the class status and the last scan, and inserts — or says why not.
 */
export async function recordScan(
  db: Db,
  s: { workerId: string; classId: string; sessionId: string; kind: 'in' | 'out'; slot: number; at: Date; ip: string | null; toleranceMinutes: number; id: string },
): Promise<ScanOutcome> {
  const r = await sql<ScanOutcome>`
        SELECT * FROM jineng_scan(${s.workerId}::uuid, ${s.classId}::uuid, ${s.sessionId}::uuid, ${s.kind}, ${s.slot}::bigint,
          ${s.at}::timestamptz, ${s.ip}, ${s.toleranceMinutes}::int, ${s.id}::uuid)`.execute(db);
  return r.rows[0]!;
}

/** A session other than `exceptSessionId` of one of the person's classes that runs at some time between `from` and `to`. */
export async function findRunningSessionOf(db: Db, workerId: string, window: { from: Date; to: Date }, exceptSessionId: string): Promise<{ id: string } | undefined> {
  return db
    .selectFrom('enrolments as e')
    .innerJoin('class_sessions as s', 's.class_id', 'e.class_id')
    .select('s.id')
    .where('e.worker_id', '=', workerId)
    .where('e.status', '=', 'active')
    .where('s.starts_at', '<=', window.to)
    .where('s.ends_at', '>=', window.from)
    .where('s.id', '!=', exceptSessionId)
    .executeTakeFirst();
}

export async function recordManualMark(trx: Tx, row: Insertable<ManualMarkTable>): Promise<void> {
  await trx.insertInto('manual_marks').values(row).execute();
}

/** The county's decision on a manual mark; false when the mark was decided already. */
export async function recordMarkDecision(trx: Tx, row: Insertable<ManualMarkDecisionTable>): Promise<boolean> {
  return insertOnce(trx, 'manual_mark_decisions', row);
}

export async function getMarkDecision(db: Q, markId: string): Promise<{ decision: 'confirmed' | 'refused'; at: Date }> {
  return db.selectFrom('manual_mark_decisions').select(['decision', 'at']).where('mark_id', '=', markId).executeTakeFirstOrThrow();
}
