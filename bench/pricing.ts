/**
 * Pricing a programme year (issue #5): `priceYear` over 1,000,000 generated enrolments on PostgreSQL, end to end,
 * beside one SQL pass over the same rows with the same joins (the floor).
 *
 *   npx tsx bench/pricing.ts [--enrolments 1000000] [--runs 3] [--page 2000] [--profile] [--keep] [--reuse jineng_bench_pricing_<pid>]
 *   npm run bench:pricing -- --enrolments 100000
 *
 * PostgreSQL: BENCH_PG_URL or DATABASE_URL names the server (any database on it; default
 * postgres://postgres@127.0.0.1:5432/postgres, trust auth). A fresh database jineng_bench_pricing_<pid> is created,
 * migrated (src/db/migrate.ts) and filled, and dropped at the end (--keep keeps it; --reuse NAME measures again on a
 * kept one without generating; --page N passes priceYear's pageClasses).
 *
 * The data set, generated in SQL (INSERT … SELECT FROM generate_series; no row goes through Node.js) in one session
 * with foreign-key triggers off (session_replication_role = replica: every reference is consistent by construction)
 * and asynchronous commit, then VACUUM ANALYZE. Ids are random-looking UUIDs (md5 of the row's number), as the app's
 * randomUUID() ids are; rows go in in the order the programme writes them (classes and enrolments by start date,
 * completions, results and certificates by end date):
 * - 14 reporting units, each with 1 evaluation body, 29 training institutions and 60 enterprises;
 * - enrolments / 25 closed classes ending in 2020 (start dates spread over the year, 4–31 days long), 70 % run by
 *   institutions (key_group 75 %, poverty_project 13 %, certificate/high_skill 8 %, unsubsidised 4 %), 30 % by
 *   enterprises (enterprise_employee 65 %, certificate/on-job… 27 %, unsubsidised 8 %); training types fit the
 *   route as classFiling.ts FUNDING_ROUTES says; occupations from the `occupations` table; levels special/5/4/3;
 *   subsidy_fen a catalog standard of 600–1,500 CNY (3 % of key-group classes outside the catalog: null);
 * - enrolments × 0.6 workers (random bytes for id_cipher, a unique text id_blind). Enrolment k of class k / 25
 *   goes to worker k mod (workers − F), except every 50th, which goes to one of F = workers / 150 frequent trainees
 *   (5 classes each in the year): so people train once, twice or five times, and §15 (3 a year; never the same
 *   occupation and level twice) refuses some places;
 * - worker_categories: key groups (rural_migrant 50 %, registered_poor 10 % plus 5 % as a second category,
 *   laid_off, college_graduate, two_after, employment_difficulty; 17 % none; 6 % of periods end on 2020-06-30), and
 *   enterprise_employee (employer = the organising enterprise) for 92 % of the trainees of enterprise classes;
 * - enrolment_completions for every enrolment (93 % completed), assessment_results (pass ≈ 85 % of enrolments),
 *   certificates for every pass (type by level, 2 % 培训合格证书; the class's occupation and level), 0.2 % revoked.
 *   Certificates are NOT signed: one dummy signing_keys row and a placeholder `jws` — this measures pricing.
 * No claims exist, so loadEarlier finds no earlier trainings: every §15 limit is counted within the year.
 *
 * Measured, `--runs` times each, alternating, medians reported:
 * - floor: one SQL statement with the joins of priceYear's read as issue #5 found it (classes ⋈ organisations ⋈
 *   enrolments ⋈ completions ⋈ results ⋈ certificates, with the categories and employee subqueries per enrolment),
 *   over the whole year, aggregated so the client receives one row — as PostgreSQL plans it, and again with nested
 *   loops off (hash joins over whole tables: the faster plan, which the planner misses as it under-estimates the
 *   classes matching EXTRACT(YEAR FROM end_date));
 * - end to end: priceYear(db, 2020, [YUNCHENG_2020_14]) through Kysely and `pg` (a pool of 10), as the what-if
 *   report and the CLI call it; it must price exactly the generated enrolments, and the same total every run.
 * Besides wall time, each measurement reports the CPU seconds of this Node.js process and of the PostgreSQL processes
 * serving the database (withCpu below): on a shared machine they show the work done, which wall time hides.
 * --profile also splits the work: priceYear's reads alone (the same statements, paged the same way) and priceClass
 * alone over the facts held in memory.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import pg from 'pg';
import { sql } from 'kysely';
import { openDatabase, type Database } from '../src/db/client.ts';
import { migrate } from '../src/db/migrate.ts';
import { REPORTING_UNITS } from '../src/domain/identity/divisions.ts';
import { priceClass, type ClassFacts, type PersonFacts } from '../src/domain/subsidy/evaluate.ts';
import { YUNCHENG_2020_14 } from '../src/domain/subsidy/rules.ts';
import { classFactsOf, personFactsOf } from '../src/usecases/claims.ts';
import { priceYear } from '../src/usecases/subsidyYear.ts';
import { loadEarlier } from '../src/db/repositories/claims.ts';

const args = new Map<string, string>();
for (let i = 2; i < process.argv.length; i++) {
  const a = process.argv[i]!;
  if (a.startsWith('--')) args.set(a.slice(2), process.argv[i + 1]?.startsWith('--') || i + 1 >= process.argv.length ? 'true' : process.argv[++i]!);
}
const N = Number(args.get('enrolments') ?? 1_000_000);
const RUNS = Number(args.get('runs') ?? 3);
const PROFILE = args.get('profile') === 'true';
const KEEP = args.get('keep') === 'true';
/** --page N: priceYear's pageClasses (default: priceYear's own). */
const PAGE = args.has('page') ? Number(args.get('page')) : undefined;
const PER_CLASS = 25;
const YEAR = 2020;
const adminUrl = process.env.BENCH_PG_URL ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
/** --reuse NAME: measure on a database kept by an earlier --keep run (same --enrolments), without generating. */
const REUSE = args.get('reuse');
const dbName = REUSE ?? `jineng_bench_pricing_${process.pid}`;

