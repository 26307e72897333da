import { DEFAULT_REPORT_SETTINGS } from '../domain/reports/settings.ts';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  buildRows,
  currentSnapshot,
  findCurrentBuild,
  lockRefresh,
  nextBuildId,
  sourceVersion,
  stillInProgress,
  swapIn,
} from '../db/repositories/analytics.ts';
import type { Clock, Db } from './context.ts';

/**
 * The reports' analytics table (ADR 0011): `refresh` builds it anew from the records and swaps it in; `status` says
 * which build is current and whether reports can use it (no source row changed since it was built).
 */
export function makeAnalytics(deps: { db: Db; clock: Clock; reports?: { employmentMonths?: number } }) {
  const { db, clock } = deps;
  const employmentMonths = deps.reports?.employmentMonths ?? DEFAULT_REPORT_SETTINGS.employmentMonths;
  const since = (t: Date) => (clock.now().getTime() - t.getTime()) / 1000;

  return {
    /**
     * Builds the analytics rows from the records in one statement and makes them current in the same transaction:
     * reports read the previous build (or the records) until it commits, then this one. One refresh runs at a time.
     * The change counter is read first; transactions already writing then are waited for, so the build's snapshot
     * holds every change the recorded counter value stands for (a later change only makes the build unusable sooner).
     */
    async refresh() {
      const startedAt = clock.now();
      return db.transaction().execute(async (tx) => {
        await lockRefresh(tx);
        const version = await sourceVersion(tx);
        const snapshot = await currentSnapshot(tx);
        const tWait = clock.now();
        while ((await stillInProgress(tx, snapshot)) > 0) await sleep(100);
        const waited = since(tWait);
        const id = await nextBuildId(tx);
        const tBuild = clock.now();
        const rows = await buildRows(tx, id, employmentMonths);
        const built = since(tBuild);
        const builtAt = clock.now();
        const tSwap = clock.now();
        const { enrolments } = await swapIn(tx, {
          id,
          employment_months: employmentMonths,
          source_version: version,
          started_at: startedAt,
          built_at: builtAt,
          seconds: (builtAt.getTime() - startedAt.getTime()) / 1000,
          row_count: rows,
        });
        return { id, sourceVersion: version, employmentMonths, rows, enrolments, builtAt: builtAt.toISOString(), steps: { waitSeconds: waited, buildSeconds: built, swapSeconds: since(tSwap) } };
      });
    },

    /** The current build, and whether reports use it: the records have not changed since and the employment window is the same. */
    async status() {
      const b = await findCurrentBuild(db);
      if (!b) return { current: null, fresh: false, changesSince: null };
      return {
        current: {
          id: b.id,
          builtAt: new Date(b.built_at).toISOString(),
          seconds: Number(b.seconds),
          employmentMonths: b.employment_months,
          enrolments: Number(b.enrolments),
          rows: Number(b.row_count),
        },
        fresh: b.version_now === b.source_version && b.employment_months === employmentMonths,
        changesSince: b.version_now - b.source_version,
      };
    },
  };
}
