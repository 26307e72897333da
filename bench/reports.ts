/**
 * The monthly city report at national scale (issue #6): `makeReports().compute('monthly', '2020-06', …)` over
 * 10,000,000 enrolments on PostgreSQL, live (reportFacts) and from the analytics table (ADR 0011).
 *
 *   npx tsx bench/reports.ts [--enrolments 10000000] [--runs 5] [--db jineng_bench_reports] [--drop] [--explain]
 *   npm run bench:reports -- --enrolments 1000000 --db jineng_bench_reports_1m
 *
 * PostgreSQL: BENCH_PG_URL or DATABASE_URL names the server (default postgres://postgres@127.0.0.1:5432/postgres,
 * trust auth). The database (default jineng_bench_reports) is created, migrated by src/db/migrate.ts and filled
 * when it does not hold the requested enrolments yet, and kept for the next run (--drop drops it at the end).
 *
 * The data set, generated in SQL (INSERT … SELECT FROM generate_series; no row goes through Node.js) in one session
 * with triggers off (session_replication_role = replica: every reference is consistent by construction) and
 * asynchronous commit, then VACUUM ANALYZE. Ids are random-looking UUIDs (md5 of the row's number), as the app's are.
 * - 14 reporting units, each with 1 evaluation body, 29 training institutions and 60 enterprises;
 * - classes of 30–50 (mean 40) ending between 2020-01-03 and 2020-12-31 (start dates over the year, 4–31 days long):
 *   90 % closed, 5 % assessed, 5 % completed; 70 % run by institutions (key_group 75 %, poverty_project 13 %,
 *   certificate/high_skill 8 %, unsubsidised 4 %), 30 % by enterprises (enterprise_employee 65 %, certificate 27 %,
 *   unsubsidised 8 %); training types fit the route; occupations from the `occupations` table; levels special/5/4/3;
 * - enrolments × 0.6 workers: enrolment k goes to worker k mod (workers − F), except every 50th, which goes to one of
 *   F = workers / 150 frequent trainees, so people train once, twice or five times (人次 ≠ 人数), across units too;
 * - worker_categories as bench/pricing.ts (key groups, registered_poor also as a second category, 6 % of periods end
 *   on 2020-06-30; enterprise_employee for 92 % of the trainees of enterprise classes);
 * - a completion row for every enrolment (95 % completed); a certificate for 90 % of completions (≈ 85 % of
 *   enrolments; type by level, 2 % 培训合格证书), 0.2 % revoked (assessment results are not generated: no report reads them);
 * - claims: for 85 % of subsidised classes, one claim each — 90 % paid (a ledger payment transaction; 1 % of them
 *   reversed), the rest approved or announcing; a training line per completed trainee (fund by route: key_group and
 *   poverty_project from 就业补助资金, certificate from the 专账, high_skill from 地方人才经费, enterprise_employee
 *   from 行业产业发展经费), a living-allowance line for registered-poor trainees of poverty_project classes, 0.5 % of
 *   lines refused. The ledger's entries are not generated (no report reads them; this is no consistent ledger);
 * - employment records for 45 % of workers (a spell starting 0–9 months after their first training's month, 30 % of
 *   them ended), and for every enterprise employee (since 2019-01).
 *
 * Measured (--runs times, alternating, medians and max, the first run kept apart): compute('monthly', '2020-06',
 * 'calendar', null) for the city, the same for 盐湖区 (140802), and the annual 2020 city report — from the analytics
 * table, and live (the analytics made unusable by a write, exactly as production does). The refresh is timed; the
 * live path also without the indexes of migration 0010 (dropped and rebuilt around that measurement).
 * --explain prints EXPLAIN (ANALYZE, BUFFERS) of the live by-unit statement for June and for the year.
 * --without-indexes also times the live path with the two indexes of migration 0010 dropped (rebuilt after).
 * --live-only [--cases 0,1,2,3] times only those cases live (with --without-indexes: without migration 0010's two).
 * --explain-only prints only the June plan (no refresh, no runs). --live-runs N (default 2) warm runs of the live path; --skip-live measures the analytics table only; --refreshes N refreshes N times; --generate-only stops after generating.
 */
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import pg from 'pg';
import { sql } from 'kysely';
import { openDatabase, type Database } from '../src/db/client.ts';
import { migrate } from '../src/db/migrate.ts';
import { REPORTING_UNITS } from '../src/domain/identity/divisions.ts';
import { makeReports } from '../src/usecases/reports.ts';
import { liveByUnitQuery } from '../src/db/repositories/reports.ts';

