import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { randomUUID } from 'node:crypto';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../domain/errors.ts';
import { writeTemplate } from '../../import/template.ts';
import { requireActor } from '../../usecases/guards.ts';
import { ListImportsQuery, makeImportBatches } from '../../usecases/workers/importBatches.ts';
import type { ImportJobs } from '../../usecases/workers/importJobs.ts';
import { CATEGORY_LIST_TEMPLATE, ENTERPRISE_TEMPLATE, INSTITUTION_TEMPLATE, WORKER_TEMPLATE } from '../../usecases/workers/importTemplate.ts';
import type { TemplateSpec } from '../../import/template.ts';
import type { ImportKind } from '../../usecases/imports/runImport.ts';
import type { AppDeps } from '../app.ts';
import { ErrorBody } from '../errors.ts';
import { IdParam, Page } from '../schemas.ts';
import { attachment, sendXlsx, XLSX_TYPE as XLSX } from '../xlsx.ts';

const tags = ['import'];
export const UPLOAD_LIMIT = 300 * 1024 * 1024;

const Batch = z.object({
  id: z.string(),
  kind: z.string(),
  fileName: z.string(),
  mode: z.enum(['partial', 'all_or_nothing']),
  status: z.enum(['running', 'committed', 'rejected', 'failed']),
  total: z.number().int(),
  stored: z.number().int(),
  unchanged: z.number().int(),
  rejected: z.number().int(),
  hasReport: z.boolean(),
  error: z.object({ code: z.string(), message: z.object({ 'zh-CN': z.string(), en: z.string() }) }).nullable(),
  actorUsername: z.string().nullable(),
  actorName: z.string().nullable(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  progress: z.object({ rows: z.number().int(), bytes: z.number().int(), fileSize: z.number().int(), phase: z.string() }).nullable(),
});

/** RFC 5987 download name, so Chinese file names survive. */

export function importRoutes(deps: AppDeps & { jobs: ImportJobs; dataDir: string }): FastifyPluginAsyncZod {
  const batches = makeImportBatches(deps);
  return async (app) => {
    const templates: Record<ImportKind, { spec: TemplateSpec; name: string }> = {
      workers: { spec: WORKER_TEMPLATE, name: '劳动者花名册导入模板.xlsx' },
      categories: { spec: CATEGORY_LIST_TEMPLATE, name: '人员类别名单导入模板.xlsx' },
      institutions: { spec: INSTITUTION_TEMPLATE, name: '培训机构名册导入模板.xlsx' },
      enterprises: { spec: ENTERPRISE_TEMPLATE, name: '企业名册导入模板.xlsx' },
    };
    app.get(
      '/:kind/template.xlsx',
      { schema: { tags, summary: 'The import template (stable Chinese headers) of each kind', params: z.strictObject({ kind: z.enum(['workers', 'categories', 'institutions', 'enterprises']) }), produces: [XLSX] } },
      async (req, reply) => {
        requireActor(req.ctx, 'worker.import');
        const { spec, name } = templates[req.params.kind];
        return sendXlsx(reply, deps.dataDir, async (out) => {
          await writeTemplate(out, spec);
          return name;
        });
      },
    );

    app.post(
      '/:kind',
      {
        schema: {
          tags,
          summary: 'Upload a worker roster, a category list, or an institution or enterprise roster (.xlsx or .csv, UTF-8 or GBK); the import runs in the background',
          params: z.strictObject({ kind: z.enum(['workers', 'categories', 'institutions', 'enterprises']) }),
          description:
            'multipart/form-data with one `file` part; optional fields `allOrNothing` ("true") and `categoryFrom` (YYYY-MM-DD). Answers 202 with the batch; poll GET /api/imports/{id}.',
          consumes: ['multipart/form-data'],
          response: { 202: Batch, 400: ErrorBody, 413: ErrorBody, 415: ErrorBody },
        },
      },
      async (req, reply) => {
        requireActor(req.ctx, 'worker.import');
        if (!req.isMultipart()) throw new AppError('UNSUPPORTED_MEDIA_TYPE');
        const uploads = path.join(deps.dataDir, 'uploads');
        fs.mkdirSync(uploads, { recursive: true, mode: 0o700 });
        let saved: { path: string; name: string } | null = null;
        const fields: Record<string, string> = {};
        for await (const part of req.parts()) {
          if (part.type === 'file') {
            if (saved || part.fieldname !== 'file') {
              part.file.resume();
              continue;
            }
            const name = path.basename(part.filename || 'upload');
            if (!/\.(xlsx|csv)$/i.test(name)) {
              part.file.resume();
              throw new AppError('IMPORT_UNSUPPORTED_FORMAT', { name }, 'file');
            }
            const target = path.join(uploads, `${randomUUID()}${path.extname(name).toLowerCase()}`);
            await pipeline(part.file, fs.createWriteStream(target, { mode: 0o600 }));
            if (part.file.truncated) {
              fs.rmSync(target, { force: true });
              throw new AppError('BODY_TOO_LARGE', { limit: UPLOAD_LIMIT });
            }
            saved = { path: target, name };
          } else {
            fields[part.fieldname] = String(part.value);
          }
        }
        if (!saved) throw new AppError('VALIDATION_FAILED', { field: 'file', reason: '请选择要上传的文件 / choose a file' }, 'file');
        const categoryFrom = fields.categoryFrom?.trim() || undefined;
        if (categoryFrom && !/^\d{4}-\d{2}-\d{2}$/.test(categoryFrom)) {
          fs.rmSync(saved.path, { force: true });
          throw new AppError('VALIDATION_FAILED', { field: 'categoryFrom', reason: 'YYYY-MM-DD' }, 'categoryFrom');
        }
        const id = deps.jobs.start(req.params.kind, req.ctx, {
          filePath: saved.path,
          fileName: saved.name,
          allOrNothing: fields.allOrNothing === 'true',
          ...(categoryFrom ? { categoryFrom } : {}),
          removeFileAfter: true,
        });
        // Answer as soon as the batch is recorded; a file-level failure before that is this request's error.
        await deps.jobs.started(id);
        const live = deps.jobs.get(id);
        if (live?.state === 'failed') throw live.error;
        return reply.code(202).send(await batches.get(req.ctx, id));
      },
    );

    app.get('/', { schema: { tags, summary: 'Import batches in scope, newest first', querystring: ListImportsQuery, response: { 200: Page(Batch) } } }, (req) => batches.list(req.ctx, req.query));
    app.get('/:id', { schema: { tags, summary: 'One import batch, with live progress while it runs', params: IdParam, response: { 200: Batch, 404: ErrorBody } } }, (req) =>
      batches.get(req.ctx, req.params.id),
    );
    app.get(
      '/:id/report.xlsx',
      { schema: { tags, summary: 'The rejected rows of a batch: row number, field and reason in Chinese, with the original cells', params: IdParam, produces: [XLSX] } },
      async (req, reply) => {
        const { body, fileName } = await batches.report(req.ctx, req.params.id);
        return reply.type(XLSX).header('content-disposition', attachment(fileName)).send(body);
      },
    );
  };
}