const classes = Math.ceil(N / PER_CLASS);
const workers = Math.max(PER_CLASS + 10, Math.round(N * 0.6));
const frequent = Math.max(1, Math.round(workers / 150));
const baseWorkers = workers - frequent;
const UNITS = REPORTING_UNITS.map((u) => u.code);
const ORGS_PER_UNIT = 100; // org index u*100 + i: 0 evaluation body, 1–29 institutions, 30–89 enterprises
const INSTITUTIONS = 29;
const ENTERPRISES = 60;

const secs = (t0: number) => (performance.now() - t0) / 1000;
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function admin(q: string) {
  const c = new pg.Client({ connectionString: adminUrl });
  await c.connect();
  try {
    return await c.query(q);
  } finally {
    await c.end();
  }
}

// ---------------------------------------------------------------------------------------------------------
// Generation

/** A stable pseudo-random 0..99 of an integer expression and a salt (PostgreSQL's hashint4). */
const pct = (expr: string, salt: number) => `((hashint4((${expr}) * 31 + ${salt}) & 2147483647) % 100)`;

async function generate(url: string): Promise<Record<string, number>> {
  // One session for the whole load: foreign-key triggers off (session_replication_role = replica; every reference
  // is consistent by construction), asynchronous commit, memory for the sorts of DISTINCT ON and ANALYZE.
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query(`SET session_replication_role = replica; SET synchronous_commit = off; SET work_mem = '256MB'; SET maintenance_work_mem = '512MB'`);
  const run = async (label: string, q: string) => {
    const t0 = performance.now();
    await client.query(q);
    const s = secs(t0);
    steps[label] = s;
    console.log(`  ${label.padEnd(22)} ${s.toFixed(1)} s`);
  };
  const steps: Record<string, number> = {};
  const units = `ARRAY[${UNITS.map((u) => `'${u}'`).join(',')}]`;
  const U = UNITS.length;

  await run(
    'organisations',
    `INSERT INTO signing_keys (kid, public_jwk, private_jwk_sealed, status, created_at)
       VALUES ('bench-unsigned', '{}', '\\x00', 'active', now());
     INSERT INTO organisations (id, kind, name, credit_code, institution_kind, industry, unit_code, employees, capacity, status)
     SELECT md5('o' || o)::uuid,
            CASE WHEN i < 30 THEN 'institution' ELSE 'enterprise' END,
            CASE WHEN i = 0 THEN '评价机构' WHEN i < 30 THEN '培训学校' ELSE '企业' END || o,
            '91140800' || lpad(o::text, 10, '0'),
            CASE WHEN i = 0 THEN 'evaluation' WHEN i < 30 THEN (ARRAY['technical_school','vocational_college','private','enterprise_centre'])[1 + i % 4] END,
            CASE WHEN i >= 30 THEN 'manufacturing' END,
            (${units})[1 + u], CASE WHEN i >= 30 THEN 200 + i * 10 END, CASE WHEN i < 30 THEN 500 END, 'active'
     FROM generate_series(0, ${U - 1}) u, generate_series(0, ${INSTITUTIONS + ENTERPRISES}) i, LATERAL (SELECT u * ${ORGS_PER_UNIT} + i AS o) x;`,
  );

  // The class plan: index, ids, route, type, occupation, level, dates. Kept as a helper table for the later steps.
  await run(
    'training_classes',
    `CREATE UNLOGGED TABLE bench_class AS
     WITH occ AS (SELECT array_agg(code ORDER BY code) AS codes FROM occupations WHERE active),
     base AS (
       SELECT c, c % ${U} AS u, (c / ${U}) % 10 < 3 AS ent, ${pct('c', 1)} AS p, ${pct('c', 2)} AS lv, ${pct('c', 3)} AS st,
              (hashint4(c * 31 + 4) & 2147483647) % 330 AS start_off, 3 + c % 28 AS len,
              c % ${U} * ${ORGS_PER_UNIT} + CASE WHEN (c / ${U}) % 10 < 3 THEN 30 + (c / ${U}) % ${ENTERPRISES} ELSE 1 + (c / ${U}) % ${INSTITUTIONS} END AS org_idx
       FROM generate_series(0, ${classes - 1}) c)
     SELECT c, u, ent, org_idx,
       md5('c' || c)::uuid AS id,
       md5('o' || org_idx)::uuid AS org_id,
       md5('o' || (u * ${ORGS_PER_UNIT}))::uuid AS evaluator_id,
       CASE WHEN ent THEN CASE WHEN p < 65 THEN 'enterprise_employee' WHEN p < 92 THEN 'certificate' ELSE 'unsubsidised' END
            ELSE CASE WHEN p < 75 THEN 'key_group' WHEN p < 88 THEN 'poverty_project' WHEN p < 96 THEN 'certificate' ELSE 'unsubsidised' END END AS route,
       CASE WHEN ent THEN CASE WHEN p < 65 THEN (ARRAY['pre_job','safety_skill','job_transfer'])[1 + c % 3]
                               WHEN p < 92 THEN (ARRAY['on_job','off_job','new_apprenticeship'])[1 + c % 3] ELSE 'on_job' END
            ELSE CASE WHEN p < 75 THEN (ARRAY['employment_skill','skill_upgrade','labour_preparation','entrepreneurship'])[1 + c % 4]
                      WHEN p < 88 THEN (ARRAY['employment_skill','skill_upgrade'])[1 + c % 2]
                      WHEN p < 96 THEN 'high_skill' ELSE 'skill_upgrade' END END AS training_type,
       occ.codes[1 + (c / 7) % cardinality(occ.codes)] AS occupation_code,
       CASE WHEN lv < 30 THEN 'special' WHEN lv < 70 THEN '5' WHEN lv < 85 THEN '4' ELSE '3' END AS level_code,
       CASE WHEN NOT ent AND p < 75 AND st < 3 THEN NULL ELSE (ARRAY[60000, 80000, 100000, 120000, 150000])[1 + st % 5] END::bigint AS subsidy_fen,
       DATE '2020-01-02' + start_off AS start_date,
       DATE '2020-01-02' + start_off + len AS end_date,
       greatest(1, (len + 1) * 5 / 7) AS scheduled_days
     FROM base, occ;
     CREATE UNIQUE INDEX ON bench_class (c);
     INSERT INTO training_classes (id, org_id, unit_code, status, code, name, occupation_code, level_code, training_type, standard_hours,
       subsidy_fen, venue_address, venue_lat, venue_lng, start_date, end_date, capacity, funding_route, certificate_type,
       scheduled_minutes, scheduled_days, evaluator_org_id, created_at, updated_at)
     SELECT id, org_id, (${units})[1 + u], 'closed', 'BENCH-2020-' || lpad(c::text, 6, '0'), '基准班 ' || c, occupation_code, level_code,
       training_type, scheduled_days * 8, subsidy_fen, '运城市', 35.0, 111.0, start_date, end_date, ${PER_CLASS}, route,
       CASE WHEN level_code = 'special' THEN 'special_ability' ELSE 'skill_level' END, scheduled_days * 480, scheduled_days, evaluator_id,
       start_date - 14, end_date
     FROM bench_class ORDER BY start_date, c;`,
  );

  await run(
    'workers',
    `INSERT INTO workers (id, name, gender, birth_date, id_cipher, id_blind, id_masked, unit_code, county_code, education, disability)
     SELECT md5('w' || w)::uuid, '学员' || w, CASE WHEN w % 2 = 0 THEN 'M' ELSE 'F' END, DATE '1965-01-01' + (w % 14000),
       decode(md5('i' || w) || md5('j' || w), 'hex'), md5('b' || w), '140802********' || lpad((w % 10000)::text, 4, '0'),
       (${units})[1 + w % ${U}], (${units})[1 + w % ${U}], 'junior', false
     FROM generate_series(0, ${workers - 1}) w;`,
  );

  // The enrolment plan: who is in which class, and how it went.
  await run(
    'enrolments',
    `CREATE UNLOGGED TABLE bench_enrol AS
     SELECT k, md5('e' || k)::uuid AS id, bc.c, bc.id AS class_id, bc.org_id, bc.org_idx, bc.ent, bc.evaluator_id, bc.start_date, bc.end_date,
       bc.scheduled_days, bc.occupation_code, bc.level_code,
       md5('w' || CASE WHEN k % 50 = 0 THEN ${baseWorkers} + (k / 50) % ${frequent} ELSE k % ${baseWorkers} END)::uuid AS worker_id,
       ${pct('k', 5)} < 93 AS completed, ${pct('k', 6)} AS rp, ${pct('k', 7)} AS cp, ${pct('k', 8)} AS ep
     FROM generate_series(0, ${N - 1}) k JOIN bench_class bc ON bc.c = k / ${PER_CLASS};
     INSERT INTO enrolments (id, class_id, worker_id, status, subsidised, living_allowance, subsidy_year, outlook, enrolled_at)
     SELECT id, class_id, worker_id, 'active', true, false, ${YEAR}, '{}'::jsonb, start_date - 7 + (k % 1000) * interval '1 second'
     FROM bench_enrol ORDER BY start_date, k;`,
  );

  await run(
    'worker_categories',
    `INSERT INTO worker_categories (id, worker_id, category_code, valid_from, valid_to, source)
     SELECT md5('k1' || w)::uuid, md5('w' || w)::uuid,
       CASE WHEN p < 50 THEN 'rural_migrant' WHEN p < 60 THEN 'registered_poor' WHEN p < 68 THEN 'laid_off'
            WHEN p < 75 THEN 'college_graduate' WHEN p < 80 THEN 'two_after' ELSE 'employment_difficulty' END,
       DATE '2019-01-01', CASE WHEN ${pct('w', 11)} < 6 THEN DATE '2020-06-30' END, 'bench'
     FROM generate_series(0, ${workers - 1}) w, LATERAL (SELECT ${pct('w', 10)} AS p) x WHERE p < 83;
     INSERT INTO worker_categories (id, worker_id, category_code, valid_from, valid_to, source)
     SELECT md5('k2' || w)::uuid, md5('w' || w)::uuid, 'registered_poor', DATE '2019-03-01', NULL, 'bench'
     FROM generate_series(0, ${workers - 1}) w WHERE ${pct('w', 10)} < 50 AND ${pct('w', 12)} < 10;
     INSERT INTO worker_categories (id, worker_id, category_code, valid_from, valid_to, employer_org_id, source)
     SELECT md5('k3' || k)::uuid, worker_id, 'enterprise_employee', DATE '2010-01-01' + (org_idx % 3000), NULL, org_id, 'bench'
     FROM (SELECT DISTINCT ON (worker_id, org_id) k, worker_id, org_id, org_idx
           FROM bench_enrol WHERE ent AND ep < 92 ORDER BY worker_id, org_id, k) x;`,
  );

  await run(
    'completions',
    `INSERT INTO enrolment_completions (enrolment_id, class_id, scheduled_minutes, attended_minutes, rate_per_mille, attended_days, completed, at)
     SELECT id, class_id, scheduled_days * 480, d * 480, d * 1000 / scheduled_days, d, completed, end_date + time '18:00'
     FROM bench_enrol, LATERAL (SELECT CASE WHEN completed THEN scheduled_days - (k % 3 = 0)::int * least(1, scheduled_days - 1) ELSE scheduled_days / 3 END AS d) x
     ORDER BY end_date, k;`,
  );

  await run(
    'assessment_results',
    `INSERT INTO assessment_results (enrolment_id, class_id, worker_id, result, score, evaluator_org_id, recorded_at)
     SELECT id, class_id, worker_id, r, CASE WHEN r = 'pass' THEN 60 + rp % 40 WHEN r = 'fail' THEN 30 + rp % 30 END, evaluator_id, end_date + 3 + time '10:00'
     FROM bench_enrol, LATERAL (SELECT CASE WHEN NOT completed THEN 'absent' WHEN rp < 91 THEN 'pass' WHEN rp < 97 THEN 'fail' ELSE 'absent' END AS r) x
     WHERE completed OR k % 2 = 0 ORDER BY end_date, k;`,
  );

  await run(
    'certificates',
    `INSERT INTO certificates (id, number, type, class_id, enrolment_id, worker_id, issuer_org_id, occupation_code, level_code, issued_on,
       verify_token, claims, jws, kid, issued_at)
     SELECT md5('z' || k)::uuid, 'BENCH' || lpad(k::text, 9, '0'),
       CASE WHEN cp < 2 THEN 'training_completion' WHEN level_code = 'special' THEN 'special_ability' WHEN cp < 75 THEN 'skill_level' ELSE 'qualification' END,
       class_id, id, worker_id, evaluator_id, occupation_code, level_code, end_date + 5, md5('v' || k), '{}'::jsonb,
       'unsigned-bench-placeholder', 'bench-unsigned', end_date + 5 + time '09:00'
     FROM bench_enrol WHERE completed AND rp < 91 ORDER BY end_date, k;
     INSERT INTO certificate_revocations (certificate_id, reason, at)
     SELECT md5('z' || k)::uuid, 'bench', end_date + 30 FROM bench_enrol WHERE completed AND rp < 91 AND k % 500 = 7;`,
  );

  await run('drop plan', `DROP TABLE bench_enrol; DROP TABLE bench_class;`);
  await run('VACUUM ANALYZE', `VACUUM ANALYZE`);
  await client.end();
  return steps;
}

