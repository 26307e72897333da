import { sql } from 'kysely';
import type { Db, Tx } from '../../usecases/context.ts';
import { reportFacts } from './reports.ts';

type Q = Db | Tx;

export type EmploymentRateBy = 'class' | 'institution' | 'unit' | 'category';

export type EmploymentRateRow = {
  key: string;
  name: string | null;
  unit_code: string | null;
  trainings: number;
  completed: number;
  in_service: number;
  employment_base: number;
  employed: number;
};

/**
 * Employment after training (§9) per class, institution, reporting unit or person category over the trainings
 * that ended in [from, to]: the base is the completions of people who were not enterprise in-service employees
 * on the class start date (二 不含企业在岗职工); employed = a record within `months` after completing.
 * Built on the report's `facts` CTE, so the numbers agree with the reports cell by cell.
 */
export async function employmentRates(db: Q, q: { from: string; to: string; months: number; unitCode: string | null; by: EmploymentRateBy; limit: number }) {
  const measures = sql`
    count(*)::int AS trainings,
    count(*) FILTER (WHERE f.completed)::int AS completed,
    count(*) FILTER (WHERE f.completed AND f.in_service)::int AS in_service,
    count(*) FILTER (WHERE f.completed AND NOT f.in_service)::int AS employment_base,
    count(*) FILTER (WHERE f.completed AND NOT f.in_service AND f.employed)::int AS employed`;
  const facts = reportFacts(q.from, q.to, q.months, q.unitCode);
  let r;
  if (q.by === 'unit') {
    r = await sql<EmploymentRateRow>`${facts}
      SELECT f.unit_code AS key, NULL::text AS name, f.unit_code, ${measures} FROM f GROUP BY f.unit_code ORDER BY f.unit_code`.execute(db);
  } else if (q.by === 'category') {
    r = await sql<EmploymentRateRow>`${facts}
      SELECT wc.category_code AS key, NULL::text AS name, NULL::text AS unit_code, ${measures}
      FROM f JOIN worker_categories wc ON wc.worker_id = f.worker_id AND wc.valid_from <= f.start_date AND (wc.valid_to IS NULL OR wc.valid_to >= f.start_date)
      GROUP BY wc.category_code ORDER BY wc.category_code`.execute(db);
  } else if (q.by === 'institution') {
    r = await sql<EmploymentRateRow>`${facts}
      SELECT o.id::text AS key, o.name, min(f.unit_code) AS unit_code, ${measures}
      FROM f JOIN organisations o ON o.id = f.org_id
      GROUP BY o.id, o.name ORDER BY employment_base DESC, o.name LIMIT ${q.limit}`.execute(db);
  } else {
    r = await sql<EmploymentRateRow>`${facts}
      SELECT c.id::text AS key, COALESCE(c.code || ' ', '') || COALESCE(c.name, '') AS name, c.unit_code, ${measures}
      FROM f JOIN training_classes c ON c.id = f.class_id
      GROUP BY c.id, c.code, c.name, c.unit_code ORDER BY min(c.end_date) DESC, c.code LIMIT ${q.limit}`.execute(db);
  }
  return r.rows;
}

/**
 * The skilled-worker indicators of 二 among the employed trainees (distinct people): of those counted as employed
 * after a completed training (in-service employees left out), how many hold a vocational skill certificate
 * (职业技能等级证书 or 职业资格证书, any level) from those trainings, and how many of them at 三级/高级工 or above.
 */
export async function skilledIndicators(db: Q, q: { from: string; to: string; months: number; unitCode: string | null }) {
  const r = await sql<{ employed_people: number; skilled_people: number; high_skilled_people: number }>`${reportFacts(q.from, q.to, q.months, q.unitCode)},
    p AS (
      SELECT f.worker_id,
        bool_or(f.certified AND f.cert_type IN ('skill_level', 'qualification')) AS skilled,
        bool_or(f.certified AND f.cert_type IN ('skill_level', 'qualification') AND f.cert_level IN ('3', '2', '1')) AS high_skilled
      FROM f WHERE f.completed AND NOT f.in_service AND f.employed GROUP BY f.worker_id
    )
    SELECT count(*)::int AS employed_people, count(*) FILTER (WHERE p.skilled)::int AS skilled_people,
      count(*) FILTER (WHERE p.high_skilled)::int AS high_skilled_people FROM p`.execute(db);
  const row = r.rows[0]!;
  return { employedPeople: Number(row.employed_people), skilledPeople: Number(row.skilled_people), highSkilledPeople: Number(row.high_skilled_people) };
}

/** Imported employment records, newest first, with the matched worker's name and masked ID number. */
export async function listEmploymentRecords(db: Q, q: { unitCode: string | null; limit: number; offset: number }) {
  let base = db.selectFrom('employment_records as r').leftJoin('workers as w', 'w.id', 'r.worker_id');
  if (q.unitCode) base = base.where('w.unit_code', '=', q.unitCode);
  const [rows, count] = await Promise.all([
    base
      .select(['r.id', 'r.employer_credit_code', 'r.employer_name', 'r.first_month', 'r.last_month', 'r.imported_at', 'w.name as worker_name', 'w.id_masked', 'w.unit_code'])
      .orderBy('r.imported_at', 'desc')
      .orderBy('r.id')
      .limit(q.limit)
      .offset(q.offset)
      .execute(),
    base.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}
