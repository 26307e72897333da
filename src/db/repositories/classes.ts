import { sql } from 'kysely';
import type { Scope } from '../../domain/auth/permissions.ts';
import type { Db, Tx } from '../../usecases/context.ts';

type Q = Db | Tx;

const classColumns = [
  'c.id',
  'c.code',
  'c.name',
  'c.status',
  'c.org_id',
  'c.unit_code',
  'c.catalog_project_id',
  'c.occupation_code',
  'c.level_code',
  'c.training_type',
  'c.standard_hours',
  'c.subsidy_fen',
  'c.venue_address',
  'c.venue_lat',
  'c.venue_lng',
  'c.start_date',
  'c.end_date',
  'c.capacity',
  'c.teachers',
  'c.assessment_plan',
  'c.responsible_department',
  'c.funding_route',
  'c.certificate_type',
  'c.scheduled_minutes',
  'c.scheduled_days',
  'c.evaluator_org_id',
  'c.project_review_note',
  'c.created_at',
] as const;

function base(db: Q) {
  return db
    .selectFrom('training_classes as c')
    .innerJoin('organisations as o', 'o.id', 'c.org_id')
    .innerJoin('reporting_units as ru', 'ru.code', 'c.unit_code')
    .leftJoin('occupations as oc', 'oc.code', 'c.occupation_code')
    .leftJoin('skill_levels as l', 'l.code', 'c.level_code')
    .leftJoin('training_types as t', 't.code', 'c.training_type')
    .leftJoin('organisations as ev', 'ev.id', 'c.evaluator_org_id')
    .select([
      ...classColumns,
      'o.name as org_name',
      'o.kind as org_kind',
      'ru.name as unit_name',
      'oc.name as occupation_name',
      'l.name as level_name',
      't.name as training_type_name',
      'ev.name as evaluator_name',
      (eb) =>
        eb
          .selectFrom('enrolments as e')
          .select(eb.fn.countAll<number>().as('n'))
          .whereRef('e.class_id', '=', 'c.id')
          .where('e.status', '=', 'active')
          .as('enrolled'),
    ]);
}

export async function findClass(db: Q, id: string) {
  return base(db).where('c.id', '=', id).executeTakeFirst();
}
export type ClassRow = NonNullable<Awaited<ReturnType<typeof findClass>>>;

/** Locks the class row for the rest of the transaction (enrolment capacity, status changes). */
export async function lockClass(trx: Tx, id: string) {
  return trx.selectFrom('training_classes').select(['id', 'status', 'capacity']).where('id', '=', id).forUpdate().executeTakeFirst();
}

export type ClassFilter = {
  status?: string;
  unitCode?: string;
  q?: string;
  /** Only classes this organisation evaluates. */
  evaluatorOrgId?: string;
  page: number;
  pageSize: number;
};

