import { sql, type RawBuilder } from 'kysely';
import type { Db, Tx } from '../../usecases/context.ts';
import { analyticsBy, analyticsByUnit, usableBuild } from './analytics.ts';

type Q = Db | Tx;

/**
 * The per-enrolment facts of the trainings that count in a period: an active enrolment of a class that ended (结业)
 * within [from, to] (Asia/Shanghai days, inclusive) and was completed. One CTE used by every section of a report.
 * - in_service: an enterprise employee (企业在岗职工) on the class start date — left out of the employment rate (二);
 * - employed: an employment record overlapping the months from completion to `months` after it (§9);
 * - paid amounts: lines of paid claims, not refused, whose payment was not reversed.
 * Other aggregates (dashboards, employment rates by class or institution) select from its `f` the same way.
 */
export function reportFacts(from: string, to: string, months: number, unitCode: string | null): RawBuilder<unknown> {
  return factsOf({ from, to }, months, unitCode);
}

/** reportFacts, or with `period` null every enrolment that counts in some period (the analytics build, ADR 0011). */
export function factsOf(period: { from: string; to: string } | null, months: number, unitCode: string | null): RawBuilder<unknown> {
  return sql`
    WITH paid AS (
      SELECT l.enrolment_id,
        SUM(l.amount_fen) FILTER (WHERE l.fund = 'employment_subsidy') AS employment_subsidy,
        SUM(l.amount_fen) FILTER (WHERE l.fund = 'skills_account') AS skills_account,
        SUM(l.amount_fen) FILTER (WHERE l.fund = 'local_talent') AS local_talent,
        SUM(l.amount_fen) FILTER (WHERE l.fund = 'industry_development') AS industry_development,
        SUM(l.amount_fen) FILTER (WHERE l.kind = 'living_allowance') AS living_allowance
      FROM claim_lines l
      JOIN subsidy_claims k ON k.id = l.claim_id AND k.round = l.round AND k.status = 'paid'
      JOIN ledger_transactions t ON t.seq = k.paid_txn_seq
      WHERE NOT EXISTS (SELECT 1 FROM claim_line_refusals rf WHERE rf.line_id = l.id)
        AND NOT EXISTS (SELECT 1 FROM ledger_transactions r WHERE r.reverses_txn_id = t.id)
        ${
          // Only the lines of the period's enrolments (the only ones f joins), not every paid line there is.
          period
            ? sql`AND l.enrolment_id IN (SELECT e2.id FROM enrolments e2 JOIN training_classes c2 ON c2.id = e2.class_id
                WHERE c2.status IN ('completed', 'assessed', 'closed') AND c2.end_date BETWEEN ${period.from}::date AND ${period.to}::date
                ${unitCode ? sql`AND c2.unit_code = ${unitCode}` : sql``})`
            : sql``
        }
      GROUP BY l.enrolment_id
    ),
    f AS (
      SELECT e.id AS enrolment_id, e.worker_id, e.class_id, c.org_id, c.unit_code, c.training_type, c.start_date, c.end_date,
        COALESCE(ec.completed, false) AS completed,
        cert.type AS cert_type, cert.level_code AS cert_level,
        (cert.id IS NOT NULL) AS certified,
        EXISTS (SELECT 1 FROM worker_categories wc WHERE wc.worker_id = e.worker_id AND wc.category_code = 'enterprise_employee'
          AND wc.valid_from <= c.start_date AND (wc.valid_to IS NULL OR wc.valid_to >= c.start_date)) AS in_service,
        EXISTS (SELECT 1 FROM employment_records er WHERE er.worker_id = e.worker_id
          AND er.first_month <= (date_trunc('month', c.end_date) + make_interval(months => ${months}))::date
          AND (er.last_month IS NULL OR er.last_month >= date_trunc('month', c.end_date)::date)) AS employed,
        COALESCE(p.employment_subsidy, 0) AS f_employment_subsidy, COALESCE(p.skills_account, 0) AS f_skills_account,
        COALESCE(p.local_talent, 0) AS f_local_talent, COALESCE(p.industry_development, 0) AS f_industry_development,
        COALESCE(p.living_allowance, 0) AS living_allowance,
        (p.enrolment_id IS NOT NULL) AS subsidised
      FROM enrolments e
      JOIN training_classes c ON c.id = e.class_id
      LEFT JOIN enrolment_completions ec ON ec.enrolment_id = e.id
      LEFT JOIN certificates cert ON cert.enrolment_id = e.id AND NOT EXISTS (SELECT 1 FROM certificate_revocations rv WHERE rv.certificate_id = cert.id)
      LEFT JOIN paid p ON p.enrolment_id = e.id
      WHERE e.status = 'active' AND c.status IN ('completed', 'assessed', 'closed')
        ${period ? sql`AND c.end_date BETWEEN ${period.from}::date AND ${period.to}::date` : sql``}
        ${unitCode ? sql`AND c.unit_code = ${unitCode}` : sql``}
    )`;
}

