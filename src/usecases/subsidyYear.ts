import { sql } from 'kysely';
import { priceClass, type ClaimLineRef, type ClassPricing } from '../domain/subsidy/evaluate.ts';
import { applyOverrides, YUNCHENG_2020_14, type OverrideValue, type RuleSet } from '../domain/subsidy/rules.ts';
import { loadEarlier } from '../db/repositories/claims.ts';
import type { Db } from './context.ts';
import { classFactsOf, personFactsOf } from './claims.ts';

type ClassRow = Parameters<typeof classFactsOf>[0] & { unit_code: string };
type PeopleRow = Parameters<typeof personFactsOf>[0];

export type YearTotals = Map<string, number>; // `${unit}|${fund}` → fen

/**
 * Prices every enrolment of the closed classes of a year, class by class in start-date order, with each person's
 * lines from earlier classes of the year carried forward (§15 across the year) and their trainings of earlier years
 * from the claims as stored. Reads in pages by (start date, class id): memory stays bounded at province scale.
 * Each rule set gets its own running history, so a what-if counts its own §15 limits.
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
  let after: { start: string; id: string } | null = null;
  let enrolments = 0;
  let classes = 0;
  for (;;) {
    let cq = db
      .selectFrom('training_classes as c')
      .innerJoin('organisations as o', 'o.id', 'c.org_id')
      .select([
        'c.id',
        'c.code',
        'c.name',
        'c.status',
        'c.unit_code',
        'c.org_id',
        'o.kind as org_kind',
        'c.training_type',
        'c.funding_route',
        'c.occupation_code',
        'c.level_code',
        'c.start_date',
        'c.end_date',
        'c.scheduled_days',
        'c.subsidy_fen',
      ])
      .where('c.status', '=', 'closed')
      .where(sql<number>`EXTRACT(YEAR FROM c.end_date)::int`, '=', year);
    if (opts.unitCode) cq = cq.where('c.unit_code', '=', opts.unitCode);
    if (after) {
      const a = after;
      cq = cq.where((eb) => eb.or([eb('c.start_date', '>', a.start), eb.and([eb('c.start_date', '=', a.start), eb('c.id', '>', a.id)])]));
    }
    const rows = (await cq.orderBy('c.start_date').orderBy('c.id').limit(page).execute()) as ClassRow[];
    if (rows.length === 0) break;
    const ids = rows.map((r) => r.id);
    const people = await sql<PeopleRow>`
      SELECT e.id AS enrolment_id, e.worker_id, e.class_id,
        (SELECT array_agg(DISTINCT wc.category_code) FROM worker_categories wc
          WHERE wc.worker_id = e.worker_id AND wc.valid_from <= c.start_date AND (wc.valid_to IS NULL OR wc.valid_to >= c.start_date)) AS categories,
        EXISTS (SELECT 1 FROM worker_categories wc WHERE wc.worker_id = e.worker_id AND wc.category_code = 'enterprise_employee'
          AND wc.employer_org_id = c.org_id AND wc.valid_from <= c.start_date AND (wc.valid_to IS NULL OR wc.valid_to >= c.start_date)) AS employee,
        ec.attended_days, ec.completed, r.result,
        cert.type AS cert_type, cert.level_code AS cert_level, cert.occupation_code AS cert_occupation
      FROM enrolments e
      JOIN training_classes c ON c.id = e.class_id
      LEFT JOIN enrolment_completions ec ON ec.enrolment_id = e.id
      LEFT JOIN assessment_results r ON r.enrolment_id = e.id
      LEFT JOIN certificates cert ON cert.enrolment_id = e.id AND NOT EXISTS (SELECT 1 FROM certificate_revocations rv WHERE rv.certificate_id = cert.id)
      WHERE e.status = 'active' AND e.class_id = ANY(${sql.val(ids)}::uuid[])`.execute(db);
    const byClass = new Map<string, PeopleRow[]>();
    for (const p of people.rows) byClass.set(p.class_id, [...(byClass.get(p.class_id) ?? []), p]);
    // Earlier years, as claimed (the current year is carried in `history`).
    const workerIds = [...new Set(people.rows.map((p) => p.worker_id))];
    const earlier = (await loadEarlier(db, workerIds, null)).filter((e) => e.year < year);
    for (const row of rows) {
      const cls = classFactsOf(row);
      const ps = byClass.get(row.id) ?? [];
      enrolments += ps.length;
      classes++;
      const pricings = ruleSets.map((rs, k) => {
        const priced = priceClass(
          cls,
          ps.map((p) => ({ ...personFactsOf(p, earlier), otherLinesInClaim: history[k]!.get(p.worker_id) ?? [] })),
          rs,
        );
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
    }
    const last = rows[rows.length - 1]!;
    after = { start: last.start_date!, id: last.id };
    if (rows.length < page) break;
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
