import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { scopeOf } from '../../domain/auth/permissions.ts';
import { AppError, renderError } from '../../domain/errors.ts';
import { maskIdNumber, maskPhone } from '../../domain/identity/idNumber.ts';
import { validateWorkerRow, WORKER_COLUMNS } from '../../domain/registry/worker.ts';
import {
  classifyAndStore,
  countProblemRows,
  createStagingTables,
  problemsInOrder,
  stageProblems,
  stageWorkers,
  type StagedProblem,
  type StagedWorker,
} from '../../db/repositories/workerImport.ts';
import { readTable } from '../../import/read.ts';
import { writeRejectedReport } from '../../import/report.ts';
import type { PiiCipher } from '../../security/pii.ts';
import type { Clock, Db, RequestContext } from '../context.ts';
import { requireActor } from '../guards.ts';
import { writeWithAudit } from '../tx.ts';
import { beijingDate } from '../../domain/time.ts';

export const WORKER_HEADERS = WORKER_COLUMNS.map((c) => c.header);
const REQUIRED = WORKER_COLUMNS.filter((c) => c.required).map((c) => c.header);
const BATCH = 2_000;

export type ImportProgress = { rows: number; bytes: number; phase: 'reading' | 'checking' | 'report' };

export type ImportInput = {
  /** Set by a caller that needs the batch id before the import finishes (the web's progress). */
  batchId?: string;
  /** The uploaded or given file, on disk. */
  filePath: string;
  /** The name the clerk gave the file (for the batch record and the report). */
  fileName: string;
  /** Store nothing unless every row is good. */
  allOrNothing: boolean;
  /** First day of the category periods read from 人员类别; default today (Beijing). */
  categoryFrom?: string;
  onProgress?: (p: ImportProgress) => void;
};

export type ImportResult = {
  batchId: string;
  status: 'committed' | 'rejected';
  total: number;
  stored: number;
  unchanged: number;
  rejected: number;
  categoriesAdded: number;
  /** The rejected-rows workbook, when any row was rejected. */
  reportPath: string | null;
};

/**
 * Bulk import of a worker roster (花名册) from .xlsx or .csv (ADR 0007). Rows stream through row
 * validation, encryption and a staging table; duplicates inside the file, conflicts with the
 * registry and unchanged rows are settled in SQL; good rows are committed in one transaction — or
 * none with allOrNothing. Every rejected row is listed with its row number, field and reason in a
 * report workbook. Importing the same file again stores nothing new.
 */
