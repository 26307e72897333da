import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import type { RequestContext } from '../context.ts';
import type { BatchSnapshot, ImportInput, ImportKind, ImportProgress, ImportResult } from '../imports/runImport.ts';

type Importer = (ctx: RequestContext, input: ImportInput) => Promise<ImportResult>;

export type JobState =
  | { state: 'running'; progress: ImportProgress; fileSize: number; batch: BatchSnapshot | null }
  | { state: 'done'; result: ImportResult }
  | { state: 'failed'; error: unknown };

const FORGET_AFTER_MS = 10 * 60_000;

/**
 * Imports started from the web run in the background so a large roster does not hold an HTTP
 * request open; the page polls the batch for progress. The batch row in the database is the
 * record; this map carries the running ones' row and live progress, so polling a running import
 * needs no database read (on PGlite the import's transaction holds the only connection).
 */

export class ImportJobs {
  private readonly jobs = new Map<string, JobState>();
  private readonly starts = new Map<string, Promise<void>>();
  constructor(private readonly importers: Readonly<Record<ImportKind, Importer>>) {}

  start(kind: ImportKind, ctx: RequestContext, input: Omit<ImportInput, 'batchId' | 'onProgress'> & { removeFileAfter: boolean }): string {
    const batchId = randomUUID();
    const fileSize = fs.statSync(input.filePath).size;
    let batch: BatchSnapshot | null = null;
    let started!: () => void;
    this.starts.set(batchId, new Promise<void>((r) => (started = r)));
    this.jobs.set(batchId, { state: 'running', progress: { rows: 0, bytes: 0, phase: 'reading' }, fileSize, batch });
    void this.importers[kind](ctx, {
      ...input,
      batchId,
      onStarted: (b) => {
        batch = b;
        this.jobs.set(batchId, { state: 'running', progress: { rows: 0, bytes: 0, phase: 'reading' }, fileSize, batch });
        started();
      },
      onProgress: (progress) => this.jobs.set(batchId, { state: 'running', progress, fileSize, batch }),
    })
      .then((result) => this.jobs.set(batchId, { state: 'done', result }))
      .catch((error: unknown) => this.jobs.set(batchId, { state: 'failed', error }))
      .finally(() => {
        started();
        this.starts.delete(batchId);
        if (input.removeFileAfter) fs.rm(input.filePath, { force: true }, () => {});
        // The batch row holds the outcome; live state is kept a little for pollers, then dropped.
        setTimeout(() => this.jobs.delete(batchId), FORGET_AFTER_MS).unref();
      });
    return batchId;
  }

  /** Resolves once the batch is recorded (or the import failed before that). */
  started(batchId: string): Promise<void> {
    return this.starts.get(batchId) ?? Promise.resolve();
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
