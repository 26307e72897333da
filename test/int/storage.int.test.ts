import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../../src/db/migrate.ts';
import { UnsafeIntegerError } from '../../src/db/parsers.ts';
import { openTestDatabase, testDbKind, type TestDatabase } from '../support/db.ts';

describe(`storage on ${testDbKind()}`, () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await openTestDatabase();
  });
  afterAll(() => t.dispose());

  it('reads BIGINT fen back as safe JS integers, identically on both drivers (ADR 0003)', async () => {
    await sql`CREATE TEMP TABLE money_probe (fen bigint NOT NULL)`.execute(t.db);
    const values = [0, 1, 100_000, 123_456_789_012, Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER];
    for (const v of values) await sql`INSERT INTO money_probe VALUES (${v})`.execute(t.db);
    const rows = await sql<{ fen: number }>`SELECT fen FROM money_probe ORDER BY fen`.execute(t.db);
    expect(rows.rows.map((r) => r.fen)).toEqual([...values].sort((a, b) => a - b));
    for (const r of rows.rows) expect(typeof r.fen).toBe('number');
    const sum = await sql<{ s: number }>`SELECT sum(fen)::bigint AS s FROM money_probe WHERE fen BETWEEN 0 AND 200000000000`.execute(t.db);
    expect(sum.rows[0]!.s).toBe(123_456_889_013);
    const count = await sql<{ n: number }>`SELECT count(*) AS n FROM money_probe`.execute(t.db);
    expect(count.rows[0]!.n).toBe(values.length);
  });

  it('refuses a BIGINT outside the safe range instead of rounding it', async () => {
    await expect(sql`SELECT 9007199254740993::bigint AS x`.execute(t.db)).rejects.toThrow(UnsafeIntegerError);
  });

  it('reads DATE as a calendar string, not a shifted instant', async () => {
    const r = await sql<{ d: string }>`SELECT DATE '2020-04-20' AS d`.execute(t.db);
    expect(r.rows[0]!.d).toBe('2020-04-20');
  });

  it('loads the reference data: the city, 13 county-level units and the development zone', async () => {
    const units = await t.db.selectFrom('reporting_units').selectAll().orderBy('sort').execute();
    expect(units[0]).toMatchObject({ code: '140800', name: '运城市', kind: 'prefecture' });
    const reporting = units.filter((u) => u.kind !== 'prefecture');
    expect(reporting).toHaveLength(14);
    expect(reporting.at(-1)).toMatchObject({ code: '140802404', name: '运城经济技术开发区', is_development_zone: true, parent_code: '140802' });
    const levels = await t.db.selectFrom('skill_levels').select('name').orderBy('sort').execute();
    expect(levels.map((l) => l.name)).toEqual(['专项职业能力', '五级/初级工', '四级/中级工', '三级/高级工', '二级/技师', '一级/高级技师']);
    expect(await t.db.selectFrom('training_types').select('code').execute()).toHaveLength(11);
    expect(await t.db.selectFrom('person_categories').select('code').execute()).toHaveLength(10);
    expect(await t.db.selectFrom('fund_sources').select('code').execute()).toHaveLength(4);
    const electrician = await t.db.selectFrom('occupations').selectAll().where('code', '=', '6-31-01-03').executeTakeFirstOrThrow();
    expect(electrician).toMatchObject({ name: '电工', verified: true });
  });

  it('migrates idempotently and keeps the city office’s occupation edits', async () => {
    await t.db.updateTable('occupations').set({ name: '电工（低压）' }).where('code', '=', '6-31-01-03').execute();
    expect(await migrate(t)).toEqual([]);
    const o = await t.db.selectFrom('occupations').select('name').where('code', '=', '6-31-01-03').executeTakeFirstOrThrow();
    expect(o.name).toBe('电工（低压）');
    const n = await t.db.selectFrom('townships').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(n.n).toBe(166);
  });

  it('the database refuses a user whose scope does not fit its role', async () => {
    await expect(
      sql`INSERT INTO users (id, username, display_name, role, unit_code, password_hash)
          VALUES (gen_random_uuid(), 'bad.county', 'x', 'county_office', NULL, 'x')`.execute(t.db),
    ).rejects.toThrow();
  });
});
