import type { Db, Tx } from '../../usecases/context.ts';

export async function listSigningKeys(db: Db | Tx) {
  return db.selectFrom('signing_keys').selectAll().orderBy('created_at').execute();
}

export async function findActiveSigningKey(db: Db | Tx) {
  return db.selectFrom('signing_keys').selectAll().where('status', '=', 'active').executeTakeFirst();
}

/** The active key signs nothing more; it stays published so that what it signed still verifies. */
export async function retireActiveSigningKey(trx: Tx, now: Date): Promise<void> {
  await trx.updateTable('signing_keys').set({ status: 'retired', retired_at: now }).where('status', '=', 'active').execute();
}

export async function insertActiveSigningKey(trx: Tx, k: { kid: string; publicJwk: string; privateJwkSealed: Buffer; now: Date }): Promise<void> {
  await trx
    .insertInto('signing_keys')
    .values({ kid: k.kid, public_jwk: k.publicJwk, private_jwk_sealed: k.privateJwkSealed, status: 'active', created_at: k.now })
    .execute();
}
