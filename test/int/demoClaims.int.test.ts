import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../src/db/seed/demo.ts';
import { verifyLedger } from '../../src/db/repositories/ledger.ts';
import { makePiiCipher } from '../../src/security/pii.ts';
import { makeAnalytics } from '../../src/usecases/analytics.ts';
import { makeReports } from '../../src/usecases/reports.ts';
import { TestClock } from '../support/app.ts';
import { openTestDatabase, testDbKind, type TestDatabase } from '../support/db.ts';

/** The demo's 2020 claims, ledger, targets and employment records: real stages, a ledger that verifies, full reports. */
describe(`the demo claims and reports of 2020 on ${testDbKind()}`, () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await openTestDatabase();
    await seedDemo({ db: t.db, clock: new TestClock(new Date('2026-11-29T02:00:00Z')), pii: makePiiCipher(randomBytes(32)) }, { scale: 'city', seed: 'int-claims', workers: 1_500 });
  }, 600_000);
  afterAll(() => t?.dispose());

  it('has claims at several stages, paid ones with balanced ledger entries, targets and employment records', async () => {
    const statuses = await sql<{ status: string; n: number }>`SELECT status, count(*)::int AS n FROM subsidy_claims GROUP BY status`.execute(t.db);
    const by = Object.fromEntries(statuses.rows.map((r) => [r.status, r.n]));
    expect(by.paid).toBeGreaterThan(0);
    expect(Object.keys(by).length).toBeGreaterThanOrEqual(2);
    const unpaidPayments = await sql<{ n: number }>`SELECT count(*)::int AS n FROM subsidy_claims k WHERE k.status = 'paid'
      AND NOT EXISTS (SELECT 1 FROM ledger_transactions t WHERE t.claim_id = k.id AND t.kind = 'payment')`.execute(t.db);
    expect(unpaidPayments.rows[0]!.n).toBe(0);
    expect(await verifyLedger(t.db)).toMatchObject({ ok: true });
    const targets = await sql<{ s: number }>`SELECT sum(trainings)::int AS s FROM unit_targets WHERE year = 2020`.execute(t.db);
    expect(targets.rows[0]!.s).toBe(100_000);
    // Every reporting unit has a share, the development zone (no census population of its own) included.
    const zero = await sql<{ n: number }>`SELECT count(*)::int AS n FROM unit_targets WHERE year = 2020 AND trainings > 0`.execute(t.db);
    expect(zero.rows[0]!.n).toBe(14);
    const annual = await makeReports({ db: t.db, clock: new TestClock() }).compute('annual', '2020', 'calendar', null);
    expect(annual.total.trainings).toBeGreaterThan(0);
    expect(annual.total.employed).toBeGreaterThan(0);
    expect(annual.total.paidTotalFen).toBeGreaterThan(0);
  });

  it('ends with planner statistics and an analytics build that the reports use, answering as the records do', async () => {
    const stats = await sql<{ n: number }>`SELECT count(*)::int AS n FROM pg_stats WHERE schemaname = current_schema() AND tablename = 'enrolments'`.execute(t.db);
    expect(stats.rows[0]!.n).toBeGreaterThan(0);
    const status = await makeAnalytics({ db: t.db, clock: new TestClock() }).status();
    expect(status.current).toBeTruthy();
    expect(status.fresh).toBe(true);
    // The frozen annual report (seedReports) equals the report computed now (nothing changed since).
    const frozen = await sql<{ data: { total: unknown; units: unknown } }>`SELECT data FROM frozen_reports WHERE kind = 'annual' AND period_key = '2020' AND unit_code = '140800'`.execute(t.db);
    const live = await makeReports({ db: t.db, clock: new TestClock() }).compute('annual', '2020', 'calendar', null);
    expect(frozen.rows[0]!.data.total).toEqual(live.total);
    expect(frozen.rows[0]!.data.units).toEqual(live.units);
  });
});
