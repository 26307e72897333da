import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';

export type Readiness = { ready: boolean; phase: string; seeding: { phase: string; done: number; total: number } | null };

const Status = z.object({
  ready: z.boolean(),
  seeding: z.object({ phase: z.string(), done: z.number(), total: z.number() }).nullable(),
});

export function systemRoutes(readiness: () => Readiness): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/healthz', { schema: { tags: ['system'], summary: 'Liveness: the process answers', response: { 200: z.object({ status: z.literal('ok') }) } } }, async () => ({
      status: 'ok' as const,
    }));
    app.get(
      '/readyz',
      {
        schema: {
          tags: ['system'],
          summary: 'Readiness: 200 only once migrations and demo seeding are complete',
          response: { 200: z.object({ status: z.literal('ready') }), 503: z.object({ status: z.literal('starting'), phase: z.string() }) },
        },
      },
      async (_req, reply) => {
        const r = readiness();
        return r.ready ? { status: 'ready' as const } : reply.code(503).send({ status: 'starting' as const, phase: r.phase });
      },
    );
    app.get('/api/public/status', { schema: { tags: ['public'], summary: 'Start-up and demo-seeding progress (no sign-in)', response: { 200: Status } } }, async () => {
      const r = readiness();
      return { ready: r.ready, seeding: r.seeding };
    });
  };
}
