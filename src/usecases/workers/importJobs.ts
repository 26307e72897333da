import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import type { RequestContext } from '../context.ts';
import type { ImportInput, ImportKind, ImportProgress, ImportResult } from '../imports/runImport.ts';
import type { RequestContext as Ctx } from '../context.ts';

type Importer = (ctx: Ctx, input: ImportInput) => Promise<ImportResult>;

export type JobState =
  | { state: 'running'; progress: ImportProgress; fileSize: number }
  | { state: 'done'; result: ImportResult }
  | { state: 'failed'; error: unknown };

/**
 * Imports started from the web run in the background so a large roster does not hold an HTTP
 * request open; the page polls the batch for progress. The batch row in the database is the
 * record; this map only carries live progress for the running ones.
 */
const FORGET_AFTER_MS = 10 * 60_000;

export class ImportJobs {
  private readonly jobs = new Map<string, JobState>();
  constructor(private readonly importers: Readonly<Record<ImportKind, Importer>>) {}

  start(kind: ImportKind, ctx: RequestContext, input: Omit<ImportInput, 'batchId' | 'onProgress'> & { removeFileAfter: boolean }): string {
    const batchId = randomUUID();
    const fileSize = fs.statSync(input.filePath).size;
    this.jobs.set(batchId, { state: 'running', progress: { rows: 0, bytes: 0, phase: 'reading' }, fileSize });
    void this.importers[kind](ctx, {
      ...input,
      batchId,
      onProgress: (progress) => this.jobs.set(batchId, { state: 'running', progress, fileSize }),
    })
      .then((result) => this.jobs.set(batchId, { state: 'done', result }))
      .catch((error: unknown) => this.jobs.set(batchId, { state: 'failed', error }))
      .finally(() => {
        if (input.removeFileAfter) fs.rm(input.filePath, { force: true }, () => {});
        // The batch row holds the outcome; live state is kept a little for pollers, then dropped.
        setTimeout(() => this.jobs.delete(batchId), FORGET_AFTER_MS).unref();
      });
    return batchId;
  }

  get(batchId: string): JobState | undefined {
    return this.jobs.get(batchId);
  }

  /** Wait for a job (tests, the CLI). */
  async settle(batchId: string, pollMs = 50): Promise<JobState | undefined> {
    for (;;) {
      const s = this.jobs.get(batchId);
      if (!s || s.state !== 'running') return s;
      await new Promise((r) => setTimeout(r, pollMs));
    }
  }
}
