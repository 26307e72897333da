import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import {
  SignJWT,
  compactVerify,
  createLocalJWKSet,
  decodeProtectedHeader,
  errors as joseErrors,
  importJWK,
  jwtVerify,
  type JWK,
  type JWTPayload,
} from 'jose';
import { z } from 'zod';
import { parseCreditCode } from '../domain/identity/creditCode.ts';
import { CERTIFICATE_TYPES, SKILL_LEVELS } from '../domain/reference/catalog.ts';
import { parseCertificateNumber } from './certificateNumber.ts';
import { SIGNING_ALG, jwks, type Jwks } from './keys.ts';

/**
 * The electronic certificate as a signed credential: an Open Badges 3.0 `OpenBadgeCredential` (W3C VC
 * Data Model 2.0) secured as a JWT per VC-JOSE-COSE — a compact JWS whose payload is the credential
 * itself, signed with the platform's Ed25519 key (`alg: EdDSA`, `typ: vc+jwt`, `kid` = the key's
 * RFC 7638 thumbprint, published in the JWKS at `/.well-known/jwks.json`).
 *
 * Where the certificate's facts sit in the credential (README.md in this folder has an example):
 * - `name`, `credentialSubject.achievement.name`: the certificate title, e.g. 电工（四级/中级工）职业技能等级证书;
 * - `issuer`: the platform, which signs; `achievement.creator`: the body that issued the certificate
 *   (评价机构 / 培训机构 / 发证机关), its 统一社会信用代码 in `otherIdentifier` (`ext:USCC`);
 * - `credentialSubject.licenseNumber`: the certificate number; `credentialSubject.name`: the holder;
 *   `credentialSubject.identifier`: optionally a salted SHA-256 of the full ID number (never the number);
 * - `achievement.fieldOfStudy` / `humanCode`: the occupation and its 职业分类大典 code;
 * - `validFrom`: the issue date at 00:00 Beijing time;
 * - `jineng:certificate`: every claim in the platform's own shape (`CertificateClaims` plus `typeName`),
 *   declared in `@context` as a JSON literal (`@type: @json`) under the `jineng:` prefix, so JSON-LD
 *   processors keep it verbatim. `claimsOf` reads it.
 *
 * Verification is pure: signature, key and dates. Whether a certificate has been revoked is not in the
 * credential (it is signed once, at issue); the caller looks it up and passes it to `checkCertificate`.
 */

export const VC_V2_CONTEXT = 'https://www.w3.org/ns/credentials/v2';
export const OB_V3_CONTEXT = 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json';
export const EXTENSION = 'jineng:certificate';
export const JWT_TYPE = 'vc+jwt';
export const PLATFORM_NAME = '运城市职业技能提升培训管理平台';

export const CERTIFICATE_TYPE_CODES = ['special_ability', 'skill_level', 'qualification', 'training_completion'] as const;
export type CertificateType = (typeof CERTIFICATE_TYPE_CODES)[number];

/** OB 3.0 `achievementType` per certificate type (OB's vocabulary follows CTDL's credential types). */
export const ACHIEVEMENT_TYPES: Readonly<Record<CertificateType, string>> = {
  // Mastery of the knowledge and skills of an occupation, assessed; does not expire.
  skill_level: 'Certificate',
  special_ability: 'Certificate',
  // After the 2020 reform the remaining 技能人员职业资格 are 准入类: legal authority to do a job.
  qualification: 'License',
  training_completion: 'CertificateOfCompletion',
};

// ---------------------------------------------------------------------------------------------------
// Claims

/** `140802********2346`: at most 6 visible characters before and 4 after at least 8 asterisks. */
const MASKED_ID = /^[0-9A-Z]{0,6}\*{8,}[0-9A-Z]{0,4}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

const text = (max: number) => z.string().min(1).max(max).refine((s) => s.trim() === s && !/[\u0000-\u001F\u007F]/.test(s), 'no surrounding spaces or control characters');

