import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { AppError, renderError, type ErrorCode } from '../../domain/errors.ts';
import { beijingDate } from '../../domain/time.ts';
import { finishImportBatch, insertImportBatch, markImportBatchFailed } from '../../db/repositories/importBatches.ts';
import { countProblemRows, createProblemTable, problemsInOrder, stageProblems, type StagedProblem } from '../../db/repositories/importStaging.ts';
import { readTable, type TableRow } from '../../import/read.ts';
import { writeRejectedReport } from '../../import/report.ts';
import type { PiiCipher } from '../../security/pii.ts';
import type { Actor, Clock, Db, RequestContext, Tx } from '../context.ts';
import { requireActor } from '../guards.ts';
import { writeWithAudit } from '../tx.ts';

export type ImportKind = 'workers' | 'categories' | 'institutions' | 'enterprises';
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
  /** First day of category periods read from the file when it gives none; default today (Beijing). */
  categoryFrom?: string;
  onProgress?: (p: ImportProgress) => void;
  /** Called once the batch is recorded, with its row (the web answers progress from it without the database). */
  onStarted?: (batch: BatchSnapshot) => void;
};

/** The batch row as it stands when the import starts. */
export type BatchSnapshot = {
  id: string;
  kind: ImportKind;
  file_name: string;
  file_sha256: string;
  mode: 'partial' | 'all_or_nothing';
  status: 'running';
  total: number;
  stored: number;
  unchanged: number;
  rejected: number;
  report_path: null;
  error: null;
  actor_id: string;
  unit_code: string | null;
  started_at: Date;
  finished_at: null;
  actor_username: string;
  actor_name: string;
};

export type ImportResult = {
  batchId: string;
  status: 'committed' | 'rejected';
  total: number;
  stored: number;
  unchanged: number;
  rejected: number;
  categoriesAdded: number;
  /** The rejected-rows workbook, when any row was rejected — sealed (encrypted) at rest: read it with openReport. */
  reportPath: string | null;
  /** Where the time went, in milliseconds: reading + checking + staging, settling in SQL, the report. */
  timings: { readMs: number; settleMs: number; reportMs: number };
};

/** Renders a catalogue message in Chinese for the report (the clerks' language). */
export const zh = (code: ErrorCode, params: Record<string, string | number> = {}) => renderError(code, params, 'zh-CN');

/** What one kind of import does with its rows; the shell (batch, transaction, report, audit) is shared. */
export type ImportPlan<G> = {
  kind: ImportKind;
  /** All columns the importer knows, in template order; the report repeats them. */
  columns: readonly string[];
  required: readonly string[];
  createStaging(trx: Tx): Promise<void>;
  /** One row: a staged value, or its problems (field = Chinese column name, reason in Chinese). */
  check(row: TableRow, env: { today: string; categoryFrom: string; actor: Actor }): { good: G } | { problems: { field: string; reason: string }[] };
  stage(trx: Tx, goods: readonly G[]): Promise<void>;
  /** Set-based settling of the staged rows; may add problems to the problem table. */
  settle(trx: Tx, env: { batchId: string; categoryFrom: string; now: Date; actor: Actor }): Promise<{ stored: number; unchanged: number; categoriesAdded: number }>;
};

const BATCH = 2_000;

/**
 * The shared shell of a bulk import (ADR 0007): record the batch; in one transaction stream the rows
 * through `plan.check` into staging tables, let `plan.settle` store them, write the rejected-rows
 * report while the problems are still there, and roll everything back for all-or-nothing when any
 * row failed; finally record the counts and an audit row. Memory stays flat: rows go to the database
 * in batches, problems too, and the report is written from the database in pages.
 */