const args = new Map<string, string>();
for (let i = 2; i < process.argv.length; i++) {
  const a = process.argv[i]!;
  if (a.startsWith('--')) args.set(a.slice(2), process.argv[i + 1]?.startsWith('--') || i + 1 >= process.argv.length ? 'true' : process.argv[++i]!);
}
const N = Number(args.get('enrolments') ?? 10_000_000);
const RUNS = Number(args.get('runs') ?? 5);
const DROP = args.get('drop') === 'true';
const EXPLAIN = args.get('explain') === 'true';
const SKIP_LIVE = args.get('skip-live') === 'true';
/** Warm runs of the live path (after the first): it takes minutes at national scale. */
const LIVE_RUNS = Number(args.get('live-runs') ?? 2);
const dbName = args.get('db') ?? 'jineng_bench_reports';
const adminUrl = process.env.BENCH_PG_URL ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

const workers = Math.max(100, Math.round(N * 0.6));
const frequent = Math.max(1, Math.round(workers / 150));
const baseWorkers = workers - frequent;
const classesPlanned = Math.ceil(N / 40) + 5000;
const UNITS = REPORTING_UNITS.map((u) => u.code);
const ORGS_PER_UNIT = 100;
const INSTITUTIONS = 29;
const ENTERPRISES = 60;

const secs = (t0: number) => (performance.now() - t0) / 1000;
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const load = () => os.loadavg().map((x) => x.toFixed(1)).join(' ');

async function admin(q: string) {
  const c = new pg.Client({ connectionString: adminUrl });
  await c.connect();
  try {
    return await c.query(q);
  } finally {
    await c.end();
  }
}

/** A stable pseudo-random 0..99 of an integer expression and a salt (PostgreSQL's hashint4). */
const pct = (expr: string, salt: number) => `((hashint4((${expr})::int * 31 + ${salt}) & 2147483647) % 100)`;

