import type { Scope } from '../../domain/auth/permissions.ts';
import type { NormalizedEnterprise, NormalizedInstitution, OrgStatus } from '../../domain/registry/organisation.ts';
import type { Db, Tx } from '../../usecases/context.ts';
import { paged } from './paged.ts';

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
  'o.status',
  'o.status_reason',
  'o.status_since',
  'o.status_decision_ref',
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

export type OrgFilter = { kind?: 'institution' | 'enterprise'; q?: string; unitCode?: string; status?: 'active' | 'suspended' | 'blacklisted'; page: number; pageSize: number };

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
  if (f.status) q = q.where('o.status', '=', f.status);
  if (f.q) {
    const like = `%${f.q}%`;
    q = q.where((eb) => eb.or([eb('o.name', 'ilike', like), eb('o.credit_code', '=', f.q!.toUpperCase())]));
  }
  return paged(
    q.select([...orgColumns, 'ru.name as unit_name', 'ru.name_en as unit_name_en']),
    (q) => q.orderBy('ru.sort').orderBy('o.name'),
    f,
    { concurrently: true },
  );
}

export async function countOrganisations(db: Db, scope: Scope, kind: 'institution' | 'enterprise'): Promise<number> {
  return (await listOrganisations(db, scope, { kind, page: 1, pageSize: 1 })).total;
}

export async function listContacts(db: Db | Tx, orgId: string) {
  return db.selectFrom('organisation_contacts').select(['position', 'name', 'phone_masked']).where('org_id', '=', orgId).orderBy('position').execute();
}

export async function listLicences(db: Db | Tx, orgId: string) {
  return db
    .selectFrom('organisation_licences as l')
    .innerJoin('occupations as oc', 'oc.code', 'l.occupation_code')
    .innerJoin('skill_levels as sl', 'sl.code', 'l.level_code')
    .select(['l.occupation_code', 'oc.name as occupation_name', 'l.level_code', 'sl.sort'])
    .where('l.org_id', '=', orgId)
    .orderBy('l.occupation_code')
    .orderBy('sl.sort')
    .execute();
}

export async function listStatusHistory(db: Db | Tx, orgId: string) {
  return db
    .selectFrom('organisation_status_changes as c')
    .leftJoin('users as u', 'u.id', 'c.actor_id')
    .select(['c.from_status', 'c.to_status', 'c.reason', 'c.decision_ref', 'c.effective_date', 'c.at', 'u.display_name as actor_name'])
    .where('c.org_id', '=', orgId)
    .orderBy('c.at', 'desc')
    .execute();
}

export async function listEducationFunds(db: Db | Tx, orgId: string) {
  return db.selectFrom('enterprise_education_funds').selectAll().where('org_id', '=', orgId).orderBy('year', 'desc').execute();
}

export async function findOrgByCreditCode(db: Db | Tx, creditCode: string) {
  return db.selectFrom('organisations').select(['id', 'name', 'kind']).where('credit_code', '=', creditCode).executeTakeFirst();
}

/**
 * Suspend, blacklist or reinstate (§17): the change is a row that is never updated, then the organisation's current
 * status follows it.
 */
export async function recordOrgStatusChange(
  trx: Tx,
  c: { id: string; orgId: string; from: OrgStatus; to: OrgStatus; reason: string; decisionRef: string; effectiveDate: string; actorId: string; at: Date },
): Promise<void> {
  await trx
    .insertInto('organisation_status_changes')
    .values({ id: c.id, org_id: c.orgId, from_status: c.from, to_status: c.to, reason: c.reason, decision_ref: c.decisionRef, effective_date: c.effectiveDate, actor_id: c.actorId, at: c.at })
    .execute();
  await trx
    .updateTable('organisations')
    .set({ status: c.to, status_reason: c.reason, status_since: c.effectiveDate, status_decision_ref: c.decisionRef, updated_at: c.at })
    .where('id', '=', c.orgId)
    .execute();
}

/** §13: an enterprise's figures for a year; a second report for the same year replaces the first. */
export async function saveEducationFund(
  trx: Tx,
  orgId: string,
  year: number,
  f: { payrollFen: number; educationFundFen: number; frontLineFen: number },
  now: Date,
): Promise<void> {
  const figures = { payroll_fen: f.payrollFen, education_fund_fen: f.educationFundFen, front_line_fen: f.frontLineFen, reported_at: now };
  await trx
    .insertInto('enterprise_education_funds')
    .values({ org_id: orgId, year, ...figures })
    .onConflict((oc) => oc.columns(['org_id', 'year']).doUpdateSet(figures))
    .execute();
}

export type EncryptedContact = { name: string; phoneCipher: Buffer; phoneMasked: string };

/** The organisation's own columns from a validated institution or enterprise. */
function columnsOf(v: NormalizedInstitution | NormalizedEnterprise) {
  return {
    name: v.name,
    institution_kind: v.kind === 'institution' ? v.institutionKind : null,
    admission_route: v.kind === 'institution' ? v.admissionRoute : null,
    industry: v.industry,
    high_risk: v.highRisk,
    unit_code: v.unitCode,
    employees: v.kind === 'enterprise' ? v.employees : null,
    capacity: v.kind === 'institution' ? v.capacity : null,
  };
}

/** Insert or update an organisation with its contacts and (institutions) licences, replacing both lists. */
export async function saveOrganisation(
  trx: Tx,
  id: string,
  v: NormalizedInstitution | NormalizedEnterprise,
  contacts: readonly EncryptedContact[],
  now: Date,
  mode: 'insert' | 'update',
): Promise<void> {
  if (mode === 'insert') {
    await trx
      .insertInto('organisations')
      .values({ id, kind: v.kind, credit_code: v.creditCode, ...columnsOf(v), created_at: now, updated_at: now })
      .execute();
  } else {
    await trx.updateTable('organisations').set({ ...columnsOf(v), updated_at: now }).where('id', '=', id).execute();
  }
  await trx.deleteFrom('organisation_contacts').where('org_id', '=', id).execute();
  for (const [i, c] of contacts.entries()) {
    await trx.insertInto('organisation_contacts').values({ org_id: id, position: i + 1, name: c.name, phone_cipher: c.phoneCipher, phone_masked: c.phoneMasked }).execute();
  }
  if (v.kind === 'institution') {
    await trx.deleteFrom('organisation_licences').where('org_id', '=', id).execute();
    for (const l of v.licensedOccupations) {
      for (const level of l.levels) await trx.insertInto('organisation_licences').values({ org_id: id, occupation_code: l.occupationCode, level_code: level }).execute();
    }
  }
}
