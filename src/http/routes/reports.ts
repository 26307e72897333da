import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../domain/errors.ts';
import { EmploymentRatesQuery, EmploymentRecordsQuery, makeEmploymentImport, makeEmploymentQueries } from '../../usecases/employment.ts';
import { makeReports, REPORT_KINDS, ReportQuery, TargetsBody } from '../../usecases/reports.ts';
import { writeReportXlsx } from '../../usecases/reportExport.ts';
import type { TrainingDeps } from '../../usecases/training/shared.ts';
import { ErrorBody } from '../errors.ts';
import { NoContent } from '../schemas.ts';
import { sendXlsx, XLSX_TYPE as XLSX } from '../xlsx.ts';

const tags = ['reports'];
const Params = z.strictObject({ kind: z.enum(REPORT_KINDS), period: z.string().max(10).describe('2020-06, 2020-Q2 or 2020') });

/** Targets, employment outcomes and reports (issue #6), under /api. */
export function reportRoutes(deps: TrainingDeps & { dataDir: string }): FastifyPluginAsyncZod {
  const reports = makeReports(deps);
  const importEmployment = makeEmploymentImport(deps);
  const employment = makeEmploymentQueries(deps);
  return async (app) => {
    app.get(
      '/reports/frozen',
      { schema: { tags, summary: 'The frozen reports in scope (newest period first) with who froze them and their approval' } },
      (req) => reports.frozenList(req.ctx),
    );
    app.get(
      '/reports/:kind/:period',
      {
        schema: {
          tags,
          summary: 'A monthly, quarterly or annual report by unit (13 counties + 开发区 + 合计), person category, training type and certificate: the frozen one if it exists, else computed now',
          params: Params,
          querystring: ReportQuery,
        },
      },
      (req) => reports.get(req.ctx, req.params.kind, req.params.period, req.query),
    );
    app.post(
      '/reports/:kind/:period/freeze',
      { schema: { tags, summary: 'Freeze the report as it stands (the city office): later data never changes it', params: Params, querystring: ReportQuery, response: { 201: z.object({ id: z.string() }), 409: ErrorBody } } },
      async (req, reply) => reply.code(201).send(await reports.freeze(req.ctx, req.params.kind, req.params.period, req.query)),
    );
    app.post(
      '/reports/frozen/:id/approve',
      { schema: { tags, summary: 'Approve a frozen report (it is then disclosed to the public)', params: z.strictObject({ id: z.uuid() }), response: { 204: NoContent, 404: ErrorBody, 409: ErrorBody } } },
      async (req, reply) => {
        await reports.approve(req.ctx, req.params.id);
        return reply.code(204).send(null);
      },
    );
    app.get(
      '/reports/:kind/:period/export.xlsx',
      { schema: { tags, summary: 'The report as .xlsx, laid out as an official table', params: Params, querystring: ReportQuery, produces: [XLSX] } },
      async (req, reply) => {
        const { report } = await reports.get(req.ctx, req.params.kind, req.params.period, req.query);
        return sendXlsx(reply, deps.dataDir, async (out) => {
          await writeReportXlsx(report, out);
          return `${report.unitName}职业技能培训${report.period.label}${req.params.kind === 'monthly' ? '月报' : req.params.kind === 'quarterly' ? '季报' : '年报'}.xlsx`;
        });
      },
    );
    app.get(
      '/reports/:kind/:period/export.pdf',
      { schema: { tags, summary: 'The report as PDF (A4 landscape, Chinese fonts), laid out as an official table with its status', params: Params, querystring: ReportQuery, produces: ['application/pdf'] } },
      async (req, reply) => {
        const { pdf, fileName } = await reports.pdf(req.ctx, req.params.kind, req.params.period, req.query);
        return reply
          .type('application/pdf')
          .header('content-disposition', `attachment; filename="report.pdf"; filename*=UTF-8''${encodeURIComponent(fileName)}`)
          .send(Buffer.from(pdf));
      },
    );
    app.get(
      '/employment/rates',
      {
        schema: {
          tags,
          summary: 'Employment rate after training (§9) per class, institution, unit or person category for the trainings that ended in a year; enterprise in-service employees left out of the denominator (二); per mille',
          querystring: EmploymentRatesQuery,
        },
      },
      (req) => employment.rates(req.ctx, req.query),
    );
    app.get(
      '/employment/records',
      { schema: { tags, summary: 'Imported employment records, newest first, with the matched worker’s masked ID number (paged)', querystring: EmploymentRecordsQuery } },
      (req) => employment.records(req.ctx, req.query),
    );
    app.get(
      '/targets/:year',
      {
        schema: {
          tags,
          summary: 'Targets by unit with progress computed from the records, monthly targets, the year-end forecast and who is behind',
          params: z.strictObject({ year: z.coerce.number().int().min(2019).max(2100) }),
          querystring: z.strictObject({ basis: z.enum(['calendar', 'day21']).default('calendar') }),
        },
      },
      (req) => reports.targets(req.ctx, req.params.year, req.query.basis),
    );
    app.put(
      '/targets/:year',
      {
        schema: {
          tags,
          summary: 'Set the year’s targets by unit (城市任务分解): per unit, or a city total split by population',
          params: z.strictObject({ year: z.coerce.number().int().min(2019).max(2100) }),
          body: TargetsBody,
          response: { 200: z.object({ year: z.number().int(), units: z.record(z.string(), z.number().int()) }), 400: ErrorBody },
        },
      },
      (req) => reports.setTargets(req.ctx, req.params.year, req.body),
    );
    app.post(
      '/employment/import',
      {
        schema: {
          tags,
          summary: 'Import employment and social-insurance records (.xlsx/.csv: 公民身份号码, 用人单位统一社会信用代码, 用人单位名称, 起始月份, 终止月份); bad rows are named and skipped',
          description: 'multipart/form-data with one `file` part',
        },
      },
      async (req) => {
        const part = await req.file();
        if (!part) throw new AppError('IMPORT_EMPTY_FILE');
        const file = path.join(deps.dataDir, 'tmp', `employment-${randomUUID()}-${path.basename(part.filename)}`);
        fs.mkdirSync(path.dirname(file), { recursive: true });
        try {
          await fs.promises.writeFile(file, await part.toBuffer());
          return await importEmployment(req.ctx, { path: file });
        } finally {
          fs.rmSync(file, { force: true });
        }
      },
    );
  };
}
