import { spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/db/client.ts';
import { migrate } from '../../src/db/migrate.ts';
import { verifyLedger } from '../../src/db/repositories/ledger.ts';
import { ROOT } from '../../src/runtime.ts';
import { hashPassword } from '../../src/security/passwords.ts';
import { toActor } from '../../src/usecases/auth/session.ts';
import { systemClock } from '../../src/usecases/context.ts';
import { makeFunds } from '../../src/usecases/funds.ts';
import { openTestDatabase, testDbKind, type TestDatabase } from '../support/db.ts';
import { creditCodeFor } from '../support/builders.ts';

/**
 * A payment batch killed mid-way (SIGKILL, no chance to clean up) is, after a restart, recorded fully or not at
 * all, and the ledger balances; running the batch again pays each claim exactly once. The batch runs in a child
 * process (`jineng claims pay-batch`), on a file-backed PGlite or on the PostgreSQL test database.
 */
const CLAIMS = 150;
const LINES = 12;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'jineng-crash-'));
let pgDatabase: TestDatabase | null = null;

afterAll(async () => {
  await pgDatabase?.dispose();
  fs.rmSync(tmp, { recursive: true, force: true });
});

async function open(): Promise<{ database: Database; env: Record<string, string> }> {
  if (testDbKind() === 'pg') {
    pgDatabase ??= await openTestDatabase();
    return { database: pgDatabase, env: { DATABASE_URL: pgDatabase.url!, DATA_DIR: tmp } };
  }
  const database = await openDatabase({ databaseUrl: null, dataDir: tmp });
  await migrate(database);
  return { database, env: { DATABASE_URL: '', DATA_DIR: tmp } };
}

/** Approved claims with many lines each, a budget to pay them, and a finance officer. */
async function prepare(database: Database) {
  const db = database.db;
  const orgId = randomUUID();
  await db.insertInto('organisations').values({ id: orgId, kind: 'institution', name: '测试职业培训学校', credit_code: creditCodeFor('140802'), institution_kind: 'private', unit_code: '140802' }).execute();
  const username = `fin${randomBytes(3).toString('hex')}`;
  const userId = randomUUID();
  await db
    .insertInto('users')
    .values({ id: userId, username, display_name: '市财政局', role: 'finance', unit_code: '140800', org_id: null, worker_id: null, password_hash: await hashPassword('Pw123456789x') })
    .execute();
  const now = new Date();
  const claimIds: string[] = [];
  for (let i = 0; i < CLAIMS; i++) {
    const classId = randomUUID();
    await db.insertInto('training_classes').values({ id: classId, org_id: orgId, unit_code: '140802', status: 'closed', code: `140802-2020-${String(90000 + i)}`, name: `第${i + 1}期`, start_date: '2020-06-01', end_date: '2020-06-10' }).execute();
    const claimId = randomUUID();
    await db.insertInto('subsidy_claims').values({ id: claimId, class_id: classId, org_id: orgId, unit_code: '140802', status: 'approved', year: 2020, round: 1, total_fen: LINES * 100_000, rule_set: 'test', submitted_at: now, created_at: now }).execute();
    await db
      .insertInto('claim_lines')
      .values(
        Array.from({ length: LINES }, (_, k) => ({
          id: randomUUID(),
          claim_id: claimId,
          round: 1,
          enrolment_id: null,
          worker_id: null,
          kind: 'key_group_training',
          rule_id: 'yc2020-14.s14.key_group_training',
          rule_version: '1',
          clause: '运政办发〔2020〕14号 三(三)14',
          amount_fen: 100_000 + k,
          payee_kind: 'organisation' as const,
          payee_id: orgId,
          fund: k % 2 ? 'employment_subsidy' : 'skills_account',
          basis: '目录标准',
          created_at: now,
        })),
      )
      .execute();
    claimIds.push(claimId);
  }
  const user = await db.selectFrom('users').selectAll().where('id', '=', userId).executeTakeFirstOrThrow();
  const ctx = { actor: toActor({ ...user }), requestId: 'test', ip: null, userAgent: null };
  const funds = makeFunds({ db, clock: systemClock });
  for (const fund of ['employment_subsidy', 'skills_account'])
    await funds.grant(ctx, { fund, unitCode: '140802', year: 2020, amountFen: 10_000_000_000, idempotencyKey: `budget-${fund}-2020` });
  return { username, claimIds };
}

