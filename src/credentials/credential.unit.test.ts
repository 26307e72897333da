import { createHash } from 'node:crypto';
import { SignJWT, createLocalJWKSet, decodeProtectedHeader, importJWK, jwtVerify } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  ACHIEVEMENT_TYPES,
  CertificateClaimsError,
  EXTENSION,
  OB_V3_CONTEXT,
  VC_V2_CONTEXT,
  buildCredential,
  checkCertificate,
  claimsOf,
  hashIdNumber,
  identityHashMatches,
  issueProblems,
  signCredential,
  verifyCredential,
  type BuildOptions,
  type CertificateClaims,
} from './credential.ts';
import { generateSigningKey, jwks, type SigningKey } from './keys.ts';

const FULL_ID = '140802198807162346';
const SALT = 'c2FsdC1mb3ItdGVzdHM';
const NOW = new Date('2021-01-05T02:00:00Z');

const skill: CertificateClaims = {
  number: 'S000014140802204000123',
  type: 'skill_level',
  holder: { name: '张晓燕', idNumberMasked: '140802********2346' },
  occupation: { code: '6-31-01-03', name: '电工' },
  level: { code: '4', name: '四级/中级工' },
  issuedOn: '2020-09-30',
  issuer: { name: '运城市新时代职业技能等级认定中心', creditCode: '52140800MJY123458Y' },
};

const training: CertificateClaims = {
  number: 'YC-PX-2020-000123',
  type: 'training_completion',
  holder: { name: '买买提·艾力', idNumberMasked: '140821********301X' },
  occupation: { code: '4-10-01-06', name: '家政服务员' },
  level: null,
  issuedOn: '2020-11-20',
  issuer: { name: '永济市新时代职业培训学校有限公司', creditCode: '91140802MA0K123489' },
  training: { className: '2020年家政服务员第12期就业技能培训班', institution: '永济市新时代职业培训学校有限公司', hours: 64 },
};

const special: CertificateClaims = {
  number: 'YC-ZX-2020-000045',
  type: 'special_ability',
  holder: { name: '李强', idNumberMasked: '140881********1234' },
  occupation: { code: 'ZX-14-0031', name: '中式面点制作' },
  level: null,
  issuedOn: '2020-07-08',
  issuer: { name: '运城市职业技能鉴定中心', creditCode: '12140800406100001H' },
};

const qualification: CertificateClaims = {
  number: '2014080000000123',
  type: 'qualification',
  holder: { name: '王建国', idNumberMasked: '140882********0017' },
  occupation: { code: '6-18-02-04', name: '焊工' },
  level: { code: '3', name: '三级/高级工' },
  issuedOn: '2020-06-01',
  issuer: { name: '运城市职业技能鉴定中心', creditCode: '12140800406100001H' },
};

const opts: BuildOptions = {
  issuerUrl: 'https://jineng.example/',
  verifyUrl: (n) => `https://jineng.example/verify/${n}`,
  holderIdHash: { identityHash: hashIdNumber(FULL_ID, SALT).identityHash },
};

const b64 = {
  decode: (s: string) => JSON.parse(Buffer.from(s, 'base64url').toString('utf8')) as Record<string, unknown>,
  encode: (o: unknown) => Buffer.from(JSON.stringify(o), 'utf8').toString('base64url'),
};

let keyA: SigningKey;
let keyB: SigningKey;
beforeAll(async () => {
  keyA = await generateSigningKey();
  keyB = await generateSigningKey();
});

