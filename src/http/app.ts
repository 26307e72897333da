import type { ReportSettings } from '../domain/reports/settings.ts';
import { z } from 'zod';
import { DEFAULT_TRAINING_SETTINGS, type TrainingSettings } from '../domain/training/settings.ts';
import { certificateRoutes, publicCertificateRoutes } from './routes/certificates.ts';
import { classRoutes } from './routes/classes.ts';
import { claimRoutes, publicClaimRoutes } from './routes/claims.ts';
import { reportRoutes } from './routes/reports.ts';
import { dashboardRoutes } from './routes/dashboard.ts';
import { publicSiteRoutes } from './routes/publicSite.ts';
import { makeCertificates } from '../usecases/training/certificates.ts';
import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import fastifyCookie from '@fastify/cookie';
import fastifyMultipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { AppError } from '../domain/errors.ts';
import type { PiiCipher } from '../security/pii.ts';
import { makeAuthenticate, toActor } from '../usecases/auth/session.ts';
import { SessionCache } from '../usecases/auth/sessionCache.ts';
import type { Clock, Db, RequestContext } from '../usecases/context.ts';
import { BODY_LIMIT, errorBody, errorHandler, sendError } from './errors.ts';
import { adminRoutes } from './routes/admin.ts';
import { auditRoutes } from './routes/audit.ts';
import { authRoutes, SESSION_COOKIE } from './routes/auth.ts';
import { homeRoutes } from './routes/home.ts';
import { referenceRoutes } from './routes/reference.ts';
import { importRoutes, UPLOAD_LIMIT } from './routes/imports.ts';
import { registryRoutes } from './routes/registry.ts';
import { workerRoutes } from './routes/workers.ts';
import { organisationRoutes } from './routes/organisations.ts';
import { catalogRoutes, publicCatalogRoutes } from './routes/catalogs.ts';
import { ImportJobs } from '../usecases/workers/importJobs.ts';
import { makeImportWorkers } from '../usecases/workers/importWorkers.ts';
import { makeImportCategories } from '../usecases/workers/importCategories.ts';
import { makeImportOrganisations } from '../usecases/imports/importOrganisations.ts';
import { systemRoutes, type Readiness } from './routes/system.ts';
import { wellKnownRoutes } from './routes/wellKnown.ts';

declare module 'fastify' {
  interface FastifyRequest {
    ctx: RequestContext;
    sessionId: string | null;
  }
  interface FastifyInstance {
    importJobs: ImportJobs;
  }
}

export type AppDeps = {
  /** Uploads, import reports and other files of the running platform. */
  dataDir: string;
  db: Db;
  clock: Clock;
  pii: PiiCipher;
  sessionHours: number;
  secureCookies: boolean;
  /** Resolved sessions, cached briefly in this process (created here when not given). */
  sessions?: SessionCache;
  readiness: () => Readiness;
  /** The public address (certificate issuer, QR targets); default http://localhost:3000/. */
  publicUrl?: string;
  /** OPEN training settings; defaults when not given. */
  training?: TrainingSettings;
  /** OPEN report settings (employment window); defaults when not given. */
  reports?: ReportSettings;
};

export type BuildOptions = {
  logger?: FastifyServerOptions['logger'];
  webDist?: string | null;
  /** Log static files and health probes only at warn level, so the console shows API traffic. */
  quietRoutes?: boolean;
};

export type App = FastifyInstance;