/**
 * The certificate's facts, as shown on the public verification page and printed on the PDF. The
 * structure only; `buildCredential` also applies the issuing rules (`issueProblems`).
 */
export const CertificateClaims = z.strictObject({
  number: z.string().regex(/^[A-Z0-9][A-Z0-9-]{3,39}$/, 'capital letters, digits and hyphens'),
  type: z.enum(CERTIFICATE_TYPE_CODES),
  holder: z.strictObject({
    name: text(50),
    /** Masked as `maskIdNumber` does; a full number is refused. */
    idNumberMasked: z.string().regex(MASKED_ID, 'a masked ID number such as 140802********2346'),
  }),
  occupation: z.strictObject({ code: text(30), name: text(60) }),
  level: z.strictObject({ code: text(10), name: text(30) }).nullable(),
  issuedOn: z.string().regex(DATE).refine(isRealDate, 'a real date YYYY-MM-DD'),
  issuer: z.strictObject({ name: text(100), creditCode: z.string().regex(/^[0-9A-Z]{18}$/, '18 characters') }),
  training: z
    .strictObject({ className: text(200), institution: text(100), hours: z.number().positive().max(10_000) })
    .optional(),
});
export type CertificateClaims = z.infer<typeof CertificateClaims>;

export type ClaimsProblem = { path: string; message: string };

/** Claims that cannot be issued; `problems` lists every reason. */
export class CertificateClaimsError extends Error {
  readonly problems: ClaimsProblem[];
  constructor(problems: ClaimsProblem[]) {
    super(`The certificate cannot be issued: ${problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`);
    this.name = 'CertificateClaimsError';
    this.problems = problems;
  }
}

/**
 * The rules for issuing on top of the structure: a 职业技能等级证书 has a level 1–5 named as in the
 * catalogue and a number in the national format carrying the same level and year; a 专项职业能力证书
 * has no level; a 培训合格证书 names its class, institution and hours; the issuer's credit code checks out.
 */
export function issueProblems(input: unknown): ClaimsProblem[] {
  const parsed = CertificateClaims.safeParse(input);
  if (!parsed.success) return parsed.error.issues.map((i) => ({ path: i.path.join('.') || '(claims)', message: i.message }));
  const c = parsed.data;
  const problems: ClaimsProblem[] = [];
  const add = (path: string, message: string) => problems.push({ path, message });
  if (!parseCreditCode(c.issuer.creditCode).ok) add('issuer.creditCode', 'not a valid unified social credit code (GB 32100)');
  const number = parseCertificateNumber(c.number);
  switch (c.type) {
    case 'skill_level': {
      const level = c.level && SKILL_LEVELS.find((l) => l.rank > 0 && l.code === c.level!.code);
      if (!level) add('level', 'a 职业技能等级证书 needs a level 1–5');
      else if (level.name !== c.level!.name) add('level.name', `level ${level.code} is named ${level.name}`);
      if (!number.ok || number.format !== 'skill_level') add('number', 'a 职业技能等级证书 number is 1 letter (Y/S) + 21 digits');
      else {
        if (level && number.level !== Number(level.code)) add('number', `the number carries level ${number.level}, the certificate level ${level.code}`);
        if (number.year !== Number(c.issuedOn.slice(0, 4))) add('number', `the number carries the year ${number.year}, the certificate was issued in ${c.issuedOn.slice(0, 4)}`);
      }
      break;
    }
    case 'special_ability':
      if (c.level !== null) add('level', 'a 专项职业能力证书 has no level');
      break;
    case 'qualification':
      if (c.level && !/^[1-5]$/.test(c.level.code)) add('level.code', 'a level is 1–5');
      break;
    case 'training_completion':
      if (!c.training) add('training', 'a 培训合格证书 names the class, the institution and the hours');
      break;
  }
  if (c.type !== 'skill_level' && number.ok && number.format === 'platform' && number.type !== c.type) {
    add('number', `the number is a ${number.type} number`);
  }
  return problems;
}