export async function runImport<G>(
  deps: { db: Db; clock: Clock; dataDir: string; pii: PiiCipher },
  ctx: RequestContext,
  input: ImportInput,
  plan: ImportPlan<G>,
): Promise<ImportResult> {
  const actor = requireActor(ctx, 'worker.import');
  const now = deps.clock.now();
  const today = beijingDate(now);
  const categoryFrom = input.categoryFrom ?? today;
  const batchId = input.batchId ?? randomUUID();
  const sha256 = await fileSha256(input.filePath);
  const reportDir = path.join(deps.dataDir, 'imports');
  const reportPath = path.join(reportDir, `${batchId}.xlsx.sealed`);
  const plainReport = path.join(reportDir, `${batchId}.xlsx.tmp`);
  const progress = input.onProgress ?? (() => {});

  const snapshot: BatchSnapshot = {
    id: batchId,
    kind: plan.kind,
    file_name: input.fileName,
    file_sha256: sha256,
    mode: input.allOrNothing ? 'all_or_nothing' : 'partial',
    status: 'running',
    total: 0,
    stored: 0,
    unchanged: 0,
    rejected: 0,
    report_path: null,
    error: null,
    actor_id: actor.id,
    unit_code: actor.unitCode,
    started_at: now,
    finished_at: null,
    actor_username: actor.username,
    actor_name: actor.displayName,
  };
  const { actor_username: _u, actor_name: _n, ...row } = snapshot;
  await insertImportBatch(deps.db, row);
  input.onStarted?.(snapshot);

  let total = 0;
  let bytes = 0;
  const outcome = await deps.db
    .transaction()
    .execute(async (trx) => {
      const t0 = performance.now();
      await createProblemTable(trx);
      await plan.createStaging(trx);
      let good: G[] = [];
      let bad: StagedProblem[] = [];
      // One batch is written while the next is read and checked (the database and Node work in
      // parallel); at most one write is in flight, so memory stays bounded.
      let inFlight: Promise<void> = Promise.resolve();
      const write = async (step: () => Promise<void>) => {
        await inFlight;
        inFlight = step();
        inFlight.catch(() => undefined);
      };
      const rows = readTable({ path: input.filePath }, { requiredColumns: plan.required, knownColumns: plan.columns, onBytes: (b) => (bytes = b) });
      for await (const row of rows) {
        total++;
        const checked = plan.check(row, { today, categoryFrom, actor });
        if ('good' in checked) good.push(checked.good);
        else for (const p of checked.problems) bad.push({ rowNumber: row.rowNumber, field: p.field, reason: p.reason, values: row.values });
        if (good.length >= BATCH) {
          const batch = good;
          good = [];
          await write(() => plan.stage(trx, batch));
          progress({ rows: total, bytes, phase: 'reading' });
        }
        if (bad.length >= BATCH) {
          const batch = bad;
          bad = [];
          await write(() => stageProblems(trx, batch));
        }
      }
      await inFlight;
      await plan.stage(trx, good);
      await stageProblems(trx, bad);
      progress({ rows: total, bytes, phase: 'checking' });
      const t1 = performance.now();
      const counts = await plan.settle(trx, { batchId, categoryFrom, now, actor });
      const rejected = await countProblemRows(trx);
      const t2 = performance.now();
      let report: string | null = null;
      if (rejected > 0) {
        progress({ rows: total, bytes, phase: 'report' });
        fs.mkdirSync(reportDir, { recursive: true });
        await writeRejectedReport({ path: plainReport }, plan.columns, problemsInOrder(trx), {
          total,
          stored: input.allOrNothing ? 0 : counts.stored,
          unchanged: counts.unchanged,
          rejected,
          title: input.fileName,
        });
        // The report repeats the rejected rows' ID and phone numbers: it is sealed like them (ADR 0008).
        fs.writeFileSync(reportPath, deps.pii.encryptBytes(fs.readFileSync(plainReport)), { mode: 0o600 });
        fs.rmSync(plainReport, { force: true });
        report = reportPath;
      }
      const timings = { readMs: Math.round(t1 - t0), settleMs: Math.round(t2 - t1), reportMs: Math.round(performance.now() - t2) };
      const result = { ...counts, rejected, report, timings };
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
      await markImportBatchFailed(deps.db, batchId, { total, error, at: deps.clock.now() });
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
    timings: outcome.timings,
  };
  await writeWithAudit(deps, ctx, async (trx, at) => {
    await finishImportBatch(trx, batchId, { status: result.status, total, stored: result.stored, unchanged: result.unchanged, rejected: result.rejected, reportPath: result.reportPath, at });
    return {
      result: undefined,
      audit: {
        action: `import.${plan.kind}`,
        targetType: 'import_batch',
        targetId: batchId,
        summary: {
          file: input.fileName,
          sha256,
          mode: input.allOrNothing ? 'all_or_nothing' : 'partial',
          status: result.status,
          total,
          stored: result.stored,
          unchanged: result.unchanged,
          rejected: result.rejected,
          categoriesAdded: result.categoriesAdded,
        },
      },
    };
  });
  return result;
}

class RollBack extends Error {
  constructor(
    readonly result: { stored: number; unchanged: number; categoriesAdded: number; rejected: number; report: string | null; timings: ImportResult['timings'] },
  ) {
    super('all-or-nothing import rolled back');
  }
}

async function fileSha256(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of fs.createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** The rejected-rows workbook of an import, unsealed. */
export function openReport(pii: PiiCipher, sealedPath: string): Buffer {
  return pii.decryptBytes(fs.readFileSync(sealedPath));
}