function runBatch(env: Record<string, string>, username: string, key: string, killAfterProgress: number | null, extra: string[] = []): Promise<{ code: number | null; signal: string | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(ROOT, 'bin', 'jineng.mjs'), 'claims', 'pay-batch', '--key', key, '--as', username, ...extra], {
      cwd: ROOT,
      env: { ...process.env, ...env, JINENG_SEED_ON_EMPTY: '0', LOG_LEVEL: 'error' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    const onData = (d: Buffer) => {
      out += d.toString();
      const m = [...out.matchAll(/paid (\d+)\/(\d+)/g)].pop();
      if (killAfterProgress !== null && m && Number(m[1]) >= killAfterProgress && !child.killed) child.kill('SIGKILL');
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.on('exit', (code, signal) => resolve({ code, signal, out }));
  });
}

describe(`a payment batch killed mid-way on ${testDbKind()}`, () => {
  it('is recorded fully or not at all, the ledger balances, and a rerun pays each claim once', { timeout: 600_000 }, async () => {
    let { database, env } = await open();
    const { username, claimIds } = await prepare(database);
    const before = Number((await sql<{ n: number }>`SELECT count(*)::int AS n FROM ledger_transactions`.execute(database.db)).rows[0]!.n);
    if (testDbKind() === 'pglite') await database.close(); // one process at a time on the PGlite files

    const killed = await runBatch(env, username, 'PAY-2020-0001', 20);
    expect(killed.signal, killed.out).toBe('SIGKILL');

    if (testDbKind() === 'pglite') ({ database, env } = await open());
    const paidAfterCrash = await database.db.selectFrom('subsidy_claims').select('id').where('status', '=', 'paid').execute();
    const txns = Number((await sql<{ n: number }>`SELECT count(*)::int AS n FROM ledger_transactions`.execute(database.db)).rows[0]!.n);
    // All or nothing: either no claim is paid and no transaction was added, or all are.
    expect([0, CLAIMS]).toContain(paidAfterCrash.length);
    expect(txns - before).toBe(paidAfterCrash.length);
    expect(paidAfterCrash.length, 'the kill should land inside the batch transaction').toBe(0);
    expect(await verifyLedger(database.db)).toMatchObject({ ok: true });
    if (testDbKind() === 'pglite') await database.close();

    // The same batch again: completes, and each claim is paid once.
    const rerun = await runBatch(env, username, 'PAY-2020-0001', null);
    expect(rerun.code, rerun.out).toBe(0);
    const again = await runBatch(env, username, 'PAY-2020-0001', null, ['--claims', claimIds.join(',')]);
    expect(again.out).toContain(`0 paid now, ${CLAIMS} already paid`);

    if (testDbKind() === 'pglite') ({ database } = await open());
    const payments = await database.db.selectFrom('ledger_transactions').select(['claim_id']).where('kind', '=', 'payment').execute();
    expect(payments).toHaveLength(CLAIMS);
    expect(new Set(payments.map((p) => p.claim_id))).toEqual(new Set(claimIds));
    expect(await verifyLedger(database.db)).toMatchObject({ ok: true, transactions: before + CLAIMS });
    const sums = await sql<{ d: string; c: string }>`SELECT SUM(debit_fen)::text AS d, SUM(credit_fen)::text AS c FROM ledger_entries`.execute(database.db);
    expect(sums.rows[0]!.d).toBe(sums.rows[0]!.c);
    if (testDbKind() === 'pglite') await database.close();
  });
});
