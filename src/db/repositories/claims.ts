import { sql, type Insertable, type Updateable } from 'kysely';
import type { Scope } from '../../domain/auth/permissions.ts';
import type { Db, Tx } from '../../usecases/context.ts';
import type { ClaimDecisionTable, ClaimLineRefusalTable, ClaimLineTable, ClaimObjectionAnswerTable, ClaimObjectionTable, ClaimTraceTable, SubsidyClaimTable } from '../types.ts';
import { insertOnce } from './insertOnce.ts';
import { paged } from './paged.ts';

type Q = Db | Tx;

/** Claims are priced one at a time across the whole programme, so §15 holds across concurrent submissions. */
const PRICING_LOCK = 0x636c6d73;

/** Takes the programme-wide pricing lock for the rest of the transaction. */
export async function lockPricing(trx: Tx): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(${PRICING_LOCK})`.execute(trx);
}

/** An active trainee's completion, assessment result and valid certificate, as pricing reads them. */
export type EnrolmentFactsRow = {
  enrolment_id: string;
  worker_id: string;
  class_id: string;
  attended_days: number | null;
  completed: boolean | null;
  result: 'pass' | 'fail' | 'absent' | null;
  cert_type: string | null;
  cert_level: string | null;
  cert_occupation: string | null;
};

/** The facts of every active trainee of a class, one row each (a whole year is read a page at a time: loadEnrolmentFactsOf). */
export async function loadPeopleFacts(db: Q, where: { classId: string }) {
  const r = await sql<EnrolmentFactsRow & { categories: string[] | null; employee: boolean }>`
    SELECT e.id AS enrolment_id, e.worker_id, e.class_id,
      (SELECT array_agg(DISTINCT wc.category_code) FROM worker_categories wc
        WHERE wc.worker_id = e.worker_id AND wc.valid_from <= c.start_date AND (wc.valid_to IS NULL OR wc.valid_to >= c.start_date)) AS categories,
      EXISTS (SELECT 1 FROM worker_categories wc WHERE wc.worker_id = e.worker_id AND wc.category_code = 'enterprise_employee'
        AND wc.employer_org_id = c.org_id AND wc.valid_from <= c.start_date AND (wc.valid_to IS NULL OR wc.valid_to >= c.start_date)) AS employee,
      ec.attended_days, ec.completed, r.result,
      cert.type AS cert_type, cert.level_code AS cert_level, cert.occupation_code AS cert_occupation
    FROM enrolments e
    JOIN training_classes c ON c.id = e.class_id
    LEFT JOIN enrolment_completions ec ON ec.enrolment_id = e.id
    LEFT JOIN assessment_results r ON r.enrolment_id = e.id
    LEFT JOIN certificates cert ON cert.enrolment_id = e.id AND NOT EXISTS (SELECT 1 FROM certificate_revocations rv WHERE rv.certificate_id = cert.id)
    WHERE e.status = 'active' AND c.id = ${where.classId}
    ORDER BY c.start_date, c.id, e.enrolled_at, e.id`.execute(db);
  return r.rows;
}

function classFactsQuery(db: Q) {
  return db
    .selectFrom('training_classes as c')
    .innerJoin('organisations as o', 'o.id', 'c.org_id')
    .select([
      'c.id',
      'c.code',
      'c.name',
      'c.status',
      'c.unit_code',
      'c.org_id',
      'o.kind as org_kind',
      'c.training_type',
      'c.funding_route',
      'c.occupation_code',
      'c.level_code',
      'c.start_date',
      'c.end_date',
      'c.scheduled_days',
      'c.subsidy_fen',
    ]);
}

/** A class with what pricing needs. */
export async function loadClassFacts(db: Q, where: { classId: string }) {
  return classFactsQuery(db).where('c.id', '=', where.classId).execute();
}
export type ClassFactsRow = Awaited<ReturnType<typeof loadClassFacts>>[number];

/**
 * One page of a year's closed classes (by the year of their end date), with what pricing needs, in (start date,
 * id) order from after `after`: the keyset pagination of usecases/subsidyYear.ts.
 */
export async function loadClosedClassFactsPage(db: Db, f: { year: number; unitCode?: string; after: { start: string; id: string } | null; limit: number }): Promise<ClassFactsRow[]> {
  let cq = classFactsQuery(db)
    .where('c.status', '=', 'closed')
    .where(sql<number>`EXTRACT(YEAR FROM c.end_date)::int`, '=', f.year);
  if (f.unitCode) cq = cq.where('c.unit_code', '=', f.unitCode);
  if (f.after) {
    const a = f.after;
    cq = cq.where((eb) => eb.or([eb('c.start_date', '>', a.start), eb.and([eb('c.start_date', '=', a.start), eb('c.id', '>', a.id)])]));
  }
  return cq.orderBy('c.start_date').orderBy('c.id').limit(f.limit).execute();
}

/** The active trainees of the given classes with their completion, result and valid certificate (no categories: see listCategoryPeriods). */
export async function loadEnrolmentFactsOf(db: Db, classIds: readonly string[]): Promise<EnrolmentFactsRow[]> {
  const r = await sql<EnrolmentFactsRow>`
      SELECT e.id AS enrolment_id, e.worker_id, e.class_id, ec.attended_days, ec.completed, r.result,
        cert.type AS cert_type, cert.level_code AS cert_level, cert.occupation_code AS cert_occupation
      FROM enrolments e
      LEFT JOIN enrolment_completions ec ON ec.enrolment_id = e.id
      LEFT JOIN assessment_results r ON r.enrolment_id = e.id
      LEFT JOIN certificates cert ON cert.enrolment_id = e.id AND NOT EXISTS (SELECT 1 FROM certificate_revocations rv WHERE rv.certificate_id = cert.id)
      WHERE e.status = 'active' AND e.class_id = ANY(${sql.val(classIds)}::uuid[])`.execute(db);
  return r.rows;
}

/** Every category period of the given people, in one query (matched to each class's start date by the caller). */
export async function listCategoryPeriods(db: Db, workerIds: readonly string[]) {
  if (workerIds.length === 0) return [];
  return db
    .selectFrom('worker_categories')
    .select(['worker_id', 'category_code', 'valid_from', 'valid_to', 'employer_org_id'])
    .where('worker_id', '=', sql<string>`ANY(${sql.val(workerIds)}::uuid[])`)
    .execute();
}

/**
 * The people's other subsidised trainings: the lines of live claims (not withdrawn or rejected; their latest round;
 * lines not refused), by person and class, with whether they were paid.
 */
export async function loadEarlier(db: Q, workerIds: readonly string[], exceptClassId: string | null) {
  if (workerIds.length === 0) return [];
  const r = await sql<{ worker_id: string; class_id: string; year: number; occupation_code: string; level_code: string; paid: boolean; kinds: string[] }>`
    SELECT l.worker_id, k.class_id, k.year, c.occupation_code, c.level_code, bool_or(k.status = 'paid') AS paid, array_agg(DISTINCT l.kind) AS kinds
    FROM claim_lines l
    JOIN subsidy_claims k ON k.id = l.claim_id AND l.round = k.round
    JOIN training_classes c ON c.id = k.class_id
    WHERE k.status NOT IN ('withdrawn', 'rejected')
      AND l.worker_id = ANY(${sql.val(workerIds)}::uuid[])
      AND (${exceptClassId}::uuid IS NULL OR k.class_id <> ${exceptClassId}::uuid)
      AND NOT EXISTS (SELECT 1 FROM claim_line_refusals rf WHERE rf.line_id = l.id)
    GROUP BY l.worker_id, k.class_id, k.year, c.occupation_code, c.level_code`.execute(db);
  return r.rows;
}

const claimColumns = [
  'k.id',
  'k.class_id',
  'k.org_id',
  'k.unit_code',
  'k.status',
  'k.year',
  'k.round',
  'k.total_fen',
  'k.rule_set',
  'k.submitted_at',
  'k.announced_on',
  'k.window_end',
  'k.paid_txn_seq',
  'k.created_at',
] as const;

function claimBase(db: Q) {
  return db
    .selectFrom('subsidy_claims as k')
    .innerJoin('training_classes as c', 'c.id', 'k.class_id')
    .innerJoin('organisations as o', 'o.id', 'k.org_id')
    .innerJoin('reporting_units as ru', 'ru.code', 'k.unit_code')
    .select([...claimColumns, 'c.code as class_code', 'c.name as class_name', 'c.start_date', 'c.end_date', 'o.name as org_name', 'ru.name as unit_name']);
}

export async function findClaim(db: Q, id: string) {
  return claimBase(db).where('k.id', '=', id).executeTakeFirst();
}
export type ClaimRow = NonNullable<Awaited<ReturnType<typeof findClaim>>>;

export type ClaimFilter = { status?: string; year?: number; q?: string; page: number; pageSize: number };

export async function listClaims(db: Db, scope: Scope, f: ClaimFilter) {
  let q = claimBase(db);
  switch (scope.kind) {
    case 'city':
      break;
    case 'unit':
      q = q.where('k.unit_code', '=', scope.unitCode);
      break;
    case 'organisation':
      q = q.where('k.org_id', '=', scope.orgId);
      break;
    default:
      return { items: [], total: 0 };
  }
  if (f.status) q = q.where('k.status', '=', f.status);
  if (f.year) q = q.where('k.year', '=', f.year);
  if (f.q?.trim()) {
    const like = `%${f.q.trim().replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
    q = q.where((eb) => eb.or([eb('c.name', 'like', like), eb('c.code', 'like', like), eb('o.name', 'like', like)]));
  }
  return paged(q, (q) => q.orderBy('k.submitted_at', 'desc'), f);
}