/** Classes visible in `scope`: city → all; a unit → its classes; an organisation → the ones it runs or evaluates. */
export async function listClasses(db: Db, scope: Scope, f: ClassFilter) {
  let q = base(db);
  switch (scope.kind) {
    case 'city':
    case 'system':
      break;
    case 'unit':
      q = q.where('c.unit_code', '=', scope.unitCode);
      break;
    case 'organisation':
      q = q.where((eb) => eb.or([eb('c.org_id', '=', scope.orgId), eb('c.evaluator_org_id', '=', scope.orgId)]));
      break;
    default:
      return { items: [], total: 0 };
  }
  q = q.where('c.code', 'is not', null);
  if (f.status) q = q.where('c.status', '=', f.status);
  if (f.unitCode) q = q.where('c.unit_code', '=', f.unitCode);
  if (f.evaluatorOrgId) q = q.where('c.evaluator_org_id', '=', f.evaluatorOrgId);
  if (f.q?.trim()) {
    const like = `%${f.q.trim().replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
    q = q.where((eb) => eb.or([eb('c.name', 'like', like), eb('c.code', 'like', like), eb('o.name', 'like', like), eb('oc.name', 'like', like)]));
  }
  const total = await q
    .clearSelect()
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  const items = await q
    .orderBy('c.start_date', 'desc')
    .orderBy('c.code', 'desc')
    .limit(f.pageSize)
    .offset((f.page - 1) * f.pageSize)
    .execute();
  return { items, total: Number(total.n) };
}

export async function listSessions(db: Q, classId: string) {
  return db.selectFrom('class_sessions').selectAll().where('class_id', '=', classId).orderBy('seq').execute();
}

export async function findSession(db: Q, sessionId: string) {
  return db.selectFrom('class_sessions').selectAll().where('id', '=', sessionId).executeTakeFirst();
}

export async function listClassDecisions(db: Q, classId: string) {
  return db
    .selectFrom('class_decisions as d')
    .leftJoin('users as u', 'u.id', 'd.actor_id')
    .select(['d.action', 'd.from_status', 'd.to_status', 'd.reasons', 'd.at', 'u.display_name as actor_name'])
    .where('d.class_id', '=', classId)
    .orderBy('d.seq')
    .execute();
}

/** The next class number of a unit and year: `140802-2020-00012`. */
export async function nextClassCode(trx: Tx, unitCode: string, year: number): Promise<string> {
  const unit = unitCode.slice(0, 6);
  const row = await trx
    .insertInto('certificate_serials')
    .values({ kind: `class:${unit}`, year, last: 1 })
    .onConflict((oc) => oc.columns(['kind', 'year']).doUpdateSet((eb) => ({ last: eb('certificate_serials.last', '+', 1) })))
    .returning('last')
    .executeTakeFirstOrThrow();
  return `${unit}-${year}-${String(row.last).padStart(5, '0')}`;
}

// ---------------------------------------------------------------------------------------------------------
// People

export async function findWorkerByBlind(db: Q, idBlind: string) {
  return db
    .selectFrom('workers as w')
    .innerJoin('reporting_units as ru', 'ru.code', 'w.unit_code')
    .select(['w.id', 'w.name', 'w.id_masked', 'w.id_cipher', 'w.unit_code', 'ru.name as unit_name'])
    .where('w.id_blind', '=', idBlind)
    .executeTakeFirst();
}

export async function listWorkerCategories(db: Q, workerId: string) {
  return db.selectFrom('worker_categories').select(['category_code', 'valid_from', 'valid_to', 'employer_org_id']).where('worker_id', '=', workerId).execute();
}

/** The person's subsidised places (active enrolments) with their §15 year, occupation and level. */
export async function listSubsidisedPlaces(db: Q, workerId: string) {
  return db
    .selectFrom('enrolments as e')
    .innerJoin('training_classes as c', 'c.id', 'e.class_id')
    .select(['e.class_id', 'e.subsidy_year', 'c.occupation_code', 'c.level_code', 'c.name as class_name'])
    .where('e.worker_id', '=', workerId)
    .where('e.status', '=', 'active')
    .where('e.subsidised', '=', true)
    .where('c.status', '!=', 'cancelled')
    .execute();
}

/** Sessions of the person's other current classes (not cancelled, not yet closed), for the timetable clash check. */
export async function listOtherClassSessions(db: Q, workerId: string, exceptClassId: string) {
  return db
    .selectFrom('enrolments as e')
    .innerJoin('training_classes as c', 'c.id', 'e.class_id')
    .innerJoin('class_sessions as s', 's.class_id', 'c.id')
    .select(['c.id as class_id', 'c.name as class_name', 's.starts_at', 's.ends_at'])
    .where('e.worker_id', '=', workerId)
    .where('e.status', '=', 'active')
    .where('c.id', '!=', exceptClassId)
    .where('c.status', 'not in', ['cancelled'])
    .execute();
}

export async function findActiveEnrolment(db: Q, classId: string, workerId: string) {
  return db.selectFrom('enrolments').selectAll().where('class_id', '=', classId).where('worker_id', '=', workerId).where('status', '=', 'active').executeTakeFirst();
}

/** The roster: enrolments with the person, completion, result and certificate. */
export async function listRoster(db: Q, classId: string, opts: { activeOnly?: boolean } = {}) {
  let q = db
    .selectFrom('enrolments as e')
    .innerJoin('workers as w', 'w.id', 'e.worker_id')
    .leftJoin('enrolment_completions as ec', 'ec.enrolment_id', 'e.id')
    .leftJoin('assessment_results as r', 'r.enrolment_id', 'e.id')
    .leftJoin('certificates as cert', 'cert.enrolment_id', 'e.id')
    .select([
      'e.id',
      'e.worker_id',
      'e.status',
      'e.subsidised',
      'e.living_allowance',
      'e.outlook',
      'e.enrolled_at',
      'e.withdrawn_reason',
      'w.name',
      'w.id_masked',
      'ec.completed',
      'ec.attended_minutes as completed_minutes',
      'ec.rate_per_mille as completed_rate',
      'r.result',
      'r.score',
      'cert.id as certificate_id',
      'cert.number as certificate_number',
    ])
    .where('e.class_id', '=', classId);
  if (opts.activeOnly) q = q.where('e.status', '=', 'active');
  return q.orderBy('e.enrolled_at').orderBy('w.name').execute();
}

// ---------------------------------------------------------------------------------------------------------
// Attendance

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
  const total = await q
    .clearSelect()
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  const items = await q
    .orderBy('m.created_at', f.status === 'pending' ? 'asc' : 'desc')
    .limit(f.pageSize)
    .offset((f.page - 1) * f.pageSize)
    .execute();
  return { items, total: Number(total.n) };
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

// ---------------------------------------------------------------------------------------------------------
// The worker's own view

export async function listMyEnrolments(db: Db, workerId: string) {
  return db
    .selectFrom('enrolments as e')
    .innerJoin('training_classes as c', 'c.id', 'e.class_id')
    .innerJoin('organisations as o', 'o.id', 'c.org_id')
    .leftJoin('assessment_results as r', 'r.enrolment_id', 'e.id')
    .leftJoin('enrolment_completions as ec', 'ec.enrolment_id', 'e.id')
    .select([
      'e.id as enrolment_id',
      'e.subsidised',
      'c.id as class_id',
      'c.code',
      'c.name',
      'c.status',
      'c.start_date',
      'c.end_date',
      'c.venue_address',
      'o.name as org_name',
      'r.result',
      'ec.completed',
    ])
    .where('e.worker_id', '=', workerId)
    .where('e.status', '=', 'active')
    .orderBy('c.start_date', 'desc')
    .limit(100)
    .execute();
}

/** A person's classes, results and certificates for the electronic training archive (§9). */
export async function listArchiveTraining(db: Db, workerId: string) {
  const classes = await db
    .selectFrom('enrolments as e')
    .innerJoin('training_classes as c', 'c.id', 'e.class_id')
    .innerJoin('organisations as o', 'o.id', 'c.org_id')
    .leftJoin('occupations as oc', 'oc.code', 'c.occupation_code')
    .leftJoin('skill_levels as l', 'l.code', 'c.level_code')
    .leftJoin('enrolment_completions as ec', 'ec.enrolment_id', 'e.id')
    .leftJoin('assessment_results as r', 'r.enrolment_id', 'e.id')
    .select([
      'c.id as class_id',
      'c.name as class_name',
      'c.status',
      'c.start_date',
      'c.end_date',
      'oc.name as occupation_name',
      'l.name as level_name',
      'o.name as org_name',
      'e.status as enrolment_status',
      'e.subsidised',
      'ec.rate_per_mille',
      'ec.attended_minutes',
      'r.result',
      'r.score',
      'r.recorded_at',
    ])
    .where('e.worker_id', '=', workerId)
    .orderBy('c.start_date', 'desc')
    .execute();
  const certificates = await db
    .selectFrom('certificates as c')
    .leftJoin('certificate_revocations as rv', 'rv.certificate_id', 'c.id')
    .select(['c.id', 'c.number', 'c.type', 'c.claims', 'c.issued_on', 'rv.at as revoked_at'])
    .where('c.worker_id', '=', workerId)
    .orderBy('c.issued_on', 'desc')
    .execute();
  return { classes, certificates };
}
