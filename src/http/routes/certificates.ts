import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { makeClasses } from '../../usecases/training/classes.ts';
import { CertificateListQuery, makeCertificates, RevokeBody, VerifyBody } from '../../usecases/training/certificates.ts';
import { makeMyTraining } from '../../usecases/training/me.ts';
import type { TrainingDeps } from '../../usecases/training/shared.ts';
import { ErrorBody } from '../errors.ts';
import { IdParam, NoContent } from '../schemas.ts';

const Certificate = z.object({
  id: z.string(),
  number: z.string(),
  type: z.string(),
  typeName: z.string(),
  title: z.string(),
  holderName: z.string(),
  idMasked: z.string(),
  occupationName: z.string(),
  levelName: z.string().nullable(),
  issuedOn: z.string(),
  issuerName: z.string(),
  className: z.string().nullable(),
  classId: z.string().nullable(),
  status: z.enum(['valid', 'revoked']),
  revocation: z.object({ reason: z.string(), at: z.string() }).nullable(),
  verifyUrl: z.string(),
});

const Verification = z
  .object({
    status: z.enum(['valid', 'revoked', 'invalid']),
    reason: z.enum(['malformed', 'unknown_key', 'bad_signature', 'not_yet_valid', 'not_found']).optional().describe('Why it is invalid'),
    title: z.string().optional(),
    claims: z.record(z.string(), z.unknown()).optional().describe('Every claim of the certificate (holder, masked ID number, occupation, level, number, issuer, date)'),
    credential: z.record(z.string(), z.unknown()).optional().describe('The Open Badges 3.0 credential, decoded'),
    jws: z.string().optional().describe('The signed credential (VC-JWT, EdDSA) — verify it offline against /.well-known/jwks.json'),
    kid: z.string().optional(),
    revocation: z.object({ reason: z.string(), at: z.string() }).nullable().optional(),
  })
  .describe('The verification result; for valid and revoked certificates, the full claims');

/** Certificates for signed-in users, under /api. */
export function certificateRoutes(deps: TrainingDeps): FastifyPluginAsyncZod {
  const certs = makeCertificates(deps);
  const my = makeMyTraining(deps, makeClasses(deps));
  const tags = ['certificates'];
  return async (app) => {
    app.get('/certificates', { schema: { tags, summary: 'Certificates in the caller’s scope (a worker: their own)', querystring: CertificateListQuery, response: { 200: z.object({ items: z.array(Certificate), total: z.number().int() }) } } }, (req) =>
      certs.list(req.ctx, req.query),
    );
    app.get('/certificates/:id', { schema: { tags, summary: 'One certificate', params: IdParam, response: { 200: Certificate, 404: ErrorBody } } }, (req) => certs.get(req.ctx, req.params.id));
    app.get(
      '/certificates/:id/pdf',
      { schema: { tags, summary: 'The certificate as PDF: masked ID number, QR code to its verification page, the signed credential attached as certificate.jwt', params: IdParam, produces: ['application/pdf'] } },
      async (req, reply) => {
        const { bytes, fileName } = await certs.pdf(req.ctx, req.params.id);
        return reply
          .type('application/pdf')
          .header('content-disposition', `inline; filename="certificate.pdf"; filename*=UTF-8''${encodeURIComponent(fileName)}`)
          .send(Buffer.from(bytes));
      },
    );
    app.post(
      '/certificates/:id/revoke',
      { schema: { tags, summary: 'Revoke with a reason (the issuer or the HR office); shown on verification', params: IdParam, body: RevokeBody, response: { 204: NoContent, 400: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody } } },
      async (req, reply) => {
        await certs.revoke(req.ctx, req.params.id, req.body.reason);
        return reply.code(204).send(null);
      },
    );
    app.get(
      '/me/classes',
      {
        schema: {
          tags: ['worker portal'],
          summary: 'The signed-in worker’s classes with timetable and attendance so far',
          response: {
            200: z.object({
              items: z.array(
                z.object({
                  enrolmentId: z.string(),
                  classId: z.string(),
                  code: z.string(),
                  name: z.string(),
                  orgName: z.string(),
                  status: z.string(),
                  statusName: z.string(),
                  startDate: z.string(),
                  endDate: z.string(),
                  venue: z.string(),
                  sessions: z.array(z.object({ id: z.string(), seq: z.number().int(), start: z.string(), end: z.string() })),
                  attendedMinutes: z.number().int(),
                  scheduledMinutes: z.number().int(),
                  ratePerMille: z.number().int(),
                  subsidised: z.boolean(),
                  completed: z.boolean().nullable(),
                  result: z.string().nullable(),
                }),
              ),
            }),
          },
        },
      },
      (req) => my.classes(req.ctx),
    );
    app.get('/me/certificates', { schema: { tags: ['worker portal'], summary: 'The signed-in worker’s certificates', response: { 200: z.object({ items: z.array(Certificate), total: z.number().int() }) } } }, (req) =>
      certs.list(req.ctx, { page: 1, pageSize: 200 }),
    );
  };
}

/** Verification for everyone, without sign-in (§9): by number, by the QR code's token, or a credential someone holds. */
export function publicCertificateRoutes(deps: TrainingDeps): FastifyPluginAsyncZod {
  const certs = makeCertificates(deps);
  const tags = ['public'];
  return async (app) => {
    app.get(
      '/certificates/:number',
      { schema: { tags, summary: 'Verify a certificate by its number: status and the full claims', params: z.strictObject({ number: z.string().max(40) }), response: { 200: Verification } } },
      (req) => certs.byNumber(req.params.number),
    );
    app.get(
      '/verify/:token',
      { schema: { tags, summary: 'The certificate behind a QR code (its credential id): status, claims and the signed credential', params: z.strictObject({ token: z.string().max(64) }), response: { 200: Verification } } },
      (req) => certs.byToken(req.params.token),
    );
    app.post(
      '/verify',
      { schema: { tags, summary: 'Verify a signed credential (VC-JWT): signature against the published keys, then revocation', body: VerifyBody, response: { 200: Verification } } },
      (req) => certs.verifyPosted(req.body.credential),
    );
  };
}
