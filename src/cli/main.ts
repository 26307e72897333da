import { Command } from 'commander';
import { loadConfig } from '../config.ts';
import { verifyAuditChain } from '../db/repositories/audit.ts';
import { seedDemo, SCALES, type Scale } from '../db/seed/demo.ts';
import { formatAccounts, openPlatform, serve } from '../runtime.ts';
import { resetPasswordByUsername } from './users.ts';
import { importCli } from './import.ts';
import { subsidyCli } from './subsidy.ts';
import { reportCli } from './report.ts';
import { analyticsCli } from './analytics.ts';
import { makeSigningKeys } from '../usecases/signingKeys.ts';

const program = new Command('jineng').description('技能 Jineng — Yuncheng vocational-skills training platform');

program
  .command('serve')
  .description('migrate, seed the demo city on an empty database, and serve the web and the API')
  .action(async () => {
    await serve(loadConfig());
  });

program
  .command('migrate')
  .description('apply pending migrations and reference data')
  .action(async () => {
    const { database } = await openPlatform(loadConfig(), (m) => console.log(m));
    console.log('migrations up to date');
    await database.close();
  });

program
  .command('seed')
  .description('generate the deterministic synthetic Yuncheng demo data')
  .option('--scale <scale>', `city (${SCALES.city}), province (${SCALES.province}) or national (${SCALES.national}) workers`, 'city')
  .option('--seed <seed>', 'generator seed', loadConfig().seed)
  .action(async (opts: { scale: string; seed: string }) => {
    if (!(opts.scale in SCALES)) {
      console.error(`--scale must be one of ${Object.keys(SCALES).join(', ')}`);
      process.exit(2);
    }
    const { database, pii, clock } = await openPlatform(loadConfig());
    const started = performance.now();
    let last = 0;
    const result = await seedDemo(
      { db: database.db, clock, pii },
      {
        scale: opts.scale as Scale,
        seed: opts.seed,
        publicUrl: loadConfig().publicUrl,
        onProgress: (phase, done, total) => {
          if (process.stderr.isTTY) process.stderr.write(`\r${phase} ${done}/${total} (${Math.floor((100 * done) / total)}%)   `);
          else if (done - last >= total / 10 || done === total) {
            last = done;
            console.error(`${phase} ${done}/${total}`);
          }
        },
      },
    );
    if (process.stderr.isTTY) process.stderr.write('\n');
    if (result.accounts) console.log(formatAccounts(result.accounts));
    console.log(`seeded ${opts.scale}: ${result.workers} workers, ${result.organisations} organisations in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    await database.close();
  });

const importCmd = program.command('import').description('bulk import from Excel (.xlsx) or CSV (UTF-8 or GBK)');
for (const [kind, what] of [
  ['workers', 'import a worker roster (花名册)'],
  ['categories', 'import a category list (e.g. 建档立卡贫困劳动力名单) for registered people'],
  ['institutions', 'import the training and evaluation institution roster'],
  ['enterprises', 'import the enterprise roster'],
] as const) {
  importCmd
    .command(`${kind} <file>`)
    .description(`${what}; rejected rows go to a report workbook`)
    .option('--all-or-nothing', 'store nothing unless every row is good')
    .option('--report <out.xlsx>', 'where to write the rejected-rows report (default: beside the file)')
    .option('--category-from <date>', 'first day of category periods the file does not date (YYYY-MM-DD; default today)')
    .option('--as <username>', 'the official the import is recorded under (audit trail, scope)', 'city')
    .action(async (file: string, opts: { allOrNothing?: boolean; report?: string; categoryFrom?: string; as: string }) => {
      const config = loadConfig();
      const { database, pii, clock } = await openPlatform(config);
      try {
        process.exitCode = await importCli(kind, { db: database.db, clock, pii, dataDir: config.dataDir }, file, opts);
      } finally {
        await database.close();
      }
    });
}

const audit = program.command('audit').description('the audit trail');
audit
  .command('verify')
  .description('check the hash chain; names the first edited, deleted or reordered row (exit 1)')
  .action(async () => {
    const { database } = await openPlatform(loadConfig());
    const r = await verifyAuditChain(database.db);
    await database.close();
    if (r.ok) {
      console.log(`audit trail intact: ${r.rows} rows, last seq ${r.lastSeq}`);
      return;
    }
    const p = r.problem;
    const what =
      p.kind === 'gap'
        ? `row ${p.expectedSeq} is missing (next row is ${p.seq}): a row was deleted or reordered`
        : p.kind === 'prev_hash'
          ? `row ${p.seq} does not follow its predecessor: a row before it was deleted, inserted or reordered`
          : `row ${p.seq} was edited: its contents no longer match its hash`;
    console.error(`审计链已损坏 / audit trail broken at seq ${p.seq}: ${what}`);
    process.exitCode = 1;
  });

const keys = program.command('keys').description('the certificate-signing keys (Ed25519; public at /.well-known/jwks.json)');
keys
  .command('rotate')
  .description('retire the active signing key and make a new one (retired keys stay published)')
  .action(async () => {
    const { database, pii, clock } = await openPlatform(loadConfig());
    const k = await makeSigningKeys({ db: database.db, clock, pii }).rotate();
    await database.close();
    console.log(`new signing key ${k.kid}`);
  });

const user = program.command('user').description('user accounts');
user
  .command('reset-password <username>')
  .description('set a new one-time password and print it (audited)')
  .action(async (username: string) => {
    const { database, clock } = await openPlatform(loadConfig());
    const password = await resetPasswordByUsername({ db: database.db, clock }, username);
    await database.close();
    if (!password) {
      console.error(`no user ${username}`);
      process.exitCode = 1;
      return;
    }
    console.log(`${username}: ${password}  (must be changed at next sign-in)`);
  });

subsidyCli(program);
reportCli(program);
analyticsCli(program);

await program.parseAsync(process.argv);
