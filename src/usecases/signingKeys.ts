import type { JWK } from 'jose';
import { generateSigningKey, jwks, type Jwks, type SigningKey } from '../credentials/keys.ts';
import { findActiveSigningKey, insertActiveSigningKey, listSigningKeys, retireActiveSigningKey } from '../db/repositories/signingKeys.ts';
import type { PiiCipher } from '../security/pii.ts';
import { systemContext, type Clock, type Db } from './context.ts';
import { writeWithAudit } from './tx.ts';

type Deps = { db: Db; clock: Clock; pii: PiiCipher };

/**
 * The certificate signing key (seed §9 电子证书). The first call creates an Ed25519 key (private half
 * sealed with the master key); later calls return the active one. Rotating retires the active key:
 * it signs nothing more but stays in the JWKS, so what it signed still verifies.
 */
export function makeSigningKeys(deps: Deps) {
  const unseal = (row: { kid: string; public_jwk: Record<string, unknown>; private_jwk_sealed: Buffer }): SigningKey => ({
    kid: row.kid,
    publicJwk: row.public_jwk as JWK,
    privateJwk: JSON.parse(deps.pii.decrypt(row.private_jwk_sealed)) as JWK,
  });

  async function create(reason: 'first_use' | 'rotation'): Promise<SigningKey> {
    const key = await generateSigningKey();
    await writeWithAudit(deps, systemContext('keys'), async (trx, now) => {
      if (reason === 'rotation') await retireActiveSigningKey(trx, now);
      await insertActiveSigningKey(trx, { kid: key.kid, publicJwk: JSON.stringify(key.publicJwk), privateJwkSealed: deps.pii.encrypt(JSON.stringify(key.privateJwk)), now });
      return { result: undefined, audit: { action: reason === 'rotation' ? 'keys.rotate' : 'keys.create', targetType: 'signing_key', targetId: key.kid } };
    });
    return key;
  }

  return {
    async active(): Promise<SigningKey> {
      const row = await findActiveSigningKey(deps.db);
      return row ? unseal(row) : create('first_use');
    },
    rotate: () => create('rotation'),
    /** Every key ever used, active and retired: the public half only. */
    async published(): Promise<Jwks> {
      return jwks((await listSigningKeys(deps.db)).map((k) => k.public_jwk as JWK));
    },
  };
}
