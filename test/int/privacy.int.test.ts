import { sql } from 'kysely';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoWorkers } from '../../src/domain/demo/workers.ts';
import { DEMO_AS_OF, seedDemo } from '../../src/db/seed/demo.ts';
import { makePiiCipher } from '../../src/security/pii.ts';
import { openTestDatabase, testDbKind, type TestDatabase } from '../support/db.ts';
import { TestClock } from '../support/app.ts';

describe(`personal data at rest on ${testDbKind()}`, () => {
  let t: TestDatabase;
  const pii = makePiiCipher(randomBytes(32));
  const COUNT = 300;
  beforeAll(async () => {
    t = await openTestDatabase();
    await seedDemo({ db: t.db, clock: new TestClock(), pii }, { scale: 'city', seed: 'privacy', workers: COUNT });
  });
  afterAll(() => t.dispose());

  it('a dump of every table contains no plaintext ID or phone number, only masked forms', async () => {
    const tables = await sql<{ table_name: string }>`
      SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`.execute(t.db);
    let dump = '';
    for (const { table_name } of tables.rows) {
      const rows = await sql<{ j: string }>`SELECT row_to_json(x)::text AS j FROM ${sql.table(table_name)} x`.execute(t.db);
      dump += rows.rows.map((r) => r.j).join('\n');
    }
    const people = [...demoWorkers('privacy', COUNT, DEMO_AS_OF)];
    expect(dump).toContain(people[5]!.name); // the dump really holds the registry
    for (const p of people) {
      expect(dump.includes(p.idNumber), `ID number of worker ${p.name}`).toBe(false);
      expect(dump.includes(p.phone), `phone of worker ${p.name}`).toBe(false);
    }
  });

  it('the stored ciphertext decrypts with the key and the blind index finds the person', async () => {
    const p = [...demoWorkers('privacy', COUNT, DEMO_AS_OF, 7, 8)][0]!;
    const row = await t.db.selectFrom('workers').selectAll().where('id_blind', '=', pii.blindIndex('id', p.idNumber)).executeTakeFirstOrThrow();
    expect(row.name).toBe(p.name);
    expect(pii.decrypt(row.id_cipher)).toBe(p.idNumber);
    expect(pii.decrypt(row.phone_cipher!)).toBe(p.phone);
    expect(row.id_masked).toBe(`${p.idNumber.slice(0, 6)}********${p.idNumber.slice(14)}`);
    // Another key can neither read it nor find it.
    const other = makePiiCipher(randomBytes(32));
    expect(() => other.decrypt(row.id_cipher)).toThrow();
    expect(other.blindIndex('id', p.idNumber)).not.toBe(row.id_blind);
  });

  it('re-running the seed changes nothing (deterministic, idempotent)', async () => {
    const before = await t.db.selectFrom('workers').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const again = await seedDemo({ db: t.db, clock: new TestClock(), pii }, { scale: 'city', seed: 'privacy', workers: COUNT });
    expect(again.accounts).toBeNull();
    const after = await t.db.selectFrom('workers').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
    expect(before.n).toBe(COUNT);
  });
});
