import { z } from 'zod';
import { CITY_CODE } from '../domain/auth/permissions.ts';
import { REPORTING_UNITS, YUNCHENG } from '../domain/identity/divisions.ts';
import { FUND_SOURCES, PERSON_CATEGORIES } from '../domain/reference/catalog.ts';
import { monthKeyOf, monthsElapsed, parsePeriod, type MonthBasis } from '../domain/reports/periods.ts';
import { CITY_TARGETS, EMPLOYMENT_RATE_TARGET_PERCENT, monthlyTargets, progress as progressOf } from '../domain/reports/targets.ts';
import { institutionFigures, PERFORMANCE_THRESHOLDS, type PerformanceThresholds } from '../domain/reports/performance.ts';
import { DEFAULT_REPORT_SETTINGS, type ReportSettings } from '../domain/reports/settings.ts';
import { beijingDateOf } from '../domain/training/calendar.ts';
import { FUND_CODES } from '../domain/subsidy/rules.ts';
import { analyzeIfUnanalysed, countsGrouped, dashboardYears, orgAttendance, unitTargets, type CountRow } from '../db/repositories/dashboard.ts';
import type { Clock, Db, RequestContext } from './context.ts';
import { requireReportUnit } from './guards.ts';

export const DashboardQuery = z.strictObject({
  unit: z.string().max(12).optional().describe('One reporting unit (city-level roles); a county office sees only its own and gets 404 for another'),
  basis: z.enum(['calendar', 'day21']).default('calendar').describe('Months: calendar, or the 21st to the 20th'),
});

const ADDITIVE = ['trainings', 'completed', 'certificates', 'employment_subsidy', 'skills_account', 'local_talent', 'industry_development', 'living_allowance', 'employment_base', 'employed'] as const;

/** The additive measures of several rows (days, units) summed. */
function sumRows(rows: readonly CountRow[]): CountRow {
  const out = Object.fromEntries(ADDITIVE.map((k) => [k, 0])) as Record<(typeof ADDITIVE)[number], number>;
  for (const r of rows) for (const k of ADDITIVE) out[k] += Number(r[k]);
  return out;
}

function counts(r: (CountRow & { people?: number; subsidised_people?: number }) | undefined) {
  const n = (x: number | string | undefined) => Number(x ?? 0);
  const paidFen = Object.fromEntries(FUND_CODES.map((f) => [f, n(r?.[f])])) as Record<(typeof FUND_CODES)[number], number>;
  const base = n(r?.employment_base);
  const employed = n(r?.employed);
  return {
    trainings: n(r?.trainings),
    people: n(r?.people),
    completed: n(r?.completed),
    certificates: n(r?.certificates),
    subsidisedPeople: n(r?.subsidised_people),
    paidFen,
    paidTotalFen: FUND_CODES.reduce((s, f) => s + paidFen[f], 0),
    livingAllowanceFen: n(r?.living_allowance),
    employmentBase: base,
    employed,
    employmentRatePerMille: base === 0 ? 0 : Math.floor((employed * 1000) / base),
  };
}

