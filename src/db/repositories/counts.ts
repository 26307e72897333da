import type { Scope } from '../../domain/auth/permissions.ts';
import type { Db, Tx } from '../../usecases/context.ts';

/** Classes or claims visible in `scope` (their tables grow with the class and subsidy issues). */
export async function countScoped(db: Db, table: 'training_classes' | 'subsidy_claims', scope: Scope): Promise<number> {
  let q = db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n'));
  switch (scope.kind) {
    case 'city':
      break;
    case 'unit':
      q = q.where('unit_code', '=', scope.unitCode);
      break;
    case 'organisation':
      q = q.where('org_id', '=', scope.orgId);
      break;
    default:
      return 0;
  }
  return (await q.executeTakeFirstOrThrow()).n;
}

/**
 * The next number of a series (class numbers, certificate serials) per kind and year, from 1: the upsert locks the
 * counter's row, so concurrent callers never get the same number.
 */
export async function nextSerial(trx: Db | Tx, kind: string, year: number): Promise<number> {
  const row = await trx
    .insertInto('certificate_serials')
    .values({ kind, year, last: 1 })
    .onConflict((oc) => oc.columns(['kind', 'year']).doUpdateSet((eb) => ({ last: eb('certificate_serials.last', '+', 1) })))
    .returning('last')
    .executeTakeFirstOrThrow();
  return row.last;
}
