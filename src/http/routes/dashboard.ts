import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { TrainingDeps } from '../../usecases/training/shared.ts';

/** The city and county dashboards (issue #6 §9 performance evaluation), under /api/dashboard. Being built. */
export function dashboardRoutes(_deps: TrainingDeps): FastifyPluginAsyncZod {
  return async () => {};
}