// ---------------------------------------------------------------------------------------------------------
// Measurements

/** priceYear's joins over the whole year in one statement; one row comes back. */
async function floor(database: Database, hashJoins = false) {
  const t0 = performance.now();
  const r = await database.db.transaction().execute(async (trx) => {
    // hashJoins: the same statement with nested loops off (the planner under-estimates the classes of the year and
    // probes the indexes row by row; hash joins over whole tables are the faster plan for a whole year).
    if (hashJoins) await sql`SET LOCAL enable_nestloop = off`.execute(trx);
    return sql<{ n: number; days: number; cats: number; employees: number; certs: number; results: number }>`
    SELECT count(*)::int AS n, sum(coalesce(x.attended_days, 0))::bigint AS days, sum(coalesce(cardinality(x.categories), 0))::bigint AS cats,
      count(*) FILTER (WHERE x.employee)::int AS employees, count(x.cert_type)::int AS certs, count(x.result)::int AS results
    FROM (
      SELECT e.id, e.worker_id, o.kind,
        (SELECT array_agg(DISTINCT wc.category_code) FROM worker_categories wc
          WHERE wc.worker_id = e.worker_id AND wc.valid_from <= c.start_date AND (wc.valid_to IS NULL OR wc.valid_to >= c.start_date)) AS categories,
        EXISTS (SELECT 1 FROM worker_categories wc WHERE wc.worker_id = e.worker_id AND wc.category_code = 'enterprise_employee'
          AND wc.employer_org_id = c.org_id AND wc.valid_from <= c.start_date AND (wc.valid_to IS NULL OR wc.valid_to >= c.start_date)) AS employee,
        ec.attended_days, ec.completed, r.result, cert.type AS cert_type, cert.level_code AS cert_level, cert.occupation_code AS cert_occupation
      FROM training_classes c
      JOIN organisations o ON o.id = c.org_id
      JOIN enrolments e ON e.class_id = c.id
      LEFT JOIN enrolment_completions ec ON ec.enrolment_id = e.id
      LEFT JOIN assessment_results r ON r.enrolment_id = e.id
      LEFT JOIN certificates cert ON cert.enrolment_id = e.id AND NOT EXISTS (SELECT 1 FROM certificate_revocations rv WHERE rv.certificate_id = cert.id)
      WHERE c.status = 'closed' AND EXTRACT(YEAR FROM c.end_date)::int = ${YEAR} AND e.status = 'active'
    ) x`.execute(trx);
  });
  return { s: secs(t0), row: r.rows[0]! };
}

