import type { Insertable } from 'kysely';
import type { Db, Tx } from '../../usecases/context.ts';
import type { AssessmentResultTable, EnrolmentCompletionTable, EnrolmentTable } from '../types.ts';

type Q = Db | Tx;

// Enrolments by real name (§9): the roster, a person's places and timetable, completion and results.

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

/** The class's active enrolment with this id, if any. */
export async function findActiveEnrolmentById(db: Q, classId: string, enrolmentId: string): Promise<{ id: string; worker_id: string } | undefined> {
  return db.selectFrom('enrolments').select(['id', 'worker_id']).where('id', '=', enrolmentId).where('class_id', '=', classId).where('status', '=', 'active').executeTakeFirst();
}

export async function countActiveEnrolments(db: Q, classId: string): Promise<number> {
  const r = await db
    .selectFrom('enrolments')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('class_id', '=', classId)
    .where('status', '=', 'active')
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Locks the person's row for the rest of the transaction: one person's enrolments are decided one at a time. */
export async function lockWorker(trx: Tx, workerId: string): Promise<void> {
  await trx.selectFrom('workers').select('id').where('id', '=', workerId).forUpdate().executeTakeFirst();
}

export async function insertEnrolment(trx: Tx, row: Insertable<EnrolmentTable>): Promise<void> {
  await trx.insertInto('enrolments').values(row).execute();
}

/** Withdraws the class's active enrolment; false when there is none with this id. */
export async function withdrawEnrolment(trx: Tx, classId: string, enrolmentId: string, at: Date, reason: string): Promise<boolean> {
  const r = await trx
    .updateTable('enrolments')
    .set({ status: 'withdrawn', withdrawn_at: at, withdrawn_reason: reason })
    .where('id', '=', enrolmentId)
    .where('class_id', '=', classId)
    .where('status', '=', 'active')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** Each trainee's attendance as fixed at completion (§10). */
export async function insertEnrolmentCompletions(trx: Tx, rows: readonly Insertable<EnrolmentCompletionTable>[]): Promise<void> {
  if (rows.length) await trx.insertInto('enrolment_completions').values(rows).execute();
}

/** The evaluator's results for the class (§10). */
export async function insertAssessmentResults(trx: Tx, rows: readonly Insertable<AssessmentResultTable>[]): Promise<void> {
  await trx.insertInto('assessment_results').values(rows).execute();
}

/** The worker portal: the person's current classes. */
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
