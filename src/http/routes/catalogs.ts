import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CatalogInstitutionBody, CreateCatalogInput, makeCatalogs, makeReadCatalogs, ProjectBody, TransitionBody } from '../../usecases/catalogs.ts';
import type { AppDeps } from '../app.ts';
import { ErrorBody } from '../errors.ts';
import { IdParam, NoContent } from '../schemas.ts';

const tags = ['catalogs'];
const Catalog = z.object({
  id: z.string(),
  kind: z.enum(['projects', 'institutions']),
  year: z.number().int(),
  version: z.number().int(),
  title: z.string(),
  status: z.enum(['draft', 'in_review', 'published', 'superseded']),
  basedOn: z.string().nullable(),
  createdAt: z.string(),
  publishedAt: z.string().nullable(),
});
const CatalogDetail = z.object({
  catalog: Catalog.extend({ allowedActions: z.array(z.enum(['submit', 'return', 'publish'])) }),
  projects: z.array(
    z.object({
      id: z.string(),
      occupationCode: z.string(),
      occupationName: z.string(),
      levelCode: z.string(),
      levelName: z.string(),
      trainingType: z.string(),
      trainingTypeName: z.string(),
      standardHours: z.number().int(),
      teachingPlanRef: z.string(),
      syllabusRef: z.string(),
      subsidyFen: z.number().int().describe('Subsidy standard per person, fen'),
    }),
  ),
  institutions: z.array(
    z.object({
      orgId: z.string(),
      orgName: z.string(),
      creditCode: z.string(),
      institutionKind: z.string().nullable(),
      unitName: z.string(),
      occupationCode: z.string(),
      occupationName: z.string(),
      levelCode: z.string(),
      levelName: z.string(),
    }),
  ),
  decisions: z.array(z.object({ action: z.string(), reason: z.string().nullable(), at: z.string(), actorName: z.string().nullable() })),
});
const ListQuery = z.strictObject({ year: z.coerce.number().int().optional(), kind: z.enum(['projects', 'institutions']).optional() });

/** The city office's catalog work, under /api/catalogs. */
export function catalogRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  const catalogs = makeCatalogs(deps);
  const read = makeReadCatalogs(deps);
  return async (app) => {
    app.get('/', { schema: { tags, summary: 'All catalog versions (drafts included for the city office)', querystring: ListQuery, response: { 200: z.object({ items: z.array(Catalog) }) } } }, async (req) => ({
      items: await read.list(req.ctx, req.query),
    }));
    app.post(
      '/',
      { schema: { tags, summary: 'Start a new catalog version (a draft), optionally from a published one', body: CreateCatalogInput, response: { 201: z.object({ id: z.string() }), 404: ErrorBody } } },
      async (req, reply) => reply.code(201).send(await catalogs.create(req.ctx, req.body)),
    );
    app.get('/:id', { schema: { tags, summary: 'One catalog version with its items and decisions', params: IdParam, response: { 200: CatalogDetail, 404: ErrorBody } } }, (req) =>
      read.get(req.ctx, req.params.id),
    );
    app.post(
      '/:id/projects',
      {
        schema: {
          tags,
          summary: 'Add a training project to a draft (occupation × level × training type, hours, plan, syllabus, subsidy in fen)',
          params: IdParam,
          body: ProjectBody,
          response: { 201: z.object({ id: z.string() }), 400: ErrorBody, 409: ErrorBody },
        },
      },
      async (req, reply) => reply.code(201).send(await catalogs.addProject(req.ctx, req.params.id, req.body)),
    );
    app.delete(
      '/:id/projects/:projectId',
      { schema: { tags, summary: 'Remove a project from a draft', params: z.strictObject({ id: z.uuid(), projectId: z.uuid() }), response: { 204: NoContent, 404: ErrorBody, 409: ErrorBody } } },
      async (req, reply) => {
        await catalogs.removeProject(req.ctx, req.params.id, req.params.projectId);
        return reply.code(204).send(null);
      },
    );
    app.post(
      '/:id/institutions',
      {
        schema: {
          tags,
          summary: 'List an institution for an occupation and level (it must be active and licensed for it)',
          params: IdParam,
          body: CatalogInstitutionBody,
          response: { 204: NoContent, 400: ErrorBody, 403: ErrorBody, 409: ErrorBody },
        },
      },
      async (req, reply) => {
        await catalogs.addInstitution(req.ctx, req.params.id, req.body);
        return reply.code(204).send(null);
      },
    );
    app.post(
      '/:id/institutions/remove',
      { schema: { tags, summary: 'Remove an institution listing from a draft', params: IdParam, body: CatalogInstitutionBody, response: { 204: NoContent, 409: ErrorBody } } },
      async (req, reply) => {
        await catalogs.removeInstitution(req.ctx, req.params.id, req.body);
        return reply.code(204).send(null);
      },
    );
    app.post(
      '/:id/transition',
      {
        schema: {
          tags,
          summary: 'Submit for review, return (with a reason) or publish; publishing supersedes the previous version of the year',
          params: IdParam,
          body: TransitionBody,
          response: { 204: NoContent, 400: ErrorBody, 404: ErrorBody, 409: ErrorBody },
        },
      },
      async (req, reply) => {
        await catalogs.transition(req.ctx, req.params.id, req.body);
        return reply.code(204).send(null);
      },
    );
  };
}

/** Published catalogs for everyone, without sign-in (§12 每年公布培训项目目录、培训和评价机构目录). */
export function publicCatalogRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  const read = makeReadCatalogs(deps);
  return async (app) => {
    app.get('/', { schema: { tags: ['public'], summary: 'Published catalogs (no sign-in)', querystring: ListQuery, response: { 200: z.object({ items: z.array(Catalog) }) } } }, async (req) => ({
      items: await read.list(null, req.query),
    }));
    app.get('/:id', { schema: { tags: ['public'], summary: 'A published catalog with its items (no sign-in)', params: IdParam, response: { 200: CatalogDetail, 404: ErrorBody } } }, (req) =>
      read.get(null, req.params.id),
    );
  };
}
