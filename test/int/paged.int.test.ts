import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listOrganisations } from '../../src/db/repositories/organisations.ts';
import { paged } from '../../src/db/repositories/paged.ts';
import { listWorkers } from '../../src/db/repositories/workers.ts';
import { testDbKind } from '../support/db.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { insertOrganisation, insertWorker } from '../support/builders.ts';

describe(`paged lists on ${testDbKind()}`, () => {
  let t: TestApp;
  const yanhu: string[] = [];
  const linyi: string[] = [];
  beforeAll(async () => {
    t = await startTestApp();
    // One name for all: the order falls to the id, which the test can sort itself.
    for (let i = 0; i < 12; i++) yanhu.push((await insertWorker(t, { unitCode: '140802', name: '测试人' })).id);
    for (let i = 0; i < 5; i++) linyi.push((await insertWorker(t, { unitCode: '140821', name: '测试人' })).id);
    for (let i = 0; i < 7; i++) await insertOrganisation(t, { unitCode: i < 4 ? '140802' : '140821', name: `机构${String.fromCharCode(65 + i)}` });
  });
  afterAll(() => t.close());

  it('pages the workers in order, every one once, with the total of all, in the city and in a unit', async () => {
    const city = [];
    for (let page = 1; page <= 4; page++) {
      const p = await listWorkers(t.database.db, { kind: 'city' }, { page, pageSize: 5 });
      expect(p.total).toBe(17);
      expect(p.items.length).toBe(page < 4 ? 5 : 2);
      city.push(...p.items.map((w) => w.id));
    }
    // By name, then id: one name, so by id across both units.
    expect(city).toEqual([...yanhu, ...linyi].sort());
    const unit = await listWorkers(t.database.db, { kind: 'unit', unitCode: '140821' }, { page: 1, pageSize: 3, sort: '-name' });
    expect(unit.total).toBe(5);
    expect(unit.items.map((w) => w.id)).toEqual([...linyi].sort().slice(0, 3));
    expect((await listWorkers(t.database.db, { kind: 'city' }, { page: 9, pageSize: 5 })).items).toEqual([]);
  });

  it('counts the organisations with the filter and pages them by unit, then name', async () => {
    const p1 = await listOrganisations(t.database.db, { kind: 'city' }, { kind: 'institution', page: 1, pageSize: 3 });
    const p2 = await listOrganisations(t.database.db, { kind: 'city' }, { kind: 'institution', page: 2, pageSize: 3 });
    expect([p1.total, p2.total]).toEqual([7, 7]);
    expect([...p1.items, ...p2.items].map((o) => o.name)).toEqual(['机构A', '机构B', '机构C', '机构D', '机构E', '机构F']);
    expect((await listOrganisations(t.database.db, { kind: 'unit', unitCode: '140821' }, { page: 1, pageSize: 10 })).total).toBe(3);
    expect((await listOrganisations(t.database.db, { kind: 'city' }, { kind: 'enterprise', page: 1, pageSize: 10 })).total).toBe(0);
  });

  it('answers the same concurrently on the pool as one after the other, and one after the other inside a transaction', async () => {
    const db = t.database.db;
    const q = db.selectFrom('workers as w').select(['w.id', 'w.unit_code']).where('w.unit_code', '=', '140802');
    const byId = (x: typeof q) => x.orderBy('w.id');
    const sequential = await paged(q, byId, { page: 2, pageSize: 5 });
    const concurrent = await paged(q, byId, { page: 2, pageSize: 5 }, { concurrently: true });
    expect(concurrent).toEqual(sequential);
    expect(sequential).toEqual({ total: 12, items: [...yanhu].sort().slice(5, 10).map((id) => ({ id, unit_code: '140802' })) });
    const inTx = await db.transaction().execute((trx) =>
      paged(trx.selectFrom('workers as w').select(['w.id', 'w.unit_code']).where('w.unit_code', '=', '140802'), (x) => x.orderBy('w.id'), { page: 2, pageSize: 5 }),
    );
    expect(inTx).toEqual(sequential);
  });
});
