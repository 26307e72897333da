import { sql, type RawBuilder } from 'kysely';
import type { Db, Tx } from '../../usecases/context.ts';
import { factsOf, type MeasureRow, type ReportQuery } from './reports.ts';

type Q = Db | Tx;

/**
 * The reports' analytics table (ADR 0011, migration 0010). Its time grain is the half-month of a class's end date,
 * the "atom": (year × 12 + month − 1) × 2, plus 1 from the 21st. A calendar month is two atoms, a month from the 21st
 * to the 20th is the second half of one month and the first of the next; quarters, years and the year to date are
 * runs of atoms. A period whose first day is a 1st or a 21st and whose last day is a 20th or a month's end is answerable.
 */
export function atomOf(date: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return (y * 12 + m - 1) * 2 + (d > 20 ? 1 : 0);
}

/** The atoms i…j a period covers, or null when its bounds do not fall on atom boundaries. */
export function atomsOf(from: string, to: string): { i: number; j: number } | null {
  const [fy, , fd] = from.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = to.split('-').map(Number) as [number, number, number];
  const lastDay = new Date(Date.UTC(ty, tm, 0)).getUTCDate();
  if (!(fd === 1 || fd === 21) || !(td === 20 || td === lastDay) || !fy || !ty) return null;
  const i = atomOf(from);
  const j = atomOf(to);
  return j >= i ? { i, j } : null;
}

const ATOM_SQL = sql`((EXTRACT(YEAR FROM f.end_date)::int * 12 + EXTRACT(MONTH FROM f.end_date)::int - 1) * 2 + (EXTRACT(DAY FROM f.end_date) > 20)::int)`;

export type AnalyticsBuild = {
  id: number;
  employment_months: number;
  source_version: number;
  started_at: Date | string;
  built_at: Date | string;
  seconds: number | string;
  enrolments: number | string;
  row_count: number | string;
};

/** The change counter's value now: every statement writing a source table of the reports has moved it. */
export async function sourceVersion(db: Q): Promise<number> {
  const r = await sql<{ v: string }>`SELECT CASE WHEN is_called THEN last_value ELSE 0 END AS v FROM report_source_changes`.execute(db);
  return Number(r.rows[0]!.v);
}

/** The current build with the change counter now, or nothing. */
export async function findCurrentBuild(db: Q): Promise<(AnalyticsBuild & { version_now: number }) | undefined> {
  const r = await sql<AnalyticsBuild & { version_now: string }>`
    SELECT b.id, b.employment_months, b.source_version, b.started_at, b.built_at, b.seconds, b.enrolments, b.row_count,
      (SELECT CASE WHEN is_called THEN last_value ELSE 0 END FROM report_source_changes) AS version_now
    FROM report_analytics_builds b WHERE b.is_current`.execute(db);
  const row = r.rows[0];
  return row ? { ...row, id: Number(row.id), source_version: Number(row.source_version), version_now: Number(row.version_now) } : undefined;
}

/**
 * The build usable for a query: current, made with the same employment window, no source row changed since it was
 * made, and the period on atom boundaries. Otherwise null, and the caller reads the records (reportFacts).
 */
export async function usableBuild(db: Q, q: Pick<ReportQuery, 'from' | 'to' | 'employmentMonths'>): Promise<{ id: number; i: number; j: number } | null> {
  const atoms = atomsOf(q.from, q.to);
  if (!atoms) return null;
  const b = await findCurrentBuild(db);
  if (!b || b.employment_months !== q.employmentMonths || b.version_now !== b.source_version) return null;
  return { id: b.id, ...atoms };
}

/**
 * Transactions of this database in progress in a snapshot (pg_current_snapshot() as text) and still in progress now.
 * Transaction ids are the cluster's: those of other databases (another application's long load) are not waited for.
 */
export async function stillInProgress(db: Q, snapshot: string): Promise<number> {
  const r = await sql<{ n: number }>`
    SELECT count(*)::int AS n FROM pg_snapshot_xip(${snapshot}::pg_snapshot) x
    WHERE pg_xact_status(x) = 'in progress'
      AND EXISTS (SELECT 1 FROM pg_stat_activity a WHERE a.datname = current_database() AND a.backend_xid IS NOT NULL
        AND a.backend_xid::text::bigint = x::text::bigint % 4294967296)`.execute(db);
  return r.rows[0]!.n;
}

