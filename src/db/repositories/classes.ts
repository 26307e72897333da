import type { Insertable, Updateable } from 'kysely';
import type { Scope } from '../../domain/auth/permissions.ts';
import type { Db, Tx } from '../../usecases/context.ts';
import type { ClassDecisionTable, ClassSessionTable, TrainingClassTable } from '../types.ts';
import { nextSerial } from './counts.ts';
import { paged } from './paged.ts';

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
  return paged(q, (q) => q.orderBy('c.start_date', 'desc').orderBy('c.code', 'desc'), f);
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
  return `${unit}-${year}-${String(await nextSerial(trx, `class:${unit}`, year)).padStart(5, '0')}`;
}

export async function insertClass(trx: Tx, row: Insertable<TrainingClassTable>): Promise<void> {
  await trx.insertInto('training_classes').values(row).execute();
}

export async function updateClass(trx: Tx, id: string, change: Updateable<TrainingClassTable>): Promise<void> {
  await trx.updateTable('training_classes').set(change).where('id', '=', id).execute();
}

/** One step of a class's lifecycle, appended (never updated). */
export async function recordClassDecision(trx: Tx, row: Insertable<ClassDecisionTable>): Promise<void> {
  await trx.insertInto('class_decisions').values(row).execute();
}

/** The class's timetable, replaced as a whole (a draft or returned filing is edited). */
export async function replaceClassSessions(trx: Tx, classId: string, sessions: readonly Insertable<ClassSessionTable>[]): Promise<void> {
  await trx.deleteFrom('class_sessions').where('class_id', '=', classId).execute();
  await trx.insertInto('class_sessions').values(sessions).execute();
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

// ---------------------------------------------------------------------------------------------------------
// The electronic training archive

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
