import type { Db, Tx } from '../../usecases/context.ts';

export async function listSigningKeys(db: Db | Tx) {
  return db.selectFrom('signing_keys').selectAll().orderBy('created_at').execute();
}

export async function findActiveSigningKey(db: Db | Tx) {
  return db.selectFrom('signing_keys').selectAll().where('status', '=', 'active').executeTakeFirst();
}
