import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ListAuditQuery, makeListAudit } from '../../usecases/audit.ts';
import type { AppDeps } from '../app.ts';
import { ErrorBody } from '../errors.ts';
import { Page } from '../schemas.ts';

const AuditRow = z.object({
  seq: z.number().int(),
  at: z.string(),
  actorUsername: z.string().nullable(),
  actorRole: z.string().nullable(),
  action: z.string(),
  targetType: z.string().nullable(),
  targetId: z.string().nullable(),
  summary: z.unknown(),
  requestId: z.string().nullable(),
});

export function auditRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  const list = makeListAudit(deps);
  return async (app) => {
    app.get('/', { schema: { tags: ['audit'], summary: 'The audit trail, newest first (city office, city-wide auditors)', querystring: ListAuditQuery, response: { 200: Page(AuditRow), 404: ErrorBody } } }, (req) =>
      list(req.ctx, req.query),
    );
  };
}
