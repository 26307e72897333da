import { sql } from 'kysely';
import { REPORTING_UNITS } from '../../domain/identity/divisions.ts';
import { apportion } from '../../domain/reports/targets.ts';
import { DEFAULT_TRAINING_SETTINGS } from '../../domain/training/settings.ts';
import type { PiiCipher } from '../../security/pii.ts';
import { makeClaims } from '../../usecases/claims.ts';
import type { Actor, Clock, Db, RequestContext } from '../../usecases/context.ts';
import { makeFunds } from '../../usecases/funds.ts';
import { makeReports } from '../../usecases/reports.ts';
import { stableUuid } from './demo.ts';

/**
 * The demo's 2020 subsidy claims at every stage, through the real use cases with a simulated clock (each step on
 * a plausible 2020 day): budgets granted to each unit's funds; a sample of the closed classes claimed; most of
 * them reviewed, announced, approved and paid (with their ledger entries), some still at each earlier stage.
 * Also the 2020 targets by unit (by population) and employment records for part of the trainees, so the reports
 * are full. Resumable: a class that already has a claim is skipped; budgets are idempotent by key.
 */
export async function seedClaims(deps: { db: Db; pii: PiiCipher; publicUrl: string }, opts: { seed: string; maxClaims: number; progress?: (done: number, total: number) => void }) {
  const { db } = deps;
  let now = new Date('2020-03-01T02:00:00Z');
  const clock: Clock = { now: () => new Date(now) };
  const training = DEFAULT_TRAINING_SETTINGS;
  const claims = makeClaims({ db, clock, pii: deps.pii, training, publicUrl: deps.publicUrl });
  const funds = makeFunds({ db, clock });
  const actor = (role: Actor['role'], scope: { unitCode?: string; orgId?: string }, name: string): RequestContext => ({
    actor: { id: stableUuid(`${opts.seed}/actor/${role}/${scope.unitCode ?? scope.orgId ?? ''}`), username: 'demo-seed', displayName: name, role, unitCode: scope.unitCode ?? null, orgId: scope.orgId ?? null, workerId: null },
    requestId: 'seed-claims',
    ip: null,
    userAgent: 'jineng-seed',
  });
  const city = actor('city_office', { unitCode: '140800' }, '市人社局');
  const finance = actor('finance', { unitCode: '140800' }, '市财政局');

  // Budgets: each unit's two training funds for 2020, generous enough for the sample.
  for (const u of REPORTING_UNITS)
    for (const fund of ['employment_subsidy', 'skills_account'])
      await funds.grant(finance, { fund, unitCode: u.code, year: 2020, amountFen: 500_000_000, idempotencyKey: `demo-budget-2020-${u.code}-${fund}` });

  // Targets (四(一) 任务分解): the development zone has no census population of its own, so the demo gives it 2,000
  // (as a city office would, by hand) and splits the rest of the 100,000 by population.
  const zone = REPORTING_UNITS.find((u) => u.isDevelopmentZone)!;
  const byPopulation = apportion(100_000 - 2_000, Object.fromEntries(REPORTING_UNITS.filter((u) => u !== zone).map((u) => [u.code, u.population ?? 0])));
  await makeReports({ db, clock }).setTargets(city, 2020, { units: { ...byPopulation, [zone.code]: 2_000 } });

  // A deterministic sample of the closed classes of 2020 that have something to claim, in completion order.
  const candidates = await sql<{ id: string; org_id: string; unit_code: string; end_date: string }>`
    SELECT c.id, c.org_id, c.unit_code, to_char(c.end_date, 'YYYY-MM-DD') AS end_date FROM training_classes c
    WHERE c.status = 'closed' AND EXTRACT(YEAR FROM c.end_date) = 2020 AND c.funding_route <> 'unsubsidised'
      AND NOT EXISTS (SELECT 1 FROM subsidy_claims k WHERE k.class_id = c.id)
    ORDER BY md5(c.id::text || ${opts.seed}) LIMIT ${opts.maxClaims}`.execute(db);
  const rows = [...candidates.rows].sort((a, b) => a.end_date.localeCompare(b.end_date) || a.id.localeCompare(b.id));
  let done = 0;
  for (const [i, c] of rows.entries()) {
    const day = (offsetDays: number) => new Date(Date.parse(`${c.end_date}T02:00:00Z`) + offsetDays * 86_400_000);
    // The later in the year, the earlier the stage: December's claims are still under review.
    const stage = c.end_date >= '2020-12-01' ? ['submitted', 'announcing', 'returned'][i % 3]! : i % 10 === 0 ? 'approved' : 'paid';
    try {
      now = day(7);
      const { id } = await claims.submit(actor('institution', { orgId: c.org_id }, '培训机构'), c.id);
      const county = actor('county_office', { unitCode: c.unit_code }, '县区人社局');
      if (stage === 'returned') {
        now = day(10);
        await claims.act(county, id, { action: 'county_return', reasons: '请补充学员签到视频和考核记录' });
      } else if (stage !== 'submitted') {
        now = day(10);
        await claims.act(county, id, { action: 'county_approve' });
        if (stage !== 'announcing') {
          now = day(25);
          await claims.act(city, id, { action: 'city_approve' });
          if (stage === 'paid') {
            now = day(35);
            await claims.act(finance, id, { action: 'pay', idempotencyKey: `demo-pay-${c.id}` });
          }
        }
      }
    } catch (e) {
      // A class whose people were all priced out (§15) has nothing to claim: skip it.
      if (!/CLAIM_NOTHING_TO_CLAIM/.test(String((e as { code?: string }).code ?? e))) throw e;
    }
    opts.progress?.(++done, rows.length);
  }

  // Employment records (§9): about a third of the completers of 2020 employed within months of completing.
  await sql`
    INSERT INTO employment_records (id, id_blind, worker_id, employer_credit_code, employer_name, first_month, last_month, imported_at)
    SELECT DISTINCT ON (w.id) md5(${opts.seed} || w.id::text)::uuid, w.id_blind, w.id, o.credit_code, o.name,
      (date_trunc('month', c.end_date) + make_interval(months => (abs(hashtext(w.id::text)::bigint) % 4)::int))::date, NULL, now()
    FROM enrolment_completions ec
    JOIN enrolments e ON e.id = ec.enrolment_id
    JOIN workers w ON w.id = e.worker_id
    JOIN training_classes c ON c.id = e.class_id
    JOIN LATERAL (SELECT credit_code, name FROM organisations WHERE kind = 'enterprise' AND unit_code = c.unit_code ORDER BY id LIMIT 1) o ON true
    WHERE ec.completed AND abs(hashtext(w.id::text || ${opts.seed})::bigint) % 3 = 0
    ORDER BY w.id, c.end_date
    ON CONFLICT DO NOTHING`.execute(db);
  return { claims: done };
}