async function endToEnd(database: Database) {
  const t0 = performance.now();
  const r = await priceYear(database.db, YEAR, [YUNCHENG_2020_14], PAGE ? { pageClasses: PAGE } : {});
  const s = secs(t0);
  let fen = 0;
  for (const v of r.totals[0]!.values()) fen += v;
  return { s, enrolments: r.enrolments, classes: r.classes, fen, byFund: r.totals[0]! };
}

type ClassRow = Parameters<typeof classFactsOf>[0] & { unit_code: string };
type PeopleRow = Parameters<typeof personFactsOf>[0];

/**
 * --profile: priceYear's reads alone — the same statements, paged the same way (the class page; the page's
 * enrolments with completion, result and certificate; the page's people's category periods and earlier claims),
 * rows received and kept; then the facts built from them, and priceClass alone over those facts in class order with
 * the §15 history carried as priceYear carries it. Each part runs on its own, without the overlap priceYear has.
 */
async function profile(database: Database, page: number) {
  const db = database.db;
  let after: { start: string; id: string } | null = null;
  type Raw = Omit<PeopleRow, 'categories' | 'employee'>;
  type Period = { worker_id: string; category_code: string; valid_from: string; valid_to: string | null; employer_org_id: string | null };
  const pages: { rows: ClassRow[]; people: Raw[]; periods: Period[] }[] = [];
  let tClasses = 0;
  let tPeople = 0;
  let tPeriods = 0;
  const t0 = performance.now();
  for (;;) {
    const t1 = performance.now();
    const cls: { rows: ClassRow[] } = await sql<ClassRow>`
      SELECT c.id, c.code, c.name, c.status, c.unit_code, c.org_id, o.kind AS org_kind, c.training_type, c.funding_route, c.occupation_code,
        c.level_code, c.start_date, c.end_date, c.scheduled_days, c.subsidy_fen
      FROM training_classes c JOIN organisations o ON o.id = c.org_id
      WHERE c.status = 'closed' AND EXTRACT(YEAR FROM c.end_date)::int = ${YEAR}
        ${after ? sql`AND (c.start_date > ${after.start} OR (c.start_date = ${after.start} AND c.id > ${after.id}))` : sql``}
      ORDER BY c.start_date, c.id LIMIT ${page}`.execute(db);
    tClasses += secs(t1);
    if (cls.rows.length === 0) break;
    const t2 = performance.now();
    const people = await sql<Raw>`
      SELECT e.id AS enrolment_id, e.worker_id, e.class_id, ec.attended_days, ec.completed, r.result,
        cert.type AS cert_type, cert.level_code AS cert_level, cert.occupation_code AS cert_occupation
      FROM enrolments e
      LEFT JOIN enrolment_completions ec ON ec.enrolment_id = e.id
      LEFT JOIN assessment_results r ON r.enrolment_id = e.id
      LEFT JOIN certificates cert ON cert.enrolment_id = e.id AND NOT EXISTS (SELECT 1 FROM certificate_revocations rv WHERE rv.certificate_id = cert.id)
      WHERE e.status = 'active' AND e.class_id = ANY(${sql.val(cls.rows.map((r) => r.id))}::uuid[])`.execute(db);
    tPeople += secs(t2);
    const t3 = performance.now();
    const workerIds = [...new Set(people.rows.map((p) => p.worker_id))];
    const [periods] = await Promise.all([
      sql<Period>`SELECT worker_id, category_code, valid_from, valid_to, employer_org_id FROM worker_categories WHERE worker_id = ANY(${sql.val(workerIds)}::uuid[])`.execute(db),
      loadEarlier(db, workerIds, null),
    ]);
    tPeriods += secs(t3);
    pages.push({ rows: cls.rows, people: people.rows, periods: periods.rows });
    const last: ClassRow = cls.rows[cls.rows.length - 1]!;
    after = { start: last.start_date!, id: last.id };
    if (cls.rows.length < page) break;
  }
  const tQueries = secs(t0);

  // Facts, as priceYear builds them.
  const t4 = performance.now();
  const facts: { cls: ClassFacts; people: PersonFacts[] }[] = [];
  for (const p of pages) {
    const periodsOf = new Map<string, Period[]>();
    for (const wc of p.periods) (periodsOf.get(wc.worker_id) ?? periodsOf.set(wc.worker_id, []).get(wc.worker_id)!).push(wc);
    const byClass = new Map<string, Raw[]>();
    for (const r of p.people) (byClass.get(r.class_id) ?? byClass.set(r.class_id, []).get(r.class_id)!).push(r);
    for (const row of p.rows) {
      const people = (byClass.get(row.id) ?? []).map((r) => {
        const codes: string[] = [];
        let employee = false;
        for (const wc of periodsOf.get(r.worker_id) ?? []) {
          if (!(wc.valid_from <= row.start_date! && (wc.valid_to === null || wc.valid_to >= row.start_date!))) continue;
          if (!codes.includes(wc.category_code)) codes.push(wc.category_code);
          if (wc.category_code === 'enterprise_employee' && wc.employer_org_id === row.org_id) employee = true;
        }
        const row2: PeopleRow = {
          enrolment_id: r.enrolment_id,
          worker_id: r.worker_id,
          class_id: r.class_id,
          categories: codes.length ? codes.sort() : null,
          employee,
          attended_days: r.attended_days,
          completed: r.completed,
          result: r.result,
          cert_type: r.cert_type,
          cert_level: r.cert_level,
          cert_occupation: r.cert_occupation,
        };
        return personFactsOf(row2, []);
      });
      facts.push({ cls: classFactsOf(row), people });
    }
  }
  const tFacts = secs(t4);

  const t5 = performance.now();
  const history = new Map<string, { classId: string; kind: never; year: number; occupationCode: string; levelCode: string }[]>();
  let n = 0;
  let fen = 0;
  for (const f of facts) {
    const priced = priceClass(
      f.cls,
      f.people.map((p) => ({ ...p, otherLinesInClaim: history.get(p.personId) ?? [] })),
      YUNCHENG_2020_14,
    );
    for (const e of priced.enrolments) {
      n++;
      if (e.lines.length === 0) continue;
      const refs = history.get(e.personId) ?? [];
      for (const l of e.lines) refs.push({ classId: f.cls.id, kind: l.kind as never, year: e.year, occupationCode: f.cls.occupationCode, levelCode: f.cls.levelCode });
      history.set(e.personId, refs);
    }
    fen += priced.totalFen;
  }
  const tPrice = secs(t5);
  return { tQueries, tClasses, tPeople, tPeriods, pages: pages.length, tFacts, tPrice, n, fen };
}

