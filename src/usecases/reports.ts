import { randomUUID } from 'node:crypto';
import { DEFAULT_REPORT_SETTINGS, type ReportSettings } from '../domain/reports/settings.ts';
import { sql } from 'kysely';
import { z } from 'zod';
import { CITY_CODE, scopeOf } from '../domain/auth/permissions.ts';
import { AppError, notFound } from '../domain/errors.ts';
import { REPORTING_UNITS, YUNCHENG } from '../domain/identity/divisions.ts';
import { CERTIFICATE_TYPES, PERSON_CATEGORIES, SKILL_LEVELS, TRAINING_TYPES } from '../domain/reference/catalog.ts';
import { monthKeyOf, monthsElapsed, parsePeriod, type MonthBasis, type Period } from '../domain/reports/periods.ts';
import { apportion, CITY_TARGETS, EMPLOYMENT_RATE_TARGET_PERCENT, HIGH_SKILLED_SHARE_TARGET_PERCENT, monthlyTargets, progress, SKILLED_SHARE_TARGET_PERCENT } from '../domain/reports/targets.ts';
import { beijingDateOf } from '../domain/training/calendar.ts';
import { skilledIndicators } from '../db/repositories/employment.ts';
import { measuresBy, measuresByUnit, trainingsByUnitDay, type MeasureRow } from '../db/repositories/reports.ts';
import { findFrozenReport } from '../db/repositories/frozenReports.ts';
import type { Clock, Db, RequestContext, Tx } from './context.ts';
import { requireActor, requireCan, requireReportUnit } from './guards.ts';
import { renderReportPdf, reportTitle } from './reportPdf.ts';
import { writeWithAudit } from './tx.ts';

export const REPORT_KINDS = ['monthly', 'quarterly', 'annual'] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];
export const ReportQuery = z.strictObject({
  unit: z.string().optional().describe('A reporting unit; absent = the city (all 14 units)'),
  basis: z.enum(['calendar', 'day21']).default('calendar').describe('Months: calendar, or the 21st to the 20th'),
});
export const TargetsBody = z.strictObject({
  units: z.record(z.string(), z.number().int().min(0).max(10_000_000)).optional().describe('Per unit code; absent = decompose `total` by population'),
  total: z.number().int().min(0).max(100_000_000).optional(),
});


function kindOfKey(kind: ReportKind, key: string): void {
  const ok = kind === 'monthly' ? /^\d{4}-\d{2}$/.test(key) : kind === 'quarterly' ? /^\d{4}-Q[1-4]$/.test(key) : /^\d{4}$/.test(key);
  if (!ok) throw new AppError('VALIDATION_FAILED', { field: 'period', reason: kind === 'monthly' ? '2020-06' : kind === 'quarterly' ? '2020-Q2' : '2020' }, 'period');
}

function measures(r: MeasureRow) {
  const n = (x: number | string) => Number(x);
  const base = n(r.employment_base);
  const employed = n(r.employed);
  return {
    trainings: n(r.trainings),
    people: n(r.people),
    completed: n(r.completed),
    certificates: n(r.certificates),
    subsidisedPeople: n(r.subsidised_people),
    paidFen: { employment_subsidy: n(r.employment_subsidy), skills_account: n(r.skills_account), local_talent: n(r.local_talent), industry_development: n(r.industry_development) },
    paidTotalFen: n(r.employment_subsidy) + n(r.skills_account) + n(r.local_talent) + n(r.industry_development),
    livingAllowanceFen: n(r.living_allowance),
    employmentBase: base,
    employed,
    /** floor(1000 × employed / base), in-service employees excluded (二). */
    employmentRatePerMille: base === 0 ? 0 : Math.floor((employed * 1000) / base),
  };
}
export type Measures = ReturnType<typeof measures>;
const EMPTY: Measures = measures({
  trainings: 0,
  people: 0,
  completed: 0,
  certificates: 0,
  subsidised_people: 0,
  employment_subsidy: 0,
  skills_account: 0,
  local_talent: 0,
  industry_development: 0,
  living_allowance: 0,
  employment_base: 0,
  employed: 0,
});

