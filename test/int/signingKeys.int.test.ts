import { createLocalJWKSet, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCredential, signCredential, verifyCredential } from '../../src/credentials/credential.ts';
import { makeSigningKeys } from '../../src/usecases/signingKeys.ts';
import { testDbKind } from '../support/db.ts';
import { startTestApp, type TestApp } from '../support/app.ts';

describe(`certificate signing keys on ${testDbKind()}`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('creates one key, seals its private half, publishes the JWKS, and keeps retired keys verifying', async () => {
    const keys = makeSigningKeys({ db: t.database.db, clock: t.clock, pii: t.pii });
    expect((await t.app.inject({ method: 'GET', url: '/.well-known/jwks.json' })).json()).toEqual({ keys: [] });
    const first = await keys.active();
    expect((await keys.active()).kid).toBe(first.kid);
    const row = await t.database.db.selectFrom('signing_keys').selectAll().executeTakeFirstOrThrow();
    expect(row.private_jwk_sealed.toString('latin1')).not.toContain(String(first.privateJwk.d));

    const res = await t.app.inject({ method: 'GET', url: '/.well-known/jwks.json' });
    expect(res.statusCode).toBe(200);
    expect(res.json().keys).toEqual([{ kty: 'OKP', crv: 'Ed25519', x: first.publicJwk.x, kid: first.kid, alg: 'EdDSA', use: 'sig' }]);
    expect(JSON.stringify(res.json())).not.toContain('"d"');

    const credential = buildCredential(
      {
        number: 'YC-PX-2020-000001',
        type: 'training_completion',
        holder: { name: '王晓燕', idNumberMasked: '140821********2468' },
        occupation: { code: '4-10-01-06', name: '家政服务员' },
        level: null,
        issuedOn: '2020-06-30',
        issuer: { name: '临猗县新星职业培训学校', creditCode: '52140800MJY123458Y' },
        training: { className: '家政服务员培训班', institution: '临猗县新星职业培训学校', hours: 80 },
      },
      { issuerUrl: 'https://jineng.example/', verifyUrl: () => 'https://jineng.example/verify/abc' },
    );
    const jws = await signCredential(credential, first);
    const rotated = await keys.rotate();
    expect(rotated.kid).not.toBe(first.kid);
    const published = (await t.app.inject({ method: 'GET', url: '/.well-known/jwks.json' })).json();
    expect(published.keys.map((k: { kid: string }) => k.kid).sort()).toEqual([first.kid, rotated.kid].sort());
    // Anyone verifies offline with a standard library and the published JWKS.
    const { payload } = await jwtVerify(jws, createLocalJWKSet(published), { algorithms: ['EdDSA'] });
    expect(payload.type).toEqual(['VerifiableCredential', 'OpenBadgeCredential']);
    expect((await verifyCredential(jws, published)).valid).toBe(true);
    const audit = await t.database.db.selectFrom('audit_log').select('action').where('action', 'like', 'keys.%').execute();
    expect(audit.map((a) => a.action)).toEqual(['keys.create', 'keys.rotate']);
  });
});
