import { sql } from 'kysely';
import type { Db, Tx } from '../../usecases/context.ts';
import { reportFacts } from './reports.ts';

type Q = Db | Tx;

/** The dashboard's window: the trainings whose class ended in [from, to], optionally of one unit. */
export type DashboardQuery = { from: string; to: string; employmentMonths: number; unitCode: string | null };

/** Additive measures: summed over days and units by the caller (no DISTINCT, so the grouping can hash). */
const SUMS = sql`
  count(*)::int AS trainings,
  count(*) FILTER (WHERE f.completed)::int AS completed,
  count(*) FILTER (WHERE f.certified)::int AS certificates,
  COALESCE(SUM(f.f_employment_subsidy), 0)::bigint AS employment_subsidy,
  COALESCE(SUM(f.f_skills_account), 0)::bigint AS skills_account,
  COALESCE(SUM(f.f_local_talent), 0)::bigint AS local_talent,
  COALESCE(SUM(f.f_industry_development), 0)::bigint AS industry_development,
  COALESCE(SUM(f.living_allowance), 0)::bigint AS living_allowance,
  count(*) FILTER (WHERE f.completed AND NOT f.in_service)::int AS employment_base,
  count(*) FILTER (WHERE f.completed AND NOT f.in_service AND f.employed)::int AS employed`;

export type CountRow = {
  trainings: number;
  completed: number;
  certificates: number;
  employment_subsidy: number | string;
  skills_account: number | string;
  local_talent: number | string;
  industry_development: number | string;
  living_allowance: number | string;
  employment_base: number;
  employed: number;
};

/**
 * One pass over the facts (materialised once, read three times):
 * - 'unit_day': the additive measures by unit and day of class end (the caller sums them into units, months of
 *   either basis and the total);
 * - 'org': the same by the organisation running the classes;
 * - 'all': the whole window, with the distinct counts (人数, subsidised people), which do not add up;
 * - 'category': 人次 and 人数 by person category on the class start date (a person in two categories counts in both).
 */
export async function countsGrouped(db: Q, q: DashboardQuery) {
  const r = await sql<
    CountRow & { grp: 'unit_day' | 'org' | 'all' | 'category'; unit_code: string | null; day: string | null; org_id: string | null; category_code: string | null; people: number; subsidised_people: number }
  >`${reportFacts(q.from, q.to, q.employmentMonths, q.unitCode)}
    SELECT CASE WHEN GROUPING(f.org_id) = 0 THEN 'org' ELSE 'unit_day' END AS grp,
      f.unit_code, to_char(f.end_date, 'YYYY-MM-DD') AS day, f.org_id, NULL AS category_code, 0 AS people, 0 AS subsidised_people, ${SUMS}
    FROM f GROUP BY GROUPING SETS ((f.unit_code, f.end_date), (f.org_id))
    UNION ALL
    SELECT 'all', NULL, NULL, NULL, NULL, count(DISTINCT f.worker_id)::int, count(DISTINCT f.worker_id) FILTER (WHERE f.subsidised)::int, ${SUMS}
    FROM f
    UNION ALL
    SELECT 'category', NULL, NULL, NULL, wc.category_code, count(DISTINCT f.worker_id)::int, 0, ${SUMS}
    FROM f JOIN worker_categories wc ON wc.worker_id = f.worker_id AND wc.valid_from <= f.start_date AND (wc.valid_to IS NULL OR wc.valid_to >= f.start_date)
    GROUP BY wc.category_code`.execute(db);
  return r.rows;
}

export type OrgAttendanceRow = {
  org_id: string;
  name: string;
  org_kind: string;
  institution_kind: string | null;
  org_unit_code: string;
  org_status: string;
  /** Its classes that ended in the window. */
  classes: number;
  /** Confirmed manual marks (补签) in its classes. */
  manual: number;
  /** Check-ins by scanning the classroom code in its classes. */
  scanned: number;
};

/**
 * The organisations running the classes that ended in the window (the classes of the facts), their number of classes
 * with trainees, and their attendance
 * records: one per person present at a session, either a check-in scan or a confirmed manual mark (§9).
 */
