import fs from 'node:fs';
import type { Command } from 'commander';
import { loadConfig } from '../config.ts';
import { findFrozenReport } from '../db/repositories/frozenReports.ts';
import { CITY_CODE } from '../domain/auth/permissions.ts';
import { REPORTING_UNITS } from '../domain/identity/divisions.ts';
import { openPlatform } from '../runtime.ts';
import { writeReportXlsx } from '../usecases/reportExport.ts';
import { renderReportPdf } from '../usecases/reportPdf.ts';
import { makeReports, type ReportKind } from '../usecases/reports.ts';

/** `jineng report monthly|quarterly|annual PERIOD [--unit CODE] [--basis day21] --format xlsx|pdf|json --out FILE`. */
export function reportCli(program: Command) {
  const report = program.command('report').description('月报、季报、年报 (四(一)): by unit, person category, training type and certificate');
  for (const kind of ['monthly', 'quarterly', 'annual'] as const) {
    report
      .command(`${kind} <period>`)
      .description(`the ${kind} report of ${kind === 'monthly' ? '2020-06' : kind === 'quarterly' ? '2020-Q2' : '2020'} (the frozen one when it exists)`)
      .option('--unit <code>', 'a reporting unit (default: the city, all 14 units)')
      .option('--basis <basis>', 'months: calendar or day21 (21st to 20th)', 'calendar')
      .option('--format <format>', 'xlsx, pdf or json', 'xlsx')
      .option('--out <file>', 'where to write (json: default stdout)')
      .action(async (period: string, opts: { unit?: string; basis: string; format: string; out?: string }) => {
        if (opts.unit && !REPORTING_UNITS.some((u) => u.code === opts.unit)) {
          console.error(`--unit ${opts.unit}: not a reporting unit (${REPORTING_UNITS.map((u) => u.code).join(', ')})`);
          process.exit(2);
        }
        if (!['calendar', 'day21'].includes(opts.basis) || !['xlsx', 'pdf', 'json'].includes(opts.format)) {
          console.error('--basis is calendar or day21; --format is xlsx, pdf or json');
          process.exit(2);
        }
        if (opts.format !== 'json' && !opts.out) {
          console.error(`--out FILE is required for ${opts.format}`);
          process.exit(2);
        }
        const config = loadConfig();
        const { database, clock } = await openPlatform(config);
        try {
          const db = database.db;
          const basis = opts.basis as 'calendar' | 'day21';
          const frozen = await findFrozenReport(db, { kind, key: period, basis, unitCode: opts.unit ?? CITY_CODE });
          const r = (frozen?.data as Awaited<ReturnType<ReturnType<typeof makeReports>['compute']>> | undefined) ?? (await makeReports({ db, clock, reports: config.reports }).compute(kind as ReportKind, period, basis, opts.unit ?? null));
          if (opts.format === 'json') {
            const text = JSON.stringify(r, null, 2);
            if (opts.out) fs.writeFileSync(opts.out, text);
            else console.log(text);
          } else if (opts.format === 'pdf') {
            const iso = (d: Date | string | null | undefined) => (d ? new Date(d).toISOString() : null);
            const status = { frozenAt: iso(frozen?.frozen_at), frozenBy: frozen?.frozen_by_name ?? null, approvedAt: iso(frozen?.approved_at) };
            fs.writeFileSync(opts.out!, await renderReportPdf(r, status, clock.now().toISOString()));
            console.log(`${opts.out}: ${r.unitName} ${r.period.label}${frozen ? (frozen.approved_at ? '（已审定）' : '（已冻结）') : ''} — ${r.total.trainings} 人次，${r.total.people} 人`);
          } else {
            await writeReportXlsx(r, { path: opts.out! });
            console.log(`${opts.out}: ${r.unitName} ${r.period.label}${frozen ? '（已冻结）' : ''} — ${r.total.trainings} 人次，${r.total.people} 人`);
          }
        } catch (e) {
          console.error((e as Error).message);
          process.exitCode = 2;
        } finally {
          await database.close();
        }
      });
  }
}
