import { generateKeyPairSync } from 'node:crypto';
import { calculateJwkThumbprint, type JWK } from 'jose';

/**
 * Ed25519 signing keys for electronic certificates.
 *
 * A key is a pair of JWKs (RFC 7517/8037: `kty: OKP`, `crv: Ed25519`) named by its `kid`, the RFC 7638
 * SHA-256 thumbprint of the public key. This module only makes and publishes keys; storing them
 * (encrypted) and choosing the active one is the caller's. Rotation: sign with the newest key, keep
 * publishing every retired public key in the JWKS so certificates signed with it still verify; drop a
 * key from the JWKS only to repudiate everything it signed (e.g. after a compromise).
 */

/** The JWS algorithm of every platform signature (RFC 8037 EdDSA over Ed25519). */
export const SIGNING_ALG = 'EdDSA';

export type SigningKey = {
  kid: string;
  /** Secret: `{ kty, crv, x, d, kid }`. */
  privateJwk: JWK;
  /** `{ kty, crv, x, kid, alg, use }`. */
  publicJwk: JWK;
};

/** Public JWK as published: only these members, whatever the input carried. */
export type PublishedJwk = { kty: 'OKP'; crv: 'Ed25519'; x: string; kid: string; alg: typeof SIGNING_ALG; use: 'sig' };

export type Jwks = { keys: PublishedJwk[] };

/** 32 bytes, base64url without padding. */
const X_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/** Makes a new Ed25519 key pair. */
export async function generateSigningKey(): Promise<SigningKey> {
  const { privateKey } = generateKeyPairSync('ed25519');
  const jwk = privateKey.export({ format: 'jwk' }) as JWK;
  if (jwk.kty !== 'OKP' || jwk.crv !== 'Ed25519' || typeof jwk.x !== 'string' || typeof jwk.d !== 'string') {
    throw new Error('node:crypto exported an unexpected Ed25519 JWK');
  }
  const kid = await kidOf(jwk);
  return {
    kid,
    privateJwk: { kty: 'OKP', crv: 'Ed25519', x: jwk.x, d: jwk.d, kid },
    publicJwk: publish({ kty: 'OKP', crv: 'Ed25519', x: jwk.x, kid }),
  };
}

/** RFC 7638 thumbprint (SHA-256, base64url) of the public part of an Ed25519 JWK. */
export async function kidOf(jwk: JWK): Promise<string> {
  if (jwk.kty !== 'OKP' || jwk.crv !== 'Ed25519' || typeof jwk.x !== 'string' || !X_PATTERN.test(jwk.x)) {
    throw new TypeError('Not an Ed25519 JWK');
  }
  return calculateJwkThumbprint({ kty: 'OKP', crv: 'Ed25519', x: jwk.x }, 'sha256');
}

/** The publishable public JWK of a stored key (private or public), `kid` taken from the JWK or computed. */
export async function publicJwkOf(jwk: JWK): Promise<PublishedJwk> {
  const kid = typeof jwk.kid === 'string' && jwk.kid !== '' ? jwk.kid : await kidOf(jwk);
  return publish({ ...jwk, kid });
}

/**
 * The JSON Web Key Set to serve at `/.well-known/jwks.json`: every public key that may have signed a
 * certificate still held as valid (the active one and the retired ones). Each key is reduced to its
 * public members, so a private JWK passed by mistake publishes only its public half. Throws on a key
 * that is not Ed25519, lacks a `kid`, or repeats a `kid`.
 */
export function jwks(publicJwks: readonly JWK[]): Jwks {
  const seen = new Set<string>();
  const keys = publicJwks.map((jwk) => {
    const key = publish(jwk);
    if (seen.has(key.kid)) throw new Error(`Two keys share the kid ${key.kid}`);
    seen.add(key.kid);
    return key;
  });
  return { keys };
}

function publish(jwk: JWK): PublishedJwk {
  if (jwk.kty !== 'OKP' || jwk.crv !== 'Ed25519') throw new TypeError('Only Ed25519 (OKP) keys are supported');
  if (typeof jwk.x !== 'string' || !X_PATTERN.test(jwk.x)) throw new TypeError('The key has no valid public value x');
  if (typeof jwk.kid !== 'string' || jwk.kid === '') throw new TypeError('The key has no kid');
  if (jwk.alg !== undefined && jwk.alg !== SIGNING_ALG && jwk.alg !== 'Ed25519') throw new TypeError(`The key is for ${jwk.alg}, not EdDSA`);
  if (jwk.use !== undefined && jwk.use !== 'sig') throw new TypeError('The key is not a signing key');
  return { kty: 'OKP', crv: 'Ed25519', x: jwk.x, kid: jwk.kid, alg: SIGNING_ALG, use: 'sig' };
}
