import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CategoryPeriod } from '../../domain/registry/categories.ts';
import { WorkerInput } from '../../domain/registry/worker.ts';
import {
  EndCategoryInput,
  makeAddCategory,
  makeEndCategory,
  makeArchivePdf,
  makeGetArchive,
  makeRegisterWorker,
  makeRevealWorkerPii,
  makeUpdateWorker,
  RevealInput,
  UpdateWorkerInput,
} from '../../usecases/workers/manage.ts';
import type { AppDeps } from '../app.ts';
import { ErrorBody } from '../errors.ts';
import { IdParam, NoContent } from '../schemas.ts';

const tags = ['registry'];

const ArchiveDto = z.object({
  worker: z.object({
    id: z.string(),
    name: z.string(),
    gender: z.enum(['M', 'F']),
    birthDate: z.string(),
    idNumberMasked: z.string(),
    phoneMasked: z.string().nullable(),
    unitCode: z.string(),
    unitName: z.string(),
    unitNameEn: z.string(),
    townshipCode: z.string().nullable(),
    townshipName: z.string().nullable(),
    education: z.string().nullable(),
    disability: z.boolean().nullable(),
    registeredAt: z.string(),
    updatedAt: z.string(),
  }),
  categories: z.array(
    z.object({
      id: z.string(),
      code: z.string(),
      name: z.string(),
      nameEn: z.string(),
      validFrom: z.string(),
      validTo: z.string().nullable(),
      employerOrgId: z.string().nullable(),
      employerName: z.string().nullable(),
      source: z.string(),
    }),
  ),
  classes: z.array(
    z.object({
      classId: z.string(),
      className: z.string(),
      occupation: z.string(),
      level: z.string(),
      institution: z.string(),
      startDate: z.string(),
      endDate: z.string(),
      status: z.string(),
      attendanceRate: z.string().nullable(),
      hoursAttended: z.string().nullable(),
    }),
  ),
  results: z.array(z.object({ className: z.string(), result: z.string(), score: z.string().nullable(), date: z.string() })),
  certificates: z.array(z.object({ id: z.string(), number: z.string(), type: z.string(), occupation: z.string(), level: z.string(), issuer: z.string(), issuedOn: z.string() })),
  subsidies: z.array(z.record(z.string(), z.unknown())),
  canWrite: z.boolean(),
  canReveal: z.boolean(),
  viewerScope: z.string(),
});

export function workerRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  const register = makeRegisterWorker(deps);
  const update = makeUpdateWorker(deps);
  const addCategory = makeAddCategory(deps);
  const endCategory = makeEndCategory(deps);
  const reveal = makeRevealWorkerPii(deps);
  const archive = makeGetArchive(deps);
  const archivePdf = makeArchivePdf(deps);
  return async (app) => {
    app.post(
      '/workers',
      {
        schema: {
          tags,
          summary: 'Register a worker (one person, one record)',
          description: 'Every problem is listed in error.problems, each naming its field. A second record for the same ID number is refused (WORKER_ALREADY_REGISTERED).',
          body: WorkerInput,
          response: { 201: z.object({ id: z.string(), warnings: z.array(z.object({ field: z.string(), code: z.string() })) }), 400: ErrorBody, 409: ErrorBody },
        },
      },
      async (req, reply) => reply.code(201).send(await register(req.ctx, req.body)),
    );
    app.patch(
      '/workers/:id',
      { schema: { tags, summary: "Correct a worker's details (the ID number never changes)", params: IdParam, body: UpdateWorkerInput, response: { 204: NoContent, 400: ErrorBody, 404: ErrorBody } } },
      async (req, reply) => {
        await update(req.ctx, req.params.id, req.body);
        return reply.code(204).send(null);
      },
    );
    app.get('/workers/:id/archive', { schema: { tags, summary: "The worker's electronic training archive (职业培训电子档案, §9)", params: IdParam, response: { 200: ArchiveDto, 404: ErrorBody } } }, (req) =>
      archive(req.ctx, req.params.id),
    );
    app.get(
      '/workers/:id/archive.pdf',
      { schema: { tags, summary: 'The archive as a PDF (masked ID number; the export is audited)', params: IdParam, produces: ['application/pdf'] } },
      async (req, reply) => {
        const { pdf, fileName } = await archivePdf(req.ctx, req.params.id);
        return reply
          .type('application/pdf')
          .header('content-disposition', `attachment; filename="archive.pdf"; filename*=UTF-8''${encodeURIComponent(fileName)}`)
          .send(Buffer.from(pdf));
      },
    );
    app.post(
      '/workers/:id/categories',
      { schema: { tags, summary: 'Add a person-category period (periods of one category may not overlap)', params: IdParam, body: CategoryPeriod, response: { 201: z.object({ id: z.string() }), 400: ErrorBody, 404: ErrorBody } } },
      async (req, reply) => reply.code(201).send(await addCategory(req.ctx, req.params.id, req.body)),
    );
    app.post(
      '/workers/:id/categories/:periodId/end',
      {
        schema: {
          tags,
          summary: 'End a category period on a date',
          params: z.strictObject({ id: z.uuid(), periodId: z.uuid() }),
          body: EndCategoryInput,
          response: { 204: NoContent, 400: ErrorBody, 404: ErrorBody },
        },
      },
      async (req, reply) => {
        await endCategory(req.ctx, req.params.id, req.params.periodId, req.body);
        return reply.code(204).send(null);
      },
    );
    app.post(
      '/workers/:id/reveal',
      {
        schema: {
          tags,
          summary: 'Show the full ID or phone number; needs a reason and writes an audit row',
          params: IdParam,
          body: RevealInput,
          response: { 200: z.object({ value: z.string().nullable() }), 400: ErrorBody, 404: ErrorBody },
        },
      },
      (req) => reveal(req.ctx, req.params.id, req.body),
    );
  };
}
