import type { Db } from '../../usecases/context.ts';

// What a class filing is checked against (§7, §10, §12): the year's published catalogs and the evaluation bodies.

/** A project of the year's published project catalog, with what the filing must match. */
export async function findPublishedCatalogProject(
  db: Db,
  projectId: string,
  year: number,
): Promise<{ occupation_code: string; level_code: string; training_type: string; standard_hours: number; subsidy_fen: number } | undefined> {
  return db
    .selectFrom('catalog_projects as p')
    .innerJoin('catalogs as c', 'c.id', 'p.catalog_id')
    .select(['p.occupation_code', 'p.level_code', 'p.training_type', 'p.standard_hours', 'p.subsidy_fen'])
    .where('p.id', '=', projectId)
    .where('c.status', '=', 'published')
    .where('c.kind', '=', 'projects')
    .where('c.year', '=', year)
    .executeTakeFirst();
}

/** The year's published institution catalog, if there is one. */
export async function publishedInstitutionCatalog(db: Db, year: number): Promise<{ id: string } | undefined> {
  return db.selectFrom('catalogs').select('id').where('kind', '=', 'institutions').where('year', '=', year).where('status', '=', 'published').executeTakeFirst();
}

/** The catalog lists the institution for this occupation and level. */
export async function institutionListed(db: Db, catalogId: string, orgId: string, occupationCode: string, levelCode: string): Promise<boolean> {
  const listed = await db
    .selectFrom('catalog_institutions')
    .select('org_id')
    .where('catalog_id', '=', catalogId)
    .where('org_id', '=', orgId)
    .where('occupation_code', '=', occupationCode)
    .where('level_code', '=', levelCode)
    .executeTakeFirst();
  return !!listed;
}

/** The active evaluation institutions city-wide, by unit and name. */
export async function listActiveEvaluationInstitutions(db: Db): Promise<{ id: string; name: string; unit_code: string; unit_name: string }[]> {
  return db
    .selectFrom('organisations as o')
    .innerJoin('reporting_units as ru', 'ru.code', 'o.unit_code')
    .select(['o.id', 'o.name', 'o.unit_code', 'ru.name as unit_name'])
    .where('o.kind', '=', 'institution')
    .where('o.institution_kind', '=', 'evaluation')
    .where('o.status', '=', 'active')
    .orderBy('o.unit_code')
    .orderBy('o.name')
    .execute();
}
