import type { Insertable } from 'kysely';
import type { Scope } from '../../domain/auth/permissions.ts';
import type { Db, Tx } from '../../usecases/context.ts';
import type { ImportBatchTable } from '../types.ts';
import { paged, type Paging } from './paged.ts';

/** The record of one bulk import (ADR 0007): written when it starts, finished (or failed) when it ends. */
export async function insertImportBatch(db: Db, row: Insertable<ImportBatchTable>): Promise<void> {
  await db.insertInto('import_batches').values(row).execute();
}

/** The import stopped on an error: its rows were rolled back; the batch keeps the rows read and the error. */
export async function markImportBatchFailed(db: Db, id: string, f: { total: number; error: { code: string; params: Record<string, string | number> }; at: Date }): Promise<void> {
  await db
    .updateTable('import_batches')
    .set({ status: 'failed', total: f.total, error: JSON.stringify(f.error), finished_at: f.at })
    .where('id', '=', id)
    .execute();
}

export type ImportBatchOutcome = {
  status: 'committed' | 'rejected';
  total: number;
  stored: number;
  unchanged: number;
  rejected: number;
  reportPath: string | null;
  at: Date;
};

export async function finishImportBatch(trx: Tx, id: string, o: ImportBatchOutcome): Promise<void> {
  await trx
    .updateTable('import_batches')
    .set({ status: o.status, total: o.total, stored: o.stored, unchanged: o.unchanged, rejected: o.rejected, report_path: o.reportPath, finished_at: o.at })
    .where('id', '=', id)
    .execute();
}

function batchesWithActor(db: Db) {
  return db
    .selectFrom('import_batches as b')
    .leftJoin('users as u', 'u.id', 'b.actor_id')
    .selectAll('b')
    .select(['u.username as actor_username', 'u.display_name as actor_name']);
}

export async function findImportBatch(db: Db, id: string) {
  return batchesWithActor(db).where('b.id', '=', id).executeTakeFirst();
}
export type ImportBatchRow = NonNullable<Awaited<ReturnType<typeof findImportBatch>>>;

/** The batches visible in `scope`, newest first: the city sees all, a unit those its officials ran, others none. */
export async function listImportBatches(db: Db, scope: Scope, p: Paging) {
  let q = batchesWithActor(db);
  if (scope.kind === 'unit') q = q.where('b.unit_code', '=', scope.unitCode);
  else if (scope.kind !== 'city') return { items: [], total: 0 };
  return paged(q, (q) => q.orderBy('b.started_at', 'desc'), p, { concurrently: true });
}
