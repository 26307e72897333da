import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ListAuditQuery, makeListAudit, makeVerifyAudit } from '../../usecases/audit.ts';
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

const Verification = z.union([
  z.object({ ok: z.literal(true), rows: z.number().int(), lastSeq: z.number().int() }),
  z.object({
    ok: z.literal(false),
    rows: z.number().int(),
    problem: z.object({ kind: z.enum(['gap', 'prev_hash', 'hash']), seq: z.number().int(), expectedSeq: z.number().int().optional() }),
  }),
]);

export function auditRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  const list = makeListAudit(deps);
  const verify = makeVerifyAudit(deps);
  return async (app) => {
    app.get(
      '/verify',
      {
        schema: {
          tags: ['audit'],
          summary: 'Verify the hash chain; names the first edited (hash), deleted (gap) or reordered (prev_hash) row',
          response: { 200: Verification, 404: ErrorBody },
        },
      },
      (req) => verify(req.ctx),
    );
    app.get('/', { schema: { tags: ['audit'], summary: 'The audit trail, newest first (city office, city-wide auditors)', querystring: ListAuditQuery, response: { 200: Page(AuditRow), 404: ErrorBody } } }, (req) =>
      list(req.ctx, req.query),
    );
  };
}