/**
 * CPU seconds spent while `fn` runs: by this Node.js process (process.cpuUsage) and by the PostgreSQL processes
 * serving this database (its backends and parallel workers, found in pg_stat_activity every 50 ms and read from
 * /proc/<pid>/stat). Unlike wall time, these hardly move when other work shares the machine.
 */
async function withCpu<T>(fn: () => Promise<T>): Promise<{ value: T; nodeCpu: number; pgCpu: number }> {
  const ticks = (pid: number): number | null => {
    try {
      const f = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
      const rest = f.slice(f.lastIndexOf(')') + 2).split(' ');
      return Number(rest[11]) + Number(rest[12]); // utime, stime (fields 14, 15)
    } catch {
      return null;
    }
  };
  const watcher = new pg.Client({ connectionString: adminUrl });
  await watcher.connect();
  const first = new Map<number, number>();
  const last = new Map<number, number>();
  const sample = async () => {
    const r = await watcher.query<{ pid: number }>(`SELECT pid FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`, [dbName]);
    for (const { pid } of r.rows) {
      const t = ticks(pid);
      if (t === null) continue;
      if (!first.has(pid)) first.set(pid, t);
      last.set(pid, t);
    }
  };
  await sample();
  // Backends that existed before start are counted from their value then; new ones (parallel workers, new pool
  // connections) from zero, as their whole life falls inside the measurement.
  const preexisting = new Set(first.keys());
  let stop = false;
  const loop = (async () => {
    while (!stop) {
      await new Promise((r) => setTimeout(r, 50));
      await sample();
    }
  })();
  const c0 = process.cpuUsage();
  const value = await fn();
  const c = process.cpuUsage(c0);
  stop = true;
  await loop;
  await sample();
  await watcher.end();
  let pgTicks = 0;
  for (const [pid, t] of last) pgTicks += t - (preexisting.has(pid) ? first.get(pid)! : 0);
  return { value, nodeCpu: (c.user + c.system) / 1e6, pgCpu: pgTicks / CLK_TCK };
}
const CLK_TCK = 100;

