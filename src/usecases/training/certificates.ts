import { decodeProtectedHeader } from 'jose';
import { z } from 'zod';
import { can, scopeOf, type Resource } from '../../domain/auth/permissions.ts';
import { AppError, notFound } from '../../domain/errors.ts';
import { beijingDateTimeOf } from '../../domain/training/calendar.ts';
import { certificateTitle, certificateTypeName, checkCertificate, type CertificateClaims, type CertificateType } from '../../credentials/credential.ts';
import { renderCertificatePdf } from '../../credentials/certificatePdf.ts';
import {
  findCertificate,
  findCertificateByNumber,
  findCertificateByToken,
  listCertificates,
  recordRevocation,
  revocationByNumber,
  type CertRow,
} from '../../db/repositories/certificates.ts';
import type { RequestContext } from '../context.ts';
import { requireActor } from '../guards.ts';
import { makeSigningKeys } from '../signingKeys.ts';
import { writeWithAudit } from '../tx.ts';
import { verifyUrl } from './certificateIssue.ts';
import { coversUnit, iso, type TrainingDeps } from './shared.ts';

export const RevokeBody = z.strictObject({ reason: z.string().trim().max(500) });
export const CertificateListQuery = z.strictObject({
  q: z.string().max(50).optional().describe('Certificate number or holder name'),
  classId: z.uuid().optional(),
  status: z.enum(['valid', 'revoked']).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});
export const VerifyBody = z.strictObject({ credential: z.string().max(20_000).describe('The signed credential (compact JWS, VC-JWT)') });


function resourceOf(c: CertRow): Resource {
  return { unitCode: c.unit_code, orgId: c.issuer_org_id, relatedOrgIds: c.runner_org_id ? [c.runner_org_id] : [], workerId: c.worker_id };
}

/** Electronic certificates: scoped reads, the PDF, revocation, and the public verification (§9, §10). */
export function makeCertificates(deps: TrainingDeps) {
  const { db } = deps;
  const keys = makeSigningKeys(deps);

  const present = (c: CertRow) => {
    const claims = c.claims as unknown as CertificateClaims;
    return {
      id: c.id,
      number: c.number,
      type: c.type,
      typeName: certificateTypeName(c.type as CertificateType),
      title: certificateTitle(claims),
      holderName: claims.holder.name,
      idMasked: c.id_masked,
      occupationName: claims.occupation.name,
      levelName: claims.level?.name ?? null,
      issuedOn: c.issued_on,
      issuerName: claims.issuer.name,
      className: c.class_name,
      classId: c.class_id,
      status: c.revoked_at ? ('revoked' as const) : ('valid' as const),
      revocation: c.revoked_at ? { reason: c.revoked_reason ?? '', at: iso(c.revoked_at) } : null,
      verifyUrl: verifyUrl(deps.publicUrl, c.verify_token),
    };
  };

  async function visible(ctx: RequestContext, id: string) {
    const actor = requireActor(ctx, 'certificate.read');
    const c = await findCertificate(db, id);
    if (!c || !can(actor, 'certificate.read', resourceOf(c))) throw notFound();
    return c;
  }

  /** The public answer for one stored certificate: its signature checked now, with its revocation. */
  async function publicCheck(c: CertRow | undefined) {
    if (!c) return { status: 'invalid' as const, reason: 'not_found' as const };
    const published = await keys.published();
    const r = await checkCertificate(c.jws, published, {
      now: deps.clock.now(),
      revocationOf: () => (c.revoked_at ? { reason: c.revoked_reason ?? '', at: iso(c.revoked_at) } : null),
    });
    if (r.status === 'invalid') return { status: 'invalid' as const, reason: r.reason };
    return { status: r.status, claims: r.claims, credential: r.credential, kid: r.kid, jws: c.jws, title: certificateTitle(r.claims), revocation: r.status === 'revoked' ? r.revocation : null };
  }

  return {
    async list(ctx: RequestContext, q: z.infer<typeof CertificateListQuery>) {
      const actor = requireActor(ctx, 'certificate.read');
      const r = await listCertificates(db, scopeOf(actor), q);
      return { items: r.items.map(present), total: r.total };
    },

    async get(ctx: RequestContext, id: string) {
      return present(await visible(ctx, id));
    },

    /** The certificate as PDF, with the signed credential attached and a QR code to its verification page. */
    async pdf(ctx: RequestContext, id: string) {
      const c = await visible(ctx, id);
      const claims = c.claims as unknown as CertificateClaims;
      const bytes = await renderCertificatePdf({
        claims,
        verifyUrl: verifyUrl(deps.publicUrl, c.verify_token),
        jws: c.jws,
        generatedAt: beijingDateTimeOf(deps.clock.now().getTime()),
        ...(c.revoked_at ? { revoked: { reason: c.revoked_reason ?? '', at: iso(c.revoked_at).slice(0, 10) } } : {}),
      });
      return { bytes, fileName: `${c.number}.pdf` };
    },

    /** Revocation with a reason (the issuer, or the HR office of the class's unit / the city); visible on verification. */
    async revoke(ctx: RequestContext, id: string, reason: string) {
      const actor = requireActor(ctx, 'certificate.revoke');
      const c = await visible(ctx, id);
      const mayRevoke = actor.role === 'institution' ? c.issuer_org_id === actor.orgId : coversUnit(actor, c.unit_code ?? '');
      if (!mayRevoke) throw new AppError('FORBIDDEN');
      if (!reason.trim()) throw new AppError('CERTIFICATE_REVOKE_REASON_REQUIRED', {}, 'reason');
      await writeWithAudit(deps, ctx, async (trx, now) => {
        if (!(await recordRevocation(trx, { certificate_id: id, reason: reason.trim(), actor_id: actor.id, at: now }))) throw new AppError('CERTIFICATE_ALREADY_REVOKED', { at: c.revoked_at ? iso(c.revoked_at).slice(0, 10) : '' });
        return { result: undefined, audit: { action: 'certificate.revoke', targetType: 'certificate', targetId: id, summary: { number: c.number, reason: reason.trim() } } };
      });
    },

    // ------------------------------------------------------------------------------------------------
    // Public, without sign-in

    byNumber: async (number: string) => publicCheck(await findCertificateByNumber(db, number.trim().toUpperCase())),
    byToken: async (token: string) => publicCheck(await findCertificateByToken(db, token.trim())),

    /** Checks a credential someone holds: the signature against the published keys, then the revocation of its (verified) number. */
    async verifyPosted(jws: string) {
      const published = await keys.published();
      const text = jws.trim();
      let kid: string | undefined;
      try {
        kid = decodeProtectedHeader(text).kid;
      } catch {
        kid = undefined;
      }
      const r = await checkCertificate(text, published, {
        now: deps.clock.now(),
        revocationOf: async (number) => {
          const row = await revocationByNumber(db, number);
          return row ? { reason: row.reason, at: iso(row.at) } : null;
        },
      });
      if (r.status === 'invalid') return { status: 'invalid' as const, reason: r.reason, ...(kid ? { kid } : {}) };
      return { status: r.status, claims: r.claims, credential: r.credential, kid: r.kid, jws: text, title: certificateTitle(r.claims), revocation: r.status === 'revoked' ? r.revocation : null };
    },
  };
}
