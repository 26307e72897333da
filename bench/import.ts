/**
 * Bulk worker import vs. a plain COPY of the same rows (the floor), on PGlite or PostgreSQL.
 *
 *   npx tsx bench/import.ts --db pglite [--rows 1000000]
 *   npx tsx bench/import.ts --db pg --url postgres://postgres@127.0.0.1:5432/postgres [--rows 1000000]
 *   npx tsx bench/import.ts --db pg --copy-only …   (just the floor)
 *
 * Each run uses a fresh database (a temporary PGlite folder, or a new PostgreSQL database dropped
 * afterwards) and the same generated UTF-8 CSV (cached in /tmp). Peak RSS is the process's, so run
 * the two measurements as separate processes (`--copy-only`, `--import-only`) for a fair memory figure.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { sql } from 'kysely';
import { openDatabase, type Database } from '../src/db/client.ts';
import { migrate } from '../src/db/migrate.ts';
import { demoWorkers } from '../src/domain/demo/workers.ts';
import { makePiiCipher } from '../src/security/pii.ts';
import { systemClock } from '../src/usecases/context.ts';
import { makeImportWorkers } from '../src/usecases/workers/importWorkers.ts';
import { WORKER_COLUMNS } from '../src/domain/registry/worker.ts';

const args = new Map<string, string>();
for (let i = 2; i < process.argv.length; i++) {
  const a = process.argv[i]!;
  if (a.startsWith('--')) args.set(a.slice(2), process.argv[i + 1]?.startsWith('--') || i + 1 >= process.argv.length ? 'true' : process.argv[++i]!);
}
const kind = args.get('db') === 'pg' ? 'pg' : 'pglite';
const rows = Number(args.get('rows') ?? 1_000_000);
const adminUrl = args.get('url') ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const headers = WORKER_COLUMNS.map((c) => c.header);
const CATEGORIES = ['建档立卡贫困劳动力', '农村转移就业劳动者', '高校毕业生', '下岗失业人员', ''];

function csvFile(): string {
  const file = path.join(os.tmpdir(), `jineng-bench-workers-${rows}.csv`);
  if (fs.existsSync(file)) return file;
  const out = fs.openSync(file, 'w');
  fs.writeSync(out, headers.join(',') + '\n');
  let buf: string[] = [];
  let i = 0;
  for (const w of demoWorkers('bench-import', rows, '2020-07-01')) {
    buf.push([w.name, w.idNumber, w.phone, w.unitCode, '', CATEGORIES[i++ % CATEGORIES.length], '初中', '否', '', ''].join(','));
    if (buf.length === 10_000) {
      fs.writeSync(out, buf.join('\n') + '\n');
      buf = [];
    }
  }
  if (buf.length) fs.writeSync(out, buf.join('\n') + '\n');
  fs.closeSync(out);
  return file;
}

async function open(): Promise<{ database: Database; url: string | null; dispose: () => Promise<void> }> {
  if (kind === 'pglite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jineng-bench-pglite-'));
    const database = await openDatabase({ databaseUrl: null, dataDir: dir });
    return { database, url: null, dispose: async () => (await database.close(), fs.rmSync(dir, { recursive: true, force: true })) };
  }
  const name = `jineng_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  const database = await openDatabase({ databaseUrl: u.toString(), dataDir: os.tmpdir() });
  return {
    database,
    url: u.toString(),
    dispose: async () => {
      await database.close();
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`DROP DATABASE ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

const mib = () => Math.round(process.resourceUsage().maxRSS / 1024);

const file = csvFile();
const { database, url, dispose } = await open();
await migrate(database);
console.log(`${kind}: ${rows} rows, ${(fs.statSync(file).size / 1e6).toFixed(0)} MB CSV; ${os.cpus().length} cores, Node ${process.version}`);

if (args.get('import-only') !== 'true') {
  await sql.raw(`CREATE TABLE copy_floor (${headers.map((_h, i) => `c${i} text`).join(', ')})`).execute(database.db);
  const t0 = performance.now();
  if (kind === 'pg') {
    execFileSync('psql', [url!, '-qc', `\\copy copy_floor FROM '${file}' WITH (FORMAT csv, HEADER)`]);
  } else {
    // PGlite reads COPY input from a Blob passed with the query.
    await database.pglite!.query(`COPY copy_floor FROM '/dev/blob' WITH (FORMAT csv, HEADER)`, [], { blob: new Blob([fs.readFileSync(file)]) });
  }
  const secs = (performance.now() - t0) / 1000;
  console.log(`COPY floor:  ${secs.toFixed(1)} s, ${Math.round(rows / secs)} rows/s (peak RSS so far ${mib()} MiB)`);
}

if (args.get('copy-only') !== 'true') {
  const id = randomUUID();
  await database.db
    .insertInto('users')
    .values({ id, username: 'bench.city', display_name: 'bench', role: 'city_office', unit_code: '140800', password_hash: 'x' })
    .execute();
  const importWorkers = makeImportWorkers({ db: database.db, clock: systemClock, pii: makePiiCipher(randomBytes(32)), dataDir: fs.mkdtempSync(path.join(os.tmpdir(), 'jineng-bench-data-')) });
  const t0 = performance.now();
  let peakHeap = 0;
  const result = await importWorkers(
    { actor: { id, username: 'bench.city', displayName: 'bench', role: 'city_office', unitCode: '140800', orgId: null, workerId: null }, requestId: 'bench', ip: null, userAgent: null },
    { filePath: file, fileName: path.basename(file), allOrNothing: false, categoryFrom: '2020-01-01', onProgress: () => (peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed)) },
  );
  const secs = (performance.now() - t0) / 1000;
  console.log(
    `import:      ${secs.toFixed(1)} s, ${Math.round(rows / secs)} rows/s — stored ${result.stored}, rejected ${result.rejected}; peak heap ${Math.round(peakHeap / 2 ** 20)} MiB, peak RSS ${mib()} MiB; ` +
      `read+check+stage ${(result.timings.readMs / 1000).toFixed(1)} s, settle ${(result.timings.settleMs / 1000).toFixed(1)} s`,
  );
}
await dispose();

