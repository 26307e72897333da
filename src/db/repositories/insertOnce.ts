import { sql, type Insertable } from 'kysely';
import type { Tx } from '../../usecases/context.ts';
import type { DB } from '../types.ts';

/**
 * Appends a decision row that may be given only once (its key is unique: a refusal per line, an answer per
 * objection, a decision per manual mark, a revocation per certificate). False, and nothing written, when the row
 * is there already.
 */
export async function insertOnce<T extends keyof DB & string>(trx: Tx, table: T, row: Insertable<DB[T]>): Promise<boolean> {
  const r = await trx
    .insertInto(table)
    .values(row as never) // (Kysely cannot relate Insertable<DB[T]> to its own insert type over a generic table.)
    .onConflict((oc) => oc.doNothing())
    .returning(sql<number>`1`.as('added'))
    .executeTakeFirst();
  return r !== undefined;
}
