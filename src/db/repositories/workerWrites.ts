import type { Insertable } from 'kysely';
import type { WorkerTable } from '../types.ts';
import type { Db, Tx } from '../../usecases/context.ts';

export async function findWorkerIdByBlind(db: Db | Tx, idBlind: string) {
  return db.selectFrom('workers').select(['id', 'name', 'unit_code']).where('id_blind', '=', idBlind).executeTakeFirst();
}

export async function insertWorkerRow(trx: Tx, row: Omit<Insertable<WorkerTable>, 'created_at' | 'updated_at'>, now: Date) {
  await trx.insertInto('workers').values({ ...row, created_at: now, updated_at: now }).execute();
}

export async function updateWorkerRow(
  trx: Tx,
  id: string,
  patch: Partial<{
    name: string;
    phone_cipher: Buffer | null;
    phone_blind: string | null;
    phone_masked: string | null;
    unit_code: string;
    county_code: string;
    township_code: string | null;
    education: string | null;
    disability: boolean | null;
  }>,
  now: Date,
) {
  await trx.updateTable('workers').set({ ...patch, updated_at: now }).where('id', '=', id).execute();
}

export async function findWorkerSecrets(db: Db, id: string) {
  return db.selectFrom('workers').select(['id', 'unit_code', 'id_cipher', 'phone_cipher']).where('id', '=', id).executeTakeFirst();
}

export async function findWorkerDetail(db: Db | Tx, id: string) {
  return db
    .selectFrom('workers as w')
    .innerJoin('reporting_units as ru', 'ru.code', 'w.unit_code')
    .leftJoin('townships as t', 't.code', 'w.township_code')
    .select([
      'w.id',
      'w.name',
      'w.gender',
      'w.birth_date',
      'w.id_masked',
      'w.phone_masked',
      'w.unit_code',
      'w.county_code',
      'w.township_code',
      'w.education',
      'w.disability',
      'w.created_at',
      'w.updated_at',
      'ru.name as unit_name',
      'ru.name_en as unit_name_en',
      't.name as township_name',
    ])
    .where('w.id', '=', id)
    .executeTakeFirst();
}

export async function listWorkerCategories(db: Db | Tx, workerId: string) {
  return db
    .selectFrom('worker_categories as wc')
    .innerJoin('person_categories as pc', 'pc.code', 'wc.category_code')
    .leftJoin('organisations as o', 'o.id', 'wc.employer_org_id')
    .select(['wc.id', 'wc.category_code', 'pc.name', 'pc.name_en', 'wc.valid_from', 'wc.valid_to', 'wc.employer_org_id', 'o.name as employer_name', 'wc.source'])
    .where('wc.worker_id', '=', workerId)
    .orderBy('wc.valid_from')
    .orderBy('pc.sort')
    .execute();
}

export async function insertCategoryPeriod(
  trx: Tx,
  p: { id: string; workerId: string; code: string; validFrom: string; validTo: string | null; employerOrgId: string | null; source: string },
  now: Date,
) {
  await trx
    .insertInto('worker_categories')
    .values({
      id: p.id,
      worker_id: p.workerId,
      category_code: p.code,
      valid_from: p.validFrom,
      valid_to: p.validTo,
      employer_org_id: p.employerOrgId,
      source: p.source,
      created_at: now,
    })
    .execute();
}

export async function findCategoryPeriod(db: Db | Tx, id: string) {
  return db.selectFrom('worker_categories').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function endCategoryPeriod(trx: Tx, id: string, validTo: string) {
  await trx.updateTable('worker_categories').set({ valid_to: validTo }).where('id', '=', id).execute();
}
