import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { makeHomeSummary } from '../../usecases/home.ts';
import type { AppDeps } from '../app.ts';
import { ErrorBody } from '../errors.ts';

const Summary = z.object({
  scope: z.object({ kind: z.enum(['city', 'county', 'organisation', 'worker', 'system']), name: z.string(), nameEn: z.string() }),
  counts: z.object({
    workers: z.number().int(),
    institutions: z.number().int(),
    enterprises: z.number().int(),
    classes: z.number().int(),
    claims: z.number().int(),
    users: z.number().int().optional(),
  }),
});

export function homeRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  const summary = makeHomeSummary(deps);
  return async (app) => {
    app.get('/summary', { schema: { tags: ['home'], summary: "Counts within the caller's scope", response: { 200: Summary, 401: ErrorBody } } }, (req) => summary(req.ctx));
  };
}
