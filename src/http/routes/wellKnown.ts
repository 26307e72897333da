import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { makeSigningKeys } from '../../usecases/signingKeys.ts';
import type { AppDeps } from '../app.ts';

const Jwk = z.object({ kty: z.literal('OKP'), crv: z.literal('Ed25519'), x: z.string(), kid: z.string(), alg: z.literal('EdDSA'), use: z.literal('sig') });

/** Public keys for verifying the platform's electronic certificates offline with any JOSE library. */
export function wellKnownRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  const keys = makeSigningKeys(deps);
  return async (app) => {
    app.get(
      '/.well-known/jwks.json',
      {
        schema: {
          tags: ['public'],
          summary: 'The JWKS of the certificate-signing keys (Ed25519), retired ones included',
          response: { 200: z.object({ keys: z.array(Jwk) }) },
        },
      },
      async (_req, reply) => reply.header('cache-control', 'public, max-age=300').send(await keys.published()),
    );
  };
}
