import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, login, startTestApp, type TestApp } from '../support/app.ts';
import { creditCodeFor, insertOrganisation, insertWorker } from '../support/builders.ts';
import { testDbKind } from '../support/db.ts';
import { addCategory, classBody, insertInstitution, runClassToClosed } from '../support/training.ts';
import { makeEmploymentImport } from '../../src/usecases/employment.ts';
import { makeDashboard } from '../../src/usecases/dashboard.ts';
import { analyzeIfUnanalysed } from '../../src/db/repositories/dashboard.ts';
import { sql } from 'kysely';
import { toActor } from '../../src/usecases/auth/session.ts';

type Method = 'GET' | 'POST' | 'PUT';
type Who = 'instA' | 'instB' | 'instC' | 'eval' | 'county' | 'otherCounty' | 'city' | 'finance';
type Person = { id: string; idNumber: string };

/**
 * The dashboard on a hand-built year (2020): three institutions, four classes, seven trainings in 盐湖区 and one in 临猗县,
 * attendance by scanned check-ins and by confirmed manual marks, an in-service employee, and employment records.
 */
describe(`dashboard on ${testDbKind()}`, () => {
  let t: TestApp;
  let evaluator: { id: string };
  const orgs = {} as Record<'A' | 'B' | 'C', { id: string }>;
  const logins = {} as Record<Who, { username: string; password: string }>;
  const cookies = {} as Record<Who, string>;
  const people = {} as Record<'migrant' | 'employee' | 'poor' | 'graduate' | 'laidOff' | 'linyi', Person>;
  const req = async (method: Method, url: string, cookie: string | null, payload?: object) =>
    t.app.inject({ method, url, headers: cookie ? { cookie } : {}, ...(payload ? { payload } : {}) });
  async function jump(to: string) {
    t.clock.advance(Date.parse(to) - t.clock.now().getTime());
    for (const k of Object.keys(logins) as Who[]) cookies[k] = await login(t, logins[k].username, logins[k].password);
  }
  const as = (inst: 'instA' | 'instB' | 'instC', county: 'county' | 'otherCounty' = 'county') => () => ({ inst: cookies[inst], county: cookies[county], eval: cookies.eval });
  const body = (day: string, unitCode = '140802') =>
    classBody({ unitCode, project: { catalogProjectId: null, occupationCode: '6-31-01-03', levelCode: '4', trainingType: 'skill_upgrade', standardHours: 7 } }, [day]);

  /**
   * A class run through the API whose trainees check in by scanning (the scans stored as the check-in endpoint
   * stores them), except where `manual` names a (person, session) marked by hand and confirmed by the county.
   */
  async function runScannedClass(inst: 'instB', day: string, who: Person[], opts: { absent: number[]; manual: [number, number][]; fail: number[] }) {
    const created = await req('POST', '/api/classes', cookies[inst], body(day));
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id as string;
    expect((await req('POST', `/api/classes/${id}/actions`, cookies[inst], { action: 'file' })).statusCode).toBe(200);
    expect((await req('POST', `/api/classes/${id}/actions`, cookies.county, { action: 'approve', evaluatorOrgId: evaluator.id, projectReviewNote: '同意' })).statusCode).toBe(200);
    const enrolments: string[] = [];
    for (const p of who) enrolments.push((await req('POST', `/api/classes/${id}/enrolments`, cookies[inst], { idNumber: p.idNumber, acceptUnsubsidised: true })).json().id);
    const sessions = (await req('GET', `/api/classes/${id}`, cookies[inst])).json().sessions as { id: string; start: string; end: string }[];
    await jump(new Date(Date.parse(sessions[0]!.start) - 5 * 60_000).toISOString());
    expect((await req('POST', `/api/classes/${id}/actions`, cookies[inst], { action: 'start' })).statusCode).toBe(200);
    for (const [i, p] of who.entries()) {
      if (opts.absent.includes(i)) continue;
      for (const [k, s] of sessions.entries()) {
        if (opts.manual.some(([mi, mk]) => mi === i && mk === k)) continue;
        for (const [kind, at] of [
          ['in', Date.parse(s.start) - 2 * 60_000],
          ['out', Date.parse(s.end) + 60_000],
        ] as const)
          await t.database.db
            .insertInto('attendance_scans')
            .values({ id: randomUUID(), class_id: id, session_id: s.id, worker_id: p.id, kind, slot: Math.floor(at / 30_000), at: new Date(at) })
            .execute();
      }
    }
    await jump(new Date(Date.parse(sessions[sessions.length - 1]!.end) + 60 * 60_000).toISOString());
    for (const [i, k] of opts.manual) {
      const s = sessions[k]!;
      const m = await req('POST', `/api/classes/${id}/manual-marks`, cookies[inst], { enrolmentId: enrolments[i], sessionId: s.id, checkIn: s.start, checkOut: s.end, reasonCode: 'device_failure' });
      expect(m.statusCode, m.body).toBe(201);
      expect((await req('POST', `/api/manual-marks/${m.json().id}/decision`, cookies.county, { decision: 'confirmed' })).statusCode).toBe(204);
    }
    expect((await req('POST', `/api/classes/${id}/actions`, cookies[inst], { action: 'complete' })).statusCode).toBe(200);
    const roster = (await req('GET', `/api/classes/${id}/enrolments`, cookies[inst])).json().items as { id: string; completed: boolean }[];
    const results = roster.filter((r) => r.completed).map((r) => ({ enrolmentId: r.id, result: opts.fail.includes(enrolments.indexOf(r.id)) ? 'fail' : 'pass', score: opts.fail.includes(enrolments.indexOf(r.id)) ? 40 : 85 }));
    expect((await req('POST', `/api/classes/${id}/results`, cookies.eval, { results })).statusCode).toBe(200);
    expect((await req('POST', `/api/classes/${id}/actions`, cookies[inst], { action: 'close' })).statusCode).toBe(200);
  }

  beforeAll(async () => {
    t = await startTestApp();
    orgs.A = await insertInstitution(t, { name: '运城市甲职业培训学校', licences: [['6-31-01-03', '4']] });
    orgs.B = await insertInstitution(t, { name: '运城市乙职业培训学校', licences: [['6-31-01-03', '4']] });
    orgs.C = await insertInstitution(t, { unitCode: '140821', name: '临猗县丙职业培训学校', licences: [['6-31-01-03', '4']] });
    evaluator = await insertInstitution(t, { institutionKind: 'evaluation', licences: [] });
    logins.instA = await createUser(t, 'institution', { orgId: orgs.A.id });
    logins.instB = await createUser(t, 'institution', { orgId: orgs.B.id });
    logins.instC = await createUser(t, 'institution', { orgId: orgs.C.id });
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
    people.graduate = await insertWorker(t, { name: '高校毕业生' });
    await addCategory(t, people.graduate.id, 'college_graduate');
    people.laidOff = await insertWorker(t, { name: '下岗职工' });
    await addCategory(t, people.laidOff.id, 'laid_off');
    people.linyi = await insertWorker(t, { name: '临猗学员' });
    await addCategory(t, people.linyi.id, 'rural_migrant');

    // 甲 (盐湖区): two classes in June, every attendance a confirmed manual mark: 4 人次, 3 人数, all complete and pass.
    await runClassToClosed({ req, jump, cookies: as('instA'), evaluatorId: evaluator.id, body: body('2020-06-12'), people: [people.migrant, people.employee, people.poor] });
    await runClassToClosed({ req, jump, cookies: as('instA'), evaluatorId: evaluator.id, body: body('2020-06-19'), people: [people.migrant] });
    // 临猗县 丙: one class, one trainee.
    await runClassToClosed({ req, jump, cookies: as('instC', 'otherCounty'), evaluatorId: evaluator.id, body: body('2020-06-26', '140821'), people: [people.linyi] });
    // 乙 (盐湖区), July: four trainees check in by scanning. The laid-off worker never comes (not completed); the
    // graduate's afternoon is a confirmed manual mark; the graduate fails the assessment.
    await runScannedClass('instB', '2020-07-10', [people.migrant, people.employee, people.graduate, people.laidOff], { absent: [3], manual: [[2, 1]], fail: [2] });

    // Employment records: the migrant from July 2020, the in-service employee all along; nobody else.
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'jineng-dash-')), '就业参保.csv');
    fs.writeFileSync(
      file,
      [
        '公民身份号码,用人单位统一社会信用代码,用人单位名称,起始月份,终止月份',
        `${people.migrant.idNumber},${creditCodeFor('140802')},运城市某制造有限公司,2020-07,`,
        `${people.employee.idNumber},${creditCodeFor('140802')},山西某铝业有限公司,2019-01,`,
      ].join('\n'),
    );
    const cityUser = await t.database.db.selectFrom('users').selectAll().where('username', '=', logins.city.username).executeTakeFirstOrThrow();
    const imported = await makeEmploymentImport({ db: t.database.db, clock: t.clock, pii: t.pii })({ actor: toActor({ ...cityUser }), requestId: 't', ip: null, userAgent: null }, { path: file });
    expect(imported).toMatchObject({ total: 2, stored: 2 });
    expect((await req('PUT', '/api/targets/2020', cookies.city, { units: { '140802': 100, '140821': 10 } })).statusCode).toBe(200);
    await jump('2020-08-05T02:00:00Z');
  }, 600_000);
  afterAll(() => t.close());

  const instOf = <T extends { orgId: string }>(d: { institutions: T[] }, org: { id: string }) => d.institutions.find((i) => i.orgId === org.id);

  it('rates each institution: completion, certification, employment without in-service employees, and the manual-attendance share', async () => {
    const r = await req('GET', '/api/dashboard/2020', cookies.city);
    expect(r.statusCode, r.body).toBe(200);
    const d = r.json();
    expect(d).toMatchObject({ year: 2020, unitCode: '140800', cityWide: true, asOfMonth: 7 });
    // By 人次, then by name (pinyin: 甲 jiǎ before 乙 yǐ).
    expect(d.institutions.map((i: { name: string }) => i.name)).toEqual(['运城市甲职业培训学校', '运城市乙职业培训学校', '临猗县丙职业培训学校']);
    // 甲: 4 trainings in 2 classes, all completed and certified; the employment base leaves the in-service employee
    // out (3), of whom the migrant's two trainings are employed: 666‰ (with the employee it would be 3 of 4, 750‰).
    // Attendance: 2 sessions × 4 trainees, every one a confirmed manual mark: 1000‰.
    expect(instOf(d, orgs.A)).toMatchObject({
      classes: 2,
      trainings: 4,
      completed: 4,
      certificates: 4,
      completionRatePerMille: 1000,
      certificationRatePerMille: 1000,
      employmentBase: 3,
      employed: 2,
      employmentRatePerMille: 666,
      manualMarks: 8,
      attendanceRecords: 8,
      manualSharePerMille: 1000,
    });
    // 乙: 4 trainings, 3 completed (750‰), 2 of them certified (666‰); base: the migrant and the graduate (the
    // employee is in service), the migrant employed: 500‰. Attendance records: 5 scanned check-ins and 1 manual
    // mark: 1 ÷ 6 = 166.7‰, rounded up to 167 (a share judged against a maximum).
    expect(instOf(d, orgs.B)).toMatchObject({
      classes: 1,
      trainings: 4,
      completed: 3,
      certificates: 2,
      completionRatePerMille: 750,
      certificationRatePerMille: 666,
      employmentBase: 2,
      employed: 1,
      employmentRatePerMille: 500,
      manualMarks: 1,
      attendanceRecords: 6,
      manualSharePerMille: 167,
    });
    expect(instOf(d, orgs.C)).toMatchObject({ trainings: 1, completed: 1, employmentBase: 1, employed: 0, employmentRatePerMille: 0, orgUnitCode: '140821' });
    // Below the minimum sample (20) nothing is flagged.
    for (const i of d.institutions) expect(i.flags).toEqual([]);

    // Headline: 9 人次, 6 人数 (the migrant trains three times, the employee twice), against 110.
    expect(d.headline).toMatchObject({ trainings: 9, people: 6, completed: 8, certificates: 7, target: 110, targetPerMille: 81, employmentBase: 6, employed: 3, employmentRatePerMille: 500 });
    expect(d.months.map((m: { trainings: number }) => m.trainings)).toEqual([0, 0, 0, 0, 0, 5, 4, 0, 0, 0, 0, 0]);
    expect(d.months[11]).toMatchObject({ cumulative: 9, cumulativeTarget: 110 });
    expect(d.employmentByUnit.find((u: { unitCode: string }) => u.unitCode === '140802')).toMatchObject({ trainings: 8, employmentBase: 5, employed: 3, employmentRatePerMille: 600 });
    expect(Object.fromEntries(d.categories.map((c: { code: string; trainings: number; people: number }) => [c.code, [c.trainings, c.people]]))).toEqual({
      rural_migrant: [4, 2],
      enterprise_employee: [2, 1],
      registered_poor: [1, 1],
      college_graduate: [1, 1],
      laid_off: [1, 1],
    });
    // Progress by unit is the one GET /api/targets/:year computes.
    const targets = (await req('GET', '/api/targets/2020', cookies.city)).json();
    expect(d.progress).toHaveLength(14);
    for (const u of d.progress) {
      const same = targets.units.find((x: { unitCode: string }) => x.unitCode === u.unitCode);
      expect(u).toMatchObject({ target: same.target, actual: same.actual, forecast: same.forecast, behind: same.behind, dueByNow: same.dueByNow });
    }
    expect(d.behindUnits).toEqual(d.progress.filter((u: { behind: boolean }) => u.behind).map((u: { unitCode: string }) => u.unitCode));
    expect(d.behindUnits).toContain('140802');
    // The planner has statistics for the report tables now (PGlite never gathers them by itself).
    expect((await sql<{ n: number }>`SELECT count(*)::int AS n FROM pg_stats WHERE tablename = 'enrolments'`.execute(t.database.db)).rows[0]!.n).toBeGreaterThan(0);
    expect(await analyzeIfUnanalysed(t.database.db)).toBe('present');
  });

  it('flags institutions against the thresholds, naming the figure and the line it crossed', async () => {
    const cityUser = await t.database.db.selectFrom('users').selectAll().where('username', '=', logins.city.username).executeTakeFirstOrThrow();
    const ctx = { actor: toActor({ ...cityUser }), requestId: 't', ip: null, userAgent: null };
    const d = await makeDashboard({ db: t.database.db, clock: t.clock, thresholds: { minSample: 1 } }).get(ctx, 2020, { basis: 'calendar' });
    expect(instOf(d, orgs.A)!.flags).toEqual([{ code: 'high_manual_share', valuePerMille: 1000, thresholdPerMille: 150 }]);
    expect(instOf(d, orgs.B)!.flags).toEqual([
      { code: 'low_completion', valuePerMille: 750, thresholdPerMille: 800 },
      { code: 'high_manual_share', valuePerMille: 167, thresholdPerMille: 150 },
    ]);
    expect(instOf(d, orgs.C)!.flags).toEqual([
      { code: 'low_employment', valuePerMille: 0, thresholdPerMille: 250 },
      { code: 'high_manual_share', valuePerMille: 1000, thresholdPerMille: 150 },
    ]);
    // A blacklisted institution says so, whatever its figures.
    await t.database.db.updateTable('organisations').set({ status: 'blacklisted', status_reason: '虚报培训人数', status_since: '2020-08-01' }).where('id', '=', orgs.C.id).execute();
    const after = await makeDashboard({ db: t.database.db, clock: t.clock }).get(ctx, 2020, { basis: 'calendar' });
    expect(instOf(after, orgs.C)!.flags).toEqual([{ code: 'blacklisted' }]);
  });

  it('shows a county only its own unit, refuses another unit, and lets city-level roles look at one unit', async () => {
    const county = (await req('GET', '/api/dashboard/2020', cookies.county)).json();
    expect(county).toMatchObject({ unitCode: '140802', unitName: '盐湖区', cityWide: false });
    expect(county.progress.map((u: { unitCode: string }) => u.unitCode)).toEqual(['140802']);
    expect(county.employmentByUnit.map((u: { unitCode: string }) => u.unitCode)).toEqual(['140802']);
    expect(county.institutions.map((i: { orgId: string }) => i.orgId).sort()).toEqual([orgs.A.id, orgs.B.id].sort());
    expect(county.headline).toMatchObject({ trainings: 8, people: 5, target: 100 });
    expect(JSON.stringify(county)).not.toContain('临猗');
    expect((await req('GET', '/api/dashboard/2020?unit=140802', cookies.county)).statusCode).toBe(200);
    const refused = await req('GET', '/api/dashboard/2020?unit=140821', cookies.county);
    expect(refused.statusCode).toBe(404);
    expect(refused.json().error.code).toBe('NOT_FOUND');
    expect((await req('GET', '/api/dashboard/2020?unit=140821', cookies.otherCounty)).json().headline.trainings).toBe(1);

    const linyi = (await req('GET', '/api/dashboard/2020?unit=140821', cookies.finance)).json();
    expect(linyi).toMatchObject({ unitCode: '140821', cityWide: true, headline: { trainings: 1, target: 10 } });
    expect(linyi.institutions.map((i: { orgId: string }) => i.orgId)).toEqual([orgs.C.id]);
    expect((await req('GET', '/api/dashboard/2020?unit=999999', cookies.city)).statusCode).toBe(404);
    // Institutions and workers have no report.read; signed-out callers are asked to sign in.
    expect((await req('GET', '/api/dashboard/2020', cookies.instA)).statusCode).toBe(403);
    expect((await req('GET', '/api/dashboard/2020', null)).statusCode).toBe(401);
    expect((await req('GET', '/api/dashboard/years', cookies.county)).json()).toEqual({ years: [2020], latest: 2020 });
    // A year without data answers zeros, not an error.
    const empty = (await req('GET', '/api/dashboard/2019', cookies.city)).json();
    expect(empty.headline).toMatchObject({ trainings: 0, people: 0, employmentRatePerMille: 0 });
    expect(empty.institutions).toEqual([]);
    // Next year's targets: the year is listed, the latest year with training stays the one to open, and before
    // the year has begun nobody is behind.
    expect((await req('PUT', '/api/targets/2021', cookies.city, { units: { '140802': 50 } })).statusCode).toBe(200);
    expect((await req('GET', '/api/dashboard/years', cookies.county)).json()).toEqual({ years: [2021, 2020], latest: 2020 });
    const next = (await req('GET', '/api/dashboard/2021', cookies.county)).json();
    expect(next).toMatchObject({ asOfMonth: 0, behindUnits: [], headline: { trainings: 0, target: 50 } });
    expect(next.months[11]).toMatchObject({ cumulative: 0, cumulativeTarget: 50 });
    // Documented in the OpenAPI document with its answer's schema.
    const doc = (await t.app.inject('/docs/json')).json();
    expect(doc.paths['/api/dashboard/{year}'].get.responses['200'].content['application/json'].schema.properties).toHaveProperty('institutions');
    expect(doc.paths['/api/dashboard/years'].get.summary).toMatch(/newest first/);
  });
});