export async function currentSnapshot(db: Q): Promise<string> {
  const r = await sql<{ s: string }>`SELECT pg_current_snapshot()::text AS s`.execute(db);
  return r.rows[0]!.s;
}

/** One refresh at a time: a transaction-scoped advisory lock. */
export async function lockRefresh(tx: Tx): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(${0x6a696e66})`.execute(tx);
}

/**
 * Writes build `id`'s rows from the records, in one statement (one snapshot): every enrolment that counts in some
 * period (reportFacts without the period bound), once per scope (its unit, and '' = the city) and per dimension key
 * (none, training type, certificate, and each person category on the class start date, as measuresBy joins them),
 * with the atom of the same person's previous training in that scope and key (and previous subsidised one), grouped.
 * Two trainings of a person in one atom: one of them gets that atom as its previous, whichever — the counts are the same.
 * Returns the rows written.
 */
export async function buildRows(tx: Tx, id: number, employmentMonths: number): Promise<number> {
  // Memory for the sorts and the grouping (the session default of 4 MB spills a national year to disk).
  await sql`SET LOCAL work_mem = '256MB'`.execute(tx);
  const r = await buildRowsQuery(id, employmentMonths).execute(tx);
  return Number(r.numAffectedRows ?? 0);
}

/** The statement of buildRows (the benchmark explains it). */
export function buildRowsQuery(id: number, employmentMonths: number): RawBuilder<unknown> {
  // The facts are sorted by person once; each is then expanded in place (scope × dimension key), so the window's
  // sort by person, scope, key and atom is an incremental sort of each person's few rows, not of the whole expansion.
  return sql`${factsOf(null, employmentMonths, null)},
    o AS (SELECT f.*, ${ATOM_SQL} AS atom FROM f ORDER BY f.worker_id),
    x AS (
      SELECT o.worker_id, o.atom, o.completed, o.certified, o.in_service, o.employed, o.subsidised, o.f_employment_subsidy, o.f_skills_account,
        o.f_local_talent, o.f_industry_development, o.living_allowance, sc.scope, dk.dim, dk.key
      FROM o
      CROSS JOIN LATERAL (
        SELECT 'unit'::text AS dim, ''::text AS key
        UNION ALL SELECT 'training_type', o.training_type
        UNION ALL SELECT 'certificate', COALESCE(o.cert_type || ':' || COALESCE(o.cert_level, '-'), 'none')
        UNION ALL SELECT 'category', wc.category_code FROM worker_categories wc
          WHERE wc.worker_id = o.worker_id AND wc.valid_from <= o.start_date AND (wc.valid_to IS NULL OR wc.valid_to >= o.start_date)
      ) AS dk
      CROSS JOIN LATERAL (VALUES (o.unit_code), ('')) AS sc (scope)
    ),
    w AS (
      SELECT x.*, max(x.atom) OVER win AS prev_atom, max(x.atom) FILTER (WHERE x.subsidised) OVER win AS prev_sub_any
      FROM x WINDOW win AS (PARTITION BY x.worker_id, x.scope, x.dim, x.key ORDER BY x.atom ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)
    )
    INSERT INTO report_analytics (build_id, scope, dim, key, atom, prev_atom, prev_sub_atom, subsidised, trainings, completed, certificates,
      employment_subsidy, skills_account, local_talent, industry_development, living_allowance, employment_base, employed)
    SELECT ${id}, w.scope, w.dim, w.key, w.atom, w.prev_atom, CASE WHEN w.subsidised THEN w.prev_sub_any END, w.subsidised,
      count(*), count(*) FILTER (WHERE w.completed), count(*) FILTER (WHERE w.certified),
      SUM(w.f_employment_subsidy), SUM(w.f_skills_account), SUM(w.f_local_talent), SUM(w.f_industry_development), SUM(w.living_allowance),
      count(*) FILTER (WHERE w.completed AND NOT w.in_service), count(*) FILTER (WHERE w.completed AND NOT w.in_service AND w.employed)
    FROM w GROUP BY w.scope, w.dim, w.key, w.atom, w.prev_atom, 7, w.subsidised`;
}

/** Makes build `id` the current one and removes the rows of every other build. */
export async function swapIn(tx: Tx, build: Omit<AnalyticsBuild, 'row_count' | 'enrolments'> & { row_count: number }): Promise<{ enrolments: number }> {
  const n = await sql<{ n: string | null }>`SELECT SUM(trainings) AS n FROM report_analytics WHERE build_id = ${build.id} AND dim = 'unit' AND scope = ''`.execute(tx);
  const enrolments = Number(n.rows[0]!.n ?? 0);
  await sql`UPDATE report_analytics_builds SET is_current = false WHERE is_current`.execute(tx);
  await sql`INSERT INTO report_analytics_builds (id, employment_months, source_version, started_at, built_at, seconds, enrolments, row_count, is_current)
    VALUES (${build.id}, ${build.employment_months}, ${build.source_version}, ${build.started_at}, ${build.built_at}, ${build.seconds}, ${enrolments}, ${build.row_count}, true)`.execute(tx);
  await sql`DELETE FROM report_analytics WHERE build_id <> ${build.id}`.execute(tx);
  return { enrolments };
}

export async function nextBuildId(tx: Tx): Promise<number> {
  const r = await sql<{ id: string }>`SELECT COALESCE(max(id), 0) + 1 AS id FROM report_analytics_builds`.execute(tx);
  return Number(r.rows[0]!.id);
}

// ---------------------------------------------------------------------------------------------------------
// Reading: the same rows measuresByUnit / measuresBy return from the records.

function measures(i: number): RawBuilder<unknown> {
  return sql`
    COALESCE(SUM(a.trainings), 0)::int AS trainings,
    COALESCE(SUM(a.trainings) FILTER (WHERE a.prev_atom IS NULL OR a.prev_atom < ${i}), 0)::int AS people,
    COALESCE(SUM(a.completed), 0)::int AS completed,
    COALESCE(SUM(a.certificates), 0)::int AS certificates,
    COALESCE(SUM(a.trainings) FILTER (WHERE a.subsidised AND (a.prev_sub_atom IS NULL OR a.prev_sub_atom < ${i})), 0)::int AS subsidised_people,
    COALESCE(SUM(a.employment_subsidy), 0)::bigint AS employment_subsidy,
    COALESCE(SUM(a.skills_account), 0)::bigint AS skills_account,
    COALESCE(SUM(a.local_talent), 0)::bigint AS local_talent,
    COALESCE(SUM(a.industry_development), 0)::bigint AS industry_development,
    COALESCE(SUM(a.living_allowance), 0)::bigint AS living_allowance,
    COALESCE(SUM(a.employment_base), 0)::int AS employment_base,
    COALESCE(SUM(a.employed), 0)::int AS employed`;
}

/** By reporting unit with the total (unit_code null), as measuresByUnit. */
export async function analyticsByUnit(db: Q, b: { id: number; i: number; j: number }, unitCode: string | null) {
  const r = await sql<MeasureRow & { scope: string }>`
    SELECT a.scope, ${measures(b.i)} FROM report_analytics a
    WHERE a.build_id = ${b.id} AND a.dim = 'unit' AND a.atom BETWEEN ${b.i} AND ${b.j} ${unitCode ? sql`AND a.scope = ${unitCode}` : sql``}
    GROUP BY a.scope`.execute(db);
  const row = (unit_code: string | null, total: boolean, m: MeasureRow) => ({
    unit_code,
    total,
    trainings: m.trainings,
    people: m.people,
    completed: m.completed,
    certificates: m.certificates,
    subsidised_people: m.subsidised_people,
    employment_subsidy: m.employment_subsidy,
    skills_account: m.skills_account,
    local_talent: m.local_talent,
    industry_development: m.industry_development,
    living_allowance: m.living_allowance,
    employment_base: m.employment_base,
    employed: m.employed,
  });
  const units = r.rows.filter((x) => x.scope !== '').map((x) => row(x.scope, false, x));
  const totalOf = unitCode ? r.rows.find((x) => x.scope === unitCode) : r.rows.find((x) => x.scope === '');
  const total = totalOf ?? (await sql<MeasureRow>`SELECT ${measures(b.i)} FROM report_analytics a WHERE false`.execute(db)).rows[0]!;
  return [...units, row(null, true, total)];
}

/** By a dimension, as measuresBy (ordered by key). */
export async function analyticsBy(db: Q, b: { id: number; i: number; j: number }, unitCode: string | null, dim: 'category' | 'training_type' | 'certificate') {
  const r = await sql<MeasureRow & { key: string }>`
    SELECT a.key, ${measures(b.i)} FROM report_analytics a
    WHERE a.build_id = ${b.id} AND a.dim = ${dim} AND a.atom BETWEEN ${b.i} AND ${b.j} AND a.scope = ${unitCode ?? ''}
    GROUP BY a.key ORDER BY a.key`.execute(db);
  return r.rows;
}
