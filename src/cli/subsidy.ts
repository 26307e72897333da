import type { Command } from 'commander';
import { loadConfig } from '../config.ts';
import { verifyLedger } from '../db/repositories/ledger.ts';
import { formatYuan } from '../domain/subsidy/messages.ts';
import { OVERRIDE_KEYS, type OverrideValue } from '../domain/subsidy/rules.ts';
import { openPlatform } from '../runtime.ts';
import { makeClaims, priceClassFromDb } from '../usecases/claims.ts';
import { findUserByUsername } from '../db/repositories/users.ts';
import { toActor } from '../usecases/auth/session.ts';
import { fundName, unitName } from '../usecases/funds.ts';
import { whatIf } from '../usecases/subsidyYear.ts';

/** `jineng subsidy explain|whatif` and `jineng ledger verify` (issue #5). */
export function subsidyCli(program: Command) {
  const subsidy = program.command('subsidy').description('the subsidy engine: policy as data (运政办发〔2020〕14号)');
  subsidy
    .command('explain <class>')
    .description('print the priced lines of a class (id or number, e.g. 140802-2020-00012) with the trace of every rule')
    .action(async (ref: string) => {
      const { database } = await openPlatform(loadConfig());
      try {
        const db = database.db;
        const row = await db.selectFrom('training_classes').select(['id', 'code', 'name']).where((eb) => (/^[0-9a-f-]{36}$/.test(ref) ? eb('id', '=', ref) : eb('code', '=', ref))).executeTakeFirst();
        if (!row) {
          console.error(`no class ${ref}`);
          process.exitCode = 1;
          return;
        }
        const { pricing, people } = await priceClassFromDb(db, row.id);
        const names = new Map((await db.selectFrom('workers').select(['id', 'name', 'id_masked']).where('id', 'in', people.length ? people.map((p) => p.worker_id) : ['00000000-0000-0000-0000-000000000000']).execute()).map((w) => [w.id, w]));
        console.log(`${row.code}  ${row.name}`);
        console.log(`合计 / total ${formatYuan(pricing.totalFen)} 元  ${pricing.byFund.map((f) => `${fundName(f.fund)} ${formatYuan(f.amountFen)} 元`).join('；')}`);
        for (const e of pricing.enrolments) {
          const w = names.get(e.personId);
          console.log(`\n${w?.name ?? e.personId}（${w?.id_masked ?? ''}）  ${formatYuan(e.totalFen)} 元  [${e.ruleSet.id}@${e.ruleSet.version}, §15 年度 ${e.year}]`);
          for (const l of e.lines) console.log(`  + ${formatYuan(l.amountFen).padStart(10)} 元  ${l.kind}  ${l.basis}  → ${l.payee.kind}  ${fundName(l.fund)}  ${l.clause}`);
          for (const t of e.trace.filter((x) => x.outcome !== 'not_applicable')) console.log(`    ${t.outcome === 'applied' ? '✓' : '✗'} ${t.message}  (${t.clause})`);
        }
      } finally {
        await database.close();
      }
    });
  subsidy
    .command('whatif')
    .description('re-price a year under changed parameters, by unit and fund, without touching real data')
    .requiredOption('--year <year>', 'the programme year (classes completed in it)')
    .option('--set <key=value...>', `parameters, e.g. certificate_level4.amountFen=45000; keys: ${OVERRIDE_KEYS.map((k) => k.key).join(', ')}`, [])
    .action(async (opts: { year: string; set: string[] }) => {
      const overrides: Record<string, OverrideValue> = {};
      for (const kv of opts.set) {
        const i = kv.indexOf('=');
        if (i < 1) {
          console.error(`--set ${kv}: use KEY=VALUE`);
          process.exit(2);
        }
        const raw = kv.slice(i + 1);
        overrides[kv.slice(0, i)] = raw === 'null' ? null : raw === 'true' ? true : raw === 'false' ? false : /^-?\d+$/.test(raw) ? Number(raw) : raw;
      }
      const { database } = await openPlatform(loadConfig());
      try {
        const r = await whatIf(database.db, Number(opts.year), overrides);
        console.log(`${r.year} 年：${r.classes} 个培训班，${r.enrolments} 人次；参数 ${JSON.stringify(r.overrides)}`);
        console.log(['县区 / unit'.padEnd(16), '资金 / fund'.padEnd(26), '现行 / now'.padStart(16), '测算 / what-if'.padStart(16), '差额 / diff'.padStart(16)].join(' '));
        for (const x of r.rows)
          console.log([unitName(x.unitCode).padEnd(16), fundName(x.fund).padEnd(26), formatYuan(x.baseFen).padStart(16), formatYuan(x.whatIfFen).padStart(16), formatYuan(x.diffFen).padStart(16)].join(' '));
        console.log(['合计 / total'.padEnd(16), ''.padEnd(26), formatYuan(r.total.baseFen).padStart(16), formatYuan(r.total.whatIfFen).padStart(16), formatYuan(r.total.diffFen).padStart(16)].join(' '));
      } catch (e) {
        console.error((e as Error).message);
        process.exitCode = 2;
      } finally {
        await database.close();
      }
    });

  const claims = program.command('claims').description('subsidy claims');
  claims
    .command('pay-batch')
    .description('pay approved claims in one transaction (all or none); idempotent by --key, so a batch run again after a crash pays only what is unpaid')
    .requiredOption('--key <key>', 'the batch key (e.g. the payment order number)')
    .requiredOption('--as <username>', 'the finance officer paying')
    .option('--claims <ids>', 'comma-separated claim ids; default: every approved claim')
    .option('--unit <code>', 'only approved claims of this reporting unit')
    .action(async (opts: { key: string; as: string; claims?: string; unit?: string }) => {
      const config = loadConfig();
      const { database, pii, clock } = await openPlatform(config);
      try {
        const user = await findUserByUsername(database.db, opts.as);
        if (!user || user.disabled_at) {
          console.error(`用户不存在或已停用 / no active user "${opts.as}"`);
          process.exitCode = 2;
          return;
        }
        let ids = opts.claims ? opts.claims.split(',').map((x) => x.trim()).filter(Boolean) : [];
        if (!opts.claims) {
          let q = database.db.selectFrom('subsidy_claims').select('id').where('status', '=', 'approved');
          if (opts.unit) q = q.where('unit_code', '=', opts.unit);
          ids = (await q.orderBy('submitted_at').execute()).map((r) => r.id);
        }
        const deps = { db: database.db, clock, pii, training: config.training, publicUrl: config.publicUrl };
        const r = await makeClaims(deps).payBatch({ actor: toActor({ ...user }), requestId: `cli-pay-${opts.key}`, ip: null, userAgent: 'jineng-cli' }, ids, opts.key, (done, total) =>
          console.log(`paid ${done}/${total}`),
        );
        console.log(`batch ${r.batch} committed: ${r.paid.filter((p) => !p.replayed).length} paid now, ${r.paid.filter((p) => p.replayed).length} already paid`);
      } catch (e) {
        console.error(`批次未完成，未记账 / batch not recorded: ${(e as Error).message}`);
        process.exitCode = 1;
      } finally {
        await database.close();
      }
    });

  const ledger = program.command('ledger').description('the subsidy ledger (补贴资金发放台账)');
  ledger
    .command('verify')
    .description('check that every transaction balances and the hash chain is intact; names the first bad entry (exit 1)')
    .action(async () => {
      const { database } = await openPlatform(loadConfig());
      const r = await verifyLedger(database.db);
      await database.close();
      if (r.ok) {
        console.log(`ledger intact: ${r.transactions} transactions, every one balanced, chain unbroken`);
        return;
      }
      const p = r.problem;
      const what =
        p.kind === 'gap'
          ? `transaction ${p.expected} is missing (deleted or reordered)`
          : p.kind === 'prev_hash'
            ? `transaction ${p.seq} does not follow its predecessor (one before it was deleted, inserted or reordered)`
            : p.kind === 'hash'
              ? `transaction ${p.seq} was edited: its contents no longer match its hash`
              : `transaction ${p.seq} does not balance: ${p.detail}`;
      console.error(`台账已损坏 / ledger broken at seq ${p.seq}: ${what}`);
      process.exitCode = 1;
    });
}