/** 职业技能等级证书 … from the catalogue. */
export function certificateTypeName(type: CertificateType): string {
  return CERTIFICATE_TYPES.find((t) => t.code === type)?.name ?? type;
}

/** The title printed on the certificate, e.g. 电工（四级/中级工）职业技能等级证书. */
export function certificateTitle(c: Pick<CertificateClaims, 'type' | 'occupation' | 'level'>): string {
  const level = c.level ? `（${c.level.name}）` : '';
  switch (c.type) {
    case 'skill_level':
    case 'qualification':
      return `${c.occupation.name}${level}${certificateTypeName(c.type)}`;
    default:
      return `${c.occupation.name}${certificateTypeName(c.type)}`;
  }
}

// ---------------------------------------------------------------------------------------------------
// The holder's ID number, hashed

export type HolderIdHash = {
  /** `sha256$` + lowercase hex of SHA-256(UTF-8(ID number + salt)), as OB 3.0 `IdentityHash`. */
  identityHash: string;
  /**
   * Published in the credential only if given here. With the masked number on the certificate the
   * hidden middle is just a birth date: anyone holding hash and salt recovers the full number in a few
   * thousand guesses. Keep the salt with the platform (and give it to the holder, who may disclose it
   * with their ID card to prove the certificate is theirs) rather than publishing it.
   */
  salt?: string;
};

const ID_NUMBER = /^\d{17}[\dX]$/;

/** Salted SHA-256 of a full ID number (trimmed, `x` upper-cased); a random 128-bit salt unless given. */
export function hashIdNumber(idNumber: string, salt: string = randomBytes(16).toString('base64url')): { identityHash: string; salt: string } {
  const id = idNumber.trim().toUpperCase();
  if (!ID_NUMBER.test(id)) throw new TypeError('Not an 18-character ID number');
  if (salt.length < 16) throw new TypeError('The salt must have at least 16 characters');
  return { identityHash: `sha256$${createHash('sha256').update(id + salt, 'utf8').digest('hex')}`, salt };
}

