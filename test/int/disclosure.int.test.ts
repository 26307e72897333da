import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, login, startTestApp, type TestApp } from '../support/app.ts';
import { creditCodeFor, insertWorker } from '../support/builders.ts';
import { testDbKind } from '../support/db.ts';
import { addCategory, classBody, insertInstitution, runClassToClosed } from '../support/training.ts';
import { makeEmploymentImport } from '../../src/usecases/employment.ts';
import { toActor } from '../../src/usecases/auth/session.ts';

type Method = 'GET' | 'POST' | 'PUT';
type Who = 'inst' | 'eval' | 'county' | 'city';

/** The figures the public site shows for a unit or the total, picked from a report as frozen. */
const FIELDS = ['trainings', 'people', 'completed', 'certificates', 'subsidisedPeople', 'paidFen', 'paidTotalFen', 'livingAllowanceFen', 'employmentBase', 'employed', 'employmentRatePerMille', 'target', 'ytdTrainings', 'targetPerMille'];
const pick = (o: Record<string, unknown>) => Object.fromEntries(FIELDS.map((k) => [k, o[k]]));

describe(`the public disclosure site (§17) on ${testDbKind()}`, () => {
  let t: TestApp;
  let evaluator: { id: string };
  const logins = {} as Record<Who, { username: string; password: string }>;
  const cookies = {} as Record<Who, string>;
  const req = async (method: Method, url: string, cookie: string | null, payload?: object) =>
    t.app.inject({ method, url, headers: cookie ? { cookie } : {}, ...(payload ? { payload } : {}) });
  async function jump(to: string) {
    t.clock.advance(Date.parse(to) - t.clock.now().getTime());
    for (const k of Object.keys(logins) as Who[]) cookies[k] = await login(t, logins[k].username, logins[k].password);
  }
  const people: { id: string; idNumber: string; name: string }[] = [];

  beforeAll(async () => {
    t = await startTestApp();
    const inst = await insertInstitution(t, { licences: [['6-31-01-03', '4']] });
    evaluator = await insertInstitution(t, { institutionKind: 'evaluation', licences: [] });
    logins.inst = await createUser(t, 'institution', { orgId: inst.id });
    logins.eval = await createUser(t, 'institution', { orgId: evaluator.id });
    logins.county = await createUser(t, 'county_office', { unitCode: '140802' });
    logins.city = await createUser(t, 'city_office');
    await jump('2020-06-01T02:00:00Z');
    for (const name of ['公开测试甲', '公开测试乙']) {
      const w = await insertWorker(t, { name });
      await addCategory(t, w.id, 'rural_migrant');
      people.push({ ...w, name });
    }
    // One class ending in June 2020 in 盐湖区 with both people; the first trains again in a second class the same month.
    const body = (day: string) => classBody({ project: { catalogProjectId: null, occupationCode: '6-31-01-03', levelCode: '4', trainingType: 'skill_upgrade', standardHours: 7 } }, [day]);
    await runClassToClosed({ req, jump, cookies: () => cookies, evaluatorId: evaluator.id, body: body('2020-06-12'), people });
    await runClassToClosed({ req, jump, cookies: () => cookies, evaluatorId: evaluator.id, body: body('2020-06-19'), people: [people[0]!] });
    await jump('2020-07-05T02:00:00Z');
    expect((await req('PUT', '/api/targets/2020', cookies.city, { total: 100_000 })).statusCode).toBe(200);
  }, 600_000);
  afterAll(() => t.close());

  it('discloses an approved frozen report only, with exactly its frozen figures even after new data arrives', async () => {
    const june = await req('POST', '/api/reports/monthly/2020-06/freeze', cookies.city);
    expect(june.statusCode).toBe(201);
    const q2 = await req('POST', '/api/reports/quarterly/2020-Q2/freeze', cookies.city);
    expect(q2.statusCode).toBe(201);

    // Frozen but not approved: nothing is disclosed, and the report cannot be read by id.
    expect((await req('GET', '/api/public/disclosure/periods', null)).json()).toEqual({ years: [], items: [] });
    expect((await req('GET', '/api/public/disclosure/years/2020', null)).json()).toMatchObject({ year: 2020, monthsDisclosed: 0, periods: [], summary: null });
    expect((await req('GET', `/api/public/disclosure/reports/${june.json().id}`, null)).statusCode).toBe(404);

    // Approved (the month only): disclosed without sign-in, with the figures exactly as frozen.
    expect((await req('POST', `/api/reports/frozen/${june.json().id}/approve`, cookies.city)).statusCode).toBe(204);
    const frozen = (await req('GET', '/api/reports/monthly/2020-06', cookies.city)).json();
    expect(frozen.frozen).toMatchObject({ id: june.json().id });
    expect(frozen.report.total).toMatchObject({ trainings: 3, people: 2, completed: 3, certificates: 3, employed: 0, employmentRatePerMille: 0 });

    const periods = (await req('GET', '/api/public/disclosure/periods', null)).json();
    expect(periods.years).toEqual([2020]);
    expect(periods.items).toEqual([expect.objectContaining({ id: june.json().id, kind: 'monthly', periodKey: '2020-06', basis: 'calendar', unitCode: '140800', unitName: '运城市' })]);
    expect(periods.items[0].approvedAt).toBe('2020-07-05T02:00:00.000Z');

    const disclosed = async () => {
      const year = (await req('GET', '/api/public/disclosure/years/2020', null)).json();
      const one = (await req('GET', `/api/public/disclosure/reports/${june.json().id}`, null)).json();
      return { year, one };
    };
    const before = await disclosed();
    expect(before.year.monthsDisclosed).toBe(1);
    expect(before.year.periods.map((p: { kind: string; periodKey: string }) => `${p.kind}:${p.periodKey}`)).toEqual(['monthly:2020-06']);
    const period = before.year.periods[0];
    expect(period.total).toEqual(pick(frozen.report.total));
    expect(period.units).toHaveLength(14);
    for (const u of frozen.report.units) expect(period.units.find((x: { unitCode: string }) => x.unitCode === u.unitCode)).toEqual({ unitCode: u.unitCode, unitName: u.unitName, unitNameEn: expect.any(String), ...pick(u) });
    expect(period.units.find((u: { unitCode: string }) => u.unitCode === '140802')).toMatchObject({ trainings: 3, people: 2, target: expect.any(Number) });
    // The year so far is the approved months added up: 人次 add up, distinct people do not.
    expect(before.year.summary).toMatchObject({ source: 'monthly', asOf: '2020-06-30', total: { trainings: 3, people: null, completed: 3, target: 100_000, targetPerMille: 0 } });
    expect(before.one.report).toEqual(frozen.report);
    expect(JSON.stringify(before)).not.toMatch(/公开测试|idNumber|idMasked/);

    // New data arrives: the first trainee's employment record. The live report changes; the disclosure does not.
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'jineng-emp-')), 'later.csv');
    fs.writeFileSync(file, `公民身份号码,用人单位统一社会信用代码,起始月份\n${people[0]!.idNumber},${creditCodeFor('140802')},2020-07\n`);
    const cityUser = await t.database.db.selectFrom('users').selectAll().where('username', '=', logins.city.username).executeTakeFirstOrThrow();
    const imported = await makeEmploymentImport({ db: t.database.db, clock: t.clock, pii: t.pii })({ actor: toActor(cityUser), requestId: 't', ip: null, userAgent: null }, { path: file });
    expect(imported).toMatchObject({ stored: 1 });
    await jump('2020-07-20T02:00:00Z');
    expect((await req('GET', '/api/reports/monthly/2020-06?basis=day21', cookies.city)).json().report.total).toMatchObject({ trainings: 3, employed: 2 });
    expect(await disclosed()).toEqual(before);

    // The quarter, once approved, is disclosed too — as frozen before the employment record arrived.
    expect((await req('POST', `/api/reports/frozen/${q2.json().id}/approve`, cookies.city)).statusCode).toBe(204);
    const year = (await req('GET', '/api/public/disclosure/years/2020', null)).json();
    expect(year.periods.map((p: { kind: string; periodKey: string }) => `${p.kind}:${p.periodKey}`)).toEqual(['monthly:2020-06', 'quarterly:2020-Q2']);
    expect(year.periods[1].total).toMatchObject({ trainings: 3, people: 2, employed: 0 });
    expect(year.summary.total.trainings).toBe(3);
    expect((await req('GET', '/api/public/disclosure/periods?kind=quarterly', null)).json().items.map((i: { periodKey: string }) => i.periodKey)).toEqual(['2020-Q2']);
    expect((await req('GET', '/api/public/disclosure/years/2019', null)).json()).toMatchObject({ periods: [], summary: null });
  });

  it('lists blacklisted organisations with the published decision, not active ones, and no personal data', async () => {
    const barred = await insertInstitution(t, { name: '运城市某虚假培训职业学校', licences: [] });
    const active = await insertInstitution(t, { name: '运城市守规职业培训学校', licences: [] });
    expect((await req('GET', '/api/public/blacklist', null)).json().items.map((i: { name: string }) => i.name)).not.toContain('运城市某虚假培训职业学校');
    const changed = await req('POST', `/api/organisations/${barred.id}/status`, cookies.city, {
      to: 'blacklisted',
      reason: '虚构学员签到记录套取补贴资金',
      decisionRef: '运人社字〔2020〕86号',
      effectiveDate: '2020-07-18',
    });
    expect(changed.statusCode).toBe(204);
    const list = (await req('GET', '/api/public/blacklist', null)).json().items as Record<string, unknown>[];
    const row = list.find((i) => i.name === '运城市某虚假培训职业学校');
    expect(row).toMatchObject({
      kind: 'institution',
      institutionKind: 'private',
      unitCode: '140802',
      unitName: '盐湖区',
      effectiveDate: '2020-07-18',
      reason: '虚构学员签到记录套取补贴资金',
      decisionRef: '运人社字〔2020〕86号',
      listedAt: t.clock.now().toISOString(),
    });
    expect(row!.creditCode).toMatch(/^[0-9A-HJ-NPQRTUWXY]{18}$/);
    expect(list.map((i) => i.name)).not.toContain('运城市守规职业培训学校');
    expect(Object.keys(row!).sort()).toEqual(['creditCode', 'decisionRef', 'effectiveDate', 'institutionKind', 'kind', 'listedAt', 'name', 'reason', 'unitCode', 'unitName', 'unitNameEn']);
    expect(active.id).not.toBe(barred.id);
  });
});