/** The city and county dashboards (issue #6 deliver 4; §9 performance evaluation): everything the page draws, in one answer. */
export function makeDashboard(deps: { db: Db; clock: Clock; reports?: Partial<ReportSettings>; thresholds?: Partial<PerformanceThresholds> }) {
  const { db } = deps;
  const employmentMonths = deps.reports?.employmentMonths ?? DEFAULT_REPORT_SETTINGS.employmentMonths;
  const thresholds = { ...PERFORMANCE_THRESHOLDS, ...deps.thresholds };
  /** Until the planner has statistics (PGlite has none after seeding: no autovacuum), check before each dashboard. */
  let statistics = false;

  /** The unit the caller looks at (null = the whole city) and whether they may pick another. */
  return {
    /**
     * The years with data for the caller's scope, newest first, and the one to open: the latest programme year (targets
     * set) with finished classes, else the latest year with finished classes, else the latest with targets.
     */
    async years(ctx: RequestContext) {
      const { unit } = requireReportUnit(ctx, undefined);
      const years = await dashboardYears(db, unit);
      const latest = years.find((y) => y.trained && y.targeted) ?? years.find((y) => y.trained) ?? years[0];
      return { years: years.map((y) => y.year), latest: latest?.year ?? null };
    },

    async get(ctx: RequestContext, year: number, q: z.infer<typeof DashboardQuery>) {
      const { unit, cityWide } = requireReportUnit(ctx, q.unit);
      const basis: MonthBasis = q.basis;
      const window = parsePeriod(String(year), basis);
      const dq = { from: window.from, to: window.to, employmentMonths, unitCode: unit };
      if (!statistics) statistics = (await analyzeIfUnanalysed(db)) !== 'empty';
      // One pass over the facts (all its groupings), one over the classes' attendance, and the targets.
      const [grouped, attendance, targets] = await Promise.all([countsGrouped(db, dq), orgAttendance(db, dq), unitTargets(db, year)]);
      const scopedUnits = unit ? REPORTING_UNITS.filter((u) => u.code === unit) : REPORTING_UNITS;
      const headline = counts(grouped.find((g) => g.grp === 'all'));
      const monthOf = (day: string) => Number(monthKeyOf(day, basis).slice(5, 7)) - 1;

      // Progress against target by unit, with the year-end forecast and the behind-pace alert (四(一)): the same
      // domain functions and month as GET /api/targets/:year, on this pass's counts.
      const today = beijingDateOf(deps.clock.now().getTime());
      const asOfMonth = monthsElapsed(year, today, basis);
      const unitDays = grouped.filter((g) => g.grp === 'unit_day');
      const progress = scopedUnits.map((u) => {
        const byMonth = Array<number>(12).fill(0);
        for (const g of unitDays) if (g.unit_code === u.code) byMonth[monthOf(g.day!)]! += Number(g.trainings);
        const target = targets.get(u.code) ?? 0;
        const p = progressOf(target, byMonth, asOfMonth);
        return { unitCode: u.code, unitName: u.name, monthlyTargets: monthlyTargets(target), ...p };
      });
      const unitTargetSum = progress.reduce((s, u) => s + u.target, 0);
      const target = unitTargetSum > 0 ? unitTargetSum : unit ? null : (CITY_TARGETS[year] ?? null);

      // The months: 人次, cumulative against the cumulative monthly target, and paid by fund (by month of class end).
      const monthlyTarget = unitTargetSum > 0 ? Array.from({ length: 12 }, (_, i) => progress.reduce((s, u) => s + u.monthlyTargets[i]!, 0)) : target ? monthlyTargets(target) : Array<number>(12).fill(0);
      const byMonth = Array.from({ length: 12 }, (_, i) => counts(sumRows(unitDays.filter((g) => monthOf(g.day!) === i))));
      let cumulative = 0;
      let cumulativeTarget = 0;
      const months = byMonth.map((m, i) => {
        cumulative += m.trainings;
        cumulativeTarget += monthlyTarget[i]!;
        return {
          month: `${year}-${String(i + 1).padStart(2, '0')}`,
          trainings: m.trainings,
          completed: m.completed,
          certificates: m.certificates,
          cumulative,
          target: monthlyTarget[i]!,
          cumulativeTarget,
          paidFen: m.paidFen,
          paidTotalFen: m.paidTotalFen,
          livingAllowanceFen: m.livingAllowanceFen,
        };
      });

      const employmentByUnit = scopedUnits.map((u) => {
        const c = counts(sumRows(unitDays.filter((g) => g.unit_code === u.code)));
        return { unitCode: u.code, unitName: u.name, trainings: c.trainings, completed: c.completed, employmentBase: c.employmentBase, employed: c.employed, employmentRatePerMille: c.employmentRatePerMille };
      });

      return {
        year,
        basis,
        unitCode: unit ?? CITY_CODE,
        unitName: unit ? (REPORTING_UNITS.find((u) => u.code === unit)?.name ?? unit) : YUNCHENG.name,
        cityWide,
        asOfMonth,
        generatedAt: deps.clock.now().toISOString(),
        employmentMonths,
        employmentRateTargetPerMille: EMPLOYMENT_RATE_TARGET_PERCENT * 10,
        headline: { ...headline, target, targetPerMille: target ? Math.floor((headline.trainings * 1000) / target) : null },
        progress: progress.map(({ monthlyTargets: _m, ...p }) => p),
        behindUnits: progress.filter((u) => u.behind).map((u) => u.unitCode),
        months,
        categories: grouped
          .filter((g) => g.grp === 'category')
          .map((c) => {
            const code = c.category_code!;
            const ref = PERSON_CATEGORIES.find((p) => p.code === code);
            return { code, name: ref?.name ?? code, nameEn: ref?.nameEn ?? code, trainings: Number(c.trainings), people: Number(c.people) };
          })
          .sort((a, b) => b.trainings - a.trainings || a.code.localeCompare(b.code)),
        funds: FUND_SOURCES.filter((f) => (FUND_CODES as readonly string[]).includes(f.code)).map((f) => ({ code: f.code, name: f.name, nameEn: f.nameEn, paidFen: headline.paidFen[f.code as (typeof FUND_CODES)[number]] })),
        employmentByUnit,
        thresholds,
        institutions: grouped
          .filter((g) => g.grp === 'org')
          .map((g) => {
            const c = counts(g);
            const a = attendance.find((x) => x.org_id === g.org_id);
            const manual = Number(a?.manual ?? 0);
            const scanned = Number(a?.scanned ?? 0);
            return {
              orgId: g.org_id!,
              name: a?.name ?? g.org_id!,
              orgKind: a?.org_kind ?? 'institution',
              institutionKind: a?.institution_kind ?? null,
              orgUnitCode: a?.org_unit_code ?? '',
              status: a?.org_status ?? 'active',
              classes: Number(a?.classes ?? 0),
              trainings: c.trainings,
              completed: c.completed,
              certificates: c.certificates,
              employmentBase: c.employmentBase,
              employed: c.employed,
              manualMarks: manual,
              ...institutionFigures({ trainings: c.trainings, completed: c.completed, certificates: c.certificates, employment_base: c.employmentBase, employed: c.employed, manual, scanned, org_status: a?.org_status ?? 'active' }, thresholds),
            };
          })
          .sort((x, y) => y.trainings - x.trainings || x.name.localeCompare(y.name, 'zh-CN')),
      };
    },
  };
}
export type Dashboard = Awaited<ReturnType<ReturnType<typeof makeDashboard>['get']>>;