export async function orgAttendance(db: Q, q: DashboardQuery) {
  const r = await sql<OrgAttendanceRow>`
    WITH cls AS (
      SELECT c.id AS class_id, c.org_id FROM training_classes c
      WHERE c.status IN ('completed', 'assessed', 'closed') AND c.end_date BETWEEN ${q.from}::date AND ${q.to}::date
        ${q.unitCode ? sql`AND c.unit_code = ${q.unitCode}` : sql``}
        AND EXISTS (SELECT 1 FROM enrolments e WHERE e.class_id = c.id AND e.status = 'active')
    ),
    marks AS (
      SELECT cls.org_id, count(*)::int AS n
      FROM cls JOIN manual_marks m ON m.class_id = cls.class_id
      JOIN manual_mark_decisions d ON d.mark_id = m.id AND d.decision = 'confirmed'
      GROUP BY cls.org_id
    ),
    scans AS (
      SELECT cls.org_id, count(*)::int AS n
      FROM cls JOIN class_sessions s ON s.class_id = cls.class_id
      JOIN attendance_scans a ON a.session_id = s.id AND a.kind = 'in'
      GROUP BY cls.org_id
    )
    SELECT o.id AS org_id, o.name, o.kind AS org_kind, o.institution_kind, o.unit_code AS org_unit_code, o.status AS org_status,
      p.classes, COALESCE(marks.n, 0)::int AS manual, COALESCE(scans.n, 0)::int AS scanned
    FROM (SELECT cls.org_id, count(*)::int AS classes FROM cls GROUP BY cls.org_id) p JOIN organisations o ON o.id = p.org_id
    LEFT JOIN marks ON marks.org_id = p.org_id
    LEFT JOIN scans ON scans.org_id = p.org_id`.execute(db);
  return r.rows;
}

/** The year's targets (人次) by unit, as set by the city office (四(一) 任务分解). */
export async function unitTargets(db: Q, year: number) {
  const rows = await db.selectFrom('unit_targets').select(['unit_code', 'trainings']).where('year', '=', year).execute();
  return new Map(rows.map((r) => [r.unit_code, Number(r.trainings)]));
}

/** Years with finished classes or targets, newest first: `trained` when classes ended in it, `targeted` when targets are set. */
export async function dashboardYears(db: Q, unitCode: string | null) {
  const r = await sql<{ year: number; trained: boolean; targeted: boolean }>`
    SELECT y.year, bool_or(y.trained) AS trained, bool_or(NOT y.trained) AS targeted FROM (
      SELECT DISTINCT EXTRACT(YEAR FROM c.end_date)::int AS year, true AS trained FROM training_classes c
      WHERE c.status IN ('completed', 'assessed', 'closed') AND c.end_date IS NOT NULL ${unitCode ? sql`AND c.unit_code = ${unitCode}` : sql``}
      UNION ALL SELECT DISTINCT t.year, false FROM unit_targets t ${unitCode ? sql`WHERE t.unit_code = ${unitCode}` : sql``}
    ) y GROUP BY y.year ORDER BY y.year DESC`.execute(db);
  return r.rows.map((x) => ({ year: Number(x.year), trained: x.trained, targeted: x.targeted }));
}

/** The tables the report facts, the attendance records and the targets read. */
const REPORT_TABLES = [
  'training_classes',
  'enrolments',
  'enrolment_completions',
  'certificates',
  'certificate_revocations',
  'subsidy_claims',
  'claim_lines',
  'claim_line_refusals',
  'ledger_transactions',
  'worker_categories',
  'employment_records',
  'class_sessions',
  'attendance_scans',
  'manual_marks',
  'manual_mark_decisions',
  'organisations',
  'unit_targets',
];

/**
 * Gathers planner statistics for the report tables when they have never been analysed: 'present' when they had
 * some, 'gathered' when it gathered them, 'empty' when there is nothing to analyse yet. The
 * embedded database (PGlite) runs no autovacuum, so after the demo is seeded it has none: the planner then takes
 * the paid-claims aggregate for one row and rescans it for every enrolment (7 s instead of 0.4 s for 10,000
 * enrolments, growing with the square). PostgreSQL's autovacuum makes this a no-op there.
 */
export async function analyzeIfUnanalysed(db: Q): Promise<'present' | 'gathered' | 'empty'> {
  const r = await sql<{ analysed: boolean; rows: boolean }>`
    SELECT EXISTS (SELECT 1 FROM pg_stats WHERE schemaname = current_schema() AND tablename = 'enrolments') AS analysed,
      EXISTS (SELECT 1 FROM enrolments) AS rows`.execute(db);
  const s = r.rows[0];
  if (s?.analysed) return 'present';
  if (!s?.rows) return 'empty';
  await sql`ANALYZE ${sql.join(REPORT_TABLES.map((t) => sql.table(t)))}`.execute(db);
  return 'gathered';
}
