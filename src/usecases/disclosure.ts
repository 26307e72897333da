import { z } from 'zod';
import { CITY_CODE } from '../domain/auth/permissions.ts';
import { notFound } from '../domain/errors.ts';
import { REPORTING_UNITS } from '../domain/identity/divisions.ts';
import { CERTIFICATE_TYPES, PERSON_CATEGORIES, SKILL_LEVELS, TRAINING_TYPES } from '../domain/reference/catalog.ts';
import { approvedReportsWithData, disclosedYears, findApprovedReport, listApprovedReports, listBlacklisted } from '../db/repositories/disclosure.ts';
import type { Db } from './context.ts';
import type { makeReports, ReportKind } from './reports.ts';

/** A frozen report's figures as `makeReports().compute` stored them. */
export type ReportData = Awaited<ReturnType<ReturnType<typeof makeReports>['compute']>>;
type Measures = ReportData['total'];

export const DisclosurePeriodsQuery = z.strictObject({
  year: z.coerce.number().int().min(2000).max(2100).optional().describe('Only this programme year'),
  kind: z.enum(['monthly', 'quarterly', 'annual']).optional(),
  unit: z.string().max(12).optional().describe('A reporting unit’s own reports; 140800 = the city-wide ones'),
});
export const DisclosureYearQuery = z.strictObject({
  basis: z.enum(['calendar', 'day21']).default('calendar').describe('Months: calendar, or the 21st to the 20th'),
});

const FUNDS = ['employment_subsidy', 'skills_account', 'local_talent', 'industry_development'] as const;
type Funds = Record<(typeof FUNDS)[number], number>;

/** The figures the public sees for a unit or the total in one period (§17 工作任务完成和各项补贴资金使用情况). */
function figures(m: Measures | ReportData['units'][number]) {
  return {
    trainings: m.trainings,
    people: m.people,
    completed: m.completed,
    certificates: m.certificates,
    subsidisedPeople: m.subsidisedPeople,
    paidFen: { ...m.paidFen },
    paidTotalFen: m.paidTotalFen,
    livingAllowanceFen: m.livingAllowanceFen,
    employmentBase: m.employmentBase,
    employed: m.employed,
    employmentRatePerMille: m.employmentRatePerMille,
    target: m.target,
    ytdTrainings: m.ytdTrainings,
    targetPerMille: m.targetPerMille,
  };
}
export type Figures = ReturnType<typeof figures>;

const nameEn = (code: string) => REPORTING_UNITS.find((u) => u.code === code)?.nameEn ?? code;

/** English names of a report's units and breakdown keys (the frozen report names them in Chinese only). */
function namesEn(d: ReportData): Record<string, string> {
  const out: Record<string, string> = {};
  for (const u of d.units) out[u.unitCode] = nameEn(u.unitCode);
  for (const b of d.byCategory) out[b.key] = PERSON_CATEGORIES.find((c) => c.code === b.key)?.nameEn ?? b.name;
  for (const b of d.byTrainingType) out[b.key] = TRAINING_TYPES.find((c) => c.code === b.key)?.nameEn ?? b.name;
  for (const b of d.byCertificate) {
    if (b.key === 'none') {
      out[b.key] = 'No certificate';
      continue;
    }
    const [type, level] = b.key.split(':');
    const typeName = CERTIFICATE_TYPES.find((c) => c.code === type)?.nameEn ?? type!;
    const levelName = level && level !== '-' ? SKILL_LEVELS.find((x) => x.code === level)?.nameEn : null;
    out[b.key] = levelName ? `${typeName} (${levelName})` : typeName;
  }
  return out;
}

type Row = Awaited<ReturnType<typeof listApprovedReports>>[number];
function reportRef(r: Row) {
  return {
    id: r.id,
    kind: r.kind as ReportKind,
    periodKey: r.period_key,
    basis: r.basis as 'calendar' | 'day21',
    unitCode: r.unit_code,
    unitName: r.unit_name,
    unitNameEn: r.unit_name_en,
    frozenAt: new Date(r.frozen_at).toISOString(),
    approvedAt: new Date(r.approved_at).toISOString(),
  };
}

/** A report's reference with its period's labels and dates. */
function periodRef(r: Row, d: ReportData) {
  return { ...reportRef(r), label: d.period.label, labelEn: d.period.labelEn, from: d.period.from, to: d.period.to };
}

