import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DisclosurePeriodsQuery, DisclosureYearQuery, makeDisclosure } from '../../usecases/disclosure.ts';
import type { TrainingDeps } from '../../usecases/training/shared.ts';
import { ErrorBody } from '../errors.ts';
import { IdParam } from '../schemas.ts';

const tags = ['public'];
const int = () => z.number().int();
const Funds = z
  .object({ employment_subsidy: int(), skills_account: int(), local_talent: int(), industry_development: int() })
  .describe('Paid by fund (分账核算), fen');

/** A unit's or the total's figures in one period, as the approved report froze them. */
const Figures = z.object({
  trainings: int().describe('培训人次'),
  people: int().nullable().describe('培训人数 (distinct people); null for months added up'),
  completed: int().describe('结业人次'),
  certificates: int().describe('取证人次'),
  subsidisedPeople: int().nullable().describe('享受补贴人数; null for months added up'),
  paidFen: Funds,
  paidTotalFen: int().describe('Subsidies paid, all funds, fen'),
  livingAllowanceFen: int().describe('生活费补贴, fen'),
  employmentBase: int().describe('Completions counted for the employment rate (enterprise in-service employees left out)'),
  employed: int(),
  employmentRatePerMille: int(),
  target: int().nullable().describe('The year’s target (培训人次)'),
  ytdTrainings: int().describe('培训人次 from 1 January to the end of the period'),
  targetPerMille: int().nullable().describe('ytdTrainings ÷ target, ‰'),
});
const UnitFigures = Figures.extend({ unitCode: z.string(), unitName: z.string(), unitNameEn: z.string() });
const ReportRef = z.object({
  id: z.string(),
  kind: z.enum(['monthly', 'quarterly', 'annual']),
  periodKey: z.string().describe('2020-06, 2020-Q2 or 2020'),
  basis: z.enum(['calendar', 'day21']),
  unitCode: z.string().describe('140800 for the city-wide report'),
  unitName: z.string(),
  unitNameEn: z.string(),
  frozenAt: z.string(),
  approvedAt: z.string(),
});
const PeriodLabels = z.object({ label: z.string(), labelEn: z.string(), from: z.string(), to: z.string() });
const Breakdown = z.array(Figures.omit({ target: true, ytdTrainings: true, targetPerMille: true }).extend({ key: z.string(), name: z.string() }));
const Report = z.object({
  kind: z.enum(['monthly', 'quarterly', 'annual']),
  period: z.object({ key: z.string(), kind: z.string(), from: z.string(), to: z.string(), label: z.string(), labelEn: z.string() }),
  basis: z.enum(['calendar', 'day21']),
  unitCode: z.string(),
  unitName: z.string(),
  generatedAt: z.string(),
  employmentMonths: int(),
  employmentRateTargetPercent: int(),
  units: z.array(Figures.extend({ unitCode: z.string(), unitName: z.string() })),
  total: Figures,
  byCategory: Breakdown,
  byTrainingType: Breakdown,
  byCertificate: Breakdown,
});

/** The public disclosure site's data (§17 定期向社会公开), under /api/public, without sign-in. */
export function publicSiteRoutes(deps: TrainingDeps): FastifyPluginAsyncZod {
  const disclosure = makeDisclosure(deps);
  return async (app) => {
    app.get(
      '/disclosure/periods',
      {
        schema: {
          tags,
          summary: 'The disclosed periods: every approved frozen report (monthly, quarterly, annual), newest first, and the years that have one',
          querystring: DisclosurePeriodsQuery,
          response: { 200: z.object({ years: z.array(int()), items: z.array(ReportRef) }) },
        },
      },
      (req) => disclosure.periods(req.query),
    );
    app.get(
      '/disclosure/years/:year',
      {
        schema: {
          tags,
          summary: 'A year’s task completion and fund use by unit and by period, from the approved city-wide reports only (never live figures)',
          description:
            'Each approved monthly, quarterly and annual report of the year with its total and its 14 units as frozen; `summary` is the approved annual report, or else the approved months added up (people and subsidised people are then null: distinct people do not add up).',
          params: z.strictObject({ year: z.coerce.number().int().min(2000).max(2100) }),
          querystring: DisclosureYearQuery,
          response: {
            200: z.object({
              year: int(),
              basis: z.enum(['calendar', 'day21']),
              monthsDisclosed: int(),
              periods: z.array(ReportRef.extend(PeriodLabels.shape).extend({ total: Figures, units: z.array(UnitFigures) })),
              summary: z.object({ source: z.enum(['annual', 'monthly']), asOf: z.string(), total: Figures, units: z.array(UnitFigures) }).nullable(),
            }),
          },
        },
      },
      (req) => disclosure.year(req.params.year, req.query),
    );
    app.get(
      '/disclosure/reports/:id',
      {
        schema: {
          tags,
          summary: 'One approved report in full, exactly as frozen: by unit, person category, training type and certificate',
          params: IdParam,
          response: { 200: ReportRef.extend(PeriodLabels.shape).extend({ report: Report, namesEn: z.record(z.string(), z.string()).describe('English names of the unit codes and breakdown keys') }), 404: ErrorBody },
        },
      },
      (req) => disclosure.report(req.params.id),
    );
    app.get(
      '/blacklist',
      {
        schema: {
          tags,
          summary: 'The blacklist (§17): institutions and enterprises barred from subsidised training, with the published reason and decision',
          response: {
            200: z.object({
              items: z.array(
                z.object({
                  name: z.string(),
                  creditCode: z.string().describe('统一社会信用代码'),
                  kind: z.enum(['institution', 'enterprise']),
                  institutionKind: z.string().nullable(),
                  unitCode: z.string(),
                  unitName: z.string(),
                  unitNameEn: z.string(),
                  effectiveDate: z.string().nullable().describe('YYYY-MM-DD'),
                  reason: z.string(),
                  decisionRef: z.string().nullable().describe('决定文号'),
                  listedAt: z.string().nullable(),
                }),
              ),
            }),
          },
        },
      },
      () => disclosure.blacklist(),
    );
  };
}
