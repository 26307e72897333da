import { priceClass, type ClaimLineRef, type ClassPricing, type PersonFacts } from '../domain/subsidy/evaluate.ts';
import { applyOverrides, YUNCHENG_2020_14, type OverrideValue, type RuleSet } from '../domain/subsidy/rules.ts';
import { listCategoryPeriods, loadClosedClassFactsPage, loadEarlier, loadEnrolmentFactsOf } from '../db/repositories/claims.ts';
import { CITY_CODE } from '../domain/auth/permissions.ts';
import type { TrainingSettings } from '../domain/training/settings.ts';
import type { Db, RequestContext } from './context.ts';
import { requireCan } from './guards.ts';
import { classFactsOf, officialRuleSet, personFactsOf } from './claims.ts';

type ClassRow = Parameters<typeof classFactsOf>[0] & { unit_code: string };
type PeopleRow = Parameters<typeof personFactsOf>[0];
type Mutable<T> = { -readonly [K in keyof T]: T[K] };

export type YearTotals = Map<string, number>; // `${unit}|${fund}` → fen

type Page = { rows: ClassRow[]; people: PeopleRow[]; earlier: Awaited<ReturnType<typeof loadEarlier>> };

/** Lets the event loop run (I/O of the page being read ahead) when pricing has held it for this long. */
const YIELD_EVERY_MS = 4;
const yieldToIo = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Prices every enrolment of the closed classes of a year, class by class in start-date order, with each person's
 * lines from earlier classes of the year carried forward (§15 across the year) and their trainings of earlier years
 * from the claims as stored. Reads in pages by (start date, class id): memory stays bounded at province scale.
 * Each rule set gets its own running history, so a what-if counts its own §15 limits.
 *
 * Speed (BENCHMARKS.md "Subsidy pricing"): the next page is read while the current one is priced (at most two pages
 * in memory; pricing gives the event loop a turn every few milliseconds, so the read-ahead query is sent and its rows
 * arrive meanwhile); a page's people's category periods are read in one query and matched to each class's start date
 * here, instead of two subqueries per enrolment.
 */
