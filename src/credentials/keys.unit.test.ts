import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { generateSigningKey, jwks, kidOf, publicJwkOf } from './keys.ts';

describe('generateSigningKey', () => {
  it('makes an Ed25519 pair named by its RFC 7638 thumbprint', async () => {
    const key = await generateSigningKey();
    expect(key.privateJwk).toMatchObject({ kty: 'OKP', crv: 'Ed25519', kid: key.kid });
    expect(typeof key.privateJwk.d).toBe('string');
    expect(key.publicJwk).toEqual({ kty: 'OKP', crv: 'Ed25519', x: key.privateJwk.x, kid: key.kid, alg: 'EdDSA', use: 'sig' });
    // RFC 7638 §3: SHA-256 over the required members in lexicographic order, no whitespace.
    const canonical = JSON.stringify({ crv: 'Ed25519', kty: 'OKP', x: key.publicJwk.x });
    expect(key.kid).toBe(createHash('sha256').update(canonical).digest('base64url'));
    expect((await generateSigningKey()).kid).not.toBe(key.kid);
  });

  it('computes the RFC 8037 appendix A.3 thumbprint', async () => {
    expect(await kidOf({ kty: 'OKP', crv: 'Ed25519', x: '11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo' })).toBe('kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k');
  });
});

describe('jwks', () => {
  it('publishes alg, use and kid for every key, and only public members', async () => {
    const a = await generateSigningKey();
    const b = await generateSigningKey();
    const set = jwks([a.publicJwk, b.privateJwk]);
    expect(set.keys.map((k) => k.kid)).toEqual([a.kid, b.kid]);
    for (const k of set.keys) {
      expect(Object.keys(k).sort()).toEqual(['alg', 'crv', 'kid', 'kty', 'use', 'x']);
      expect(k).toMatchObject({ alg: 'EdDSA', use: 'sig', kty: 'OKP', crv: 'Ed25519' });
    }
    expect(JSON.stringify(set)).not.toContain(b.privateJwk.d!);
  });

  it('refuses keys it cannot publish', async () => {
    const a = await generateSigningKey();
    expect(() => jwks([a.publicJwk, a.publicJwk])).toThrow(/share the kid/);
    expect(() => jwks([{ ...a.publicJwk, kid: undefined }])).toThrow(/kid/);
    expect(() => jwks([{ kty: 'EC', crv: 'P-256', x: 'x', y: 'y', kid: 'k' }])).toThrow(/Ed25519/);
    expect(() => jwks([{ ...a.publicJwk, x: 'short' }])).toThrow(/x/);
    expect(() => jwks([{ ...a.publicJwk, use: 'enc' }])).toThrow(/signing/);
    expect(jwks([])).toEqual({ keys: [] });
  });

  it('derives the public JWK of a stored key', async () => {
    const a = await generateSigningKey();
    expect(await publicJwkOf(a.privateJwk)).toEqual(a.publicJwk);
    const { kid: _kid, ...withoutKid } = a.privateJwk;
    expect(await publicJwkOf(withoutKid)).toEqual(a.publicJwk);
  });
});