export async function buildApp(deps: AppDeps, opts: BuildOptions = {}): Promise<App> {
  // One cache of resolved sessions per server, shared by authentication and the use cases that end sessions.
  deps = { ...deps, sessions: deps.sessions ?? new SessionCache() };
  const app = Fastify({
    logger: opts.logger ?? false,
    bodyLimit: BODY_LIMIT,
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[\w.-]{8,64}$/.test(given) ? given : randomUUID();
    },
    requestIdHeader: false,
    trustProxy: true,
    forceCloseConnections: 'idle',
    return503OnClosing: true,
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(errorHandler);

  await app.register(fastifyCookie);
  await app.register(fastifyMultipart, { limits: { fileSize: UPLOAD_LIMIT, files: 1, fields: 10 } });
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'Jineng 技能 API',
        description:
          '运城市职业技能提升培训管理平台 — the API of the Yuncheng subsidised vocational-skills training platform. ' +
          'Sign in with POST /api/auth/login; the session travels in an HttpOnly cookie. Every error answers ' +
          '`{ error: { code, message: { zh-CN, en }, params, field?, requestId } }`.',
        version: '0.1.0',
      },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE } } },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/docs' });

  app.addHook('onSend', async (req, reply) => {
    reply.header('x-request-id', req.id);
  });

  // Who is asking. Resolved once per API request; routes read req.ctx.
  const authenticate = makeAuthenticate(deps);
  app.decorateRequest('ctx', null as unknown as RequestContext);
  app.decorateRequest('sessionId', null);
  app.addHook('onRequest', async (req, reply) => {
    req.ctx = { actor: null, requestId: String(req.id), ip: req.ip ?? null, userAgent: req.headers['user-agent'] ?? null };
    if (!req.url.startsWith('/api/')) return;
    // Cross-site requests are refused for anything that changes state (cookies are SameSite=Lax too).
    if (!['GET', 'HEAD', 'OPTIONS'].includes(req.method)) {
      const origin = req.headers.origin;
      if (origin && new URL(origin).host !== req.headers.host) return sendError(reply, new AppError('CROSS_SITE_REQUEST'));
    }
    const token = req.cookies[SESSION_COOKIE];
    if (token) {
      const found = await authenticate(token);
      if (found) {
        req.ctx.actor = toActor(found.user);
        req.sessionId = found.sessionId;
      }
    }
  });

  await app.register(systemRoutes(deps.readiness), { logLevel: opts.quietRoutes ? 'warn' : 'info' });
  await app.register(wellKnownRoutes(deps));
  await app.register(authRoutes(deps), { prefix: '/api/auth' });
  await app.register(adminRoutes(deps), { prefix: '/api/admin' });
  await app.register(homeRoutes(deps), { prefix: '/api/home' });
  await app.register(registryRoutes(deps), { prefix: '/api' });
  await app.register(workerRoutes(deps), { prefix: '/api' });
  await app.register(organisationRoutes(deps), { prefix: '/api/organisations' });
  await app.register(catalogRoutes(deps), { prefix: '/api/catalogs' });
  await app.register(publicCatalogRoutes(deps), { prefix: '/api/public/catalogs' });
  const jobs = new ImportJobs({
    workers: makeImportWorkers(deps),
    categories: makeImportCategories(deps),
    institutions: makeImportOrganisations('institution', deps),
    enterprises: makeImportOrganisations('enterprise', deps),
  });
  app.decorate('importJobs', jobs);
  await app.register(importRoutes({ ...deps, jobs }), { prefix: '/api/imports' });
  await app.register(referenceRoutes(deps), { prefix: '/api/reference' });
  await app.register(auditRoutes(deps), { prefix: '/api/audit' });
  const trainingDeps = { ...deps, publicUrl: deps.publicUrl ?? 'http://localhost:3000/', training: deps.training ?? DEFAULT_TRAINING_SETTINGS };
  await app.register(classRoutes(trainingDeps), { prefix: '/api' });
  await app.register(certificateRoutes(trainingDeps), { prefix: '/api' });
  await app.register(publicCertificateRoutes(trainingDeps), { prefix: '/api/public' });
  await app.register(claimRoutes(trainingDeps), { prefix: '/api' });
  await app.register(publicClaimRoutes(trainingDeps), { prefix: '/api/public' });
  await app.register(reportRoutes(trainingDeps), { prefix: '/api' });
  await app.register(dashboardRoutes(trainingDeps), { prefix: '/api/dashboard' });
  await app.register(publicSiteRoutes(trainingDeps), { prefix: '/api/public' });

  const webDist = opts.webDist && fs.existsSync(path.join(opts.webDist, 'index.html')) ? opts.webDist : null;
  if (webDist) {
    await app.register(fastifyStatic, { root: webDist, wildcard: false, index: ['index.html'], logLevel: opts.quietRoutes ? 'warn' : 'info' });
  }
  // A certificate's id and QR target (§9): a browser gets the verification page; a verifier asking for
  // application/vc+jwt gets the signed credential itself.
  const certificates = makeCertificates(trainingDeps);
  app.get(
    '/verify/:token',
    { schema: { tags: ['public'], summary: 'The credential id: the verification page, or with Accept: application/vc+jwt the signed credential', params: z.strictObject({ token: z.string().max(64) }) } },
    async (req, reply) => {
      const accept = String(req.headers.accept ?? '');
      if (/application\/(vc\+)?jwt/.test(accept)) {
        const r = await certificates.byToken(req.params.token);
        if (!('jws' in r) || !r.jws) return reply.code(404).send(errorBody('NOT_FOUND', {}, String(req.id)));
        return reply.type('application/vc+jwt').send(r.jws);
      }
      if (webDist) return reply.type('text/html').sendFile('index.html');
      return reply.code(404).send(errorBody('NOT_FOUND', {}, String(req.id)));
    },
  );
  app.setNotFoundHandler((req, reply) => {
    // The web app routes on the client: unknown non-API GETs get index.html, which shows its own 404.
    if (webDist && req.method === 'GET' && !req.url.startsWith('/api/') && !req.url.startsWith('/docs')) {
      return reply.type('text/html').sendFile('index.html');
    }
    return reply.code(404).send(errorBody('NOT_FOUND', {}, String(req.id)));
  });

  return app;
}
