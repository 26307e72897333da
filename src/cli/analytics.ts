import type { Command } from 'commander';
import { loadConfig } from '../config.ts';
import { openPlatform } from '../runtime.ts';
import { makeAnalytics } from '../usecases/analytics.ts';

/** `jineng analytics refresh|status`: the reports' analytics table (ADR 0011). */
export function analyticsCli(program: Command) {
  const analytics = program.command('analytics').description("the reports' analytics table (ADR 0011): reports read it while the records have not changed since it was built");
  analytics
    .command('refresh')
    .description('build the analytics table anew from the records and swap it in (reports keep reading the old one until then)')
    .action(async () => {
      const config = loadConfig();
      const { database, clock } = await openPlatform(config);
      try {
        const r = await makeAnalytics({ db: database.db, clock, reports: config.reports }).refresh();
        console.log(
          `analytics build ${r.id}: ${r.enrolments} trainings → ${r.rows} rows in ${(r.steps.buildSeconds + r.steps.swapSeconds + r.steps.waitSeconds).toFixed(1)} s ` +
            `(employment within ${r.employmentMonths} months; change counter ${r.sourceVersion}); current from ${r.builtAt}`,
        );
      } catch (e) {
        console.error((e as Error).message);
        process.exitCode = 2;
      } finally {
        await database.close();
      }
    });
  analytics
    .command('status')
    .description('the current build, and whether reports use it')
    .action(async () => {
      const config = loadConfig();
      const { database, clock } = await openPlatform(config);
      try {
        const s = await makeAnalytics({ db: database.db, clock, reports: config.reports }).status();
        if (!s.current) console.log('no analytics build: reports read the records (run `jineng analytics refresh`)');
        else
          console.log(
            `build ${s.current.id} of ${s.current.builtAt} (${s.current.enrolments} trainings, ${s.current.rows} rows, ${s.current.seconds.toFixed(1)} s, employment within ${s.current.employmentMonths} months): ` +
              (s.fresh ? 'in use — no record has changed since' : `not in use — ${s.changesSince} change(s) to the records since, or another employment window; reports read the records until the next refresh`),
          );
      } finally {
        await database.close();
      }
    });
}
