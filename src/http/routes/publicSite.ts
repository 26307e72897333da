import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { TrainingDeps } from '../../usecases/training/shared.ts';

/** The public disclosure site's data (§17 定期向社会公开), under /api/public, without sign-in. Being built. */
export function publicSiteRoutes(_deps: TrainingDeps): FastifyPluginAsyncZod {
  return async () => {};
}