export function makeImportWorkers(deps: { db: Db; clock: Clock; pii: PiiCipher; dataDir: string }) {
  return async function importWorkers(ctx: RequestContext, input: ImportInput): Promise<ImportResult> {
    const actor = requireActor(ctx, 'worker.import');
    const scope = scopeOf(actor);
    const now = deps.clock.now();
    const today = beijingDate(now);
    const categoryFrom = input.categoryFrom ?? today;
    const batchId = input.batchId ?? randomUUID();
    const sha256 = await fileSha256(input.filePath);
    const reportDir = path.join(deps.dataDir, 'imports');
    const reportPath = path.join(reportDir, `${batchId}.xlsx`);
    const progress = input.onProgress ?? (() => {});
    const zh = (code: Parameters<typeof renderError>[0], params: Record<string, string | number> = {}) => renderError(code, params, 'zh-CN');

    await deps.db
      .insertInto('import_batches')
      .values({
        id: batchId,
        kind: 'workers',
        file_name: input.fileName,
        file_sha256: sha256,
        mode: input.allOrNothing ? 'all_or_nothing' : 'partial',
        status: 'running',
        actor_id: actor.id,
        unit_code: actor.unitCode,
        started_at: now,
      })
      .execute();

    let total = 0;
    let bytes = 0;
    const outcome = await deps.db
      .transaction()
      .execute(async (trx) => {
        await createStagingTables(trx);
        let good: StagedWorker[] = [];
        let bad: StagedProblem[] = [];
        const rows = readTable({ path: input.filePath }, { requiredColumns: REQUIRED, knownColumns: WORKER_HEADERS, onBytes: (b) => (bytes = b) });
        for await (const row of rows) {
          total++;
          const result = validateWorkerRow(row.values, { today, categoryFrom });
          if (!result.ok) {
            for (const p of result.problems) bad.push({ rowNumber: row.rowNumber, field: p.field, reason: zh(p.code, p.params), values: row.values });
          } else if (scope.kind === 'unit' && result.value.unitCode !== scope.unitCode) {
            bad.push({ rowNumber: row.rowNumber, field: '县区代码', reason: zh('WORKER_OUT_OF_SCOPE', { unit: actor.unitCode ?? '' }), values: row.values });
          } else {
            const w = result.value;
            good.push({
              rowNumber: row.rowNumber,
              id: randomUUID(),
              name: w.name,
              gender: w.gender,
              birthDate: w.birthDate,
              idCipher: deps.pii.encrypt(w.idNumber),
              idBlind: deps.pii.blindIndex('id', w.idNumber),
              idMasked: maskIdNumber(w.idNumber),
              phoneCipher: w.phone ? deps.pii.encrypt(w.phone) : null,
              phoneBlind: w.phone ? deps.pii.blindIndex('phone', w.phone) : null,
              phoneMasked: w.phone ? maskPhone(w.phone) : null,
              unitCode: w.unitCode,
              countyCode: w.countyCode,
              townshipCode: w.townshipCode,
              education: w.education,
              disability: w.disability,
              categories: w.categories.map((c) => c.code),
              values: row.values,
            });
          }
          if (good.length >= BATCH) {
            await stageWorkers(trx, good);
            good = [];
            progress({ rows: total, bytes, phase: 'reading' });
          }
          if (bad.length >= BATCH) {
            await stageProblems(trx, bad);
            bad = [];
          }
        }
        await stageWorkers(trx, good);
        await stageProblems(trx, bad);
        progress({ rows: total, bytes, phase: 'checking' });

        const dup = zh('WORKER_DUPLICATE_IN_FILE', { row: '\u0000' }).split('\u0000');
        const counts = await classifyAndStore(trx, {
          categoryFrom,
          source: `import:${batchId}`,
          now,
          duplicateReason: { before: dup[0] ?? '', after: dup[1] ?? '' },
          conflictReason: zh('WORKER_CONFLICTS_STORED'),
        });
        const rejected = await countProblemRows(trx);
        let report: string | null = null;
        if (rejected > 0) {
          progress({ rows: total, bytes, phase: 'report' });
          fs.mkdirSync(reportDir, { recursive: true });
          const committed = !input.allOrNothing;
          await writeRejectedReport({ path: reportPath }, WORKER_HEADERS, problemsInOrder(trx), {
            total,
            stored: committed ? counts.stored : 0,
            unchanged: counts.unchanged,
            rejected,
            title: input.fileName,
          });
          report = reportPath;
        }
        const result = { ...counts, rejected, report };
        // All or nothing: the report is written; now undo everything the rows did.
        if (input.allOrNothing && rejected > 0) throw new RollBack(result);
        return { status: 'committed' as const, ...result };
      })
      .catch((e: unknown) => {
        if (e instanceof RollBack) return { status: 'rejected' as const, ...e.result, stored: 0, categoriesAdded: 0 };
        throw e;
      })
      .catch(async (e: unknown) => {
        const error = e instanceof AppError ? { code: e.code, params: e.params } : { code: 'INTERNAL', params: { requestId: ctx.requestId } };
        await deps.db
          .updateTable('import_batches')
          .set({ status: 'failed', total, error: JSON.stringify(error), finished_at: deps.clock.now() })
          .where('id', '=', batchId)
          .execute();
        throw e;
      });

    const result: ImportResult = {
      batchId,
      status: outcome.status,
      total,
      stored: outcome.stored,
      unchanged: outcome.unchanged,
      rejected: outcome.rejected,
      categoriesAdded: outcome.categoriesAdded,
      reportPath: outcome.report,
    };
    await writeWithAudit(deps, ctx, async (trx, at) => {
      await trx
        .updateTable('import_batches')
        .set({ status: result.status, total, stored: result.stored, unchanged: result.unchanged, rejected: result.rejected, report_path: result.reportPath, finished_at: at })
        .where('id', '=', batchId)
        .execute();
      return {
        result: undefined,
        audit: {
          action: 'worker.import',
          targetType: 'import_batch',
          targetId: batchId,
          summary: { file: input.fileName, sha256, mode: input.allOrNothing ? 'all_or_nothing' : 'partial', status: result.status, total, stored: result.stored, unchanged: result.unchanged, rejected: result.rejected, categoriesAdded: result.categoriesAdded },
        },
      };
    });
    return result;
  };
}

class RollBack extends Error {
  constructor(readonly result: { stored: number; unchanged: number; categoriesAdded: number; rejected: number; report: string | null }) {
    super('all-or-nothing import rolled back');
  }
}

async function fileSha256(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of fs.createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