export async function priceYear(
  db: Db,
  year: number,
  ruleSets: readonly RuleSet[],
  opts: { unitCode?: string; pageClasses?: number; onClass?: (cls: ClassRow, pricings: ClassPricing[]) => void } = {},
): Promise<{ enrolments: number; classes: number; totals: YearTotals[] }> {
  const page = opts.pageClasses ?? 2000;
  const history = ruleSets.map(() => new Map<string, ClaimLineRef[]>());
  const totals = ruleSets.map(() => new Map<string, number>());
  let enrolments = 0;
  let classes = 0;

  async function readPage(after: { start: string; id: string } | null): Promise<Page | null> {
    const rows: ClassRow[] = await loadClosedClassFactsPage(db, { year, unitCode: opts.unitCode, after, limit: page });
    if (rows.length === 0) return null;
    const people = await loadEnrolmentFactsOf(
      db,
      rows.map((r) => r.id),
    );
    const workerIds = [...new Set(people.map((p) => p.worker_id))];
    // The people's category periods, read once per page (not twice per enrolment): the categories in force on each
    // class's start date and whether the person is then an employee of the organising enterprise are worked out below.
    const [periods, earlier] = await Promise.all([
      listCategoryPeriods(db, workerIds),
      // Earlier years, as claimed (the current year is carried in `history`).
      loadEarlier(db, workerIds, null).then((r) => r.filter((e) => e.year < year)),
    ]);
    const periodsOf = new Map<string, (typeof periods)[number][]>();
    for (const p of periods) {
      const list = periodsOf.get(p.worker_id);
      if (list) list.push(p);
      else periodsOf.set(p.worker_id, [p]);
    }
    const classOf = new Map(rows.map((r) => [r.id, r]));
    const facts = people.map((p): PeopleRow => {
      const c = classOf.get(p.class_id)!;
      const start = c.start_date!;
      const codes: string[] = [];
      let employee = false;
      for (const wc of periodsOf.get(p.worker_id) ?? []) {
        if (!(wc.valid_from <= start && (wc.valid_to === null || wc.valid_to >= start))) continue;
        if (!codes.includes(wc.category_code)) codes.push(wc.category_code);
        if (wc.category_code === 'enterprise_employee' && wc.employer_org_id === c.org_id) employee = true;
      }
      // A literal of one shape: adding properties to the driver's row objects (or spreading them) costs several µs a row.
      return {
        enrolment_id: p.enrolment_id,
        worker_id: p.worker_id,
        class_id: p.class_id,
        categories: codes.length > 0 ? codes.sort() : null,
        employee,
        attended_days: p.attended_days,
        completed: p.completed,
        result: p.result,
        cert_type: p.cert_type,
        cert_level: p.cert_level,
        cert_occupation: p.cert_occupation,
      };
    });
    return { rows, people: facts, earlier };
  }

  let next = readPage(null);
  for (;;) {
    const current = await next;
    if (!current) break;
    const { rows } = current;
    const last = rows[rows.length - 1]!;
    // Read ahead; a failure surfaces when the page is awaited (never as an unhandled rejection meanwhile).
    next = rows.length < page ? Promise.resolve(null) : readPage({ start: last.start_date!, id: last.id });
    next.catch(() => undefined);

    const byClass = new Map<string, PeopleRow[]>();
    for (const p of current.people) {
      const list = byClass.get(p.class_id);
      if (list) list.push(p);
      else byClass.set(p.class_id, [p]);
    }
    const earlierOf = new Map<string, Page['earlier']>();
    for (const e of current.earlier) {
      const list = earlierOf.get(e.worker_id);
      if (list) list.push(e);
      else earlierOf.set(e.worker_id, [e]);
    }
    const none: Page['earlier'] = [];
    let held = performance.now();
    for (const row of rows) {
      const cls = classFactsOf(row);
      const ps = byClass.get(row.id) ?? [];
      const facts: Mutable<PersonFacts>[] = ps.map((p) => personFactsOf(p, earlierOf.get(p.worker_id) ?? none));
      enrolments += ps.length;
      classes++;
      const pricings = ruleSets.map((rs, k) => {
        // Each rule set sees its own history; priceClass copies what it keeps, so the facts are reused across sets.
        for (const f of facts) f.otherLinesInClaim = history[k]!.get(f.personId) ?? [];
        const priced = priceClass(cls, facts, rs);
        for (const e of priced.enrolments) {
          if (e.lines.length === 0) continue;
          const refs = history[k]!.get(e.personId) ?? [];
          for (const l of e.lines) refs.push({ classId: cls.id, kind: l.kind, year: e.year, occupationCode: cls.occupationCode, levelCode: cls.levelCode });
          history[k]!.set(e.personId, refs);
        }
        for (const f of priced.byFund) {
          const key = `${row.unit_code}|${f.fund}`;
          totals[k]!.set(key, (totals[k]!.get(key) ?? 0) + f.amountFen);
        }
        return priced;
      });
      opts.onClass?.(row, pricings);
      if (performance.now() - held >= YIELD_EVERY_MS) {
        await yieldToIo();
        held = performance.now();
      }
    }
  }
  return { enrolments, classes, totals };
}

export type WhatIfRow = { unitCode: string; fund: string; baseFen: number; whatIfFen: number; diffFen: number };

/** §16: re-prices a year under changed parameters and shows the difference by unit and fund; nothing is written. */
export async function whatIf(db: Db, year: number, overrides: Readonly<Record<string, OverrideValue>>, base: RuleSet = YUNCHENG_2020_14) {
  const variant = applyOverrides(base, overrides);
  const r = await priceYear(db, year, [base, variant]);
  const keys = new Set([...r.totals[0]!.keys(), ...r.totals[1]!.keys()]);
  const rows: WhatIfRow[] = [...keys]
    .map((k) => {
      const [unitCode, fund] = k.split('|') as [string, string];
      const baseFen = r.totals[0]!.get(k) ?? 0;
      const whatIfFen = r.totals[1]!.get(k) ?? 0;
      return { unitCode, fund, baseFen, whatIfFen, diffFen: whatIfFen - baseFen };
    })
    .sort((a, b) => a.unitCode.localeCompare(b.unitCode) || a.fund.localeCompare(b.fund));
  const sum = (f: (x: WhatIfRow) => number) => rows.reduce((s, x) => s + f(x), 0);
  return { year, overrides, enrolments: r.enrolments, classes: r.classes, rows, total: { baseFen: sum((x) => x.baseFen), whatIfFen: sum((x) => x.whatIfFen), diffFen: sum((x) => x.diffFen) } };
}

/** The city office's what-if (§16), as the API offers it. */
export function makeWhatIf(deps: { db: Db; training: TrainingSettings }) {
  return async (ctx: RequestContext, year: number, overrides: Readonly<Record<string, OverrideValue>>) => {
    requireCan(ctx, 'claim.review', { unitCode: CITY_CODE });
    const r = await whatIf(deps.db, year, overrides, officialRuleSet(deps.training));
    return { year: r.year, enrolments: r.enrolments, classes: r.classes, rows: r.rows, total: r.total };
  };
}
