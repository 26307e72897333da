import fs from 'node:fs';
import { z } from 'zod';
import { can, scopeOf } from '../../domain/auth/permissions.ts';
import { AppError, errorMessages, notFound, type ErrorCode } from '../../domain/errors.ts';
import { findImportBatch, listImportBatches, type ImportBatchRow } from '../../db/repositories/importBatches.ts';
import type { PiiCipher } from '../../security/pii.ts';
import type { Clock, Db, RequestContext } from '../context.ts';
import { openReport, type BatchSnapshot } from '../imports/runImport.ts';
import { writeWithAudit } from '../tx.ts';
import { requireActor } from '../guards.ts';
import type { ImportJobs } from './importJobs.ts';

export const ListImportsQuery = z.strictObject({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});

type BatchRow = ImportBatchRow | BatchSnapshot | undefined;

/** A batch belongs to the unit of the official who ran it ('140800' for the city). */
function visible(ctx: RequestContext, b: BatchRow) {
  const actor = requireActor(ctx, 'worker.import');
  if (!b || !can(actor, 'worker.import', { unitCode: b.unit_code ?? '140800' })) throw notFound();
  return b;
}

function present(b: NonNullable<BatchRow>, live?: ReturnType<ImportJobs['get']>) {
  const error = b.error ? { code: b.error.code, message: errorMessages(b.error.code as ErrorCode, b.error.params) } : null;
  return {
    id: b.id,
    kind: b.kind,
    fileName: b.file_name,
    mode: b.mode,
    status: b.status,
    total: b.total,
    stored: b.stored,
    unchanged: b.unchanged,
    rejected: b.rejected,
    hasReport: b.report_path !== null,
    error,
    actorUsername: b.actor_username,
    actorName: b.actor_name,
    startedAt: new Date(b.started_at).toISOString(),
    finishedAt: b.finished_at ? new Date(b.finished_at).toISOString() : null,
    progress: live?.state === 'running' ? { rows: live.progress.rows, bytes: live.progress.bytes, fileSize: live.fileSize, phase: live.progress.phase } : null,
  };
}

export function makeImportBatches(deps: { db: Db; clock: Clock; pii: PiiCipher; jobs: ImportJobs }) {
  return {
    async list(ctx: RequestContext, query: z.infer<typeof ListImportsQuery>) {
      const actor = requireActor(ctx, 'worker.import');
      const { items, total } = await listImportBatches(deps.db, scopeOf(actor), query);
      return { items: items.map((b) => present(b, deps.jobs.get(b.id))), total };
    },
    async get(ctx: RequestContext, id: string) {
      const live = deps.jobs.get(id);
      if (live?.state === 'running' && live.batch) return present(visible(ctx, live.batch), live);
      return present(visible(ctx, await findImportBatch(deps.db, id)), live);
    },
    /** The rejected rows hold full ID numbers: each download is audited. */
    async report(ctx: RequestContext, id: string): Promise<{ body: Buffer; fileName: string }> {
      const b = visible(ctx, await findImportBatch(deps.db, id));
      if (!b.report_path || !fs.existsSync(b.report_path)) throw new AppError('IMPORT_BATCH_REPORT_MISSING');
      const body = openReport(deps.pii, b.report_path);
      await writeWithAudit(deps, ctx, async () => ({
        result: undefined,
        audit: { action: 'import.report_download', targetType: 'import_batch', targetId: id, summary: { file: b.file_name, rejected: b.rejected } },
      }));
      return { body, fileName: `未通过的行-${b.file_name.replace(/\.(xlsx|csv)$/i, '')}.xlsx` };
    },
  };
}