// ---------------------------------------------------------------------------------------------------------

function machine() {
  const cpu = os.cpus()[0]?.model ?? '?';
  let free = '';
  try {
    free = execFileSync('free', ['-g'], { encoding: 'utf8' }).split('\n')[1]?.replace(/\s+/g, ' ').trim() ?? '';
  } catch {
    /* no free(1) */
  }
  return { nproc: os.availableParallelism(), cpu, free, node: process.version, kernel: os.release() };
}

const m = machine();
console.log(`pricing bench: ${fmt(N)} enrolments, ${fmt(classes)} classes, ${fmt(workers)} workers (${fmt(frequent)} frequent trainees)`);
console.log(`machine: ${m.nproc} cores (${m.cpu}), free -g "${m.free}", Node ${m.node}, Linux ${m.kernel}`);

if (!REUSE) await admin(`CREATE DATABASE ${dbName}`);
const u = new URL(adminUrl);
u.pathname = `/${dbName}`;
const database = await openDatabase({ databaseUrl: u.toString(), dataDir: os.tmpdir() });
try {
  const version = (await sql<{ v: string }>`SELECT current_setting('server_version') AS v`.execute(database.db)).rows[0]!.v;
  console.log(`PostgreSQL ${version}, database ${dbName}`);
  let genS = 0;
  if (!REUSE) {
    const tm = performance.now();
    await migrate(database);
    console.log(`migrations: ${secs(tm).toFixed(1)} s`);
    console.log('generating:');
    const tg = performance.now();
    await generate(u.toString());
    genS = secs(tg);
  }
  const size = (await sql<{ s: string }>`SELECT pg_size_pretty(pg_database_size(current_database())) AS s`.execute(database.db)).rows[0]!.s;
  const counts = (
    await sql<Record<string, number>>`SELECT (SELECT count(*) FROM training_classes)::int AS classes, (SELECT count(*) FROM workers)::int AS workers,
      (SELECT count(*) FROM enrolments)::int AS enrolments, (SELECT count(*) FROM worker_categories)::int AS categories,
      (SELECT count(*) FROM enrolment_completions WHERE completed)::int AS completed, (SELECT count(*) FROM assessment_results WHERE result = 'pass')::int AS passed,
      (SELECT count(*) FROM certificates)::int AS certificates`.execute(database.db)
  ).rows[0]!;
  console.log(`generated in ${genS.toFixed(1)} s (database ${size}): ${Object.entries(counts).map(([k, v]) => `${k} ${fmt(v)}`).join(', ')}`);
  if (counts.enrolments !== N) throw new Error(`generated ${counts.enrolments} enrolments, expected ${N}`);

  const floors: number[] = [];
  const hashFloors: number[] = [];
  const e2es: number[] = [];
  const cpu = { floorPg: [] as number[], hashPg: [] as number[], e2eNode: [] as number[], e2ePg: [] as number[] };
  let fenSeen: number | null = null;
  const load = () => os.loadavg()[0]!.toFixed(1);
  for (let i = 0; i < RUNS; i++) {
    const fl = load();
    const { value: f, pgCpu: fPg } = await withCpu(() => floor(database));
    if (f.row.n !== N) throw new Error(`floor saw ${f.row.n} rows, expected ${N}`);
    floors.push(f.s);
    cpu.floorPg.push(fPg);
    console.log(`run ${i + 1} floor:      ${f.s.toFixed(2)} s, ${fmt(N / f.s)} rows/s; CPU: PostgreSQL ${fPg.toFixed(1)} s; load ${fl} (${JSON.stringify(f.row)})`);
    const hl = load();
    const { value: h, pgCpu: hPg } = await withCpu(() => floor(database, true));
    if (JSON.stringify(h.row) !== JSON.stringify(f.row)) throw new Error(`the hash-join floor saw ${JSON.stringify(h.row)}`);
    hashFloors.push(h.s);
    cpu.hashPg.push(hPg);
    console.log(`run ${i + 1} floor, hash joins: ${h.s.toFixed(2)} s, ${fmt(N / h.s)} rows/s; CPU: PostgreSQL ${hPg.toFixed(1)} s; load ${hl}`);
    const el = load();
    const { value: e, nodeCpu, pgCpu } = await withCpu(() => endToEnd(database));
    if (e.enrolments !== N) throw new Error(`priceYear priced ${e.enrolments} enrolments, expected ${N}`);
    if (fenSeen !== null && fenSeen !== e.fen) throw new Error(`priceYear total changed between runs: ${fenSeen} → ${e.fen}`);
    fenSeen = e.fen;
    e2es.push(e.s);
    cpu.e2eNode.push(nodeCpu);
    cpu.e2ePg.push(pgCpu);
    console.log(
      `run ${i + 1} end to end: ${e.s.toFixed(2)} s, ${fmt(N / e.s)} rows/s; CPU: Node.js ${nodeCpu.toFixed(1)} s, PostgreSQL ${pgCpu.toFixed(1)} s; load ${el} — ` +
        `${fmt(e.enrolments)} enrolments in ${fmt(e.classes)} classes, ${(e.fen / 100).toLocaleString('en-US', { minimumFractionDigits: 2 })} CNY (${e.byFund.size} unit×fund totals)`,
    );
  }
  const fm = median(floors);
  const hm = median(hashFloors);
  const em = median(e2es);
  console.log(
    `\nmedian of ${RUNS}: floor ${fm.toFixed(2)} s (${fmt(N / fm)} rows/s); floor with hash joins ${hm.toFixed(2)} s (${fmt(N / hm)} rows/s); ` +
      `end to end ${em.toFixed(2)} s (${fmt(N / em)} rows/s); ratio ${(em / fm).toFixed(2)}× (${(em / hm).toFixed(2)}× the hash-join floor); ` +
      `priced ${fmt(N)} enrolments, ${fmt(fenSeen!)} fen; peak RSS ${Math.round(process.resourceUsage().maxRSS / 1024)} MiB`,
  );
  console.log(
    `median CPU: floor PostgreSQL ${median(cpu.floorPg).toFixed(1)} s, hash joins ${median(cpu.hashPg).toFixed(1)} s; end to end Node.js ${median(cpu.e2eNode).toFixed(1)} s + PostgreSQL ${median(cpu.e2ePg).toFixed(1)} s` +
      ` (best wall: floor ${Math.min(...floors).toFixed(2)} s, hash joins ${Math.min(...hashFloors).toFixed(2)} s, end to end ${Math.min(...e2es).toFixed(2)} s)`,
  );

  if (PROFILE) {
    const p = await profile(database, PAGE ?? 2000);
    console.log(
      `profile: queries alone ${p.tQueries.toFixed(2)} s (${p.pages} pages: class pages ${p.tClasses.toFixed(2)} s, enrolments ${p.tPeople.toFixed(2)} s, ` +
        `category periods and earlier claims ${p.tPeriods.toFixed(2)} s); ` +
        `facts ${p.tFacts.toFixed(2)} s; priceClass alone ${p.tPrice.toFixed(2)} s (${fmt(p.n / p.tPrice)} enrolments/s, ${fmt((p.tPrice / p.n) * 1e6)} µs each; ${fmt(p.fen)} fen)`,
    );
  }
} finally {
  await database.close();
  if (KEEP || REUSE) console.log(`kept database ${dbName}`);
  else await admin(`DROP DATABASE ${dbName} WITH (FORCE)`);
}
