import { sql } from 'kysely';
import type { Scope } from '../../domain/auth/permissions.ts';
import type { Db, Tx } from '../../usecases/context.ts';

type Q = Db | Tx;

/** The facts of every active trainee of a class, one row each (a whole year is read by usecases/subsidyYear.ts). */
export async function loadPeopleFacts(db: Q, where: { classId: string }) {
  const r = await sql<{
    enrolment_id: string;
    worker_id: string;
    class_id: string;
    categories: string[] | null;
    employee: boolean;
    attended_days: number | null;
    completed: boolean | null;
    result: 'pass' | 'fail' | 'absent' | null;
    cert_type: string | null;
    cert_level: string | null;
    cert_occupation: string | null;
  }>`
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

/** A class with what pricing needs. */
export async function loadClassFacts(db: Q, where: { classId: string }) {
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
    ])
    .where('c.id', '=', where.classId)
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
  const total = await q
    .clearSelect()
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  const items = await q
    .orderBy('k.submitted_at', 'desc')
    .limit(f.pageSize)
    .offset((f.page - 1) * f.pageSize)
    .execute();
  return { items, total: Number(total.n) };
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
