import type { Scope } from '../../domain/auth/permissions.ts';
import type { Db, Tx } from '../../usecases/context.ts';

const orgColumns = [
  'o.id',
  'o.kind',
  'o.name',
  'o.credit_code',
  'o.institution_kind',
  'o.admission_route',
  'o.industry',
  'o.high_risk',
  'o.unit_code',
  'o.employees',
  'o.capacity',
  'o.contact_name',
  'o.contact_phone_masked',
  'o.status',
] as const;

export async function findOrganisation(db: Db | Tx, id: string) {
  return db
    .selectFrom('organisations as o')
    .innerJoin('reporting_units as ru', 'ru.code', 'o.unit_code')
    .select([...orgColumns, 'ru.name as unit_name', 'ru.name_en as unit_name_en'])
    .where('o.id', '=', id)
    .executeTakeFirst();
}
export type OrganisationRow = NonNullable<Awaited<ReturnType<typeof findOrganisation>>>;

export type OrgFilter = { kind?: 'institution' | 'enterprise'; q?: string; unitCode?: string; page: number; pageSize: number };

/** Organisations visible in `scope`: city → all; a unit → that unit's; an organisation → itself. */
export async function listOrganisations(db: Db, scope: Scope, f: OrgFilter) {
  let q = db.selectFrom('organisations as o').innerJoin('reporting_units as ru', 'ru.code', 'o.unit_code');
  switch (scope.kind) {
    case 'city':
      break;
    case 'unit':
      q = q.where('o.unit_code', '=', scope.unitCode);
      break;
    case 'organisation':
      q = q.where('o.id', '=', scope.orgId);
      break;
    default:
      return { items: [], total: 0 };
  }
  if (f.kind) q = q.where('o.kind', '=', f.kind);
  if (f.unitCode) q = q.where('o.unit_code', '=', f.unitCode);
  if (f.q) {
    const like = `%${f.q}%`;
    q = q.where((eb) => eb.or([eb('o.name', 'ilike', like), eb('o.credit_code', '=', f.q!.toUpperCase())]));
  }
  const [items, total] = await Promise.all([
    q
      .select([...orgColumns, 'ru.name as unit_name', 'ru.name_en as unit_name_en'])
      .orderBy('ru.sort')
      .orderBy('o.name')
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize)
      .execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: total.n };
}

export async function countOrganisations(db: Db, scope: Scope, kind: 'institution' | 'enterprise'): Promise<number> {
  return (await listOrganisations(db, scope, { kind, page: 1, pageSize: 1 })).total;
}
