import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendAudit, verifyAuditChain } from '../../src/db/repositories/audit.ts';
import { openTestDatabase, testDbKind, type TestDatabase } from '../support/db.ts';

describe(`audit trail on ${testDbKind()}`, () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await openTestDatabase();
    for (let i = 1; i <= 6; i++) {
      await t.db.transaction().execute((trx) =>
        appendAudit(trx, new Date(Date.UTC(2020, 5, i)), { id: crypto.randomUUID(), username: 'city', role: 'city_office' }, `req-${i}`, {
          action: 'test.action',
          targetType: 'thing',
          targetId: String(i),
          summary: { before: { n: i - 1 }, after: { n: i, note: '改动' } },
        }),
      );
    }
  });
  afterAll(() => t.dispose());

  it('chains every row to the previous one and verifies intact', async () => {
    const rows = await t.db.selectFrom('audit_log').select(['seq', 'prev_hash', 'hash']).orderBy('seq').execute();
    expect(rows.map((r) => r.seq)).toEqual([1, 2, 3, 4, 5, 6]);
    for (let i = 1; i < rows.length; i++) expect(rows[i]!.prev_hash).toBe(rows[i - 1]!.hash);
    expect(await verifyAuditChain(t.db)).toEqual({ ok: true, rows: 6, lastSeq: 6 });
  });

  it('refuses UPDATE, DELETE and TRUNCATE in the database itself', async () => {
    await expect(sql`UPDATE audit_log SET action = 'x' WHERE seq = 2`.execute(t.db)).rejects.toThrow(/append-only/);
    await expect(sql`DELETE FROM audit_log WHERE seq = 2`.execute(t.db)).rejects.toThrow(/append-only/);
    await expect(sql`TRUNCATE audit_log`.execute(t.db)).rejects.toThrow(/append-only/);
    expect((await verifyAuditChain(t.db)).ok).toBe(true);
  });

  it('names the first edited row when someone bypasses the trigger', async () => {
    await sql`ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update`.execute(t.db);
    await sql`UPDATE audit_log SET summary = '{"after":{"n":999}}' WHERE seq = 4`.execute(t.db);
    await sql`UPDATE audit_log SET target_id = 'x' WHERE seq = 5`.execute(t.db);
    expect(await verifyAuditChain(t.db)).toMatchObject({ ok: false, problem: { kind: 'hash', seq: 4 } });
  });

  it('names a deleted row', async () => {
    const t2 = await openTestDatabase();
    try {
      for (let i = 1; i <= 4; i++) await t2.db.transaction().execute((trx) => appendAudit(trx, new Date(), null, null, { action: `a${i}` }));
      await sql`ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_delete`.execute(t2.db);
      await sql`DELETE FROM audit_log WHERE seq = 2`.execute(t2.db);
      expect(await verifyAuditChain(t2.db)).toMatchObject({ ok: false, problem: { kind: 'gap', seq: 3, expectedSeq: 2 } });
    } finally {
      await t2.dispose();
    }
  });

  it('names a reordered row (two rows swapped, hashes carried along)', async () => {
    const t3 = await openTestDatabase();
    try {
      for (let i = 1; i <= 4; i++) await t3.db.transaction().execute((trx) => appendAudit(trx, new Date(), null, null, { action: `a${i}` }));
      await sql`ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update`.execute(t3.db);
      await sql`ALTER TABLE audit_log DROP CONSTRAINT audit_log_seq_check`.execute(t3.db);
      await sql`UPDATE audit_log SET seq = -seq WHERE seq IN (2, 3)`.execute(t3.db);
      await sql`UPDATE audit_log SET seq = 3 WHERE seq = -2`.execute(t3.db);
      await sql`UPDATE audit_log SET seq = 2 WHERE seq = -3`.execute(t3.db);
      expect(await verifyAuditChain(t3.db)).toMatchObject({ ok: false, problem: { kind: 'prev_hash', seq: 2 } });
    } finally {
      await t3.dispose();
    }
  });
});
