import fs from 'node:fs';
import path from 'node:path';
import { AppError, renderError } from '../domain/errors.ts';
import { findUserByUsername } from '../db/repositories/users.ts';
import type { PiiCipher } from '../security/pii.ts';
import { toActor } from '../usecases/auth/session.ts';
import type { Clock, Db } from '../usecases/context.ts';
import { openReport, type ImportKind, type ImportProgress } from '../usecases/imports/runImport.ts';
import { makeImportCategories } from '../usecases/workers/importCategories.ts';
import { makeImportWorkers } from '../usecases/workers/importWorkers.ts';
import { makeImportOrganisations } from '../usecases/imports/importOrganisations.ts';

function bar(p: ImportProgress, size: number, started: number): string {
  const frac = size > 0 ? Math.min(1, p.bytes / size) : 0;
  const width = 30;
  const filled = Math.round(frac * width);
  const secs = (performance.now() - started) / 1000;
  const rate = secs > 0 ? Math.round(p.rows / secs) : 0;
  const phase = { reading: '读取校验', checking: '查重入库', report: '生成报告' }[p.phase];
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${(frac * 100).toFixed(0).padStart(3)}%  ${p.rows} 行  ${rate} 行/秒  ${phase}`;
}

/** `jineng import workers|categories FILE`: returns the exit status (0 all good, 1 some rows rejected, 2 unusable). */
export async function importCli(
  kind: ImportKind,
  deps: { db: Db; clock: Clock; pii: PiiCipher; dataDir: string },
  file: string,
  opts: { allOrNothing?: boolean; report?: string; categoryFrom?: string; as: string },
): Promise<number> {
  if (!fs.existsSync(file)) {
    console.error(`文件不存在 / no such file: ${file}`);
    return 2;
  }
  const user = await findUserByUsername(deps.db, opts.as);
  if (!user || user.disabled_at) {
    console.error(`用户不存在或已停用 / no active user "${opts.as}" (use --as <username>)`);
    return 2;
  }
  const size = fs.statSync(file).size;
  const started = performance.now();
  const tty = process.stderr.isTTY;
  let last = 0;
  try {
    const importer =
      kind === 'workers'
        ? makeImportWorkers(deps)
        : kind === 'categories'
          ? makeImportCategories(deps)
          : makeImportOrganisations(kind === 'institutions' ? 'institution' : 'enterprise', deps);
    const result = await importer(
      { actor: toActor({ ...user }), requestId: 'cli-import', ip: null, userAgent: 'jineng-cli' },
      {
        filePath: file,
        fileName: path.basename(file),
        allOrNothing: !!opts.allOrNothing,
        ...(opts.categoryFrom ? { categoryFrom: opts.categoryFrom } : {}),
        onProgress: (p) => {
          if (tty) process.stderr.write(`\r${bar(p, size, started)}`);
          else if (p.rows - last >= 100_000 || p.phase !== 'reading') {
            last = p.rows;
            console.error(bar(p, size, started));
          }
        },
      },
    );
    if (tty) process.stderr.write('\n');
    // The stored report is sealed; the operator gets a readable copy where they asked, or beside the file.
    let report: string | null = null;
    if (result.reportPath) {
      report = path.resolve(opts.report ?? path.join(path.dirname(file), `${path.basename(file).replace(/\.(xlsx|csv)$/i, '')}-未通过的行.xlsx`));
      fs.writeFileSync(report, openReport(deps.pii, result.reportPath));
    }
    const secs = (performance.now() - started) / 1000;
    console.log(
      [
        `文件 ${path.basename(file)}：共 ${result.total} 行，新入库 ${result.stored}，未变化 ${result.unchanged}，未通过 ${result.rejected}` +
          (result.status === 'rejected' ? '（全部正确才导入：本次未入库）' : ''),
        `${result.total} rows: ${result.stored} stored, ${result.unchanged} unchanged, ${result.rejected} rejected${result.status === 'rejected' ? ' (all-or-nothing: nothing stored)' : ''} in ${secs.toFixed(1)} s (${Math.round(result.total / secs)} rows/s)`,
        report ? `未通过的行 / rejected rows: ${report}` : '',
        `批次 / batch ${result.batchId}`,
      ]
        .filter(Boolean)
        .join('\n'),
    );
    return result.rejected > 0 ? 1 : 0;
  } catch (e) {
    if (tty) process.stderr.write('\n');
    if (e instanceof AppError) {
      console.error(`${renderError(e.code, e.params, 'zh-CN')}\n${renderError(e.code, e.params, 'en')}`);
      return 2;
    }
    throw e;
  }
}
