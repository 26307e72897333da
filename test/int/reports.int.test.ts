import { sql } from 'kysely';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, login, startTestApp, type TestApp } from '../support/app.ts';
import { creditCodeFor, insertOrganisation, insertWorker } from '../support/builders.ts';
import { testDbKind } from '../support/db.ts';
import { addCategory, classBody, insertInstitution, runClassToClosed } from '../support/training.ts';
import { makeEmploymentImport } from '../../src/usecases/employment.ts';
import { toActor } from '../../src/usecases/auth/session.ts';

type Method = 'GET' | 'POST' | 'PUT';
type Who = 'inst' | 'eval' | 'county' | 'otherCounty' | 'city' | 'finance';

describe(`targets, employment outcomes and reports on ${testDbKind()}`, () => {
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
  const people: Record<'migrant' | 'employee' | 'poor' | 'linyi', { id: string; idNumber: string }> = {} as never;

  beforeAll(async () => {
    t = await startTestApp();
    const inst = await insertInstitution(t, { licences: [['6-31-01-03', '4'], ['6-31-01-03', '5']] });
    evaluator = await insertInstitution(t, { institutionKind: 'evaluation', licences: [] });
    logins.inst = await createUser(t, 'institution', { orgId: inst.id });
    logins.eval = await createUser(t, 'institution', { orgId: evaluator.id });
    logins.county = await createUser(t, 'county_office', { unitCode: '140802' });
    logins.otherCounty = await createUser(t, 'county_office', { unitCode: '140821' });
    logins.city = await createUser(t, 'city_office');
    logins.finance = await createUser(t, 'finance', { unitCode: '140800' });
    await jump('2020-06-01T02:00:00Z');
    const enterprise = await insertOrganisation(t, { kind: 'enterprise' });
    people.migrant = await insertWorker(t, { name: '转移就业者' });
    await addCategory(t, people.migrant.id, 'rural_migrant');
    people.employee = await insertWorker(t, { name: '在岗职工' });
    await addCategory(t, people.employee.id, 'enterprise_employee', '2019-01-01', enterprise.id);
    people.poor = await insertWorker(t, { name: '建档立卡户' });
    await addCategory(t, people.poor.id, 'registered_poor');
    await addCategory(t, people.poor.id, 'rural_migrant');
    const body = (level: string, day: string) => classBody({ project: { catalogProjectId: null, occupationCode: '6-31-01-03', levelCode: level, trainingType: 'skill_upgrade', standardHours: 7 } }, [day]);
    // Two classes ending in June 2020 in 盐湖区; the migrant trains in both: 4 人次, 3 人数.
    await runClassToClosed({ req, jump, cookies: () => cookies, evaluatorId: evaluator.id, body: body('4', '2020-06-12'), people: [people.migrant, people.employee, people.poor] });
    await runClassToClosed({ req, jump, cookies: () => cookies, evaluatorId: evaluator.id, body: body('5', '2020-06-19'), people: [people.migrant] });
    // 临猗县: one registered-poor trainee of a catalog project (1,000 CNY, §14) in a class ending 30 June, whose claim is
    // paid: 1,000 CNY training subsidy + 2 days × 15 CNY living allowance (§3), both from the employment subsidy fund.
    const catalog = (await req('POST', '/api/catalogs', cookies.city, { kind: 'projects', year: 2020, title: '2020 年培训项目目录' })).json().id as string;
    const project = (
      await req('POST', `/api/catalogs/${catalog}/projects`, cookies.city, {
        occupationCode: '6-31-01-03',
        levelCode: '4',
        trainingType: 'skill_upgrade',
        standardHours: 14,
        teachingPlanRef: '电工（四级）教学计划',
        syllabusRef: '电工国家职业技能标准',
        subsidyFen: 100_000,
      })
    ).json().id as string;
    await req('POST', `/api/catalogs/${catalog}/transition`, cookies.city, { action: 'submit' });
    await req('POST', `/api/catalogs/${catalog}/transition`, cookies.city, { action: 'publish' });
    people.linyi = await insertWorker(t, { name: '临猗脱贫户', unitCode: '140821' });
    await addCategory(t, people.linyi.id, 'registered_poor');
    const linyiCookies = () => ({ inst: cookies.inst, eval: cookies.eval, county: cookies.otherCounty });
    const { id: linyiClass } = await runClassToClosed({
      req,
      jump,
      cookies: linyiCookies,
      evaluatorId: evaluator.id,
      body: classBody({ unitCode: '140821', project: { catalogProjectId: project, occupationCode: '6-31-01-03', levelCode: '4', trainingType: 'skill_upgrade', standardHours: 14 } }, ['2020-06-29', '2020-06-30']),
      people: [people.linyi],
    });
    const claim = await req('POST', `/api/classes/${linyiClass}/claim`, cookies.inst);
    expect(claim.json()).toMatchObject({ totalFen: 103_000 });
    const claimId = claim.json().id as string;
    expect((await req('POST', `/api/claims/${claimId}/actions`, cookies.otherCounty, { action: 'county_approve' })).json()).toMatchObject({ status: 'announcing' });
    const windowEnd = (await req('GET', `/api/claims/${claimId}`, cookies.otherCounty)).json().claim.windowEnd as string;
    await jump(`${new Date(Date.parse(`${windowEnd}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10)}T02:00:00Z`);
    expect((await req('POST', `/api/claims/${claimId}/actions`, cookies.city, { action: 'city_approve' })).json()).toMatchObject({ status: 'approved' });
    await req('POST', '/api/funds/budgets', cookies.finance, { fund: 'employment_subsidy', unitCode: '140821', year: 2020, amountFen: 1_000_000, idempotencyKey: 'reports-budget-linyi' });
    const paid = await req('POST', `/api/claims/${claimId}/actions`, cookies.finance, { action: 'pay', idempotencyKey: 'reports-pay-linyi' });
    expect(paid.statusCode, paid.body).toBe(200);

    // Employment records: the migrant and the in-service employee are employed after training; the other is not.
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'jineng-emp-')), '就业参保.csv');
    const migrantEmployer = creditCodeFor('140802');
    fs.writeFileSync(
      file,
      [
        '公民身份号码,用人单位统一社会信用代码,用人单位名称,起始月份,终止月份',
        `${people.migrant.idNumber},${migrantEmployer},运城市某制造有限公司,2020-07,`,
        `${people.employee.idNumber},${creditCodeFor('140802')},山西某铝业有限公司,2019-01,`,
        `${people.poor.idNumber},BADCODE,某单位,2020-08,`,
        `${people.poor.idNumber},${creditCodeFor('140802')},某单位,2020-13,`,
      ].join('\n'),
    );
    const cityUser = await t.database.db.selectFrom('users').selectAll().where('username', '=', logins.city.username).executeTakeFirstOrThrow();
    const result = await makeEmploymentImport({ db: t.database.db, clock: t.clock, pii: t.pii })({ actor: toActor({ ...cityUser }), requestId: 't', ip: null, userAgent: null }, { path: file });
    expect(result).toMatchObject({ total: 4, stored: 2, unmatched: 0 });
    expect(result.rejected.map((r) => [r.row, r.field, r.code])).toEqual([
      [4, '用人单位统一社会信用代码', 'EMPLOYMENT_EMPLOYER_INVALID'],
      [5, '起始月份', 'EMPLOYMENT_MONTH_INVALID'],
    ]);
    // The same file again changes nothing; only the city office imports (the records touch every unit's rates).
    const again = await makeEmploymentImport({ db: t.database.db, clock: t.clock, pii: t.pii })({ actor: toActor({ ...cityUser }), requestId: 't', ip: null, userAgent: null }, { path: file });
    expect(again).toMatchObject({ total: 4, stored: 0, unchanged: 2 });
    // A later export closes the migrant's open spell: the record is updated, not ignored.
    const closing = path.join(path.dirname(file), 'closing.csv');
    fs.writeFileSync(closing, `公民身份号码,用人单位统一社会信用代码,起始月份,终止月份\n${people.migrant.idNumber},${migrantEmployer},2020-07,2020-09\n`);
    expect(await makeEmploymentImport({ db: t.database.db, clock: t.clock, pii: t.pii })({ actor: toActor({ ...cityUser }), requestId: 't', ip: null, userAgent: null }, { path: closing })).toMatchObject({ total: 1, stored: 1 });
    const spells = await sql<{ first: string; last: string | null; name: string | null }>`SELECT to_char(first_month, 'YYYY-MM') AS first, to_char(last_month, 'YYYY-MM') AS last, employer_name AS name FROM employment_records ORDER BY first_month`.execute(t.database.db);
    expect(spells.rows).toEqual([
      { first: '2019-01', last: null, name: '山西某铝业有限公司' },
      { first: '2020-07', last: '2020-09', name: '运城市某制造有限公司' },
    ]);
    const countyUser = await t.database.db.selectFrom('users').selectAll().where('username', '=', logins.county.username).executeTakeFirstOrThrow();
    await expect(makeEmploymentImport({ db: t.database.db, clock: t.clock, pii: t.pii })({ actor: toActor({ ...countyUser }), requestId: 't', ip: null, userAgent: null }, { path: file })).rejects.toThrow();
    await jump('2020-07-10T02:00:00Z');
  }, 600_000);
  afterAll(() => t.close());

  it('counts every cell of a monthly report; 人次 and 人数 differ; in-service employees are left out of the employment rate', async () => {
    const r = (await req('GET', '/api/reports/monthly/2020-06', cookies.city)).json();
    expect(r.frozen).toBeNull();
    /** The measures of a row; `paid`: the 临猗县 trainee's paid claim is in it. */
    const m = (trainings: number, people: number, completed: number, certificates: number, employmentBase: number, employed: number, paid = false) => ({
      trainings,
      people,
      completed,
      certificates,
      subsidisedPeople: paid ? 1 : 0,
      paidFen: { employment_subsidy: paid ? 103_000 : 0, skills_account: 0, local_talent: 0, industry_development: 0 },
      paidTotalFen: paid ? 103_000 : 0,
      livingAllowanceFen: paid ? 3_000 : 0,
      employmentBase,
      employed,
      employmentRatePerMille: employmentBase === 0 ? 0 : Math.floor((employed * 1000) / employmentBase),
    });
    // 盐湖区: 4 人次 by 3 people (the migrant trains twice), all completed and certified. The employment base is
    // the 3 completions of people who are not in-service employees; employed: the migrant's two (666‰). Counting
    // the in-service employee (who is employed) would give 3 of 4 = 750‰: leaving them out changes the rate.
    // 临猗县: 1 人次, certified, subsidised and paid 1,030 CNY (of which 30 living allowance), not employed.
    expect(r.report.units).toEqual(
      [
        ['140802', '盐湖区'],
        ['140821', '临猗县'],
        ['140822', '万荣县'],
        ['140823', '闻喜县'],
        ['140824', '稷山县'],
        ['140825', '新绛县'],
        ['140826', '绛县'],
        ['140827', '垣曲县'],
        ['140828', '夏县'],
        ['140829', '平陆县'],
        ['140830', '芮城县'],
        ['140881', '永济市'],
        ['140882', '河津市'],
        ['140802404', '运城经济技术开发区'],
      ].map(([unitCode, unitName]) => ({
        unitCode,
        unitName,
        ...(unitCode === '140802' ? m(4, 3, 4, 4, 3, 2) : unitCode === '140821' ? m(1, 1, 1, 1, 1, 0, true) : m(0, 0, 0, 0, 0, 0)),
        target: null,
        ytdTrainings: unitCode === '140802' ? 4 : unitCode === '140821' ? 1 : 0,
        targetPerMille: null,
      })),
    );
    // No unit targets set yet: the city's target is the document's 100,000 人次 (二).
    expect(r.report.total).toEqual({ ...m(5, 4, 5, 5, 4, 2, true), target: 100_000, ytdTrainings: 5, targetPerMille: 0 });
    // 2 of 4 = 500‰ without the in-service employee; with them it would be 3 of 5 = 600‰.
    expect(r.report.total.employmentRatePerMille).toBe(500);
    // By category: the poor person counts under both of their categories; the in-service employee's completion is outside the base.
    expect(r.report.byCategory).toEqual([
      { key: 'enterprise_employee', name: '企业职工', ...m(1, 1, 1, 1, 0, 0) },
      { key: 'registered_poor', name: '建档立卡贫困劳动力', ...m(2, 2, 2, 2, 2, 0, true) },
      { key: 'rural_migrant', name: '农村转移就业劳动者/新生代农民工', ...m(3, 2, 3, 3, 3, 2) },
    ]);
    expect(r.report.byTrainingType).toEqual([{ key: 'skill_upgrade', name: '职业技能提升培训', ...m(5, 4, 5, 5, 4, 2, true) }]);
    expect(r.report.byCertificate).toEqual([
      { key: 'skill_level:4', name: '职业技能等级证书（四级/中级工）', ...m(4, 4, 4, 4, 3, 1, true) },
      { key: 'skill_level:5', name: '职业技能等级证书（五级/初级工）', ...m(1, 1, 1, 1, 1, 1) },
    ]);
    expect(r.report).toMatchObject({ kind: 'monthly', basis: 'calendar', unitCode: '140800', unitName: '运城市', employmentMonths: 6, employmentRateTargetPercent: 25 });
    expect(r.report.period).toEqual({ key: '2020-06', kind: 'month', from: '2020-06-01', to: '2020-06-30', label: '2020年6月', labelEn: '2020-06' });
    // Nothing in July yet; the county sees its own unit only.
    expect((await req('GET', '/api/reports/monthly/2020-07', cookies.city)).json().report.total.trainings).toBe(0);
    const county = (await req('GET', '/api/reports/monthly/2020-06', cookies.county)).json().report;
    expect(county.units.map((u: { unitCode: string }) => u.unitCode)).toEqual(['140802']);
    expect((await req('GET', '/api/reports/monthly/2020-06?unit=140802', cookies.otherCounty)).statusCode).toBe(404);
    // On the 21st–20th basis June runs 21 May – 20 June: the same two classes.
    expect((await req('GET', '/api/reports/monthly/2020-06?basis=day21', cookies.city)).json().report.total.trainings).toBe(4);
    expect((await req('GET', '/api/reports/quarterly/2020-Q2', cookies.city)).json().report.total.people).toBe(4);
  });

  it('gives the employment rate per unit, category, institution and class, in-service employees out of the base; scoped like the reports', async () => {
    const rates = async (by: string, cookie: string, extra = '') => (await req('GET', `/api/employment/rates?year=2020&by=${by}${extra}`, cookie)).json();
    const pick = (x: { name: string; trainings: number; completed: number; inService: number; employmentBase: number; employed: number; employmentRatePerMille: number | null }) => [
      x.name,
      x.trainings,
      x.completed,
      x.inService,
      x.employmentBase,
      x.employed,
      x.employmentRatePerMille,
    ];
    expect((await rates('unit', cookies.city)).items.map(pick)).toEqual([
      ['盐湖区', 4, 4, 1, 3, 2, 666],
      ['临猗县', 1, 1, 0, 1, 0, 0],
    ]);
    expect((await rates('category', cookies.city)).items.map(pick)).toEqual([
      ['企业职工', 1, 1, 1, 0, 0, null],
      ['建档立卡贫困劳动力', 2, 2, 0, 2, 0, 0],
      ['农村转移就业劳动者/新生代农民工', 3, 3, 0, 3, 2, 666],
    ]);
    const institutions = (await rates('institution', cookies.city)).items;
    expect(institutions.map((x: { trainings: number; employmentBase: number; employed: number; employmentRatePerMille: number }) => [x.trainings, x.employmentBase, x.employed, x.employmentRatePerMille])).toEqual([[5, 4, 2, 500]]);
    // By class: the first class (migrant, employee, poor) 1 of 2, the second (the migrant) 1 of 1, 临猗县's 0 of 1.
    const classes = (await rates('class', cookies.city)).items as { employmentBase: number; employed: number; employmentRatePerMille: number; unitName: string }[];
    expect(classes.map((x) => [x.employmentBase, x.employed, x.employmentRatePerMille, x.unitName]).sort()).toEqual([
      [1, 0, 0, '临猗县'],
      [1, 1, 1000, '盐湖区'],
      [2, 1, 500, '盐湖区'],
    ]);
    // The county sees its own unit; another county sees nothing of 盐湖区.
    expect((await rates('unit', cookies.county)).items.map(pick)).toEqual([['盐湖区', 4, 4, 1, 3, 2, 666]]);
    expect((await rates('unit', cookies.otherCounty)).items.map(pick)).toEqual([['临猗县', 1, 1, 0, 1, 0, 0]]);
    expect((await req('GET', '/api/employment/rates?year=2020&by=unit&unit=140802', cookies.otherCounty)).statusCode).toBe(404);
    expect((await req('GET', '/api/employment/rates?year=2020&by=unit', cookies.inst)).statusCode).toBe(403);
    // The imported records, masked; the other county sees none of them.
    const records = (await req('GET', '/api/employment/records?pageSize=10', cookies.city)).json();
    expect(records.total).toBe(2);
    expect(records.items.map((x: { workerName: string }) => x.workerName).sort()).toEqual(['在岗职工', '转移就业者']);
    for (const x of records.items) expect(x.idNumberMasked).toMatch(/^\d{6}\*{8}[\dX]{4}$/);
    expect(JSON.stringify(records)).not.toContain(people.migrant.idNumber);
    expect((await req('GET', '/api/employment/records', cookies.otherCounty)).json().total).toBe(0);
    // The indicators of 二 beside the targets: employment 2 of 4; of the employed trainees (the migrant), skilled 1 of 1; high-skilled (三级 and above) 0 of 1.
    const indicators = (await req('GET', '/api/targets/2020', cookies.city)).json().indicators as { code: string; actual: number; base: number | null; valuePerMille: number | null; targetPercent: number }[];
    expect(indicators.filter((x) => x.code !== 'trainings').map((x) => [x.code, x.actual, x.base, x.valuePerMille, x.targetPercent])).toEqual([
      ['employment_rate', 2, 4, 500, 25],
      ['skilled_share', 1, 1, 1000, 25],
      ['high_skilled_share', 0, 1, 0, 30],
    ]);
  });

  it('sets targets by population and shows progress; a frozen report never changes when later data arrives', async () => {
    const set = (await req('PUT', '/api/targets/2020', cookies.city, { total: 100_000 })).json();
    expect(Object.values(set.units as Record<string, number>).reduce((s, n) => s + n, 0)).toBe(100_000);
    expect((await req('PUT', '/api/targets/2020', cookies.county, { total: 1 })).statusCode).toBe(404);
    const targets = (await req('GET', '/api/targets/2020', cookies.city)).json();
    const yanhu = targets.units.find((u: { unitCode: string }) => u.unitCode === '140802');
    expect(yanhu).toMatchObject({ actual: 4, target: set.units['140802'], behind: true });
    expect(yanhu.byMonth[5]).toBe(4);
    // Next year's targets, set now: no month of it has passed, so nobody is behind yet.
    expect((await req('PUT', '/api/targets/2021', cookies.city, { total: 100_000 })).statusCode).toBe(200);
    const next = (await req('GET', '/api/targets/2021', cookies.city)).json();
    expect(next.asOfMonth).toBe(0);
    expect(next.units.filter((u: { behind: boolean }) => u.behind)).toEqual([]);

    // Only an ended period can be frozen (the year 2020 is still running on the test's clock), for a known unit.
    const open = await req('POST', '/api/reports/annual/2020/freeze', cookies.city);
    expect([open.statusCode, open.json().error.code]).toEqual([409, 'REPORT_PERIOD_OPEN']);
    const unknown = await req('POST', '/api/reports/monthly/2020-06/freeze?unit=999999', cookies.city);
    expect([unknown.statusCode, unknown.json().error.code]).toEqual([400, 'ORG_UNIT_UNKNOWN']);
    const frozen = await req('POST', '/api/reports/monthly/2020-06/freeze', cookies.city);
    expect(frozen.statusCode).toBe(201);
    expect((await req('POST', '/api/reports/monthly/2020-06/freeze', cookies.city)).json().error.code).toBe('REPORT_ALREADY_FROZEN');
    // Later data arrives: the poor trainee's employment record. The live figures change, the frozen report does not.
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'jineng-emp-')), 'later.csv');
    fs.writeFileSync(file, `公民身份号码,用人单位统一社会信用代码,起始月份\n${people.poor.idNumber},${creditCodeFor('140802')},2020-08\n`);
    const cityUser = await t.database.db.selectFrom('users').selectAll().where('username', '=', logins.city.username).executeTakeFirstOrThrow();
    await makeEmploymentImport({ db: t.database.db, clock: t.clock, pii: t.pii })({ actor: toActor({ ...cityUser }), requestId: 't', ip: null, userAgent: null }, { path: file });
    expect((await req('GET', '/api/reports/monthly/2020-06?basis=day21', cookies.city)).json().report.total).toMatchObject({ employed: 3, employmentRatePerMille: 1000 });
    const after = (await req('GET', '/api/reports/monthly/2020-06', cookies.city)).json();
    expect(after.frozen).toMatchObject({ id: frozen.json().id, approvedAt: null });
    expect(after.report.total).toMatchObject({ trainings: 5, employed: 2, employmentRatePerMille: 500 });
    // §17: disclosed only once approved, and then as frozen (test/int/disclosure.int.test.ts covers the public site).
    expect((await req('GET', '/api/public/disclosure/periods', null)).json().items).toEqual([]);
    expect((await req('POST', `/api/reports/frozen/${frozen.json().id}/approve`, cookies.city)).statusCode).toBe(204);
    expect((await req('GET', '/api/public/disclosure/periods', null)).json().items).toEqual([expect.objectContaining({ id: frozen.json().id, kind: 'monthly' })]);
    const disclosed = (await req('GET', `/api/public/disclosure/reports/${frozen.json().id}`, null)).json();
    expect(JSON.stringify(disclosed)).toContain('"trainings":5');
    expect(JSON.stringify(disclosed)).not.toContain('转移就业者');

    // The official table as .xlsx.
    const x = await req('GET', '/api/reports/monthly/2020-06/export.xlsx', cookies.city);
    expect(x.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(String(ws.getCell('A1').value)).toBe('运城市职业技能提升培训2020年6月月报');
    const rows = Array.from({ length: ws.rowCount }, (_, i) => ws.getRow(i + 1));
    const yanhuRow = rows.find((r) => r.getCell(1).value === '盐湖区')!;
    expect([yanhuRow.getCell(2).value, yanhuRow.getCell(3).value, yanhuRow.getCell(12).value]).toEqual([4, 3, '66.6%']);
  });
});