/** Whether `idNumber` is the one behind `hash` (constant-time comparison). */
export function identityHashMatches(idNumber: string, hash: { identityHash: string; salt: string }): boolean {
  const id = idNumber.trim().toUpperCase();
  if (!ID_NUMBER.test(id)) return false;
  const expected = Buffer.from(hashIdNumber(id, hash.salt).identityHash);
  const actual = Buffer.from(hash.identityHash.toLowerCase());
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

// ---------------------------------------------------------------------------------------------------
// The credential

export type Profile = {
  id: string;
  type: ['Profile'];
  name: string;
  url?: string;
  otherIdentifier?: { type: 'IdentifierEntry'; identifier: string; identifierType: string }[];
};

export type IdentityObject = { type: 'IdentityObject'; identityHash: string; identityType: 'nationalIdentityNumber'; hashed: true; salt?: string };

export type Achievement = {
  id: string;
  type: ['Achievement'];
  achievementType: string;
  name: string;
  description: string;
  criteria: { narrative: string };
  fieldOfStudy: string;
  humanCode: string;
  creator: Profile;
};

export type CertificateExtension = CertificateClaims & { typeName: string };

export type OpenBadgeCredential = {
  '@context': [typeof VC_V2_CONTEXT, typeof OB_V3_CONTEXT, Record<string, unknown>];
  id: string;
  type: ['VerifiableCredential', 'OpenBadgeCredential'];
  name: string;
  issuer: Profile;
  validFrom: string;
  credentialSubject: {
    id: string;
    type: ['AchievementSubject'];
    name: string;
    identifier?: IdentityObject[];
    licenseNumber: string;
    achievement: Achievement;
  };
  [EXTENSION]: CertificateExtension;
};

export type BuildOptions = {
  /** The platform's base URL, e.g. `https://jineng.example/`: the issuer id and the JWT `iss`. */
  issuerUrl: string;
  /**
   * The public verification URL of a certificate: the credential id, the QR code's target. The page
   * shows the full claims, so make it unguessable (a random token) rather than the sequential number.
   */
  verifyUrl: (number: string) => string;
  /** The signing organisation's display name; defaults to the platform's. */
  issuerName?: string;
  /** Salted hash of the holder's full ID number (`hashIdNumber`); without it the credential has no identifier. */
  holderIdHash?: HolderIdHash;
  /** `credentialSubject.id` (the JWT `sub`); defaults to a name-based UUID of the issuer and number. */
  subjectId?: string;
};

/** Builds the unsigned credential; throws `CertificateClaimsError` when the claims cannot be issued. */
export function buildCredential(claims: CertificateClaims, opts: BuildOptions): OpenBadgeCredential {
  const problems = issueProblems(claims);
  if (problems.length) throw new CertificateClaimsError(problems);
  const c = CertificateClaims.parse(claims); // a copy without stray members
  const base = baseUrl(opts.issuerUrl);
  const id = absoluteUrl(opts.verifyUrl(c.number), 'verifyUrl');
  const title = certificateTitle(c);

  const creator: Profile = {
    id: new URL(`organisations/${c.issuer.creditCode}`, base).href,
    type: ['Profile'],
    name: c.issuer.name,
    otherIdentifier: [{ type: 'IdentifierEntry', identifier: c.issuer.creditCode, identifierType: 'ext:USCC' }],
  };
  const levelPath = c.level ? `/${encodeURIComponent(c.level.code)}` : '';
  const achievement: Achievement = {
    id: new URL(`achievements/${c.type}/${encodeURIComponent(c.occupation.code)}${levelPath}`, base).href,
    type: ['Achievement'],
    achievementType: ACHIEVEMENT_TYPES[c.type],
    name: title,
    description: describe(c),
    criteria: { narrative: CRITERIA[c.type] },
    fieldOfStudy: c.occupation.name,
    humanCode: c.occupation.code,
    creator,
  };

  const identifier: IdentityObject[] | undefined = opts.holderIdHash ? [identityObject(opts.holderIdHash)] : undefined;
  const extension: CertificateExtension = { ...c, typeName: certificateTypeName(c.type) };

  return {
    '@context': [
      VC_V2_CONTEXT,
      OB_V3_CONTEXT,
      { jineng: new URL('ns/credentials#', base).href, [EXTENSION]: { '@id': EXTENSION, '@type': '@json' } },
    ],
    id,
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    name: title,
    issuer: { id: base, type: ['Profile'], name: opts.issuerName ?? PLATFORM_NAME, url: base },
    validFrom: `${c.issuedOn}T00:00:00+08:00`,
    credentialSubject: {
      id: opts.subjectId ?? nameBasedUuid(`${base}|${c.number}`),
      type: ['AchievementSubject'],
      name: c.holder.name,
      ...(identifier ? { identifier } : {}),
      licenseNumber: c.number,
      achievement,
    },
    [EXTENSION]: extension,
  };
}

const CRITERIA: Readonly<Record<CertificateType, string>> = {
  skill_level: '经备案的职业技能等级认定机构依据国家职业技能标准考核合格。',
  special_ability: '经人力资源社会保障部门备案的考核机构依据专项职业能力考核规范考核合格。',
  qualification: '经职业资格评价（职业技能鉴定）考核合格。',
  training_completion: '完成培训机构组织的全部培训课程并经考核合格。',
};

function describe(c: CertificateClaims): string {
  const level = c.level ? `，等级为${c.level.name}` : '';
  switch (c.type) {
    case 'skill_level':
      return `${c.issuer.name}核发的${c.occupation.name}职业技能等级证书${level}。`;
    case 'special_ability':
      return `${c.issuer.name}核发的${c.occupation.name}专项职业能力证书。`;
    case 'qualification':
      return `${c.issuer.name}核发的${c.occupation.name}职业资格证书${level}。`;
    case 'training_completion': {
      const t = c.training!;
      return `${t.institution}举办的“${t.className}”（${c.occupation.name}，${formatHours(t.hours)}学时）培训合格证书。`;
    }
  }
}

export function formatHours(hours: number): string {
  return Number.isInteger(hours) ? String(hours) : hours.toFixed(1).replace(/\.0$/, '');
}

function identityObject(h: HolderIdHash): IdentityObject {
  if (!/^sha256\$[0-9a-f]{64}$/.test(h.identityHash)) throw new TypeError('identityHash must be sha256$ + 64 lowercase hex digits (hashIdNumber)');
  return { type: 'IdentityObject', identityHash: h.identityHash, identityType: 'nationalIdentityNumber', hashed: true, ...(h.salt !== undefined ? { salt: h.salt } : {}) };
}

/** RFC 9562 version 8 UUID from SHA-256 of `name` (the name-based layout of its appendix B.2). */
function nameBasedUuid(name: string): string {
  const b = createHash('sha256').update(name, 'utf8').digest().subarray(0, 16);
  b[6] = (b[6]! & 0x0f) | 0x80;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = b.toString('hex');
  return `urn:uuid:${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

function baseUrl(raw: string): string {
  const url = new URL(absoluteUrl(raw, 'issuerUrl'));
  if (url.search || url.hash) throw new TypeError('issuerUrl must have no query or fragment');
  if (!url.pathname.endsWith('/')) url.pathname += '/';
  return url.href;
}

function absoluteUrl(raw: string, what: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new TypeError(`${what} must be an absolute URL, not ${JSON.stringify(raw)}`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new TypeError(`${what} must be an http(s) URL`);
  return url.href;
}

function isRealDate(s: string): boolean {
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

// ---------------------------------------------------------------------------------------------------
// Signing

/** Seconds since the epoch of `validFrom`. */
function validFromSeconds(credential: Pick<OpenBadgeCredential, 'validFrom'>): number {
  const ms = Date.parse(credential.validFrom);
  if (Number.isNaN(ms)) throw new TypeError(`validFrom ${JSON.stringify(credential.validFrom)} is not a date-time`);
  return Math.floor(ms / 1000);
}

/**
 * Signs the credential as a compact JWS (VC-JOSE-COSE): header `{ alg: EdDSA, typ: vc+jwt, kid }`,
 * payload the credential plus `iss` (issuer.id), `jti` (id), `sub` (credentialSubject.id), `nbf`
 * (validFrom) and `iat` (`now`). The signature is checked against the key's public value before it is
 * returned, so a stored key whose `d` and `x` disagree fails here, not at every verification.
 */
export async function signCredential(credential: OpenBadgeCredential, key: { kid: string; privateJwk: JWK }, opts: { now?: Date } = {}): Promise<string> {
  const jwk = key.privateJwk;
  if (jwk.kty !== 'OKP' || jwk.crv !== 'Ed25519' || typeof jwk.d !== 'string' || typeof jwk.x !== 'string') {
    throw new TypeError('The signing key must be a private Ed25519 JWK');
  }
  if (jwk.kid !== undefined && jwk.kid !== key.kid) throw new TypeError(`The key's JWK is ${jwk.kid}, not ${key.kid}`);
  if (!key.kid) throw new TypeError('The signing key has no kid');
  const now = opts.now ?? new Date();
  const mismatch = () => new Error(`Key ${key.kid}: the private key is invalid or does not match its public value x`);
  // Node's WebCrypto already refuses a JWK whose d and x disagree; the check after signing covers the rest.
  const privateKey = await importJWK({ kty: 'OKP', crv: 'Ed25519', x: jwk.x, d: jwk.d }, SIGNING_ALG).catch(() => {
    throw mismatch();
  });
  const jws = await new SignJWT({ ...credential } as unknown as JWTPayload)
    .setProtectedHeader({ alg: SIGNING_ALG, typ: JWT_TYPE, kid: key.kid })
    .setIssuer(credential.issuer.id)
    .setJti(credential.id)
    .setSubject(credential.credentialSubject.id)
    .setNotBefore(validFromSeconds(credential))
    .setIssuedAt(Math.floor(now.getTime() / 1000))
    .sign(privateKey);
  const publicKey = await importJWK({ kty: 'OKP', crv: 'Ed25519', x: jwk.x }, SIGNING_ALG);
  try {
    await compactVerify(jws, publicKey);
  } catch {
    throw mismatch();
  }
  return jws;
}

// ---------------------------------------------------------------------------------------------------
// Verification

export type VerificationFailure = 'malformed' | 'unknown_key' | 'bad_signature' | 'not_yet_valid';

export type VerificationResult =
  | { valid: true; credential: OpenBadgeCredential; kid: string; signedAt: Date | null }
  | { valid: false; reason: VerificationFailure };

const JWT_CLAIMS = ['iss', 'jti', 'sub', 'nbf', 'iat', 'exp'] as const;
const HEADER_MEMBERS = new Set(['alg', 'typ', 'kid']);
const SEGMENT = /^[A-Za-z0-9_-]+$/;

/**
 * Verifies a credential JWS against the platform's public keys (the JWKS, or its `keys`), with jose
 * and nothing else. Reasons, in the order checked:
 * - `malformed`: not three base64url segments, a header other than `{ alg: EdDSA, typ: vc+jwt, kid }`,
 *   or — signature valid — a payload that is not one of our credentials (claims disagreeing with it);
 * - `unknown_key`: no published key has the header's `kid`;
 * - `bad_signature`: the signature does not match header and payload — any change to the payload or
 *   header bytes, or a signature in a non-canonical encoding;
 * - `not_yet_valid`: `nbf` (the issue date, 00:00 Beijing time) is after `now`.
 */
export async function verifyCredential(jws: string, publicJwks: readonly JWK[] | Jwks, opts: { now?: Date } = {}): Promise<VerificationResult> {
  const fail = (reason: VerificationFailure): VerificationResult => ({ valid: false, reason });
  if (typeof jws !== 'string') return fail('malformed');
  const parts = jws.trim().split('.');
  if (parts.length !== 3 || !parts.every((p) => SEGMENT.test(p))) return fail('malformed');
  const token = parts.join('.');

  let header: ReturnType<typeof decodeProtectedHeader>;
  try {
    header = decodeProtectedHeader(token);
  } catch {
    return fail('malformed');
  }
  if (Object.keys(header).some((k) => !HEADER_MEMBERS.has(k))) return fail('malformed');
  if (header.alg !== SIGNING_ALG || header.typ !== JWT_TYPE || typeof header.kid !== 'string' || header.kid === '') return fail('malformed');

  const keySet = jwks(Array.isArray(publicJwks) ? publicJwks : (publicJwks as Jwks).keys);
  if (!keySet.keys.some((k) => k.kid === header.kid)) return fail('unknown_key');
  // base64url leaves 4 bits of the last character of a 64-byte signature unused; decoders ignore them,
  // so two strings would verify. Only the canonical one is accepted.
  if (Buffer.from(parts[2]!, 'base64url').toString('base64url') !== parts[2]) return fail('bad_signature');

  let payload: JWTPayload;
  try {
    ({ payload } = await jwtVerify(token, createLocalJWKSet(keySet), {
      algorithms: [SIGNING_ALG],
      typ: JWT_TYPE,
      requiredClaims: ['iss', 'jti', 'sub', 'nbf'],
      ...(opts.now ? { currentDate: opts.now } : {}),
    }));
  } catch (e) {
    if (e instanceof joseErrors.JWSSignatureVerificationFailed) return fail('bad_signature');
    if (e instanceof joseErrors.JWKSNoMatchingKey) return fail('unknown_key');
    if (e instanceof joseErrors.JWTClaimValidationFailed && e.claim === 'nbf') return fail('not_yet_valid');
    return fail('malformed');
  }

  const credential = credentialOf(payload);
  if (!credential) return fail('malformed');
  return { valid: true, credential, kid: header.kid, signedAt: typeof payload.iat === 'number' ? new Date(payload.iat * 1000) : null };
}

/** The credential inside a verified payload, or null when the payload is not one of ours. */
function credentialOf(payload: JWTPayload): OpenBadgeCredential | null {
  const p = payload as Record<string, unknown>;
  const ctx = p['@context'];
  const type = p.type;
  if (!Array.isArray(ctx) || ctx[0] !== VC_V2_CONTEXT || !ctx.includes(OB_V3_CONTEXT)) return null;
  if (!Array.isArray(type) || !type.includes('VerifiableCredential') || !type.includes('OpenBadgeCredential')) return null;
  const credential = Object.fromEntries(Object.entries(p).filter(([k]) => !(JWT_CLAIMS as readonly string[]).includes(k))) as unknown as OpenBadgeCredential;
  const issuer = credential.issuer as Partial<Profile> | undefined;
  const subject = credential.credentialSubject as Partial<OpenBadgeCredential['credentialSubject']> | undefined;
  if (!issuer || payload.iss !== issuer.id) return null;
  if (payload.jti !== credential.id) return null;
  if (!subject || payload.sub !== subject.id) return null;
  if (typeof credential.validFrom !== 'string' || payload.nbf !== Math.floor(Date.parse(credential.validFrom) / 1000)) return null;
  try {
    claimsOf(credential);
  } catch {
    return null;
  }
  return credential;
}

/**
 * The certificate's claims from a (verified) credential: the `jineng:certificate` extension, checked
 * for structure and against the OB fields that repeat it. Issuing rules are not re-applied, so a
 * certificate issued under older rules still reads. Throws when the credential is not one of ours.
 */
export function claimsOf(credential: OpenBadgeCredential): CertificateClaims {
  const ext = (credential as Partial<OpenBadgeCredential>)[EXTENSION];
  if (!ext || typeof ext !== 'object') throw new TypeError(`The credential has no ${EXTENSION}`);
  const { typeName: _typeName, ...rest } = ext;
  const claims = CertificateClaims.parse(rest);
  const subject = credential.credentialSubject;
  if (subject?.licenseNumber !== claims.number) throw new TypeError('licenseNumber differs from the certificate number');
  if (subject.name !== claims.holder.name) throw new TypeError("credentialSubject.name differs from the holder's name");
  if (credential.validFrom !== `${claims.issuedOn}T00:00:00+08:00`) throw new TypeError('validFrom differs from the issue date');
  if (subject.achievement?.creator?.name !== claims.issuer.name) throw new TypeError("the achievement's creator differs from the issuer");
  return claims;
}

// ---------------------------------------------------------------------------------------------------
// For the public verification page and API

export type Revocation = { reason: string; at: string };

export type CertificateCheck =
  | { status: 'valid'; claims: CertificateClaims; credential: OpenBadgeCredential; kid: string }
  | { status: 'revoked'; claims: CertificateClaims; credential: OpenBadgeCredential; kid: string; revocation: Revocation }
  | { status: 'invalid'; reason: VerificationFailure };

/**
 * What the verification page shows: `invalid` with the reason, or the full claims with `valid` or
 * `revoked` (the caller's revocation record, looked up by the certificate number of the verified
 * claims — never by anything unverified).
 */
export async function checkCertificate(
  jws: string,
  publicJwks: readonly JWK[] | Jwks,
  opts: { revocationOf?: (number: string) => Revocation | null | Promise<Revocation | null>; now?: Date } = {},
): Promise<CertificateCheck> {
  const result = await verifyCredential(jws, publicJwks, opts.now ? { now: opts.now } : {});
  if (!result.valid) return { status: 'invalid', reason: result.reason };
  const claims = claimsOf(result.credential);
  const revocation = opts.revocationOf ? await opts.revocationOf(claims.number) : null;
  const common = { claims, credential: result.credential, kid: result.kid };
  return revocation ? { status: 'revoked', ...common, revocation } : { status: 'valid', ...common };
}
