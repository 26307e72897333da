import { sql } from 'kysely';
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

export type CatalogKind = 'projects' | 'institutions';
export type CatalogStatusValue = 'draft' | 'in_review' | 'published' | 'superseded';

export async function insertDraftCatalog(trx: Tx, c: { id: string; kind: CatalogKind; year: number; version: number; title: string; basedOn: string | null; createdBy: string; at: Date }): Promise<void> {
  await trx
    .insertInto('catalogs')
    .values({ id: c.id, kind: c.kind, year: c.year, version: c.version, title: c.title, status: 'draft', based_on: c.basedOn, created_by: c.createdBy, created_at: c.at })
    .execute();
}

/** A new version starts with all the items of the one it is based on: its projects (with new ids), then its institutions. */
export async function copyCatalogItems(trx: Tx, fromId: string, toId: string): Promise<void> {
  await sql`INSERT INTO catalog_projects SELECT gen_random_uuid(), ${toId}::uuid, occupation_code, level_code, training_type, standard_hours, teaching_plan_ref, syllabus_ref, subsidy_fen
    FROM catalog_projects WHERE catalog_id = ${fromId}`.execute(trx);
  await sql`INSERT INTO catalog_institutions SELECT ${toId}::uuid, org_id, occupation_code, level_code FROM catalog_institutions WHERE catalog_id = ${fromId}`.execute(trx);
}

export async function insertCatalogDecision(trx: Tx, d: { id: string; catalogId: string; action: string; reason: string | null; actorId: string | null; at: Date }): Promise<void> {
  await trx.insertInto('catalog_decisions').values({ id: d.id, catalog_id: d.catalogId, action: d.action, reason: d.reason, actor_id: d.actorId, at: d.at }).execute();
}

export type CatalogProjectKey = { occupationCode: string; levelCode: string; trainingType: string };

/** The catalog's project for this occupation, level and training type, if it has one (one of each per catalog). */
export async function findCatalogProjectId(db: Db | Tx, catalogId: string, k: CatalogProjectKey): Promise<string | undefined> {
  const r = await db
    .selectFrom('catalog_projects')
    .select('id')
    .where('catalog_id', '=', catalogId)
    .where('occupation_code', '=', k.occupationCode)
    .where('level_code', '=', k.levelCode)
    .where('training_type', '=', k.trainingType)
    .executeTakeFirst();
  return r?.id;
}

export async function insertCatalogProject(
  trx: Tx,
  p: CatalogProjectKey & { id: string; catalogId: string; standardHours: number; teachingPlanRef: string; syllabusRef: string; subsidyFen: number },
): Promise<void> {
  await trx
    .insertInto('catalog_projects')
    .values({
      id: p.id,
      catalog_id: p.catalogId,
      occupation_code: p.occupationCode,
      level_code: p.levelCode,
      training_type: p.trainingType,
      standard_hours: p.standardHours,
      teaching_plan_ref: p.teachingPlanRef,
      syllabus_ref: p.syllabusRef,
      subsidy_fen: p.subsidyFen,
    })
    .execute();
}

/** False when the catalog has no such project. */
export async function deleteCatalogProject(trx: Tx, catalogId: string, projectId: string): Promise<boolean> {
  const r = await trx.deleteFrom('catalog_projects').where('id', '=', projectId).where('catalog_id', '=', catalogId).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

export type CatalogInstitutionItem = { catalogId: string; orgId: string; occupationCode: string; levelCode: string };

/** Lists an institution for an occupation and level; listing it twice changes nothing. */
export async function insertCatalogInstitution(trx: Tx, i: CatalogInstitutionItem): Promise<void> {
  await trx
    .insertInto('catalog_institutions')
    .values({ catalog_id: i.catalogId, org_id: i.orgId, occupation_code: i.occupationCode, level_code: i.levelCode })
    .onConflict((oc) => oc.doNothing())
    .execute();
}

export async function deleteCatalogInstitution(trx: Tx, i: CatalogInstitutionItem): Promise<void> {
  await trx
    .deleteFrom('catalog_institutions')
    .where('catalog_id', '=', i.catalogId)
    .where('org_id', '=', i.orgId)
    .where('occupation_code', '=', i.occupationCode)
    .where('level_code', '=', i.levelCode)
    .execute();
}

/** The year's published version of a kind of catalog, if one is. */
export async function findPublishedCatalogId(trx: Tx, kind: CatalogKind, year: number): Promise<string | undefined> {
  const r = await trx.selectFrom('catalogs').select('id').where('kind', '=', kind).where('year', '=', year).where('status', '=', 'published').executeTakeFirst();
  return r?.id;
}

/** A new status; publishing also records when and by whom. */
export async function setCatalogStatus(trx: Tx, id: string, status: CatalogStatusValue, published?: { at: Date; by: string }): Promise<void> {
  await trx
    .updateTable('catalogs')
    .set({ status, ...(published ? { published_at: published.at, published_by: published.by } : {}) })
    .where('id', '=', id)
    .execute();
}