async function generate(url: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query(`SET session_replication_role = replica; SET synchronous_commit = off; SET work_mem = '512MB'; SET maintenance_work_mem = '1GB'`);
  const run = async (label: string, q: string) => {
    const t0 = performance.now();
    await client.query(q);
    console.log(`  ${label.padEnd(22)} ${secs(t0).toFixed(1)} s (load ${load()})`);
  };
  const units = `ARRAY[${UNITS.map((u) => `'${u}'`).join(',')}]`;
  const U = UNITS.length;

  await run(
    'organisations',
    `INSERT INTO signing_keys (kid, public_jwk, private_jwk_sealed, status, created_at) VALUES ('bench-unsigned', '{}', '\\x00', 'active', now());
     INSERT INTO organisations (id, kind, name, credit_code, institution_kind, industry, unit_code, employees, capacity, status)
     SELECT md5('o' || o)::uuid, CASE WHEN i < 30 THEN 'institution' ELSE 'enterprise' END,
            CASE WHEN i = 0 THEN '评价机构' WHEN i < 30 THEN '培训学校' ELSE '企业' END || o, '91140800' || lpad(o::text, 10, '0'),
            CASE WHEN i = 0 THEN 'evaluation' WHEN i < 30 THEN (ARRAY['technical_school','vocational_college','private','enterprise_centre'])[1 + i % 4] END,
            CASE WHEN i >= 30 THEN 'manufacturing' END, (${units})[1 + u], CASE WHEN i >= 30 THEN 200 + i * 10 END, CASE WHEN i < 30 THEN 500 END, 'active'
     FROM generate_series(0, ${U - 1}) u, generate_series(0, ${INSTITUTIONS + ENTERPRISES}) i, LATERAL (SELECT u * ${ORGS_PER_UNIT} + i AS o) x;`,
  );

  await run(
    'training_classes',
    `CREATE UNLOGGED TABLE bench_class AS
     WITH occ AS (SELECT array_agg(code ORDER BY code) AS codes FROM occupations WHERE active),
     base AS (
       SELECT c, c % ${U} AS u, (c / ${U}) % 10 < 3 AS ent, ${pct('c', 1)} AS p, ${pct('c', 2)} AS lv, ${pct('c', 3)} AS st,
              (hashint4(c * 31 + 4) & 2147483647) % 363 AS end_off, 3 + c % 28 AS len, 30 + (hashint4(c * 31 + 9) & 2147483647) % 21 AS size,
              c % ${U} * ${ORGS_PER_UNIT} + CASE WHEN (c / ${U}) % 10 < 3 THEN 30 + (c / ${U}) % ${ENTERPRISES} ELSE 1 + (c / ${U}) % ${INSTITUTIONS} END AS org_idx
       FROM generate_series(0, ${classesPlanned - 1}) c),
     sized AS (SELECT *, sum(size) OVER (ORDER BY c) - size AS first_k FROM base)
     SELECT c, u, ent, org_idx, size, first_k, md5('c' || c)::uuid AS id, md5('o' || org_idx)::uuid AS org_id,
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
       (ARRAY[60000, 80000, 100000, 120000, 150000])[1 + st % 5]::bigint AS subsidy_fen,
       DATE '2020-01-03' + end_off - len AS start_date, DATE '2020-01-03' + end_off AS end_date,
       greatest(1, (len + 1) * 5 / 7) AS scheduled_days,
       CASE WHEN st < 90 THEN 'closed' WHEN st < 95 THEN 'assessed' ELSE 'completed' END AS status,
       ${pct('c', 13)} < 85 AS claimed, ${pct('c', 14)} AS cl
     FROM sized, occ WHERE first_k < ${N};
     CREATE UNIQUE INDEX ON bench_class (c);
     INSERT INTO training_classes (id, org_id, unit_code, status, code, name, occupation_code, level_code, training_type, standard_hours,
       subsidy_fen, venue_address, venue_lat, venue_lng, start_date, end_date, capacity, funding_route, certificate_type,
       scheduled_minutes, scheduled_days, evaluator_org_id, created_at, updated_at)
     SELECT id, org_id, (${units})[1 + u], status, 'BENCH-2020-' || lpad(c::text, 7, '0'), '基准班 ' || c, occupation_code, level_code,
       training_type, scheduled_days * 8, subsidy_fen, '运城市', 35.0, 111.0, start_date, end_date, 50, route,
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

  await run(
    'enrolments',
    `CREATE UNLOGGED TABLE bench_enrol AS
     SELECT k, md5('e' || k)::uuid AS id, bc.c, bc.id AS class_id, bc.org_id, bc.org_idx, bc.ent, bc.route, bc.start_date, bc.end_date,
       bc.scheduled_days, bc.occupation_code, bc.level_code, bc.subsidy_fen, bc.claimed, bc.cl, wk.w,
       md5('w' || wk.w)::uuid AS worker_id, ${pct('k', 5)} < 95 AS completed, ${pct('k', 6)} AS rp, ${pct('k', 7)} AS cp
     FROM bench_class bc, generate_series(bc.first_k, bc.first_k + bc.size - 1) k,
       LATERAL (SELECT CASE WHEN k % 50 = 0 THEN ${baseWorkers} + (k / 50) % ${frequent} ELSE k % ${baseWorkers} END AS w) wk
     WHERE k < ${N};
     INSERT INTO enrolments (id, class_id, worker_id, status, subsidised, living_allowance, subsidy_year, outlook, enrolled_at)
     SELECT id, class_id, worker_id, 'active', route <> 'unsubsidised', false, 2020, '{}'::jsonb, start_date - 7 + (k % 1000) * interval '1 second'
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
           FROM bench_enrol WHERE ent AND ${pct('k', 8)} < 92 ORDER BY worker_id, org_id, k) x;`,
  );

  await run(
    'completions',
    `INSERT INTO enrolment_completions (enrolment_id, class_id, scheduled_minutes, attended_minutes, rate_per_mille, attended_days, completed, at)
     SELECT id, class_id, scheduled_days * 480, d * 480, d * 1000 / scheduled_days, d, completed, end_date + time '18:00'
     FROM bench_enrol, LATERAL (SELECT CASE WHEN completed THEN scheduled_days - (k % 3 = 0)::int * least(1, scheduled_days - 1) ELSE scheduled_days / 3 END AS d) x
     ORDER BY end_date, k;`,
  );

  await run(
    'certificates',
    `INSERT INTO certificates (id, number, type, class_id, enrolment_id, worker_id, issuer_org_id, occupation_code, level_code, issued_on,
       verify_token, claims, jws, kid, issued_at)
     SELECT md5('z' || k)::uuid, 'BENCH' || lpad(k::text, 9, '0'),
       CASE WHEN cp < 2 THEN 'training_completion' WHEN level_code = 'special' THEN 'special_ability' WHEN cp < 75 THEN 'skill_level' ELSE 'qualification' END,
       class_id, id, worker_id, md5('o' || (org_idx / ${ORGS_PER_UNIT} * ${ORGS_PER_UNIT}))::uuid, occupation_code,
       CASE WHEN cp < 2 THEN NULL ELSE level_code END, end_date + 5, md5('v' || k), '{}'::jsonb,
       'unsigned-bench-placeholder', 'bench-unsigned', end_date + 5 + time '09:00'
     FROM bench_enrol WHERE completed AND rp < 90 ORDER BY end_date, k;
     INSERT INTO certificate_revocations (certificate_id, reason, at)
     SELECT md5('z' || k)::uuid, 'bench', end_date + 30 FROM bench_enrol WHERE completed AND rp < 90 AND k % 500 = 7;`,
  );

  // Claims: one per claimed subsidised class, numbered in end-date order; seq = the payment transaction's seq.
  await run(
    'claims and ledger',
    `CREATE UNLOGGED TABLE bench_claim AS
     SELECT row_number() OVER (ORDER BY end_date, c) AS seq, c, id AS class_id, org_id, u, route, end_date, cl,
       CASE WHEN cl < 90 THEN 'paid' WHEN cl < 96 THEN 'approved' ELSE 'announcing' END AS status
     FROM bench_class WHERE claimed AND route <> 'unsubsidised';
     INSERT INTO subsidy_claims (id, class_id, org_id, unit_code, status, created_at, year, round, total_fen, rule_set, submitted_at,
       announced_on, window_end, paid_txn_seq, updated_at)
     SELECT md5('q' || c)::uuid, class_id, org_id, (${units})[1 + u], status, end_date + 10, 2020, 1, 0, 'yuncheng-2020-14', end_date + 10,
       end_date + 20, end_date + 27, CASE WHEN status = 'paid' THEN seq END, end_date + 40
     FROM bench_claim ORDER BY seq;
     INSERT INTO ledger_transactions (seq, id, kind, at, idempotency_key, request_hash, claim_id, voucher, memo, prev_hash, hash)
     SELECT seq, md5('t' || seq)::uuid, 'payment', end_date + 40 + time '10:00', 'pay-' || seq, md5('r' || seq) || md5('s' || seq), md5('q' || c)::uuid,
       'PZ' || lpad(seq::text, 9, '0'), '补贴拨付', md5('h' || (seq - 1)) || md5('g' || (seq - 1)), md5('h' || seq) || md5('g' || seq)
     FROM bench_claim WHERE status = 'paid' ORDER BY seq;
     INSERT INTO ledger_transactions (seq, id, kind, at, idempotency_key, request_hash, claim_id, reverses_txn_id, voucher, memo, prev_hash, hash)
     SELECT 100000000 + seq, md5('x' || seq)::uuid, 'reversal', end_date + 60 + time '10:00', 'rev-' || seq, md5('rr' || seq) || md5('ss' || seq),
       md5('q' || c)::uuid, md5('t' || seq)::uuid, 'CX' || lpad(seq::text, 9, '0'), '冲销', md5('hx' || seq) || md5('gx' || seq), md5('hy' || seq) || md5('gy' || seq)
     FROM bench_claim WHERE status = 'paid' AND seq % 100 = 3 ORDER BY seq;`,
  );

  await run(
    'claim lines',
    `INSERT INTO claim_lines (id, claim_id, round, enrolment_id, worker_id, kind, rule_id, rule_version, clause, amount_fen, payee_kind, payee_id, fund, basis, created_at)
     SELECT md5('l' || e.k)::uuid, md5('q' || e.c)::uuid, 1, e.id, e.worker_id,
       CASE WHEN e.route = 'enterprise_employee' THEN 'enterprise_employee_training' ELSE 'key_group_training' END, 'bench', '1', '§3',
       e.subsidy_fen, 'organisation', e.org_id,
       CASE e.route WHEN 'key_group' THEN 'employment_subsidy' WHEN 'poverty_project' THEN 'employment_subsidy'
         WHEN 'certificate' THEN CASE WHEN e.level_code IN ('3', '2', '1') THEN 'local_talent' ELSE 'skills_account' END
         ELSE 'industry_development' END, 'bench', e.end_date + 10
     FROM bench_enrol e WHERE e.claimed AND e.route <> 'unsubsidised' AND e.completed ORDER BY e.end_date, e.k;
     INSERT INTO claim_lines (id, claim_id, round, enrolment_id, worker_id, kind, rule_id, rule_version, clause, amount_fen, payee_kind, payee_id, fund, basis, created_at)
     SELECT md5('a' || e.k)::uuid, md5('q' || e.c)::uuid, 1, e.id, e.worker_id, 'living_allowance', 'bench', '1', '§3 三(一)3',
       e.scheduled_days * 3000, 'worker', e.worker_id, 'employment_subsidy', 'bench', e.end_date + 10
     FROM bench_enrol e
     WHERE e.claimed AND e.route = 'poverty_project' AND e.completed
       AND EXISTS (SELECT 1 FROM worker_categories wc WHERE wc.worker_id = e.worker_id AND wc.category_code = 'registered_poor'
         AND wc.valid_from <= e.start_date AND (wc.valid_to IS NULL OR wc.valid_to >= e.start_date))
     ORDER BY e.end_date, e.k;
     INSERT INTO claim_line_refusals (line_id, stage, reason, at)
     SELECT md5('l' || k)::uuid, 'county', '材料不全', end_date + 15
     FROM bench_enrol WHERE claimed AND route <> 'unsubsidised' AND completed AND k % 200 = 11;`,
  );

  await run(
    'employment records',
    `INSERT INTO employment_records (id, id_blind, worker_id, employer_credit_code, employer_name, first_month, last_month, imported_at)
     SELECT md5('m' || w)::uuid, md5('b' || w), md5('w' || w)::uuid, '91140800' || lpad((w % 1400)::text, 10, '0'), '用人单位',
       (date_trunc('month', DATE '2020-01-03' + (hashint4(w * 31 + 15) & 2147483647) % 334) + make_interval(months => ${pct('w', 16)} % 10))::date,
       CASE WHEN ${pct('w', 17)} < 30 THEN (date_trunc('month', DATE '2020-01-03' + (hashint4(w * 31 + 15) & 2147483647) % 334) + make_interval(months => 10 + ${pct('w', 16)} % 10))::date END,
       now()
     FROM generate_series(0, ${workers - 1}) w WHERE ${pct('w', 18)} < 45;
     INSERT INTO employment_records (id, id_blind, worker_id, employer_credit_code, employer_name, first_month, last_month, imported_at)
     SELECT md5('n' || wc.id::text)::uuid, md5('b' || wc.worker_id::text || 'e'), wc.worker_id, o.credit_code, o.name, DATE '2019-01-01', NULL, now()
     FROM worker_categories wc JOIN organisations o ON o.id = wc.employer_org_id WHERE wc.category_code = 'enterprise_employee';`,
  );

  await run('drop plan', `DROP TABLE bench_enrol; DROP TABLE bench_class; DROP TABLE bench_claim;`);
  await run('VACUUM ANALYZE', `VACUUM ANALYZE`);
  await client.end();
}


/**
 * Tops a database generated short (the first version of this script drew class sizes 30–50 unevenly, mean 39.6, and
 * stopped at 9,937,118) up to N: one more trainee in each of the first N − have classes with room, with completion,
 * certificate, claim line and category rows drawn as above.
 */
async function topUp(url: string, have: number) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query(`SET session_replication_role = replica; SET synchronous_commit = off; SET work_mem = '512MB'`);
  const run = async (label: string, q: string) => {
    const t0 = performance.now();
    await client.query(q);
    console.log(`  ${label.padEnd(22)} ${secs(t0).toFixed(1)} s (load ${load()})`);
  };
  const extra = N - have;
  await run(
    'top-up plan',
    `CREATE UNLOGGED TABLE bench_enrol AS
     WITH cls AS (
       SELECT substr(c.code, 12)::int AS c, c.id AS class_id, c.org_id, o.kind = 'enterprise' AS ent, c.funding_route AS route, c.start_date, c.end_date,
         c.scheduled_days, c.occupation_code, c.level_code, c.subsidy_fen, EXISTS (SELECT 1 FROM subsidy_claims q WHERE q.class_id = c.id) AS claimed
       FROM training_classes c JOIN organisations o ON o.id = c.org_id
       WHERE c.code LIKE 'BENCH-2020-%' AND (SELECT count(*) FROM enrolments e WHERE e.class_id = c.id) < 50),
     cand AS (
       SELECT cls.*, ${N} + cls.c AS k, (${N} + cls.c) % ${baseWorkers} AS w FROM cls)
     SELECT k, md5('e' || k)::uuid AS id, c, class_id, org_id, ent, route, start_date, end_date, scheduled_days, occupation_code, level_code,
       subsidy_fen, claimed, w, md5('w' || w)::uuid AS worker_id, ${pct('k', 5)} < 95 AS completed, ${pct('k', 6)} AS rp, ${pct('k', 7)} AS cp
     FROM cand WHERE NOT EXISTS (SELECT 1 FROM enrolments e WHERE e.class_id = cand.class_id AND e.worker_id = md5('w' || cand.w)::uuid)
     ORDER BY c LIMIT ${extra};`,
  );
  await run(
    'top-up rows',
    `INSERT INTO enrolments (id, class_id, worker_id, status, subsidised, living_allowance, subsidy_year, outlook, enrolled_at)
     SELECT id, class_id, worker_id, 'active', route <> 'unsubsidised', false, 2020, '{}'::jsonb, start_date - 7 FROM bench_enrol;
     INSERT INTO worker_categories (id, worker_id, category_code, valid_from, valid_to, employer_org_id, source)
     SELECT md5('k3' || k)::uuid, worker_id, 'enterprise_employee', DATE '2015-01-01', NULL, org_id, 'bench'
     FROM bench_enrol WHERE ent AND ${pct('k', 8)} < 92 ON CONFLICT DO NOTHING;
     INSERT INTO enrolment_completions (enrolment_id, class_id, scheduled_minutes, attended_minutes, rate_per_mille, attended_days, completed, at)
     SELECT id, class_id, scheduled_days * 480, d * 480, d * 1000 / scheduled_days, d, completed, end_date + time '18:00'
     FROM bench_enrol, LATERAL (SELECT CASE WHEN completed THEN scheduled_days ELSE scheduled_days / 3 END AS d) x;
     INSERT INTO certificates (id, number, type, class_id, enrolment_id, worker_id, issuer_org_id, occupation_code, level_code, issued_on,
       verify_token, claims, jws, kid, issued_at)
     SELECT md5('z' || k)::uuid, 'BENCH' || lpad(k::text, 9, '0'),
       CASE WHEN cp < 2 THEN 'training_completion' WHEN level_code = 'special' THEN 'special_ability' WHEN cp < 75 THEN 'skill_level' ELSE 'qualification' END,
       class_id, id, worker_id, org_id, occupation_code, CASE WHEN cp < 2 THEN NULL ELSE level_code END, end_date + 5, md5('v' || k), '{}'::jsonb,
       'unsigned-bench-placeholder', 'bench-unsigned', end_date + 5 + time '09:00'
     FROM bench_enrol WHERE completed AND rp < 90;
     INSERT INTO claim_lines (id, claim_id, round, enrolment_id, worker_id, kind, rule_id, rule_version, clause, amount_fen, payee_kind, payee_id, fund, basis, created_at)
     SELECT md5('l' || e.k)::uuid, md5('q' || e.c)::uuid, 1, e.id, e.worker_id,
       CASE WHEN e.route = 'enterprise_employee' THEN 'enterprise_employee_training' ELSE 'key_group_training' END, 'bench', '1', '§3',
       e.subsidy_fen, 'organisation', e.org_id,
       CASE e.route WHEN 'key_group' THEN 'employment_subsidy' WHEN 'poverty_project' THEN 'employment_subsidy'
         WHEN 'certificate' THEN CASE WHEN e.level_code IN ('3', '2', '1') THEN 'local_talent' ELSE 'skills_account' END
         ELSE 'industry_development' END, 'bench', e.end_date + 10
     FROM bench_enrol e WHERE e.claimed AND e.route <> 'unsubsidised' AND e.completed;
     DROP TABLE bench_enrol;
     ANALYZE;`,
  );
  await client.end();
}

// ---------------------------------------------------------------------------------------------------------

function machine() {
  let free = '';
  try {
    free = execFileSync('free', ['-g'], { encoding: 'utf8' }).split('\n')[1]?.replace(/\s+/g, ' ').trim() ?? '';
  } catch {
    /* no free(1) */
  }
  return { nproc: os.availableParallelism(), cpu: os.cpus()[0]?.model ?? '?', free, node: process.version, kernel: os.release() };
}

type Case = { label: string; kind: 'monthly' | 'annual'; key: string; unit: string | null };
const CASES: Case[] = [
  { label: 'monthly 2020-06, city', kind: 'monthly', key: '2020-06', unit: null },
  { label: 'monthly 2020-06, 盐湖区', kind: 'monthly', key: '2020-06', unit: '140802' },
  { label: 'monthly 2020-06 day21, city', kind: 'monthly', key: '2020-06', unit: null },
  { label: 'annual 2020, city', kind: 'annual', key: '2020', unit: null },
];

const clock = { now: () => new Date() };

async function timeCase(database: Database, c: Case) {
  const reports = makeReports({ db: database.db, clock });
  const t0 = performance.now();
  const r = await reports.compute(c.kind, c.key, c.label.includes('day21') ? 'day21' : 'calendar', c.unit);
  const s = secs(t0);
  return { s, r: { ...r, generatedAt: '' } };
}

/** Make the analytics table unusable the way production does: a write to a source table bumps the change counter. */
async function touch(database: Database) {
  await sql`SELECT nextval('report_source_changes')`.execute(database.db);
}

async function measure(database: Database, label: string, usable: () => Promise<void>, runs: number, cases = CASES) {
  const out: Record<string, { first: number; warm: number[]; load: string }> = {};
  const results: Record<string, unknown> = {};
  for (let i = 0; i < runs + 1; i++) {
    for (const c of cases) {
      await usable();
      const l = load();
      const { s, r } = await timeCase(database, c);
      const o = (out[c.label] ??= { first: s, warm: [], load: l });
      if (i > 0) o.warm.push(s);
      const prev = results[c.label];
      if (prev && JSON.stringify(prev) !== JSON.stringify(r)) throw new Error(`${label} ${c.label}: the report changed between runs`);
      results[c.label] = r;
      console.log(`  ${label} ${c.label.padEnd(30)} run ${i}: ${s.toFixed(3)} s (load ${l}) — ${fmt(r.total.trainings)} 人次, ${fmt(r.total.people)} 人`);
    }
  }
  for (const [k, v] of Object.entries(out))
    console.log(
      `${label} ${k.padEnd(30)} first ${v.first.toFixed(3)} s` +
        (v.warm.length ? `; warm median ${median(v.warm).toFixed(3)} s, max ${Math.max(...v.warm).toFixed(3)} s (${v.warm.length} runs)` : ''),
    );
  return results;
}

const m = machine();
console.log(`reports bench: ${fmt(N)} enrolments, ~${fmt(N / 40)} classes, ${fmt(workers)} workers (${fmt(frequent)} frequent trainees)`);
console.log(`machine: ${m.nproc} cores (${m.cpu}), free -g "${m.free}", Node ${m.node}, Linux ${m.kernel}, load ${load()}`);

const exists = (await admin(`SELECT 1 FROM pg_database WHERE datname = '${dbName}'`)).rowCount === 1;
if (!exists) await admin(`CREATE DATABASE ${dbName}`);
const u = new URL(adminUrl);
u.pathname = `/${dbName}`;
const database = await openDatabase({ databaseUrl: u.toString(), dataDir: os.tmpdir() });
try {
  const version = (await sql<{ v: string }>`SELECT current_setting('server_version') AS v`.execute(database.db)).rows[0]!.v;
  console.log(`PostgreSQL ${version}, database ${dbName}${exists ? ' (reused)' : ''}`);
  const tm = performance.now();
  await migrate(database);
  console.log(`migrations: ${secs(tm).toFixed(1)} s`);
  const have = Number((await sql<{ n: string }>`SELECT count(*) AS n FROM enrolments`.execute(database.db)).rows[0]!.n);
  if (have === 0) {
    console.log('generating:');
    const tg = performance.now();
    await generate(u.toString());
    console.log(`generated in ${secs(tg).toFixed(1)} s`);
  } else if (have < N) {
    console.log(`topping up ${fmt(have)} enrolments to ${fmt(N)}:`);
    await topUp(u.toString(), have);
  } else if (have !== N) throw new Error(`${dbName} holds ${have} enrolments, not ${N}: use another --db`);
  const size = (await sql<{ s: string }>`SELECT pg_size_pretty(pg_database_size(current_database())) AS s`.execute(database.db)).rows[0]!.s;
  const counts = (
    await sql<Record<string, string>>`SELECT (SELECT count(*) FROM training_classes) AS classes, (SELECT count(*) FROM workers) AS workers,
      (SELECT count(*) FROM enrolments) AS enrolments, (SELECT count(*) FROM worker_categories) AS categories,
      (SELECT count(*) FROM enrolment_completions WHERE completed) AS completed, (SELECT count(*) FROM certificates) AS certificates,
      (SELECT count(*) FROM subsidy_claims) AS claims, (SELECT count(*) FROM claim_lines) AS claim_lines,
      (SELECT count(*) FROM ledger_transactions) AS ledger_transactions, (SELECT count(*) FROM employment_records) AS employment_records`.execute(database.db)
  ).rows[0]!;
  console.log(`database ${size}: ${Object.entries(counts).map(([k, v]) => `${k} ${fmt(Number(v))}`).join(', ')}`);

  if (args.get('generate-only') === 'true') process.exit(0);
  if (args.get('live-only') === 'true') {
    // --live-only [--cases 2,3] [--without-indexes]: time chosen cases live only (the analytics table is made unusable).
    const picked = (args.get('cases') ?? '0,1,2,3').split(',').map((i) => CASES[Number(i)]!);
    await touch(database);
    if (args.get('without-indexes') === 'true') {
      await sql`DROP INDEX training_classes_ended`.execute(database.db);
      await sql`DROP INDEX claim_lines_enrolment`.execute(database.db);
    }
    try {
      await measure(database, args.get('without-indexes') === 'true' ? 'live-noidx' : 'live', async () => {}, LIVE_RUNS, picked);
    } finally {
      if (args.get('without-indexes') === 'true') {
        const t0 = performance.now();
        await sql`CREATE INDEX training_classes_ended ON training_classes (end_date, unit_code) WHERE status IN ('completed', 'assessed', 'closed')`.execute(database.db);
        await sql`CREATE INDEX claim_lines_enrolment ON claim_lines (enrolment_id)`.execute(database.db);
        console.log(`indexes rebuilt in ${secs(t0).toFixed(1)} s`);
      }
    }
    await database.close();
    process.exit(0);
  }
  if (args.get('explain-only') === 'true') {
    // EXPLAIN ANALYZE of the live by-unit statement for June alone (no refresh, no timing runs).
    const plan = await sql<{ 'QUERY PLAN': string }>`EXPLAIN (ANALYZE, BUFFERS) ${liveByUnitQuery({ from: '2020-06-01', to: '2020-06-30', employmentMonths: 6, unitCode: null })}`.execute(database.db);
    console.log(`EXPLAIN (ANALYZE, BUFFERS) of the live by-unit statement (liveMeasuresByUnit), 2020-06, city (load ${load()}):`);
    for (const r of plan.rows) console.log(r['QUERY PLAN']);
    await database.close();
    process.exit(0);
  }
  const { makeAnalytics } = await import('../src/usecases/analytics.ts');
  const analytics = makeAnalytics({ db: database.db, clock });
  // The refresh, timed (twice when asked: the second over a current build, as a nightly refresh runs).
  const refreshes = Number(args.get('refreshes') ?? 1);
  for (let i = 0; i < refreshes; i++) {
    const l = load();
    const t0 = performance.now();
    const b = await analytics.refresh();
    console.log(`refresh ${i + 1}: ${secs(t0).toFixed(1)} s (load ${l}) — build ${b.id}: ${fmt(b.enrolments)} enrolments → ${fmt(b.rows)} rows; ${JSON.stringify(b.steps)}`);
  }
  const st = await analytics.status();
  console.log(`analytics: ${JSON.stringify(st)}`);
  const tsize = (await sql<{ s: string }>`SELECT pg_size_pretty(pg_total_relation_size('report_analytics')) AS s`.execute(database.db)).rows[0]!.s;
  console.log(`report_analytics: ${tsize} with its index`);

  console.log('\nfrom the analytics table:');
  const fromAnalytics = await measure(database, 'analytics', async () => {}, RUNS);
  if (!(await analytics.status()).fresh) throw new Error('the analytics table was not usable during the measurement');

  if (!SKIP_LIVE) {
    console.log('\nlive (reportFacts), with the indexes of migration 0010:');
    await touch(database);
    if ((await analytics.status()).fresh) throw new Error('the analytics table is still usable after a change');
    const live = await measure(database, 'live', async () => {}, LIVE_RUNS);
    for (const k of Object.keys(live))
      if (JSON.stringify(live[k]) !== JSON.stringify(fromAnalytics[k])) throw new Error(`${k}: the analytics report differs from the live one`);
    console.log('every report from the analytics table is identical to the live one');

    if (EXPLAIN) {
      for (const [from, to] of [
        ['2020-06-01', '2020-06-30'],
        ['2020-01-01', '2020-12-31'],
      ] as const) {
        const plan = await sql<{ 'QUERY PLAN': string }>`EXPLAIN (ANALYZE, BUFFERS) ${liveByUnitQuery({ from, to, employmentMonths: 6, unitCode: null })}`.execute(database.db);
        console.log(`\nEXPLAIN (ANALYZE, BUFFERS) of the live by-unit statement (liveMeasuresByUnit), ${from} … ${to}, city:`);
        for (const r of plan.rows) console.log(r['QUERY PLAN']);
      }
    }

    if (args.get('without-indexes') === 'true') {
      console.log('\nlive, without the indexes of migration 0010:');
      await sql`DROP INDEX training_classes_ended`.execute(database.db);
      await sql`DROP INDEX claim_lines_enrolment`.execute(database.db);
      try {
        await measure(database, 'live-noidx', async () => {}, 1, CASES.slice(0, 2));
      } finally {
        const t0 = performance.now();
        await sql`CREATE INDEX training_classes_ended ON training_classes (end_date, unit_code) WHERE status IN ('completed', 'assessed', 'closed')`.execute(database.db);
        await sql`CREATE INDEX claim_lines_enrolment ON claim_lines (enrolment_id)`.execute(database.db);
        console.log(`indexes rebuilt in ${secs(t0).toFixed(1)} s`);
      }
    }
  }
} finally {
  await database.close();
  if (DROP) {
    await admin(`DROP DATABASE ${dbName} WITH (FORCE)`);
    console.log(`dropped database ${dbName}`);
  } else console.log(`kept database ${dbName}`);
}