const MEASURES = sql`
  count(*)::int AS trainings,
  count(DISTINCT f.worker_id)::int AS people,
  count(*) FILTER (WHERE f.completed)::int AS completed,
  count(*) FILTER (WHERE f.certified)::int AS certificates,
  count(DISTINCT f.worker_id) FILTER (WHERE f.subsidised)::int AS subsidised_people,
  COALESCE(SUM(f.f_employment_subsidy), 0)::bigint AS employment_subsidy,
  COALESCE(SUM(f.f_skills_account), 0)::bigint AS skills_account,
  COALESCE(SUM(f.f_local_talent), 0)::bigint AS local_talent,
  COALESCE(SUM(f.f_industry_development), 0)::bigint AS industry_development,
  COALESCE(SUM(f.living_allowance), 0)::bigint AS living_allowance,
  count(*) FILTER (WHERE f.completed AND NOT f.in_service)::int AS employment_base,
  count(*) FILTER (WHERE f.completed AND NOT f.in_service AND f.employed)::int AS employed`;

export type MeasureRow = {
  trainings: number;
  people: number;
  completed: number;
  certificates: number;
  subsidised_people: number;
  employment_subsidy: number;
  skills_account: number;
  local_talent: number;
  industry_development: number;
  living_allowance: number;
  employment_base: number;
  employed: number;
};

export type ReportQuery = { from: string; to: string; employmentMonths: number; unitCode: string | null };

/**
 * By reporting unit, with the all-units total (unit_code null). From the analytics table when a build is usable for
 * the period (ADR 0011: current, same employment window, no source row changed since), else from the records.
 */
export async function measuresByUnit(db: Q, q: ReportQuery) {
  const b = await usableBuild(db, q);
  if (b) return analyticsByUnit(db, b, q.unitCode);
  return liveMeasuresByUnit(db, q);
}

/** measuresByUnit from the records, always. */
export async function liveMeasuresByUnit(db: Q, q: ReportQuery) {
  const r = await liveByUnitQuery(q).execute(db);
  return r.rows;
}

/** The statement of liveMeasuresByUnit (the benchmark explains it). */
export function liveByUnitQuery(q: ReportQuery) {
  return sql<MeasureRow & { unit_code: string | null; total: boolean }>`${reportFacts(q.from, q.to, q.employmentMonths, q.unitCode)}
    SELECT f.unit_code, (GROUPING(f.unit_code) = 1) AS total, ${MEASURES}
    FROM f GROUP BY GROUPING SETS ((f.unit_code), ())`;
}

/**
 * By a dimension: person category on the class start date (a person in two categories counts in both), training
 * type, or certificate. From the analytics table when usable, as measuresByUnit.
 */
export async function measuresBy(db: Q, q: ReportQuery, by: 'category' | 'training_type' | 'certificate') {
  const b = await usableBuild(db, q);
  if (b) return analyticsBy(db, b, q.unitCode, by);
  return liveMeasuresBy(db, q, by);
}

/** measuresBy from the records, always. */
export async function liveMeasuresBy(db: Q, q: ReportQuery, by: 'category' | 'training_type' | 'certificate') {
  if (by === 'category') {
    const r = await sql<MeasureRow & { key: string }>`${reportFacts(q.from, q.to, q.employmentMonths, q.unitCode)}
      SELECT wc.category_code AS key, ${MEASURES}
      FROM f JOIN worker_categories wc ON wc.worker_id = f.worker_id AND wc.valid_from <= f.start_date AND (wc.valid_to IS NULL OR wc.valid_to >= f.start_date)
      GROUP BY wc.category_code ORDER BY wc.category_code`.execute(db);
    return r.rows;
  }
  if (by === 'training_type') {
    const r = await sql<MeasureRow & { key: string }>`${reportFacts(q.from, q.to, q.employmentMonths, q.unitCode)}
      SELECT f.training_type AS key, ${MEASURES} FROM f GROUP BY f.training_type ORDER BY f.training_type`.execute(db);
    return r.rows;
  }
  const r = await sql<MeasureRow & { key: string }>`${reportFacts(q.from, q.to, q.employmentMonths, q.unitCode)}
    SELECT COALESCE(f.cert_type || ':' || COALESCE(f.cert_level, '-'), 'none') AS key, ${MEASURES} FROM f GROUP BY 1 ORDER BY 1`.execute(db);
  return r.rows;
}

/** Trainings (人次) per unit and day of completion in a window: bucketed into months (of either basis) by the caller. */
export async function trainingsByUnitDay(db: Q, from: string, to: string) {
  const r = await sql<{ unit_code: string; day: string; n: number }>`
    SELECT c.unit_code, to_char(c.end_date, 'YYYY-MM-DD') AS day, count(*)::int AS n
    FROM enrolments e JOIN training_classes c ON c.id = e.class_id
    WHERE e.status = 'active' AND c.status IN ('completed', 'assessed', 'closed') AND c.end_date BETWEEN ${from}::date AND ${to}::date
    GROUP BY 1, 2`.execute(db);
  return r.rows;
}