describe('the credential JSON', () => {
  it('is an Open Badges 3.0 OpenBadgeCredential in the VC 2.0 data model', () => {
    const c = buildCredential(skill, opts);
    expect(c['@context'].slice(0, 2)).toEqual([VC_V2_CONTEXT, OB_V3_CONTEXT]);
    expect(c['@context'][2]).toEqual({ jineng: 'https://jineng.example/ns/credentials#', [EXTENSION]: { '@id': EXTENSION, '@type': '@json' } });
    expect(c.type).toEqual(['VerifiableCredential', 'OpenBadgeCredential']);
    expect(c.id).toBe('https://jineng.example/verify/S000014140802204000123');
    expect(c.name).toBe('电工（四级/中级工）职业技能等级证书');
    expect(c.issuer).toEqual({ id: 'https://jineng.example/', type: ['Profile'], name: '运城市职业技能提升培训管理平台', url: 'https://jineng.example/' });
    expect(c.validFrom).toBe('2020-09-30T00:00:00+08:00');
    expect(Date.parse(c.validFrom)).toBe(Date.parse('2020-09-29T16:00:00Z'));

    const s = c.credentialSubject;
    expect(s.type).toEqual(['AchievementSubject']);
    expect(s.id).toMatch(/^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(s.name).toBe('张晓燕');
    expect(s.licenseNumber).toBe('S000014140802204000123');
    expect(s.identifier).toEqual([{ type: 'IdentityObject', identityHash: hashIdNumber(FULL_ID, SALT).identityHash, identityType: 'nationalIdentityNumber', hashed: true }]);

    const a = s.achievement;
    expect(a).toMatchObject({
      id: 'https://jineng.example/achievements/skill_level/6-31-01-03/4',
      type: ['Achievement'],
      achievementType: 'Certificate',
      name: '电工（四级/中级工）职业技能等级证书',
      fieldOfStudy: '电工',
      humanCode: '6-31-01-03',
      creator: {
        id: 'https://jineng.example/organisations/52140800MJY123458Y',
        type: ['Profile'],
        name: '运城市新时代职业技能等级认定中心',
        otherIdentifier: [{ type: 'IdentifierEntry', identifier: '52140800MJY123458Y', identifierType: 'ext:USCC' }],
      },
    });
    expect(a.description).toContain('四级/中级工');
    expect(a.criteria.narrative.length).toBeGreaterThan(5);

    expect(c[EXTENSION]).toEqual({ ...skill, typeName: '职业技能等级证书' });
    expect(JSON.parse(JSON.stringify(c))).toEqual(c); // plain JSON, nothing lost
  });

  it('names each certificate type and picks its achievementType', () => {
    expect(buildCredential(training, opts).name).toBe('家政服务员培训合格证书');
    expect(buildCredential(special, opts).name).toBe('中式面点制作专项职业能力证书');
    expect(buildCredential(qualification, opts).name).toBe('焊工（三级/高级工）职业资格证书');
    for (const claims of [skill, training, special, qualification]) {
      expect(buildCredential(claims, opts).credentialSubject.achievement.achievementType).toBe(ACHIEVEMENT_TYPES[claims.type]);
    }
    expect(buildCredential(training, opts).credentialSubject.achievement.description).toContain('64学时');
    expect(buildCredential(special, opts).credentialSubject.achievement.id).toBe('https://jineng.example/achievements/special_ability/ZX-14-0031');
  });

  it('never contains the full ID number, and publishes no salt unless asked', async () => {
    const c = buildCredential(skill, opts);
    const jws = await signCredential(c, keyA, { now: NOW });
    for (const text of [JSON.stringify(c), Buffer.from(jws.split('.')[1]!, 'base64url').toString('utf8'), jws]) {
      expect(text).not.toContain(FULL_ID);
      expect(text).not.toContain(FULL_ID.slice(6, 14)); // the birth date the mask hides
      expect(text).not.toContain(SALT);
    }
    expect(JSON.stringify(c)).toContain('140802********2346');
    expect(c.credentialSubject.identifier![0]).not.toHaveProperty('salt');
    expect(buildCredential(skill, { ...opts, holderIdHash: undefined }).credentialSubject).not.toHaveProperty('identifier');
  });

  it('shows why the salt stays unpublished: with the masked number, hash and salt give the ID away', () => {
    const published = buildCredential(skill, { ...opts, holderIdHash: hashIdNumber(FULL_ID, SALT) });
    const { identityHash, salt } = published.credentialSubject.identifier![0]!;
    expect(salt).toBe(SALT);
    // The mask hides only the birth date: try every day from 1930 on.
    const [head, tail] = ['140802', '2346'];
    let found: string | null = null;
    let guesses = 0;
    for (let day = new Date(Date.UTC(1930, 0, 1)); day.getUTCFullYear() < 2010 && !found; day = new Date(day.getTime() + 86_400_000)) {
      const candidate = head + day.toISOString().slice(0, 10).replaceAll('-', '') + tail;
      guesses++;
      if (`sha256$${createHash('sha256').update(candidate + salt).digest('hex')}` === identityHash) found = candidate;
    }
    expect(found).toBe(FULL_ID);
    expect(guesses).toBeLessThan(30_000);
  });

  it('hashes the ID number as OB 3.0 IdentityHash and checks a presented number', () => {
    const h = hashIdNumber(FULL_ID, SALT);
    expect(h.identityHash).toBe(`sha256$${createHash('sha256').update(FULL_ID + SALT).digest('hex')}`);
    expect(hashIdNumber(` ${FULL_ID.slice(0, 17)}x`, SALT)).toEqual(hashIdNumber(`${FULL_ID.slice(0, 17)}X`, SALT)); // X upper-cased
    expect(hashIdNumber(FULL_ID).salt).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(hashIdNumber(FULL_ID).identityHash).not.toBe(hashIdNumber(FULL_ID).identityHash); // random salts
    expect(identityHashMatches(FULL_ID, h)).toBe(true);
    expect(identityHashMatches('140802198807162354', h)).toBe(false);
    expect(identityHashMatches('not an id', h)).toBe(false);
    expect(() => hashIdNumber('1408021988')).toThrow(/ID number/);
    expect(() => hashIdNumber(FULL_ID, 'short')).toThrow(/salt/);
    expect(() => buildCredential(skill, { ...opts, holderIdHash: { identityHash: FULL_ID } })).toThrow(/sha256/);
  });

  it('refuses claims that cannot be issued, listing every problem', () => {
    const problems = (claims: unknown) => issueProblems(claims).map((p) => p.path);
    expect(problems(skill)).toEqual([]);
    expect(problems(training)).toEqual([]);
    expect(problems(special)).toEqual([]);
    expect(problems(qualification)).toEqual([]);
    expect(problems({ ...skill, holder: { ...skill.holder, idNumberMasked: FULL_ID } })).toEqual(['holder.idNumberMasked']);
    expect(problems({ ...skill, level: { code: '3', name: '三级/高级工' } })).toEqual(['number']); // the number says 4
    expect(problems({ ...skill, issuedOn: '2021-01-04' })).toEqual(['number']); // the number says 2020
    expect(problems({ ...skill, level: { code: '4', name: '中级' } })).toEqual(['level.name']);
    expect(problems({ ...skill, level: null })).toEqual(['level']);
    expect(problems({ ...skill, number: 'YC-ZX-2020-000001' })).toEqual(['number']);
    expect(problems({ ...special, level: { code: '4', name: '四级/中级工' } })).toEqual(['level']);
    expect(problems({ ...special, number: 'YC-PX-2020-000045' })).toEqual(['number']);
    expect(problems({ ...training, training: undefined })).toEqual(['training']);
    expect(problems({ ...skill, issuer: { ...skill.issuer, creditCode: '52140800MJY123450Y' } })).toEqual(['issuer.creditCode']);
    expect(problems({ ...skill, issuedOn: '2020-02-30' })).toContain('issuedOn');
    expect(problems({ ...skill, holder: { ...skill.holder, name: ' 张晓燕' } })).toEqual(['holder.name']);
    expect(problems({ ...skill, extra: 1 })).toEqual(['(claims)']);
    expect(() => buildCredential({ ...skill, level: null }, opts)).toThrow(CertificateClaimsError);
    expect(() => buildCredential(skill, { ...opts, issuerUrl: 'jineng.example' })).toThrow(/issuerUrl/);
    expect(() => buildCredential(skill, { ...opts, verifyUrl: () => '/verify/1' })).toThrow(/verifyUrl/);
  });

  it('gives back the claims it was built from', () => {
    for (const claims of [skill, training, special, qualification]) expect(claimsOf(buildCredential(claims, opts))).toEqual(claims);
    const c = buildCredential(skill, opts);
    expect(() => claimsOf({ ...c, credentialSubject: { ...c.credentialSubject, licenseNumber: 'S000014140802204000124' } })).toThrow(/licenseNumber/);
  });
});

describe('signing and verifying', () => {
  it('round-trips: the JWS verifies and carries the credential', async () => {
    const c = buildCredential(skill, opts);
    const jws = await signCredential(c, keyA, { now: NOW });
    expect(decodeProtectedHeader(jws)).toEqual({ alg: 'EdDSA', typ: 'vc+jwt', kid: keyA.kid });
    const payload = b64.decode(jws.split('.')[1]!);
    expect(payload).toMatchObject({ iss: c.issuer.id, jti: c.id, sub: c.credentialSubject.id, nbf: Date.parse(c.validFrom) / 1000, iat: NOW.getTime() / 1000 });

    const result = await verifyCredential(jws, [keyA.publicJwk], { now: NOW });
    expect(result).toEqual({ valid: true, credential: c, kid: keyA.kid, signedAt: NOW });
    if (result.valid) expect(claimsOf(result.credential)).toEqual(skill);
    expect((await verifyCredential(jws, jwks([keyA.publicJwk]))).valid).toBe(true); // a JWKS, and the real clock
  });

  it('verifies with jose alone against the published JWKS, as an outside party would', async () => {
    const jws = await signCredential(buildCredential(training, opts), keyA, { now: NOW });
    const published = JSON.parse(JSON.stringify(jwks([keyB.publicJwk, keyA.publicJwk])));
    const { payload, protectedHeader } = await jwtVerify(jws, createLocalJWKSet(published), { algorithms: ['EdDSA'], typ: 'vc+jwt', issuer: 'https://jineng.example/' });
    expect(protectedHeader.kid).toBe(keyA.kid);
    expect((payload[EXTENSION] as CertificateClaims).holder.name).toBe('买买提·艾力');
  });

  it('detects a changed level: decoded, edited, re-encoded without re-signing → bad_signature', async () => {
    const jws = await signCredential(buildCredential(skill, opts), keyA, { now: NOW });
    const [header, body, signature] = jws.split('.') as [string, string, string];
    const payload = b64.decode(body) as { [EXTENSION]: CertificateClaims; name: string };
    payload[EXTENSION].level = { code: '2', name: '二级/技师' };
    payload.name = '电工（二级/技师）职业技能等级证书';
    const forged = [header, b64.encode(payload), signature].join('.');
    expect(await verifyCredential(forged, [keyA.publicJwk], { now: NOW })).toEqual({ valid: false, reason: 'bad_signature' });
  });

  it('detects a change to any single character of the payload', async () => {
    const jws = await signCredential(buildCredential(special, opts), keyA, { now: NOW });
    const [header, body, signature] = jws.split('.') as [string, string, string];
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const reasons = new Set<string>();
    for (let i = 0; i < body.length; i++) {
      const replacement = alphabet[(alphabet.indexOf(body[i]!) + 1 + (i % 63)) % 64]!;
      const changed = body.slice(0, i) + replacement + body.slice(i + 1);
      const result = await verifyCredential(`${header}.${changed}.${signature}`, [keyA.publicJwk], { now: NOW });
      reasons.add(result.valid ? 'valid' : result.reason);
    }
    expect([...reasons]).toEqual(['bad_signature']);
  });

  it('detects a changed or re-encoded signature', async () => {
    const jws = await signCredential(buildCredential(skill, opts), keyA, { now: NOW });
    const [header, body, signature] = jws.split('.') as [string, string, string];
    const last = signature.at(-1)!;
    // The last character of a 64-byte signature carries 2 bits; its 4 unused bits change nothing in the bytes.
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const sameBytes = alphabet[(alphabet.indexOf(last) & 0b110000) | ((alphabet.indexOf(last) + 1) & 0b001111)]!;
    expect(Buffer.from(signature.slice(0, -1) + sameBytes, 'base64url')).toEqual(Buffer.from(signature, 'base64url'));
    expect(await verifyCredential(`${header}.${body}.${signature.slice(0, -1)}${sameBytes}`, [keyA.publicJwk], { now: NOW })).toEqual({ valid: false, reason: 'bad_signature' });
    const flipped = (signature[0] === 'A' ? 'B' : 'A') + signature.slice(1);
    expect(await verifyCredential(`${header}.${body}.${flipped}`, [keyA.publicJwk], { now: NOW })).toEqual({ valid: false, reason: 'bad_signature' });
  });

  it('refuses a signature by another key under the platform kid, and an unknown kid', async () => {
    const c = buildCredential(skill, opts);
    const impostor = await generateSigningKey();
    const forged = await signCredential(c, { kid: keyA.kid, privateJwk: { ...impostor.privateJwk, kid: keyA.kid } }, { now: NOW }).catch((e: Error) => e);
    // signCredential checks the key against its own x, which here is the impostor's: it signs.
    expect(typeof forged).toBe('string');
    expect(await verifyCredential(forged as string, [keyA.publicJwk], { now: NOW })).toEqual({ valid: false, reason: 'bad_signature' });

    const own = await signCredential(c, impostor, { now: NOW });
    expect(await verifyCredential(own, [keyA.publicJwk, keyB.publicJwk], { now: NOW })).toEqual({ valid: false, reason: 'unknown_key' });
    expect(await verifyCredential(own, [], { now: NOW })).toEqual({ valid: false, reason: 'unknown_key' });
  });

  it('keeps verifying old certificates after a key rotation', async () => {
    const old = await signCredential(buildCredential(skill, opts), keyA, { now: NOW });
    const fresh = await signCredential(buildCredential(training, opts), keyB, { now: NOW });
    const afterRotation = [keyB.publicJwk, keyA.publicJwk]; // keyB active, keyA retired but published
    expect(await verifyCredential(old, afterRotation, { now: NOW })).toMatchObject({ valid: true, kid: keyA.kid });
    expect(await verifyCredential(fresh, afterRotation, { now: NOW })).toMatchObject({ valid: true, kid: keyB.kid });
    // Only withdrawing keyA from the JWKS repudiates what it signed.
    expect(await verifyCredential(old, [keyB.publicJwk], { now: NOW })).toEqual({ valid: false, reason: 'unknown_key' });
    expect(await verifyCredential(fresh, [keyA.publicJwk], { now: NOW })).toEqual({ valid: false, reason: 'unknown_key' });
  });

  it('is not valid before the issue date (Beijing midnight)', async () => {
    const jws = await signCredential(buildCredential(skill, opts), keyA, { now: new Date('2020-09-01T00:00:00Z') });
    expect(await verifyCredential(jws, [keyA.publicJwk], { now: new Date('2020-09-29T15:59:59Z') })).toEqual({ valid: false, reason: 'not_yet_valid' });
    expect((await verifyCredential(jws, [keyA.publicJwk], { now: new Date('2020-09-29T16:00:00Z') })).valid).toBe(true);
  });

  it('reports anything that is not one of our credential JWSs as malformed', async () => {
    const jws = await signCredential(buildCredential(skill, opts), keyA, { now: NOW });
    const [header, body, signature] = jws.split('.') as [string, string, string];
    const check = (token: string) => verifyCredential(token, [keyA.publicJwk], { now: NOW });
    for (const token of ['', 'abc', `${header}.${body}`, `${header}.${body}.${signature}.x`, `${header}.${body}.${signature}=`, `!${header}.${body}.${signature}`]) {
      expect(await check(token)).toEqual({ valid: false, reason: 'malformed' });
    }
    const withHeader = (h: Record<string, unknown>) => `${b64.encode(h)}.${body}.${signature}`;
    expect(await check(withHeader({ alg: 'none', typ: 'vc+jwt', kid: keyA.kid }))).toEqual({ valid: false, reason: 'malformed' });
    expect(await check(withHeader({ alg: 'EdDSA', typ: 'JWT', kid: keyA.kid }))).toEqual({ valid: false, reason: 'malformed' });
    expect(await check(withHeader({ alg: 'EdDSA', typ: 'vc+jwt' }))).toEqual({ valid: false, reason: 'malformed' });
    expect(await check(withHeader({ alg: 'EdDSA', typ: 'vc+jwt', kid: keyA.kid, jwk: keyB.publicJwk }))).toEqual({ valid: false, reason: 'malformed' });
    expect(await check(`${header}x.${body}.${signature}`)).toEqual({ valid: false, reason: 'malformed' });

    // Validly signed by the platform key, but not a certificate credential.
    const key = await importJWK(keyA.privateJwk, 'EdDSA');
    const other = await new SignJWT({ hello: 'world' }).setProtectedHeader({ alg: 'EdDSA', typ: 'vc+jwt', kid: keyA.kid }).setIssuer('https://jineng.example/').setJti('x').setSubject('y').setNotBefore(0).sign(key);
    expect(await check(other)).toEqual({ valid: false, reason: 'malformed' });
    // A credential whose JWT claims disagree with it.
    const c = buildCredential(skill, opts);
    const mismatched = await new SignJWT({ ...c })
      .setProtectedHeader({ alg: 'EdDSA', typ: 'vc+jwt', kid: keyA.kid })
      .setIssuer('https://elsewhere.example/')
      .setJti(c.id)
      .setSubject(c.credentialSubject.id)
      .setNotBefore(Date.parse(c.validFrom) / 1000)
      .sign(key);
    expect(await check(mismatched)).toEqual({ valid: false, reason: 'malformed' });
  });

  it('refuses to sign with a key whose private and public halves disagree', async () => {
    const c = buildCredential(skill, opts);
    await expect(signCredential(c, { kid: keyA.kid, privateJwk: { ...keyA.privateJwk, x: keyB.privateJwk.x } })).rejects.toThrow(/does not match its public value/);
    await expect(signCredential(c, { kid: keyA.kid, privateJwk: keyA.publicJwk })).rejects.toThrow(/private Ed25519/);
    await expect(signCredential(c, { kid: keyB.kid, privateJwk: keyA.privateJwk })).rejects.toThrow(/not/);
  });
});

describe('checkCertificate', () => {
  it('shows the full claims with valid or revoked, and only a reason when invalid', async () => {
    const jws = await signCredential(buildCredential(skill, opts), keyA, { now: NOW });
    const revocations = new Map([['S000014140802204000123', { reason: '认定考核材料弄虚作假', at: '2021-03-01' }]]);
    const revoked = await checkCertificate(jws, [keyA.publicJwk], { now: NOW, revocationOf: (n) => revocations.get(n) ?? null });
    expect(revoked).toMatchObject({ status: 'revoked', claims: skill, kid: keyA.kid, revocation: { reason: '认定考核材料弄虚作假', at: '2021-03-01' } });
    expect(await checkCertificate(jws, [keyA.publicJwk], { now: NOW, revocationOf: async () => null })).toMatchObject({ status: 'valid', claims: skill });
    expect(await checkCertificate(jws, [keyB.publicJwk], { now: NOW })).toEqual({ status: 'invalid', reason: 'unknown_key' });
  });
});