/** The class's claim that is still alive (not withdrawn or rejected), if any. */
export async function findLiveClaimOfClass(trx: Tx, classId: string) {
  return trx.selectFrom('subsidy_claims').select(['id', 'status']).where('class_id', '=', classId).where('status', 'not in', ['withdrawn', 'rejected']).executeTakeFirst();
}

/** Locks the claim row for the rest of the transaction and reads its state as it stands. */
export async function lockClaim(trx: Tx, id: string): Promise<{ status: string; round: number; window_end: string | null }> {
  return trx.selectFrom('subsidy_claims').select(['status', 'round', 'window_end']).where('id', '=', id).forUpdate().executeTakeFirstOrThrow();
}

export async function insertClaim(trx: Tx, row: Insertable<SubsidyClaimTable>): Promise<void> {
  await trx.insertInto('subsidy_claims').values(row).execute();
}

export type ClaimChange = Pick<Updateable<SubsidyClaimTable>, 'status' | 'updated_at' | 'announced_on' | 'window_end' | 'round' | 'total_fen' | 'paid_txn_seq'>;

export async function updateClaim(trx: Tx, id: string, change: ClaimChange): Promise<void> {
  await trx.updateTable('subsidy_claims').set(change).where('id', '=', id).execute();
}

/** One step of a claim's lifecycle, appended (never updated). */
export async function recordClaimDecision(trx: Tx, row: Insertable<ClaimDecisionTable>): Promise<void> {
  await trx.insertInto('claim_decisions').values(row).execute();
}

