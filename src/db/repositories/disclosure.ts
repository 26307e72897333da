import { sql } from 'kysely';
import type { Db } from '../../usecases/context.ts';

/**
 * What the public disclosure site reads (§17 定期向社会公开): only frozen reports that were approved, and the
 * organisations on the blacklist. Never live figures.
 */

const reportColumns = [
  'f.id',
  'f.kind',
  'f.period_key',
  'f.basis',
  'f.unit_code',
  'ru.name as unit_name',
  'ru.name_en as unit_name_en',
  'f.frozen_at',
  'a.approved_at',
] as const;

export type ApprovedReportFilter = { year?: number; kind?: 'monthly' | 'quarterly' | 'annual'; basis?: 'calendar' | 'day21'; unitCode?: string };

function approved(db: Db, f: ApprovedReportFilter) {
  let q = db
    .selectFrom('frozen_reports as f')
    .innerJoin('report_approvals as a', 'a.report_id', 'f.id')
    .innerJoin('reporting_units as ru', 'ru.code', 'f.unit_code');
  if (f.year !== undefined) q = q.where(sql<boolean>`left(f.period_key, 4) = ${String(f.year)}`);
  if (f.kind) q = q.where('f.kind', '=', f.kind);
  if (f.basis) q = q.where('f.basis', '=', f.basis);
  if (f.unitCode) q = q.where('f.unit_code', '=', f.unitCode);
  return q;
}

/** The approved reports (without their figures), newest period first. */
export async function listApprovedReports(db: Db, f: ApprovedReportFilter) {
  return approved(db, f).select(reportColumns).orderBy('f.period_key', 'desc').orderBy('f.kind').orderBy('f.unit_code').execute();
}

/** The approved reports with their frozen figures, in period order. */
export async function approvedReportsWithData(db: Db, f: ApprovedReportFilter) {
  return approved(db, f).select([...reportColumns, 'f.data']).orderBy('f.period_key').execute();
}

/** One approved report with its frozen figures; nothing when it does not exist or is not approved. */
export async function findApprovedReport(db: Db, id: string) {
  return approved(db, {}).select([...reportColumns, 'f.data']).where('f.id', '=', id).executeTakeFirst();
}

/** The years that have at least one approved report, newest first. */
export async function disclosedYears(db: Db): Promise<number[]> {
  const r = await approved(db, {}).select(sql<string>`left(f.period_key, 4)`.as('year')).distinct().execute();
  return r.map((x) => Number(x.year)).sort((a, b) => b - a);
}

/**
 * Organisations on the blacklist (§17 禁止其再承担政府补贴性培训): what the decision published — name, credit
 * code, kind, unit, the effective date, reason and decision reference, and when it was recorded. No contacts.
 */
export async function listBlacklisted(db: Db) {
  return db
    .selectFrom('organisations as o')
    .innerJoin('reporting_units as ru', 'ru.code', 'o.unit_code')
    .leftJoinLateral(
      (eb) =>
        eb
          .selectFrom('organisation_status_changes as c')
          .select(['c.at', 'c.effective_date', 'c.reason', 'c.decision_ref'])
          .whereRef('c.org_id', '=', 'o.id')
          .where('c.to_status', '=', 'blacklisted')
          .orderBy('c.at', 'desc')
          .limit(1)
          .as('c'),
      (join) => join.onTrue(),
    )
    .select([
      'o.id',
      'o.name',
      'o.credit_code',
      'o.kind',
      'o.institution_kind',
      'o.unit_code',
      'ru.name as unit_name',
      'ru.name_en as unit_name_en',
      'o.status_since',
      'o.status_reason',
      'o.status_decision_ref',
      'c.at as listed_at',
      'c.effective_date',
      'c.reason',
      'c.decision_ref',
    ])
    .where('o.status', '=', 'blacklisted')
    .orderBy(sql`COALESCE(c.effective_date, o.status_since)`, 'desc')
    .orderBy('o.name')
    .execute();
}
