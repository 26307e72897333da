import type { Db, Tx } from '../../usecases/context.ts';

export async function listReportingUnits(db: Db) {
  return db.selectFrom('reporting_units').selectAll().where('kind', '<>', 'prefecture').orderBy('sort').execute();
}

export async function listCodeTable(db: Db, table: 'training_types' | 'person_categories' | 'fund_sources' | 'certificate_types') {
  return db.selectFrom(table).selectAll().orderBy('sort').execute();
}

export async function listSkillLevels(db: Db) {
  return db.selectFrom('skill_levels').selectAll().orderBy('sort').execute();
}

export async function listOccupations(db: Db | Tx) {
  return db.selectFrom('occupations').selectAll().orderBy('code').execute();
}

export async function findOccupation(db: Db | Tx, by: { id: number } | { code: string }) {
  const q = db.selectFrom('occupations').selectAll();
  return ('id' in by ? q.where('id', '=', by.id) : q.where('code', '=', by.code)).executeTakeFirst();
}

export async function insertOccupation(trx: Tx, o: { code: string; name: string }, now: Date) {
  return trx
    .insertInto('occupations')
    .values({ code: o.code, name: o.name, verified: false, source: 'city office', created_at: now, updated_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
}

export async function updateOccupation(trx: Tx, id: number, patch: { name?: string; active?: boolean }, now: Date) {
  await trx.updateTable('occupations').set({ ...patch, updated_at: now }).where('id', '=', id).execute();
}

/** The occupation codes on file: all, only the active ones, or those of `among` that exist. */
export async function listOccupationCodes(db: Db | Tx, f: { activeOnly?: boolean; among?: readonly string[] } = {}): Promise<Set<string>> {
  if (f.among?.length === 0) return new Set();
  let q = db.selectFrom('occupations').select('code');
  if (f.activeOnly) q = q.where('active', '=', true);
  if (f.among) q = q.where('code', 'in', f.among);
  return new Set((await q.execute()).map((o) => o.code));
}