/** A priced round: a trace per trainee and the lines, written 500 rows a statement. */
export async function insertClaimRound(trx: Tx, traces: readonly Insertable<ClaimTraceTable>[], lines: readonly Insertable<ClaimLineTable>[]): Promise<void> {
  for (let i = 0; i < traces.length; i += 500) await trx.insertInto('claim_traces').values(traces.slice(i, i + 500)).execute();
  for (let i = 0; i < lines.length; i += 500) await trx.insertInto('claim_lines').values(lines.slice(i, i + 500)).execute();
}

/** Sets the claim's total to the sum of its round's lines not refused, and returns it. */
export async function recomputeClaimTotal(trx: Tx, claimId: string, round: number): Promise<number> {
  const r = await sql<{ total: number }>`SELECT COALESCE(SUM(l.amount_fen), 0)::bigint AS total FROM claim_lines l
      WHERE l.claim_id = ${claimId} AND l.round = ${round} AND NOT EXISTS (SELECT 1 FROM claim_line_refusals rf WHERE rf.line_id = l.id)`.execute(trx);
  const total = Number(r.rows[0]?.total ?? 0);
  await trx.updateTable('subsidy_claims').set({ total_fen: total }).where('id', '=', claimId).execute();
  return total;
}

export async function findClaimLine(trx: Tx, claimId: string, lineId: string): Promise<{ id: string; amount_fen: number; round: number } | undefined> {
  return trx.selectFrom('claim_lines').select(['id', 'amount_fen', 'round']).where('id', '=', lineId).where('claim_id', '=', claimId).executeTakeFirst();
}

/** Refuses a line; false when it was refused already. */
export async function recordLineRefusal(trx: Tx, row: Insertable<ClaimLineRefusalTable>): Promise<boolean> {
  return insertOnce(trx, 'claim_line_refusals', row);
}

