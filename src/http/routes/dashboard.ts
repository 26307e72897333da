import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { makeDashboard, DashboardQuery } from '../../usecases/dashboard.ts';
import type { ReportSettings } from '../../domain/reports/settings.ts';
import type { TrainingDeps } from '../../usecases/training/shared.ts';
import { ErrorBody } from '../errors.ts';

const tags = ['reports'];
const int = z.number().int();
const perMille = int.nullable().describe('per mille (integer); null when there is nothing to divide by');
const Funds = z.object({ employment_subsidy: int, skills_account: int, local_talent: int, industry_development: int }).describe('fen, by fund');

const DashboardDto = z.object({
  year: int,
  basis: z.enum(['calendar', 'day21']),
  unitCode: z.string().describe('140800 for the whole city'),
  unitName: z.string(),
  cityWide: z.boolean().describe('The caller may look at any unit (city-level roles)'),
  asOfMonth: int.describe('The last complete month the forecast is based on (0–12)'),
  generatedAt: z.string(),
  employmentMonths: int,
  employmentRateTargetPerMille: int,
  headline: z.object({
    trainings: int.describe('人次 of the classes that ended this year so far'),
    people: int.describe('人数: distinct people'),
    completed: int,
    certificates: int,
    subsidisedPeople: int,
    paidFen: Funds,
    paidTotalFen: int,
    livingAllowanceFen: int,
    employmentBase: int.describe('completions of people who are not enterprise in-service employees (二)'),
    employed: int,
    employmentRatePerMille: int,
    target: int.nullable(),
    targetPerMille: perMille,
  }),
  progress: z.array(
    z.object({ unitCode: z.string(), unitName: z.string(), target: int, actual: int, perMille: int, dueByNow: int, forecast: int.describe('year-end forecast at the current pace'), behind: z.boolean() }),
  ),
  behindUnits: z.array(z.string()),
  months: z.array(
    z.object({
      month: z.string(),
      trainings: int,
      completed: int,
      certificates: int,
      cumulative: int,
      target: int,
      cumulativeTarget: int,
      paidFen: Funds,
      paidTotalFen: int,
      livingAllowanceFen: int,
    }),
  ),
  categories: z.array(z.object({ code: z.string(), name: z.string(), nameEn: z.string(), trainings: int, people: int })),
  funds: z.array(z.object({ code: z.string(), name: z.string(), nameEn: z.string(), paidFen: int })),
  employmentByUnit: z.array(
    z.object({ unitCode: z.string(), unitName: z.string(), trainings: int, completed: int, employmentBase: int, employed: int, employmentRatePerMille: int }),
  ),
  thresholds: z.object({ minSample: int, completionPerMille: int, certificationPerMille: int, employmentPerMille: int, manualSharePerMille: int }),
  institutions: z.array(
    z.object({
      orgId: z.string(),
      name: z.string(),
      orgKind: z.string(),
      institutionKind: z.string().nullable(),
      orgUnitCode: z.string(),
      status: z.string(),
      classes: int,
      trainings: int,
      completed: int,
      certificates: int,
      employmentBase: int,
      employed: int,
      manualMarks: int.describe('confirmed manual marks (补签) in its classes'),
      attendanceRecords: int.describe('scanned check-ins plus confirmed manual marks'),
      completionRatePerMille: perMille,
      certificationRatePerMille: perMille.describe('certificates ÷ completions'),
      employmentRatePerMille: perMille.describe('enterprise in-service employees out of the denominator'),
      manualSharePerMille: perMille.describe('confirmed manual marks ÷ attendance records, rounded up'),
      flags: z.array(
        z.object({
          code: z.enum(['low_completion', 'low_certification', 'low_employment', 'high_manual_share', 'blacklisted', 'suspended']),
          valuePerMille: int.optional(),
          thresholdPerMille: int.optional(),
        }),
      ),
    }),
  ),
});

/** The city and county dashboards (issue #6 deliver 4, §9 performance evaluation), under /api/dashboard. */
export function dashboardRoutes(deps: TrainingDeps & { reports?: ReportSettings }): FastifyPluginAsyncZod {
  const dashboard = makeDashboard(deps);
  return async (app) => {
    app.get(
      '/years',
      {
        schema: {
          tags,
          summary: 'Years with finished classes or targets in the caller’s scope, newest first, and the one a dashboard opens on',
          response: { 200: z.object({ years: z.array(int), latest: int.nullable() }), 404: ErrorBody },
        },
      },
      (req) => dashboard.years(req.ctx),
    );
    app.get(
      '/:year',
      {
        schema: {
          tags,
          summary:
            'The dashboard of a year (report.read): headline figures, progress against target by unit with the year-end forecast, the monthly trend, category mix, spending by fund, employment rate by unit and institution performance (§9)',
          params: z.strictObject({ year: z.coerce.number().int().min(2019).max(2100) }),
          querystring: DashboardQuery,
          response: { 200: DashboardDto, 404: ErrorBody },
        },
      },
      (req) => dashboard.get(req.ctx, req.params.year, req.query),
    );
  };
}
