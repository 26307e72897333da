import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDbKind } from '../support/db.ts';
import { createUser, login, startTestApp, type TestApp } from '../support/app.ts';
import { insertOrganisation } from '../support/builders.ts';

describe(`annual catalogs on ${testDbKind()}`, () => {
  let t: TestApp;
  let city: string;
  let county: string;
  beforeAll(async () => {
    t = await startTestApp();
    const c = await createUser(t, 'city_office');
    city = await login(t, c.username, c.password);
    const k = await createUser(t, 'county_office', { unitCode: '140821' });
    county = await login(t, k.username, k.password);
  });
  afterAll(() => t.close());

  const req = (method: 'GET' | 'POST' | 'DELETE', url: string, cookie: string | null, payload?: object) =>
    t.app.inject({ method, url, headers: cookie ? { cookie } : {}, ...(payload ? { payload } : {}) });
  const electrician = { occupationCode: '6-31-01-03', levelCode: '4', trainingType: 'skill_upgrade', standardHours: 120, teachingPlanRef: '电工（四级）教学计划 2020 版', syllabusRef: '电工国家职业技能标准（2018 年版）', subsidyFen: 100_000 };

  it('drafts, reviews and publishes a project catalog; the published one is public and frozen; a change is a new version', async () => {
    const created = await req('POST', '/api/catalogs', city, { kind: 'projects', year: 2020, title: '运城市 2020 年职业技能培训项目目录' });
    expect(created.statusCode).toBe(201);
    const id = created.json().id as string;
    expect((await req('POST', `/api/catalogs/${id}/projects`, city, electrician)).statusCode).toBe(201);
    const overCap = await req('POST', `/api/catalogs/${id}/projects`, city, { ...electrician, levelCode: '5', subsidyFen: 120_000 });
    expect(overCap.json().error).toMatchObject({ code: 'CATALOG_SUBSIDY_OVER_CAP', field: 'subsidyFen' });
    const dup = await req('POST', `/api/catalogs/${id}/projects`, city, electrician);
    expect(dup.json().error.code).toBe('CATALOG_DUPLICATE_PROJECT');
    // Not public while a draft; the county office cannot manage catalogs.
    expect((await req('GET', `/api/public/catalogs/${id}`, null)).statusCode).toBe(404);
    expect((await req('POST', `/api/catalogs/${id}/transition`, county, { action: 'submit' })).statusCode).toBe(404);

    const noReason = await req('POST', `/api/catalogs/${id}/transition`, city, { action: 'publish' });
    expect(noReason.json().error.code).toBe('CATALOG_TRANSITION_INVALID');
    expect((await req('POST', `/api/catalogs/${id}/transition`, city, { action: 'submit' })).statusCode).toBe(204);
    expect((await req('POST', `/api/catalogs/${id}/transition`, city, { action: 'return' })).json().error.code).toBe('CATALOG_REASON_REQUIRED');
    expect((await req('POST', `/api/catalogs/${id}/transition`, city, { action: 'publish' })).statusCode).toBe(204);

    const pub = await req('GET', `/api/public/catalogs/${id}`, null);
    expect(pub.statusCode).toBe(200);
    expect(pub.json().catalog).toMatchObject({ status: 'published', version: 1, allowedActions: [] });
    expect(pub.json().projects).toEqual([expect.objectContaining({ occupationName: '电工', levelName: '四级/中级工', standardHours: 120, subsidyFen: 100_000 })]);
    expect(pub.json().decisions.map((d: { action: string }) => d.action)).toEqual(['create', 'submit', 'publish']);
    // Frozen: through the API, and in the database itself.
    expect((await req('POST', `/api/catalogs/${id}/projects`, city, { ...electrician, levelCode: '3' })).json().error.code).toBe('CATALOG_NOT_EDITABLE');
    await expect(sql`UPDATE catalog_projects SET subsidy_fen = 1 WHERE catalog_id = ${id}`.execute(t.database.db)).rejects.toThrow(/cannot change/);

    // A change is a new version; publishing it supersedes version 1.
    const v2 = (await req('POST', '/api/catalogs', city, { kind: 'projects', year: 2020, title: '运城市 2020 年职业技能培训项目目录（调整）', basedOn: id })).json().id as string;
    const draft = (await req('GET', `/api/catalogs/${v2}`, city)).json();
    expect(draft.catalog).toMatchObject({ version: 2, status: 'draft', allowedActions: ['submit'] });
    expect(draft.projects).toHaveLength(1);
    await req('POST', `/api/catalogs/${v2}/projects`, city, { ...electrician, levelCode: '5', subsidyFen: 60_000 });
    await req('POST', `/api/catalogs/${v2}/transition`, city, { action: 'submit' });
    await req('POST', `/api/catalogs/${v2}/transition`, city, { action: 'publish' });
    const list = (await req('GET', '/api/public/catalogs?year=2020', null)).json().items;
    expect(list.map((c: { version: number; status: string }) => [c.version, c.status])).toEqual([
      [2, 'published'],
      [1, 'superseded'],
    ]);
  });

  it('lists an institution only when active and licensed for the occupation and level', async () => {
    const school = await insertOrganisation(t, { unitCode: '140821', name: '临猗县技能培训学校' });
    await t.database.db.insertInto('organisation_licences').values({ org_id: school.id, occupation_code: '6-31-01-03', level_code: '5' }).execute();
    const id = (await req('POST', '/api/catalogs', city, { kind: 'institutions', year: 2020, title: '运城市 2020 年培训机构目录' })).json().id as string;
    expect((await req('POST', `/api/catalogs/${id}/institutions`, city, { orgId: school.id, occupationCode: '6-31-01-03', levelCode: '5' })).statusCode).toBe(204);
    const unlicensed = await req('POST', `/api/catalogs/${id}/institutions`, city, { orgId: school.id, occupationCode: '6-31-01-03', levelCode: '3' });
    expect(unlicensed.json().error.code).toBe('ORG_NOT_LICENSED');
    await t.database.db.updateTable('organisations').set({ status: 'blacklisted', status_reason: '虚假培训', status_since: '2020-05-01' }).where('id', '=', school.id).execute();
    const barred = await req('POST', `/api/catalogs/${id}/institutions`, city, { orgId: school.id, occupationCode: '6-31-01-03', levelCode: '5' });
    expect(barred.json().error.code).toBe('ORG_BLACKLISTED');
    const detail = (await req('GET', `/api/catalogs/${id}`, city)).json();
    expect(detail.institutions).toEqual([expect.objectContaining({ orgName: '临猗县技能培训学校', levelName: '五级/初级工' })]);
  });
});
