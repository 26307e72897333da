import { randomBytes } from 'node:crypto';
import type { Insertable } from 'kysely';
import { buildCredential, hashIdNumber, signCredential, type CertificateClaims, type CertificateType } from '../../credentials/credential.ts';
import { platformCertificateNumber, skillLevelCertificateNumber } from '../../credentials/certificateNumber.ts';
import type { SigningKey } from '../../credentials/keys.ts';
import { nextSerial } from '../../db/repositories/counts.ts';
import type { CertificateTable } from '../../db/types.ts';
import type { PiiCipher } from '../../security/pii.ts';
import type { Db, Tx } from '../context.ts';

/**
 * Issuing one electronic certificate (§9 电子证书, §10): its number, its claims, the signed credential
 * (Open Badges 3.0 / VC-JWT, Ed25519 — src/credentials) and the row to store. Shared by the assessment use
 * case and the demo seed, so both issue exactly the same thing.
 */

export type CertificateSubject = {
  id: string;
  classId: string | null;
  enrolmentId: string | null;
  worker: { id: string; name: string; idNumber: string; idMasked: string };
  type: CertificateType;
  occupation: { code: string; name: string };
  level: { code: string; name: string } | null;
  /** YYYY-MM-DD, Asia/Shanghai. */
  issuedOn: string;
  /** The body that issues it: the evaluation institution (or the enterprise evaluating its own staff, §10). */
  issuer: { orgId: string; name: string; creditCode: string; unitCode: string; kind: 'institution' | 'enterprise' };
  training?: { className: string; institution: string; hours: number };
};

/** The public verification page of a certificate: the credential id and the QR code's target. */
export function verifyUrl(publicUrl: string, token: string): string {
  return `${publicUrl}verify/${token}`;
}

/** An unguessable token for the verification URL (the page shows the holder's name). */
export function newVerifyToken(): string {
  return randomBytes(12).toString('base64url');
}

/**
 * The next number for a certificate, counted per kind and year in certificate_serials (row-locked by the
 * upsert, so concurrent issues never share one). 职业技能等级证书 use the national format (domain-facts §4.3):
 * evaluator type S (社会培训评价组织) or Y (用人单位), body code 0000 (filed with the province), the site code
 * = the issuer's county code; the others the platform's YC-ZX/PX/ZG-<year>-<serial>.
 */
export async function nextCertificateNumber(trx: Db | Tx, s: Pick<CertificateSubject, 'type' | 'issuedOn' | 'level' | 'issuer'>): Promise<string> {
  const year = Number(s.issuedOn.slice(0, 4));
  if (s.type === 'skill_level') {
    const site = s.issuer.unitCode.slice(0, 6);
    const level = Number(s.level?.code);
    const serial = await nextSerial(trx, `skill:${s.issuer.kind === 'enterprise' ? 'Y' : 'S'}:${site}:${level}`, year);
    return skillLevelCertificateNumber({ evaluatorType: s.issuer.kind === 'enterprise' ? 'Y' : 'S', bodyCode: '0000', siteCode: site, year, level, serial });
  }
  return platformCertificateNumber({ type: s.type, year, serial: await nextSerial(trx, s.type, year) });
}

export function claimsOfSubject(s: CertificateSubject, number: string): CertificateClaims {
  return {
    number,
    type: s.type,
    holder: { name: s.worker.name, idNumberMasked: s.worker.idMasked },
    occupation: s.occupation,
    level: s.type === 'special_ability' || s.type === 'training_completion' ? null : s.level,
    issuedOn: s.issuedOn,
    issuer: { name: s.issuer.name, creditCode: s.issuer.creditCode },
    ...(s.training ? { training: s.training } : {}),
  };
}

/** Builds, signs and returns the row; the caller inserts it in its transaction. */
export async function signedCertificateRow(
  s: CertificateSubject,
  number: string,
  key: SigningKey,
  opts: { publicUrl: string; now: Date; pii: PiiCipher; verifyToken?: string },
): Promise<Insertable<CertificateTable>> {
  const token = opts.verifyToken ?? newVerifyToken();
  const claims = claimsOfSubject(s, number);
  const holder = hashIdNumber(s.worker.idNumber);
  const credential = buildCredential(claims, {
    issuerUrl: opts.publicUrl,
    verifyUrl: () => verifyUrl(opts.publicUrl, token),
    holderIdHash: { identityHash: holder.identityHash },
  });
  const jws = await signCredential(credential, key, { now: opts.now });
  return {
    id: s.id,
    number,
    type: s.type,
    class_id: s.classId,
    enrolment_id: s.enrolmentId,
    worker_id: s.worker.id,
    issuer_org_id: s.issuer.orgId,
    occupation_code: s.occupation.code,
    level_code: s.level?.code ?? null,
    issued_on: s.issuedOn,
    verify_token: token,
    claims: JSON.stringify(claims),
    jws,
    kid: key.kid,
    holder_salt_sealed: opts.pii.encrypt(holder.salt),
    issued_at: opts.now,
  };
}

/** The certificate a class leads to: 专项职业能力 for 'special', otherwise 职业技能等级 (the filing may say otherwise). */
export function defaultCertificateType(levelCode: string): CertificateType {
  return levelCode === 'special' ? 'special_ability' : 'skill_level';
}
