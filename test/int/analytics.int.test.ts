import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app.ts';
import { insertOrganisation, insertWorker } from '../support/builders.ts';
import { testDbKind } from '../support/db.ts';
import { REPORTING_UNITS } from '../../src/domain/identity/divisions.ts';
import { parsePeriod, type MonthBasis } from '../../src/domain/reports/periods.ts';
import { atomsOf, usableBuild } from '../../src/db/repositories/analytics.ts';
import { liveMeasuresBy, liveMeasuresByUnit, measuresBy, measuresByUnit, type ReportQuery } from '../../src/db/repositories/reports.ts';
import { makeAnalytics } from '../../src/usecases/analytics.ts';
import { makeReports } from '../../src/usecases/reports.ts';

/**
 * The analytics table (ADR 0011) answers exactly what the records answer: a hand-built data set with the cases that
 * break naive pre-aggregation — one person training twice in a month and again in another unit and month (人次 ≠ 人数,
 * across units and periods), two overlapping periods of the same category, two categories, an in-service employee,
 * a withdrawn enrolment, a class still in progress, a revoked certificate, a refused line, a reversed payment, an
 * unpaid claim, ends on the 20th and 21st (the two month bases), and employment too late to count.
 */
describe(`report analytics on ${testDbKind()}`, () => {
  let t: TestApp;
  const YANHU = '140802';
  const LINYI = '140821';
  const clock = { now: () => new Date('2021-01-15T02:00:00Z') };
  const q = (key: string, basis: MonthBasis, unitCode: string | null): ReportQuery => {
    const p = parsePeriod(key, basis);
    return { from: p.from, to: p.to, employmentMonths: 6, unitCode };
  };
  const sortUnits = <T extends { unit_code: string | null }>(rows: T[]) => [...rows].sort((a, b) => String(a.unit_code).localeCompare(String(b.unit_code)));
  let ledgerSeq = 0;

  async function run(text: ReturnType<typeof sql>) {
    await text.execute(t.database.db);
  }
  async function klass(unit: string, orgId: string, o: { end: string; type: string; level: string; status?: string }) {
    const id = randomUUID();
    const start = `${o.end.slice(0, 8)}01`;
    await run(sql`INSERT INTO training_classes (id, org_id, unit_code, status, training_type, level_code, start_date, end_date)
      VALUES (${id}, ${orgId}, ${unit}, ${o.status ?? 'closed'}, ${o.type}, ${o.level}, ${start}, ${o.end})`);
    return { id, end: o.end };
  }
  async function enrol(cls: { id: string; end: string }, workerId: string, o: { completed?: boolean; status?: string } = {}) {
    const id = randomUUID();
    await run(sql`INSERT INTO enrolments (id, class_id, worker_id, status, subsidised, subsidy_year, outlook, enrolled_at)
      VALUES (${id}, ${cls.id}, ${workerId}, ${o.status ?? 'active'}, true, 2020, '{}'::jsonb, ${`${cls.end}T00:00:00Z`})`);
    await run(sql`INSERT INTO enrolment_completions (enrolment_id, class_id, scheduled_minutes, attended_minutes, rate_per_mille, attended_days, completed, at)
      VALUES (${id}, ${cls.id}, 480, 480, 1000, 1, ${o.completed ?? true}, ${`${cls.end}T10:00:00Z`})`);
    return { id, classId: cls.id, workerId };
  }
  async function certify(e: { id: string; classId: string; workerId: string }, type: string, level: string | null, issuer: string, revoked = false) {
    const id = randomUUID();
    await run(sql`INSERT INTO certificates (id, number, type, class_id, enrolment_id, worker_id, issuer_org_id, level_code, issued_on, verify_token, claims, jws, kid, issued_at)
      VALUES (${id}, ${`T${id.slice(0, 8)}`}, ${type}, ${e.classId}, ${e.id}, ${e.workerId}, ${issuer}, ${level}, '2020-07-01', ${id}, '{}'::jsonb, 'x', 'test-kid', now())`);
    if (revoked) await run(sql`INSERT INTO certificate_revocations (certificate_id, reason, at) VALUES (${id}, '测试', now())`);
  }
  async function claim(cls: { id: string }, orgId: string, unit: string, status: string, lines: { e: { id: string; workerId: string }; kind: string; fund: string; fen: number; refused?: boolean }[], reversed = false) {
    const id = randomUUID();
    const seq = status === 'paid' ? ++ledgerSeq : null;
    await run(sql`INSERT INTO subsidy_claims (id, class_id, org_id, unit_code, status, year, paid_txn_seq) VALUES (${id}, ${cls.id}, ${orgId}, ${unit}, ${status}, 2020, ${seq})`);
    for (const l of lines) {
      const lineId = randomUUID();
      await run(sql`INSERT INTO claim_lines (id, claim_id, round, enrolment_id, worker_id, kind, rule_id, rule_version, clause, amount_fen, payee_kind, payee_id, fund, basis, created_at)
        VALUES (${lineId}, ${id}, 1, ${l.e.id}, ${l.e.workerId}, ${l.kind}, 'r', '1', '§3', ${l.fen}, 'organisation', ${orgId}, ${l.fund}, 'test', now())`);
      if (l.refused) await run(sql`INSERT INTO claim_line_refusals (line_id, stage, reason, at) VALUES (${lineId}, 'county', '材料不全', now())`);
    }
    if (seq !== null) {
      const txn = randomUUID();
      const h = (s: string) => s.repeat(64).slice(0, 64);
      await run(sql`INSERT INTO ledger_transactions (seq, id, kind, at, idempotency_key, request_hash, claim_id, voucher, memo, prev_hash, hash)
        VALUES (${seq}, ${txn}, 'payment', now(), ${`p${seq}`}, ${h('a')}, ${id}, ${`V${seq}`}, '拨付', ${h(String(seq - 1))}, ${h(String(seq))})`);
      if (reversed) {
        const r = ++ledgerSeq;
        await run(sql`INSERT INTO ledger_transactions (seq, id, kind, at, idempotency_key, request_hash, claim_id, reverses_txn_id, voucher, memo, prev_hash, hash)
          VALUES (${r}, ${randomUUID()}, 'reversal', now(), ${`r${r}`}, ${h('b')}, ${id}, ${txn}, ${`V${r}`}, '冲销', ${h(String(r - 1))}, ${h(String(r))})`);
      }
    }
  }
  async function category(workerId: string, code: string, from: string, to: string | null = null, employer: string | null = null) {
    await run(sql`INSERT INTO worker_categories (id, worker_id, category_code, valid_from, valid_to, employer_org_id, source)
      VALUES (${randomUUID()}, ${workerId}, ${code}, ${from}, ${to}, ${employer}, 'test')`);
  }
  async function employment(workerId: string, first: string, last: string | null = null) {
    await run(sql`INSERT INTO employment_records (id, id_blind, worker_id, employer_credit_code, first_month, last_month, imported_at)
      VALUES (${randomUUID()}, ${randomUUID()}, ${workerId}, '91140802MA0000001X', ${first}, ${last}, now())`);
  }

  beforeAll(async () => {
    t = await startTestApp();
    await run(sql`INSERT INTO signing_keys (kid, public_jwk, private_jwk_sealed, status, created_at) VALUES ('test-kid', '{}', '\\x00', 'retired', now())`);
    const inst = await insertOrganisation(t, { kind: 'institution', unitCode: YANHU });
    const inst2 = await insertOrganisation(t, { kind: 'institution', unitCode: LINYI });
    const ent = await insertOrganisation(t, { kind: 'enterprise', unitCode: YANHU });
    const [a, b, c, d, e] = [await insertWorker(t), await insertWorker(t), await insertWorker(t), await insertWorker(t), await insertWorker(t, { unitCode: LINYI })];
    await category(a!.id, 'rural_migrant', '2019-01-01');
    await category(a!.id, 'rural_migrant', '2020-01-01'); // overlapping the first: the live join counts A twice in this category
    await category(b!.id, 'enterprise_employee', '2019-01-01', null, ent.id);
    await category(c!.id, 'registered_poor', '2019-01-01');
    await category(c!.id, 'rural_migrant', '2019-06-01');
    await category(d!.id, 'laid_off', '2019-01-01', '2020-05-31');
    await category(e!.id, 'college_graduate', '2020-01-01');

    const k1 = await klass(YANHU, inst.id, { end: '2020-06-12', type: 'skill_upgrade', level: '4' });
    const k2 = await klass(YANHU, inst.id, { end: '2020-06-20', type: 'skill_upgrade', level: '5' });
    const k3 = await klass(LINYI, inst2.id, { end: '2020-06-21', type: 'employment_skill', level: '5' });
    const k4 = await klass(YANHU, ent.id, { end: '2020-05-22', type: 'pre_job', level: 'special' });
    const k5 = await klass(YANHU, inst.id, { end: '2020-06-28', type: 'skill_upgrade', level: '4', status: 'in_progress' });
    const k6 = await klass(LINYI, inst2.id, { end: '2020-03-10', type: 'employment_skill', level: '5' });
    const k7 = await klass(YANHU, inst.id, { end: '2020-12-31', type: 'entrepreneurship', level: '5' });

    const a1 = await enrol(k1, a!.id);
    const a2 = await enrol(k2, a!.id);
    const a3 = await enrol(k3, a!.id);
    const a6 = await enrol(k6, a!.id);
    const b1 = await enrol(k1, b!.id);
    const b4 = await enrol(k4, b!.id);
    const c1 = await enrol(k1, c!.id);
    const c3 = await enrol(k3, c!.id);
    await enrol(k2, c!.id, { status: 'withdrawn' });
    await enrol(k2, d!.id, { completed: false });
    await enrol(k5, d!.id);
    const e3 = await enrol(k3, e!.id);
    await enrol(k7, e!.id);

    await certify(a1, 'skill_level', '4', inst.id);
    await certify(a2, 'skill_level', '5', inst.id);
    await certify(c1, 'training_completion', null, inst.id);
    await certify(e3, 'skill_level', '5', inst2.id, true);
    await certify(b4, 'special_ability', 'special', inst.id);

    await claim(k1, inst.id, YANHU, 'paid', [
      { e: a1, kind: 'key_group_training', fund: 'employment_subsidy', fen: 100_000 },
      { e: c1, kind: 'key_group_training', fund: 'employment_subsidy', fen: 100_000 },
      { e: c1, kind: 'living_allowance', fund: 'employment_subsidy', fen: 9_000 },
      { e: b1, kind: 'key_group_training', fund: 'employment_subsidy', fen: 100_000, refused: true },
    ]);
    await claim(k2, inst.id, YANHU, 'paid', [{ e: a2, kind: 'key_group_training', fund: 'employment_subsidy', fen: 80_000 }], true);
    await claim(k6, inst2.id, LINYI, 'approved', [{ e: a6, kind: 'key_group_training', fund: 'employment_subsidy', fen: 80_000 }]);
    await claim(k3, inst2.id, LINYI, 'paid', [
      { e: a3, kind: 'key_group_training', fund: 'skills_account', fen: 60_000 },
      { e: c3, kind: 'key_group_training', fund: 'local_talent', fen: 70_000 },
      { e: e3, kind: 'key_group_training', fund: 'local_talent', fen: 70_000 },
    ]);
    await claim(k4, ent.id, YANHU, 'paid', [{ e: b4, kind: 'enterprise_employee_training', fund: 'industry_development', fen: 50_000 }]);

    await employment(a!.id, '2020-07-01');
    await employment(b!.id, '2019-01-01');
    await employment(c!.id, '2021-03-01'); // after June + 6 months: not employed for the June trainings
    await employment(e!.id, '2020-09-01', '2020-10-01');
  }, 300_000);
  afterAll(() => t?.close());

  const KEYS = [
    ...Array.from({ length: 12 }, (_, i) => ['monthly', `2020-${String(i + 1).padStart(2, '0')}`] as const),
    ...[1, 2, 3, 4].map((n) => ['quarterly', `2020-Q${n}`] as const),
    ['annual', '2020'] as const,
  ];
  const UNITS = [null, YANHU, LINYI, REPORTING_UNITS.find((u) => u.code !== YANHU && u.code !== LINYI)!.code];

  it('is used only once built, and then gives every measure of every period, basis and unit exactly as the records do', async () => {
    const db = t.database.db;
    const analytics = makeAnalytics({ db, clock });
    expect(await analytics.status()).toMatchObject({ current: null, fresh: false });
    expect(await usableBuild(db, q('2020-06', 'calendar', null))).toBeNull();
    const built = await analytics.refresh();
    expect(built).toMatchObject({ id: 1, enrolments: 11, employmentMonths: 6 }); // 13 enrolments: one withdrawn, one in a class in progress
    expect(await analytics.status()).toMatchObject({ current: { id: 1, enrolments: 11 }, fresh: true, changesSince: 0 });

    for (const basis of ['calendar', 'day21'] as const)
      for (const [, key] of KEYS)
        for (const unit of UNITS) {
          const query = q(key, basis, unit);
          expect(await usableBuild(db, query)).not.toBeNull();
          const where = `${key} ${basis} ${unit ?? 'city'}`;
          expect(sortUnits(await measuresByUnit(db, query)), where).toEqual(sortUnits(await liveMeasuresByUnit(db, query)));
          for (const by of ['category', 'training_type', 'certificate'] as const) expect(await measuresBy(db, query, by), `${where} ${by}`).toEqual(await liveMeasuresBy(db, query, by));
        }
  });

  it('holds the hand-counted cells of June 2020 (calendar month) for the city', async () => {
    const db = t.database.db;
    const query = q('2020-06', 'calendar', null);
    expect(await usableBuild(db, query)).not.toBeNull();
    const rows = await measuresByUnit(db, query);
    const total = rows.find((r) => r.total)!;
    // June: A in K1, K2 (盐湖) and K3 (临猗); B and C in K1; C and E in K3; D in K2 (not completed). 8 人次, 5 人.
    expect(total).toMatchObject({ trainings: 8, people: 5, completed: 7, certificates: 3, subsidised_people: 3, employed: 4, employment_base: 6 });
    expect(Number(total.employment_subsidy)).toBe(209_000);
    expect(Number(total.skills_account)).toBe(60_000); // A's K2 line (80,000) was paid and reversed
    expect(Number(total.local_talent)).toBe(140_000);
    expect(Number(total.living_allowance)).toBe(9_000);
    const yanhu = rows.find((r) => r.unit_code === YANHU)!;
    expect(yanhu).toMatchObject({ trainings: 5, people: 4, completed: 4, subsidised_people: 2, employment_base: 3, employed: 2 });
    const linyi = rows.find((r) => r.unit_code === LINYI)!;
    expect(linyi).toMatchObject({ trainings: 3, people: 3 });
    const cats = await measuresBy(db, query, 'category');
    expect(cats.map((r) => [r.key, r.trainings, r.people])).toEqual([
      ['college_graduate', 1, 1],
      ['enterprise_employee', 1, 1],
      ['registered_poor', 2, 1],
      ['rural_migrant', 8, 2], // A's three trainings twice (two overlapping periods) and C's two
    ]);
    // On the day21 basis, June runs 5-21 … 6-20: K4 (5-22), K1 and K2, not K3 (6-21).
    const d = (await measuresByUnit(db, q('2020-06', 'day21', null))).find((r) => r.total)!;
    expect(d).toMatchObject({ trainings: 6, people: 4 });
  });

  it('is not used once a record changes, and a refresh brings it back with the change', async () => {
    const db = t.database.db;
    const analytics = makeAnalytics({ db, clock });
    const query = q('2020-06', 'calendar', null);
    const reports = makeReports({ db, clock });
    const before = await reports.compute('monthly', '2020-06', 'calendar', null);
    expect(before.total).toMatchObject({ trainings: 8, people: 5 });

    // A new trainee completes a June class: the analytics table no longer matches the records.
    const w = await insertWorker(t);
    const cls = (await sql<{ id: string }>`SELECT id FROM training_classes WHERE end_date = '2020-06-12'`.execute(db)).rows[0]!;
    await enrol({ id: cls.id, end: '2020-06-12' }, w.id);
    expect(await analytics.status()).toMatchObject({ fresh: false });
    expect(await usableBuild(db, query)).toBeNull();
    const live = await reports.compute('monthly', '2020-06', 'calendar', null);
    expect(live.total).toMatchObject({ trainings: 9, people: 6 });

    const rebuilt = await analytics.refresh();
    expect(rebuilt).toMatchObject({ id: 2, enrolments: 12 });
    expect(await usableBuild(db, query)).not.toBeNull();
    const again = await reports.compute('monthly', '2020-06', 'calendar', null);
    expect({ ...again, generatedAt: null }).toEqual({ ...live, generatedAt: null });
    // Only the current build's rows are kept.
    const builds = (await sql<{ build_id: string }>`SELECT DISTINCT build_id FROM report_analytics`.execute(db)).rows.map((r) => Number(r.build_id));
    expect(builds).toEqual([2]);

    // Every report of the year, city and units, from the table and from the records (a change forces the records).
    const fromTable = [];
    for (const [kind, key] of KEYS) for (const unit of UNITS) for (const basis of ['calendar', 'day21'] as const) fromTable.push(await reports.compute(kind, key, basis, unit));
    await sql`SELECT nextval('report_source_changes')`.execute(db);
    expect(await usableBuild(db, query)).toBeNull();
    const fromRecords = [];
    for (const [kind, key] of KEYS) for (const unit of UNITS) for (const basis of ['calendar', 'day21'] as const) fromRecords.push(await reports.compute(kind, key, basis, unit));
    expect(fromTable).toEqual(fromRecords);
  });

  it('answers only periods on half-month boundaries and the employment window it was built with', async () => {
    const db = t.database.db;
    await makeAnalytics({ db, clock }).refresh();
    expect(atomsOf('2020-06-01', '2020-06-30')).toEqual({ i: 2020 * 24 + 10, j: 2020 * 24 + 11 });
    expect(atomsOf('2020-05-21', '2020-06-20')).toEqual({ i: 2020 * 24 + 9, j: 2020 * 24 + 10 });
    expect(atomsOf('2020-02-01', '2020-02-29')).not.toBeNull();
    expect(atomsOf('2020-06-02', '2020-06-30')).toBeNull();
    expect(atomsOf('2020-06-01', '2020-06-25')).toBeNull();
    expect(await usableBuild(db, { from: '2020-06-05', to: '2020-06-30', employmentMonths: 6 })).toBeNull();
    expect(await usableBuild(db, { from: '2020-06-01', to: '2020-06-30', employmentMonths: 3 })).toBeNull();
    expect(await usableBuild(db, { from: '2020-06-01', to: '2020-06-30', employmentMonths: 6 })).not.toBeNull();
    // With another window the records answer, and differ: E (employed 2020-09) is not employed within 2 months of June.
    const three = { from: '2020-06-01', to: '2020-06-30', employmentMonths: 2, unitCode: null };
    const rows = await measuresByUnit(db, three);
    expect(sortUnits(rows)).toEqual(sortUnits(await liveMeasuresByUnit(db, three)));
    expect(rows.find((r) => r.total)).toMatchObject({ employed: 3 });
  });
});
