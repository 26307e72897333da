import { findFrozenReport } from '../repositories/frozenReports.ts';
import { sql } from 'kysely';
import { CITY_CODE } from '../../domain/auth/permissions.ts';
import type { PiiCipher } from '../../security/pii.ts';
import { toActor } from '../../usecases/auth/session.ts';
import type { Clock, Db, RequestContext } from '../../usecases/context.ts';
import { makeChangeOrganisationStatus } from '../../usecases/organisations.ts';
import { makeReports, type ReportKind } from '../../usecases/reports.ts';
import { stableUuid } from './demo.ts';

const pad = (n: number) => String(n).padStart(2, '0');

/** When the city office froze and approved each 2020 report: a few days into the following month. */
function schedule(year: number): { kind: ReportKind; key: string; freezeAt: string; approveAt: string }[] {
  const next = (y: number, m: number) => (m === 12 ? `${y + 1}-01` : `${y}-${pad(m + 1)}`);
  const months = Array.from({ length: 12 }, (_, i) => ({
    kind: 'monthly' as const,
    key: `${year}-${pad(i + 1)}`,
    freezeAt: `${next(year, i + 1)}-08T02:00:00Z`,
    approveAt: `${next(year, i + 1)}-12T02:00:00Z`,
  }));
  const quarters = [1, 2, 3, 4].map((q) => ({
    kind: 'quarterly' as const,
    key: `${year}-Q${q}`,
    freezeAt: `${next(year, q * 3)}-15T02:00:00Z`,
    approveAt: `${next(year, q * 3)}-20T02:00:00Z`,
  }));
  const annual = { kind: 'annual' as const, key: String(year), freezeAt: `${year + 1}-01-25T02:00:00Z`, approveAt: `${year + 1}-01-29T02:00:00Z` };
  return [...months, ...quarters, annual];
}

/**
 * The demo's approved 2020 reports and its blacklist (§17), as the city office would have made them: each
 * monthly, quarterly and annual city-wide report (calendar months) frozen and approved through the reports use
 * case a few days after its period, with a simulated clock; and one private institution blacklisted through the
 * organisation status use case for faking training. Idempotent: what exists is skipped, so a resumed seed
 * finishes the rest.
 */
export async function seedReports(deps: { db: Db; pii: PiiCipher }, opts: { seed: string; year?: number; progress?: (done: number, total: number) => void }) {
  const { db } = deps;
  const year = opts.year ?? 2020;
  let now = new Date(`${year + 1}-01-01T02:00:00Z`);
  const clock: Clock = { now: () => new Date(now) };
  const reports = makeReports({ db, clock });

  // The demo's city official when there is one (their name shows as who froze the report), else a seed actor.
  const user = await db.selectFrom('users').selectAll().where('role', '=', 'city_office').orderBy('created_at').orderBy('username').executeTakeFirst();
  const city: RequestContext = {
    actor: user
      ? toActor(user)
      : { id: stableUuid(`${opts.seed}/actor/city_office/140800`), username: 'demo-seed', displayName: '市人社局', role: 'city_office', unitCode: CITY_CODE, orgId: null, workerId: null },
    requestId: 'seed-reports',
    ip: null,
    userAgent: 'jineng-seed',
  };

  let frozen = 0;
  const plan = schedule(year);
  for (const [i, s] of plan.entries()) {
    const existing = await findFrozenReport(db, { kind: s.kind, key: s.key, basis: 'calendar', unitCode: CITY_CODE });
    let id = existing?.id;
    if (!id) {
      now = new Date(s.freezeAt);
      id = (await reports.freeze(city, s.kind, s.key, { basis: 'calendar' })).id;
      frozen++;
    }
    if (!existing?.approved_at) {
      now = new Date(s.approveAt);
      await reports.approve(city, id);
    }
    opts.progress?.(i + 1, plan.length);
  }

  // §17: an institution caught faking training is barred — one in the demo, with the published decision.
  let blacklisted = 0;
  const already = await db.selectFrom('organisation_status_changes').select('id').where('to_status', '=', 'blacklisted').executeTakeFirst();
  if (!already) {
    const pick = await sql<{ id: string }>`
      SELECT o.id FROM organisations o
      WHERE o.kind = 'institution' AND o.institution_kind = 'private' AND o.status = 'active'
        AND NOT EXISTS (SELECT 1 FROM users u WHERE u.org_id = o.id)
        AND NOT EXISTS (SELECT 1 FROM subsidy_claims k JOIN training_classes c ON c.id = k.class_id WHERE c.org_id = o.id AND k.status <> 'paid')
      ORDER BY (SELECT count(*) FROM training_classes c WHERE c.org_id = o.id) DESC, o.credit_code
      LIMIT 1`.execute(db);
    const org = pick.rows[0];
    if (org) {
      now = new Date(`${year}-11-20T02:00:00Z`);
      await makeChangeOrganisationStatus({ db, clock, pii: deps.pii })(city, org.id, {
        to: 'blacklisted',
        reason: '经查，该机构在补贴性培训中虚构学员签到记录、以虚假培训套取补贴资金，依据《运城市推进职业技能提升培训实施方案》第十七条，禁止其再承担政府补贴性培训',
        decisionRef: `运人社字〔${year}〕86号`,
        effectiveDate: `${year}-11-20`,
      });
      blacklisted++;
    }
  }
  return { frozen, blacklisted };
}