/** Additive measures summed over the disclosed months; distinct people cannot be summed (null). */
function sumMonths(parts: Figures[], target: number | null) {
  const paidFen: Funds = { employment_subsidy: 0, skills_account: 0, local_talent: 0, industry_development: 0 };
  let trainings = 0,
    completed = 0,
    certificates = 0,
    paidTotalFen = 0,
    livingAllowanceFen = 0,
    employmentBase = 0,
    employed = 0;
  for (const p of parts) {
    trainings += p.trainings;
    completed += p.completed;
    certificates += p.certificates;
    paidTotalFen += p.paidTotalFen;
    livingAllowanceFen += p.livingAllowanceFen;
    employmentBase += p.employmentBase;
    employed += p.employed;
    for (const f of FUNDS) paidFen[f] += p.paidFen[f];
  }
  return {
    trainings,
    people: null,
    completed,
    certificates,
    subsidisedPeople: null,
    paidFen,
    paidTotalFen,
    livingAllowanceFen,
    employmentBase,
    employed,
    employmentRatePerMille: employmentBase === 0 ? 0 : Math.floor((employed * 1000) / employmentBase),
    target,
    ytdTrainings: trainings,
    targetPerMille: target ? Math.floor((trainings * 1000) / target) : null,
  };
}

/**
 * The public disclosure site (§17 定期向社会公开工作任务完成和各项补贴资金使用情况; 禁止其再承担政府补贴性培训): read
 * only from reports the city office froze AND approved, never from live records, and the blacklist. No sign-in.
 */
export function makeDisclosure(deps: { db: Db }) {
  const { db } = deps;
  return {
    /** The disclosed periods: every approved report, newest first, and the years that have one. */
    async periods(q: z.infer<typeof DisclosurePeriodsQuery>) {
      const [years, rows] = await Promise.all([disclosedYears(db), listApprovedReports(db, { year: q.year, kind: q.kind, unitCode: q.unit })]);
      return { years, items: rows.map((r) => reportRef(r)) };
    },

    /**
     * A year's task completion and fund use, city-wide: every approved monthly, quarterly and annual report of
     * the year with its total and its 14 units as frozen, and the year so far — the approved annual report when
     * there is one, else the approved months added up (人数 then unknown: distinct people do not add up).
     */
    async year(year: number, q: z.infer<typeof DisclosureYearQuery>) {
      const rows = await approvedReportsWithData(db, { year, basis: q.basis, unitCode: CITY_CODE });
      const order: Record<string, number> = { monthly: 0, quarterly: 1, annual: 2 };
      const periods = rows
        .map((r) => {
          const d = r.data as ReportData;
          return {
            ...periodRef(r, d),
            total: figures(d.total),
            units: d.units.map((u) => ({ unitCode: u.unitCode, unitName: u.unitName, unitNameEn: nameEn(u.unitCode), ...figures(u) })),
          };
        })
        .sort((a, b) => order[a.kind]! - order[b.kind]! || a.periodKey.localeCompare(b.periodKey));
      const annual = periods.find((p) => p.kind === 'annual');
      const months = periods.filter((p) => p.kind === 'monthly');
      const latest = annual ?? months.at(-1);
      const unitTarget = (code: string) => latest?.units.find((u) => u.unitCode === code)?.target ?? null;
      const summary = annual
        ? { source: 'annual' as const, asOf: annual.to, total: annual.total, units: annual.units }
        : months.length
          ? {
              source: 'monthly' as const,
              asOf: months.at(-1)!.to,
              total: sumMonths(
                months.map((m) => m.total),
                latest?.total.target ?? null,
              ),
              units: REPORTING_UNITS.map((u) => ({
                unitCode: u.code,
                unitName: u.name,
                unitNameEn: u.nameEn,
                ...sumMonths(
                  months.flatMap((m) => m.units.filter((x) => x.unitCode === u.code)),
                  unitTarget(u.code),
                ),
              })),
            }
          : null;
      return { year, basis: q.basis, monthsDisclosed: months.length, periods, summary };
    },

    /** One approved report in full, exactly as it was frozen. */
    async report(id: string) {
      const r = await findApprovedReport(db, id);
      if (!r) throw notFound();
      const d = r.data as ReportData;
      return { ...periodRef(r, d), report: d, namesEn: namesEn(d) };
    },

    /** The blacklist (§17): organisations barred from subsidised training, with the published decision. */
    async blacklist() {
      const rows = await listBlacklisted(db);
      return {
        items: rows.map((o) => ({
          name: o.name,
          creditCode: o.credit_code,
          kind: o.kind,
          institutionKind: o.institution_kind,
          unitCode: o.unit_code,
          unitName: o.unit_name,
          unitNameEn: o.unit_name_en,
          effectiveDate: o.effective_date ?? o.status_since,
          reason: o.reason ?? o.status_reason ?? '',
          decisionRef: o.decision_ref ?? o.status_decision_ref,
          listedAt: o.listed_at ? new Date(o.listed_at).toISOString() : null,
        })),
      };
    },
  };
}