/** The lines of a claim's round, with the person and any refusal. */
export async function listClaimLines(db: Q, claimId: string, round: number) {
  return db
    .selectFrom('claim_lines as l')
    .leftJoin('workers as w', 'w.id', 'l.worker_id')
    .leftJoin('claim_line_refusals as rf', 'rf.line_id', 'l.id')
    .leftJoin('organisations as po', 'po.id', 'l.payee_id')
    .select([
      'l.id',
      'l.enrolment_id',
      'l.worker_id',
      'l.kind',
      'l.rule_id',
      'l.rule_version',
      'l.clause',
      'l.amount_fen',
      'l.payee_kind',
      'l.payee_id',
      'l.fund',
      'l.basis',
      'w.name as worker_name',
      'w.id_masked',
      'po.name as payee_org_name',
      'rf.reason as refused_reason',
      'rf.stage as refused_stage',
      'rf.at as refused_at',
    ])
    .where('l.claim_id', '=', claimId)
    .where('l.round', '=', round)
    .orderBy('w.name')
    .orderBy('l.kind')
    .execute();
}

export async function listClaimTraces(db: Q, claimId: string, round: number) {
  return db
    .selectFrom('claim_traces as t')
    .innerJoin('workers as w', 'w.id', 't.worker_id')
    .select(['t.enrolment_id', 't.worker_id', 't.total_fen', 't.trace', 'w.name', 'w.id_masked'])
    .where('t.claim_id', '=', claimId)
    .where('t.round', '=', round)
    .orderBy('w.name')
    .execute();
}

export async function listClaimDecisions(db: Q, claimId: string) {
  return db
    .selectFrom('claim_decisions as d')
    .leftJoin('users as u', 'u.id', 'd.actor_id')
    .select(['d.action', 'd.from_status', 'd.to_status', 'd.reasons', 'd.at', 'u.display_name as actor_name'])
    .where('d.claim_id', '=', claimId)
    .orderBy('d.seq')
    .execute();
}

/** Objections to the claim not answered yet. */
export async function countOpenObjections(db: Q, claimId: string): Promise<number> {
  const r = await sql<{ n: number }>`SELECT count(*)::int AS n FROM claim_objections o WHERE o.claim_id = ${claimId}
      AND NOT EXISTS (SELECT 1 FROM claim_objection_answers a WHERE a.objection_id = o.id)`.execute(db);
  return r.rows[0]?.n ?? 0;
}

export async function findObjection(trx: Tx, claimId: string, objectionId: string): Promise<{ id: string } | undefined> {
  return trx.selectFrom('claim_objections').select('id').where('id', '=', objectionId).where('claim_id', '=', claimId).executeTakeFirst();
}

export async function recordObjection(trx: Tx, row: Insertable<ClaimObjectionTable>): Promise<void> {
  await trx.insertInto('claim_objections').values(row).execute();
}

/** Answers an objection; false when it was answered already. */
export async function recordObjectionAnswer(trx: Tx, row: Insertable<ClaimObjectionAnswerTable>): Promise<boolean> {
  return insertOnce(trx, 'claim_objection_answers', row);
}

export async function listObjections(db: Q, claimId: string) {
  return db
    .selectFrom('claim_objections as o')
    .leftJoin('claim_objection_answers as a', 'a.objection_id', 'o.id')
    .select(['o.id', 'o.text', 'o.contact', 'o.submitted_at', 'a.answer', 'a.upheld', 'a.at as answered_at'])
    .where('o.claim_id', '=', claimId)
    .orderBy('o.submitted_at')
    .execute();
}

/** A person's paid subsidy lines for the electronic archive. */
export async function listPersonSubsidies(db: Db, workerId: string) {
  return db
    .selectFrom('claim_lines as l')
    .innerJoin('subsidy_claims as k', (j) => j.onRef('k.id', '=', 'l.claim_id').onRef('k.round', '=', 'l.round'))
    .innerJoin('training_classes as c', 'c.id', 'k.class_id')
    .leftJoin('claim_line_refusals as rf', 'rf.line_id', 'l.id')
    .leftJoin('ledger_transactions as t', 't.seq', 'k.paid_txn_seq')
    .select(['l.kind', 'l.amount_fen', 'l.fund', 'l.payee_kind', 'k.status', 'c.name as class_name', 't.at as paid_at', 'rf.reason as refused_reason'])
    .where('l.worker_id', '=', workerId)
    .where('k.status', 'not in', ['withdrawn', 'rejected'])
    .orderBy('c.start_date', 'desc')
    .execute();
}
