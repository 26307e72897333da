import type { Db, Tx } from '../../usecases/context.ts';

export async function findCatalog(db: Db | Tx, id: string) {
  return db.selectFrom('catalogs').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function listCatalogs(db: Db, f: { year?: number; kind?: 'projects' | 'institutions'; publicOnly: boolean }) {
  let q = db.selectFrom('catalogs').selectAll();
  if (f.year) q = q.where('year', '=', f.year);
  if (f.kind) q = q.where('kind', '=', f.kind);
  if (f.publicOnly) q = q.where('status', 'in', ['published', 'superseded']);
  return q.orderBy('year', 'desc').orderBy('kind').orderBy('version', 'desc').execute();
}

export async function nextVersion(trx: Tx, kind: string, year: number): Promise<number> {
  const r = await trx
    .selectFrom('catalogs')
    .select((eb) => eb.fn.max<number | null>('version').as('v'))
    .where('kind', '=', kind as 'projects')
    .where('year', '=', year)
    .executeTakeFirst();
  return (r?.v ?? 0) + 1;
}

export async function listProjects(db: Db | Tx, catalogId: string) {
  return db
    .selectFrom('catalog_projects as p')
    .innerJoin('occupations as o', 'o.code', 'p.occupation_code')
    .innerJoin('skill_levels as l', 'l.code', 'p.level_code')
    .innerJoin('training_types as t', 't.code', 'p.training_type')
    .select([
      'p.id',
      'p.occupation_code',
      'o.name as occupation_name',
      'p.level_code',
      'l.name as level_name',
      'p.training_type',
      't.name as training_type_name',
      'p.standard_hours',
      'p.teaching_plan_ref',
      'p.syllabus_ref',
      'p.subsidy_fen',
    ])
    .where('p.catalog_id', '=', catalogId)
    .orderBy('p.occupation_code')
    .orderBy('l.sort')
    .orderBy('t.sort')
    .execute();
}

export async function listCatalogInstitutions(db: Db | Tx, catalogId: string) {
  return db
    .selectFrom('catalog_institutions as ci')
    .innerJoin('organisations as org', 'org.id', 'ci.org_id')
    .innerJoin('reporting_units as ru', 'ru.code', 'org.unit_code')
    .innerJoin('occupations as o', 'o.code', 'ci.occupation_code')
    .innerJoin('skill_levels as l', 'l.code', 'ci.level_code')
    .select(['ci.org_id', 'org.name as org_name', 'org.credit_code', 'org.institution_kind', 'ru.name as unit_name', 'ci.occupation_code', 'o.name as occupation_name', 'ci.level_code', 'l.name as level_name'])
    .where('ci.catalog_id', '=', catalogId)
    .orderBy('ru.sort')
    .orderBy('org.name')
    .orderBy('ci.occupation_code')
    .orderBy('l.sort')
    .execute();
}

export async function listDecisions(db: Db | Tx, catalogId: string) {
  return db
    .selectFrom('catalog_decisions as d')
    .leftJoin('users as u', 'u.id', 'd.actor_id')
    .select(['d.action', 'd.reason', 'd.at', 'u.display_name as actor_name'])
    .where('d.catalog_id', '=', catalogId)
    .orderBy('d.seq')
    .execute();
}
