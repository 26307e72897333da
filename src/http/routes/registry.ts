import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ListOrganisationsQuery,
  ListWorkersQuery,
  makeGetWorker,
  makeListOrganisations,
  makeListWorkers,
} from '../../usecases/registry.ts';
import type { AppDeps } from '../app.ts';
import { ErrorBody } from '../errors.ts';
import { IdParam, OrganisationDto, Page, WorkerDto } from '../schemas.ts';

export function registryRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  const listWorkers = makeListWorkers(deps);
  const getWorker = makeGetWorker(deps);
  const listOrgs = makeListOrganisations(deps);
  return async (app) => {
    app.get(
      '/workers',
      {
        schema: {
          tags: ['registry'],
          summary: "Workers in the caller's scope",
          description: 'q: a name prefix, or a full ID number (matched exactly through the blind index). ID and phone numbers are masked.',
          querystring: ListWorkersQuery,
          response: { 200: Page(WorkerDto), 401: ErrorBody },
        },
      },
      (req) => listWorkers(req.ctx, req.query),
    );
    app.get(
      '/workers/:id',
      { schema: { tags: ['registry'], summary: 'One worker (404 when missing or outside scope)', params: IdParam, response: { 200: z.object({ worker: WorkerDto }), 404: ErrorBody } } },
      async (req) => ({ worker: await getWorker(req.ctx, req.params.id) }),
    );
    app.get(
      '/organisations',
      { schema: { tags: ['registry'], summary: "Institutions and enterprises in the caller's scope", querystring: ListOrganisationsQuery, response: { 200: Page(OrganisationDto), 401: ErrorBody } } },
      (req) => listOrgs(req.ctx, req.query),
    );
  };
}
