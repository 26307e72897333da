import type { Scope } from '../../domain/auth/permissions.ts';
import type { Db } from '../../usecases/context.ts';

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