/** Targets (二, 四(一)), reports (月报、季报、年报) and the public disclosure (§17). */
export function makeReports(deps: { db: Db; clock: Clock; reports?: Partial<ReportSettings> }) {
  const { db } = deps;
  const settings = { ...DEFAULT_REPORT_SETTINGS, ...deps.reports };

  async function targetsOf(year: number, q: Db | Tx = db): Promise<Map<string, number>> {
    const rows = await q.selectFrom('unit_targets').select(['unit_code', 'trainings']).where('year', '=', year).execute();
    return new Map(rows.map((r) => [r.unit_code, r.trainings]));
  }

  /** The report computed from the records now. */
  function compute(kind: ReportKind, key: string, basis: MonthBasis, unitCode: string | null) {
    return computeOn(db, kind, key, basis, unitCode);
  }

  /** The report computed on `on`: the pool, or one snapshot (a repeatable-read transaction) when it is frozen. */
  async function computeOn(on: Db | Tx, kind: ReportKind, key: string, basis: MonthBasis, unitCode: string | null) {
    kindOfKey(kind, key);
    const period = parsePeriod(key, basis);
    const year = Number(key.slice(0, 4));
    const q = { from: period.from, to: period.to, employmentMonths: settings.employmentMonths, unitCode };
    const yearStart = parsePeriod(String(year), basis).from;
    const [byUnit, ytd, byCategory, byTrainingType, byCertificate, targets] = await Promise.all([
      measuresByUnit(on, q),
      measuresByUnit(on, { ...q, from: yearStart }),
      measuresBy(on, q, 'category'),
      measuresBy(on, q, 'training_type'),
      measuresBy(on, q, 'certificate'),
      targetsOf(year, on),
    ]);
    const units = (unitCode ? REPORTING_UNITS.filter((u) => u.code === unitCode) : REPORTING_UNITS).map((u) => {
      const row = byUnit.find((r) => !r.total && r.unit_code === u.code);
      const ytdRow = ytd.find((r) => !r.total && r.unit_code === u.code);
      const target = targets.get(u.code) ?? null;
      const ytdTrainings = ytdRow ? Number(ytdRow.trainings) : 0;
      return {
        unitCode: u.code,
        unitName: u.name,
        ...(row ? measures(row) : EMPTY),
        target,
        ytdTrainings,
        targetPerMille: target ? Math.floor((ytdTrainings * 1000) / target) : null,
      };
    });
    const totalRow = byUnit.find((r) => r.total);
    const ytdTotal = ytd.find((r) => r.total);
    const targetTotal = unitCode ? (targets.get(unitCode) ?? null) : targets.size ? [...targets.values()].reduce((s, n) => s + n, 0) : (CITY_TARGETS[year] ?? null);
    const ytdTrainings = ytdTotal ? Number(ytdTotal.trainings) : 0;
    const named = <T extends { key: string }>(rows: (MeasureRow & T)[], name: (k: string) => string) => rows.map((r) => ({ key: r.key, name: name(r.key), ...measures(r) }));
    return {
      kind,
      period: periodDto(period),
      basis,
      unitCode: unitCode ?? CITY_CODE,
      unitName: unitCode ? (REPORTING_UNITS.find((u) => u.code === unitCode)?.name ?? unitCode) : YUNCHENG.name,
      generatedAt: deps.clock.now().toISOString(),
      employmentMonths: settings.employmentMonths,
      employmentRateTargetPercent: EMPLOYMENT_RATE_TARGET_PERCENT,
      units,
      total: { ...(totalRow ? measures(totalRow) : EMPTY), target: targetTotal, ytdTrainings, targetPerMille: targetTotal ? Math.floor((ytdTrainings * 1000) / targetTotal) : null },
      byCategory: named(byCategory, (k) => PERSON_CATEGORIES.find((c) => c.code === k)?.name ?? k),
      byTrainingType: named(byTrainingType, (k) => TRAINING_TYPES.find((c) => c.code === k)?.name ?? k),
      byCertificate: named(byCertificate, (k) => {
        if (k === 'none') return '未取证';
        const [type, level] = k.split(':');
        const t = CERTIFICATE_TYPES.find((c) => c.code === type)?.name ?? type!;
        const l = level && level !== '-' ? SKILL_LEVELS.find((x) => x.code === level)?.name : null;
        return l ? `${t}（${l}）` : t;
      }),
    };
  }

  const frozenOf = (kind: ReportKind, key: string, basis: MonthBasis, unitCode: string) => findFrozenReport(db, { kind, key, basis, unitCode });

  return {
    compute,

    /** A report: the frozen one when it exists (it never changes), else computed live. */
    async get(ctx: RequestContext, kind: ReportKind, key: string, q: z.infer<typeof ReportQuery>) {
      const { unit } = requireReportUnit(ctx, q.unit);
      const frozen = await frozenOf(kind, key, q.basis, unit ?? CITY_CODE);
      if (frozen)
        return {
          report: frozen.data as Awaited<ReturnType<typeof compute>>,
          frozen: { id: frozen.id, at: new Date(frozen.frozen_at).toISOString(), by: frozen.frozen_by_name, approvedAt: frozen.approved_at ? new Date(frozen.approved_at).toISOString() : null },
        };
      return { report: await compute(kind, key, q.basis, unit), frozen: null };
    },

    /** The report (the frozen one when it exists) as an official table in PDF, A4 landscape. */
    async pdf(ctx: RequestContext, kind: ReportKind, key: string, q: z.infer<typeof ReportQuery>) {
      const { report, frozen } = await this.get(ctx, kind, key, q);
      const pdf = await renderReportPdf(report, { frozenAt: frozen?.at ?? null, frozenBy: frozen?.by ?? null, approvedAt: frozen?.approvedAt ?? null }, deps.clock.now().toISOString());
      return { pdf, fileName: `${reportTitle(report)}.pdf` };
    },

    /** Freezes the report as computed now (the city office); later data never changes it. */
    async freeze(ctx: RequestContext, kind: ReportKind, key: string, q: z.infer<typeof ReportQuery>) {
      const actor = requireCan(ctx, 'report.manage', { unitCode: CITY_CODE });
      const unit = q.unit && q.unit !== CITY_CODE ? q.unit : null;
      if (unit && !REPORTING_UNITS.some((u) => u.code === unit)) throw new AppError('ORG_UNIT_UNKNOWN', { value: unit }, 'unit');
      kindOfKey(kind, key);
      // A frozen report never changes, so only a period that has ended (Beijing time) can be frozen.
      const period = parsePeriod(key, q.basis);
      if (period.to >= beijingDateOf(deps.clock.now().getTime())) throw new AppError('REPORT_PERIOD_OPEN', { period: key, to: period.to });
      if (await frozenOf(kind, key, q.basis, unit ?? CITY_CODE)) throw new AppError('REPORT_ALREADY_FROZEN', { period: key });
      // Every section from one snapshot, so the frozen units, categories and certificates agree with each other.
      const data = await db
        .transaction()
        .setIsolationLevel('repeatable read')
        .execute((trx) => computeOn(trx, kind, key, q.basis, unit));
      const id = randomUUID();
      await writeWithAudit(deps, ctx, async (trx, now) => {
        await trx
          .insertInto('frozen_reports')
          .values({ id, kind, period_key: key, basis: q.basis, unit_code: unit ?? CITY_CODE, data: JSON.stringify(data), frozen_by: actor.id, frozen_at: now })
          .execute();
        return { result: undefined, audit: { action: 'report.freeze', targetType: 'report', targetId: id, summary: { kind, period: key, basis: q.basis, unit: unit ?? CITY_CODE, trainings: data.total.trainings } } };
      });
      return { id };
    },

    async approve(ctx: RequestContext, id: string) {
      const actor = requireCan(ctx, 'report.manage', { unitCode: CITY_CODE });
      await writeWithAudit(deps, ctx, async (trx, now) => {
        const f = await trx.selectFrom('frozen_reports').select('id').where('id', '=', id).executeTakeFirst();
        if (!f) throw notFound();
        const r = await trx.insertInto('report_approvals').values({ report_id: id, approved_by: actor.id, approved_at: now }).onConflict((oc) => oc.doNothing()).returning('report_id').executeTakeFirst();
        if (!r) throw new AppError('REPORT_ALREADY_APPROVED');
        return { result: undefined, audit: { action: 'report.approve', targetType: 'report', targetId: id } };
      });
    },

    /** Sets a year's targets by unit (四(一) 任务分解): given per unit, or the city total split by population. */
    async setTargets(ctx: RequestContext, year: number, body: z.infer<typeof TargetsBody>) {
      const actor = requireCan(ctx, 'report.manage', { unitCode: CITY_CODE });
      let units: Record<string, number>;
      if (body.units) {
        for (const code of Object.keys(body.units)) if (!REPORTING_UNITS.some((u) => u.code === code)) throw new AppError('ORG_UNIT_UNKNOWN', { value: code }, `units.${code}`);
        units = body.units;
      } else {
        const total = body.total ?? CITY_TARGETS[year];
        if (total === undefined) throw new AppError('VALIDATION_FAILED', { field: 'total', reason: 'required for a year without a target in the document' }, 'total');
        units = apportion(total, Object.fromEntries(REPORTING_UNITS.map((u) => [u.code, u.population ?? 0])));
      }
      await writeWithAudit(deps, ctx, async (trx, now) => {
        for (const [code, trainings] of Object.entries(units))
          await trx
            .insertInto('unit_targets')
            .values({ year, unit_code: code, trainings, set_by: actor.id, set_at: now })
            .onConflict((oc) => oc.columns(['year', 'unit_code']).doUpdateSet({ trainings, set_by: actor.id, set_at: now }))
            .execute();
        return { result: undefined, audit: { action: 'report.targets', targetType: 'targets', targetId: String(year), summary: { year, units } } };
      });
      return { year, units };
    },

    /** Targets and progress by unit, with monthly targets, the year-end forecast and who is falling behind. */
    async targets(ctx: RequestContext, year: number, basis: MonthBasis = 'calendar') {
      const actor = requireActor(ctx, 'report.read');
      const scope = scopeOf(actor);
      if (scope.kind !== 'city' && scope.kind !== 'unit') throw notFound();
      const targets = await targetsOf(year);
      const y = parsePeriod(String(year), basis);
      const today = beijingDateOf(deps.clock.now().getTime());
      const asOfMonth = monthsElapsed(year, today, basis);
      const done = await trainingsByUnitDay(db, y.from, y.to);
      const units = REPORTING_UNITS.filter((u) => scope.kind === 'city' || (scope.kind === 'unit' && scope.unitCode === u.code)).map((u) => {
        const byMonth = Array<number>(12).fill(0);
        for (const r of done.filter((d) => d.unit_code === u.code)) byMonth[Number(monthKeyOf(r.day, basis).slice(5, 7)) - 1]! += Number(r.n);
        const target = targets.get(u.code) ?? 0;
        const p = progress(target, byMonth, asOfMonth);
        // Before the first month of the year has ended there is no pace to judge: nobody is behind yet.
        return { unitCode: u.code, unitName: u.name, byMonth, monthlyTargets: monthlyTargets(target), ...p };
      });
      const unitCode = scope.kind === 'unit' ? scope.unitCode : null;
      const q = { from: y.from, to: y.to, employmentMonths: settings.employmentMonths, unitCode };
      const [yearRows, skilled] = await Promise.all([measuresByUnit(db, q), skilledIndicators(db, { from: y.from, to: y.to, months: settings.employmentMonths, unitCode })]);
      const yearTotal = yearRows.find((r) => r.total);
      const m = yearTotal ? measures(yearTotal) : EMPTY;
      const share = (n: number, d: number) => (d === 0 ? null : Math.floor((n * 1000) / d));
      const targetTotal = units.reduce((s, u) => s + u.target, 0);
      const actualTotal = units.reduce((s, u) => s + u.actual, 0);
      /**
       * The four indicators of 二 (目标任务), computed from the records of the year's trainings:
       * - trainings (人次) against the sum of the unit targets;
       * - the employment rate of completed trainings, enterprise in-service employees left out (不含企业在岗职工), ≥ 25 %;
       * - skilled workers ≥ 25 % of the employed: among the employed trainees (people), the share holding a
       *   vocational skill certificate (职业技能等级证书 or 职业资格证书, any level) from the year's trainings;
       * - high-skilled ≥ 30 % of skilled: among those, the share at 三级/高级工 or above.
       * UNVERIFIED: the document states the last two for all employed people of the city by the end of 2021; the
       * platform sees only its trainees, so it measures them among the employed trainees. 专项职业能力 and 培训合格
       * certificates are not counted as skilled (they carry no skill level).
       */
      const indicators = [
        { code: 'trainings', clause: '二', actual: actualTotal, base: null, valuePerMille: share(actualTotal, targetTotal), targetPercent: 100, target: targetTotal, met: targetTotal > 0 && actualTotal >= targetTotal },
        { code: 'employment_rate', clause: '二', actual: m.employed, base: m.employmentBase, valuePerMille: share(m.employed, m.employmentBase), targetPercent: EMPLOYMENT_RATE_TARGET_PERCENT, target: null, met: m.employmentBase > 0 && m.employed * 100 >= m.employmentBase * EMPLOYMENT_RATE_TARGET_PERCENT },
        { code: 'skilled_share', clause: '二', actual: skilled.skilledPeople, base: skilled.employedPeople, valuePerMille: share(skilled.skilledPeople, skilled.employedPeople), targetPercent: SKILLED_SHARE_TARGET_PERCENT, target: null, met: skilled.employedPeople > 0 && skilled.skilledPeople * 100 >= skilled.employedPeople * SKILLED_SHARE_TARGET_PERCENT },
        { code: 'high_skilled_share', clause: '二', actual: skilled.highSkilledPeople, base: skilled.skilledPeople, valuePerMille: share(skilled.highSkilledPeople, skilled.skilledPeople), targetPercent: HIGH_SKILLED_SHARE_TARGET_PERCENT, target: null, met: skilled.skilledPeople > 0 && skilled.highSkilledPeople * 100 >= skilled.skilledPeople * HIGH_SKILLED_SHARE_TARGET_PERCENT },
      ];
      return { year, basis, asOfMonth, units, indicators, employmentMonths: settings.employmentMonths, cityTarget: CITY_TARGETS[year] ?? null };
    },

    /** The frozen reports in scope, newest period first, with who froze them and whether they are approved. */
    async frozenList(ctx: RequestContext) {
      const actor = requireActor(ctx, 'report.read');
      const scope = scopeOf(actor);
      if (scope.kind !== 'city' && scope.kind !== 'unit') throw notFound();
      let q = db
        .selectFrom('frozen_reports as f')
        .leftJoin('report_approvals as a', 'a.report_id', 'f.id')
        .leftJoin('users as u', 'u.id', 'f.frozen_by')
        .leftJoin('users as ua', 'ua.id', 'a.approved_by')
        .select(['f.id', 'f.kind', 'f.period_key', 'f.basis', 'f.unit_code', 'f.frozen_at', 'u.display_name as frozen_by_name', 'a.approved_at', 'ua.display_name as approved_by_name'])
        .select(sql<number>`(f.data->'total'->>'trainings')::int`.as('trainings'))
        .orderBy('f.period_key', 'desc')
        .orderBy('f.frozen_at', 'desc')
        .limit(500);
      if (scope.kind === 'unit') q = q.where('f.unit_code', '=', scope.unitCode);
      const rows = await q.execute();
      return {
        items: rows.map((r) => ({
          id: r.id,
          kind: r.kind as ReportKind,
          period: r.period_key,
          basis: r.basis as MonthBasis,
          unitCode: r.unit_code,
          unitName: r.unit_code === CITY_CODE ? YUNCHENG.name : (REPORTING_UNITS.find((u) => u.code === r.unit_code)?.name ?? r.unit_code),
          trainings: Number(r.trainings),
          frozenAt: new Date(r.frozen_at).toISOString(),
          frozenBy: r.frozen_by_name,
          approvedAt: r.approved_at ? new Date(r.approved_at).toISOString() : null,
          approvedBy: r.approved_by_name,
        })),
      };
    },
  };
}

function periodDto(p: Period) {
  return { key: p.key, kind: p.kind, from: p.from, to: p.to, label: p.label, labelEn: p.labelEn };
}
