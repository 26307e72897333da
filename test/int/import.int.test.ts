import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readTable } from '../../src/import/read.ts';
import { makeImportWorkers } from '../../src/usecases/workers/importWorkers.ts';
import { openReport } from '../../src/usecases/imports/runImport.ts';
import type { RequestContext } from '../../src/usecases/context.ts';
import { testDbKind } from '../support/db.ts';
import { createUser, login, startTestApp, type TestApp } from '../support/app.ts';
import { insertWorker } from '../support/builders.ts';
import { rosterRows, withBadCheck, withBirthDate, writeCsv, writeXlsx, type RosterRow } from '../support/rosters.ts';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'jineng-import-'));

describe(`worker import on ${testDbKind()}`, () => {
  let t: TestApp;
  let ctx: RequestContext;
  let importWorkers: ReturnType<typeof makeImportWorkers>;
  let dataDir: string;
  beforeAll(async () => {
    t = await startTestApp();
    const city = await createUser(t, 'city_office');
    ctx = { actor: { id: city.id, username: city.username, displayName: city.username, role: 'city_office', unitCode: '140800', orgId: null, workerId: null }, requestId: 'test', ip: null, userAgent: null };
    dataDir = fs.mkdtempSync(path.join(tmp, 'data-'));
    importWorkers = makeImportWorkers({ db: t.database.db, clock: t.clock, pii: t.pii, dataDir });
  });
  afterAll(() => t.close());

  async function rejectedRows(report: string, sealed = true) {
    const out: { row: number; field: string; reason: string; name: string }[] = [];
    if (sealed) {
      const plain = path.join(tmp, `report-${Math.random().toString(36).slice(2)}.xlsx`);
      fs.writeFileSync(plain, openReport(t.pii, report));
      report = plain;
    }
    for await (const r of readTable({ path: report }, { requiredColumns: ['行号', '字段', '原因'], knownColumns: ['姓名'] })) {
      out.push({ row: Number(r.values['行号']), field: r.values['字段']!, reason: r.values['原因']!, name: r.values['姓名'] ?? '' });
    }
    return out;
  }

  it('stores 950 of 1,000 rows, reports the 50 planted faults with the right reasons, and a second import changes nothing', async () => {
    const rows = rosterRows(1000, 'planted');
    const expected = new Map<number, { field: string; reason: RegExp }>();
    const plant = (index: number, field: string, reason: RegExp, change: (r: RosterRow) => void) => {
      change(rows[index]!);
      expected.set(index + 2, { field, reason }); // header is row 1
    };
    // Workers already in the registry under another name (the same ID number).
    const stored = rosterRows(1000, 'planted').slice(900, 907);
    for (const s of stored) await insertWorker(t, { idNumber: s['公民身份号码'], unitCode: s['县区代码'], name: '登记人' });
    let i = 0;
    for (let k = 0; k < 8; k++) plant((i += 17), '公民身份号码', /校验码/, (r) => (r['公民身份号码'] = withBadCheck(r['公民身份号码']!)));
    for (let k = 0; k < 7; k++) plant((i += 17), '公民身份号码', /出生日期|日期/, (r) => (r['公民身份号码'] = withBirthDate(r['公民身份号码']!, '19900230')));
    for (let k = 0; k < 7; k++) plant((i += 17), '公民身份号码', /与第 \d+ 行/, (r) => (r['公民身份号码'] = rows[k]!['公民身份号码']!));
    for (let k = 0; k < 7; k++) plant(900 + k, '姓名', /已登记/, () => undefined);
    for (let k = 0; k < 7; k++) plant((i += 17), '县区代码', /县区/, (r) => (r['县区代码'] = '149999'));
    for (let k = 0; k < 7; k++) plant((i += 17), '姓名', /姓名/, (r) => (r['姓名'] = ''));
    for (let k = 0; k < 7; k++) plant((i += 17), '手机号码', /手机/, (r) => (r['手机号码'] = '1234567'));
    expect(expected.size).toBe(50);
    const file = path.join(tmp, '花名册-planted.xlsx');
    await writeXlsx(file, rows);

    const before = await t.database.db.selectFrom('workers').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const first = await importWorkers(ctx, { filePath: file, fileName: '花名册-planted.xlsx', allOrNothing: false, categoryFrom: '2020-01-01' });
    expect(first).toMatchObject({ status: 'committed', total: 1000, stored: 950, unchanged: 0, rejected: 50 });
    const after = await t.database.db.selectFrom('workers').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(after.n - before.n).toBe(950);

    // Stored sealed: the rejected rows' ID numbers are not on disk in the clear.
    const sealedBytes = fs.readFileSync(first.reportPath!);
    expect(sealedBytes.includes(Buffer.from(rows[17]!['公民身份号码']!))).toBe(false);
    const reported = await rejectedRows(first.reportPath!);
    expect(reported.map((r) => r.row).sort((a, b) => a - b)).toEqual([...expected.keys()].sort((a, b) => a - b));
    for (const r of reported) {
      const want = expected.get(r.row)!;
      expect(r.field, `row ${r.row}`).toBe(want.field);
      expect(r.reason, `row ${r.row}: ${r.reason}`).toMatch(want.reason);
    }
    // Categories came with the rows: a third of them are registered poor from 2020-01-01.
    const poor = await t.database.db.selectFrom('worker_categories').select((eb) => eb.fn.countAll<number>().as('n')).where('category_code', '=', 'registered_poor').executeTakeFirstOrThrow();
    expect(poor.n).toBeGreaterThan(300);

    const categoriesBefore = await t.database.db.selectFrom('worker_categories').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    t.clock.advance(3 * 86_400_000);
    const again = await importWorkers(ctx, { filePath: file, fileName: '花名册-planted.xlsx', allOrNothing: false });
    expect(again).toMatchObject({ status: 'committed', total: 1000, stored: 0, unchanged: 950, rejected: 50, categoriesAdded: 0 });
    const categoriesAfter = await t.database.db.selectFrom('worker_categories').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(categoriesAfter.n).toBe(categoriesBefore.n);
    const audit = await t.database.db.selectFrom('audit_log').select(['action', 'summary']).where('action', '=', 'import.workers').execute();
    expect(audit).toHaveLength(2);
    expect(JSON.stringify(audit)).not.toMatch(/\d{17}[\dX]/); // no ID number in the trail
  });

  it('stores nothing with all-or-nothing when any row is bad, but still reports the bad rows', async () => {
    const rows = rosterRows(40, 'aon');
    rows[10]!['手机号码'] = '999';
    const file = path.join(tmp, 'aon.xlsx');
    await writeXlsx(file, rows);
    const res = await importWorkers(ctx, { filePath: file, fileName: 'aon.xlsx', allOrNothing: true });
    expect(res).toMatchObject({ status: 'rejected', total: 40, stored: 0, rejected: 1 });
    expect(await rejectedRows(res.reportPath!)).toEqual([expect.objectContaining({ row: 12, field: '手机号码' })]);
    const blinds = rows.map((r) => t.pii.blindIndex('id', r['公民身份号码']!));
    const stored = await t.database.db.selectFrom('workers').select('id').where('id_blind', 'in', blinds).execute();
    expect(stored).toHaveLength(0);
    const batch = await t.database.db.selectFrom('import_batches').selectAll().where('id', '=', res.batchId).executeTakeFirstOrThrow();
    expect(batch).toMatchObject({ status: 'rejected', stored: 0, rejected: 1 });
  });

  it('keeps Chinese names intact from a GBK CSV', async () => {
    const rows = rosterRows(30, 'gbk');
    rows[0]!['姓名'] = '欧阳娜娜';
    rows[1]!['姓名'] = '王晓燕';
    rows[2]!['姓名'] = '买买提·吐尔逊';
    const file = path.join(tmp, 'gbk.csv');
    writeCsv(file, rows, 'gbk');
    const res = await importWorkers(ctx, { filePath: file, fileName: 'gbk.csv', allOrNothing: false });
    expect(res).toMatchObject({ stored: 30, rejected: 0, reportPath: null });
    const names = (await t.database.db.selectFrom('workers').select('name').where('name', 'in', ['欧阳娜娜', '王晓燕', '买买提·吐尔逊']).execute()).map((r) => r.name);
    expect(names.sort()).toEqual(['买买提·吐尔逊', '欧阳娜娜', '王晓燕'].sort());
  });

  it('a county office imports only its own county: other units’ rows are refused', async () => {
    const county = await createUser(t, 'county_office', { unitCode: '140821' });
    const countyCtx: RequestContext = { ...ctx, actor: { ...ctx.actor!, id: county.id, username: county.username, role: 'county_office', unitCode: '140821' } };
    const rows = rosterRows(10, 'county').map((r, i) => ({ ...r, 县区代码: i < 6 ? '140821' : '140882' }));
    const file = path.join(tmp, 'county.csv');
    writeCsv(file, rows, 'utf-8');
    const res = await importWorkers(countyCtx, { filePath: file, fileName: 'county.csv', allOrNothing: false });
    expect(res).toMatchObject({ stored: 6, rejected: 4 });
  });

  it('a file without the required columns fails with a clear error and stores nothing', async () => {
    const file = path.join(tmp, 'bad-columns.csv');
    fs.writeFileSync(file, '名字,号码\n张三,140802198506151230\n');
    await expect(importWorkers(ctx, { filePath: file, fileName: 'bad-columns.csv', allOrNothing: false })).rejects.toMatchObject({ code: 'IMPORT_MISSING_COLUMNS' });
    const failed = await t.database.db.selectFrom('import_batches').select(['status', 'error']).where('file_name', '=', 'bad-columns.csv').executeTakeFirstOrThrow();
    expect(failed.status).toBe('failed');
    expect(failed.error?.code).toBe('IMPORT_MISSING_COLUMNS');
  });

  it('through HTTP: template download, upload, progress to completion, report download', async () => {
    const c = await createUser(t, 'city_office');
    const cookie = await login(t, c.username, c.password);
    const tpl = await t.app.inject({ method: 'GET', url: '/api/imports/workers/template.xlsx', headers: { cookie } });
    expect(tpl.statusCode).toBe(200);
    expect(tpl.headers['content-disposition']).toContain(encodeURIComponent('劳动者花名册导入模板.xlsx'));
    const tplFile = path.join(tmp, 'template.xlsx');
    fs.writeFileSync(tplFile, tpl.rawPayload);
    // The template reads as an empty roster (its example row is skipped).
    await expect(async () => {
      for await (const _ of readTable({ path: tplFile }, { requiredColumns: ['姓名', '公民身份号码', '县区代码'] })) void _;
    }).rejects.toMatchObject({ code: 'IMPORT_EMPTY_FILE' });

    const rows = rosterRows(25, 'http');
    rows[3]!['公民身份号码'] = withBadCheck(rows[3]!['公民身份号码']!);
    const file = path.join(tmp, 'http.csv');
    writeCsv(file, rows, 'utf-8');
    const boundary = '----jineng' + Date.now();
    const body = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="allOrNothing"\r\n\r\nfalse\r\n`),
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="http.csv"\r\nContent-Type: text/csv\r\n\r\n`),
      fs.readFileSync(file),
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const up = await t.app.inject({ method: 'POST', url: '/api/imports/workers', headers: { cookie, 'content-type': `multipart/form-data; boundary=${boundary}` }, payload: body });
    expect(up.statusCode).toBe(202);
    const id = up.json().id as string;
    await t.app.importJobs.settle(id);
    const batch = (await t.app.inject({ method: 'GET', url: `/api/imports/${id}`, headers: { cookie } })).json();
    expect(batch).toMatchObject({ status: 'committed', total: 25, stored: 24, rejected: 1, hasReport: true, fileName: 'http.csv' });
    const report = await t.app.inject({ method: 'GET', url: `/api/imports/${id}/report.xlsx`, headers: { cookie } });
    expect(report.statusCode).toBe(200);
    const reportFile = path.join(tmp, 'report.xlsx');
    fs.writeFileSync(reportFile, report.rawPayload);
    expect(await rejectedRows(reportFile, false)).toEqual([expect.objectContaining({ row: 5, field: '公民身份号码' })]);
    const downloads = await t.database.db.selectFrom('audit_log').select('target_id').where('action', '=', 'import.report_download').execute();
    expect(downloads.map((d) => d.target_id)).toContain(id);
    // Another county cannot see the batch.
    const other = await createUser(t, 'county_office', { unitCode: '140829' });
    const otherCookie = await login(t, other.username, other.password);
    expect((await t.app.inject({ method: 'GET', url: `/api/imports/${id}`, headers: { cookie: otherCookie } })).statusCode).toBe(404);
  });
});

describe(`category list import on ${testDbKind()}`, () => {
  let t: TestApp;
  let ctx: RequestContext;
  beforeAll(async () => {
    t = await startTestApp();
    const city = await createUser(t, 'city_office');
    ctx = { actor: { id: city.id, username: city.username, displayName: city.username, role: 'city_office', unitCode: '140800', orgId: null, workerId: null }, requestId: 'test', ip: null, userAgent: null };
  });
  afterAll(() => t.close());

  it('adds periods to registered people, reports the unregistered and the mismatched, and changes nothing the second time', async () => {
    const { makeImportCategories } = await import('../../src/usecases/workers/importCategories.ts');
    const importCategories = makeImportCategories({ db: t.database.db, clock: t.clock, pii: t.pii, dataDir: fs.mkdtempSync(path.join(tmp, 'cat-')) });
    const a = await insertWorker(t, { unitCode: '140821', name: '李春花' });
    const b = await insertWorker(t, { unitCode: '140823', name: '张建国' });
    const stranger = rosterRows(1, 'stranger')[0]!;
    const file = path.join(tmp, 'poor-list.csv');
    fs.writeFileSync(
      file,
      [
        '姓名,公民身份号码,人员类别,起始日期,截止日期',
        `李春花,${a.idNumber},建档立卡贫困劳动力,2019-01-01,2020-12-31`,
        `张建国,${b.idNumber},贫困劳动力、残疾人,2020-03-01,`,
        `${stranger['姓名']},${stranger['公民身份号码']},建档立卡贫困劳动力,2020-01-01,`,
        `王错名,${a.idNumber},退役军人,2020-01-01,`,
      ].join('\n'),
    );
    const first = await importCategories(ctx, { filePath: file, fileName: 'poor-list.csv', allOrNothing: false });
    expect(first).toMatchObject({ total: 4, stored: 2, unchanged: 0, rejected: 2, categoriesAdded: 3 });
    const periods = await t.database.db.selectFrom('worker_categories').select(['worker_id', 'category_code', 'valid_from', 'valid_to']).where('worker_id', 'in', [a.id, b.id]).orderBy('category_code').execute();
    expect(periods).toEqual(
      expect.arrayContaining([
        { worker_id: a.id, category_code: 'registered_poor', valid_from: '2019-01-01', valid_to: '2020-12-31' },
        { worker_id: b.id, category_code: 'registered_poor', valid_from: '2020-03-01', valid_to: null },
        { worker_id: b.id, category_code: 'employment_difficulty', valid_from: '2020-03-01', valid_to: null },
      ]),
    );
    const again = await importCategories(ctx, { filePath: file, fileName: 'poor-list.csv', allOrNothing: false });
    expect(again).toMatchObject({ total: 4, stored: 0, unchanged: 2, rejected: 2, categoriesAdded: 0 });
  });
});

describe(`organisation roster import on ${testDbKind()}`, () => {
  let t: TestApp;
  let ctx: RequestContext;
  beforeAll(async () => {
    t = await startTestApp();
    const city = await createUser(t, 'city_office');
    ctx = { actor: { id: city.id, username: city.username, displayName: city.username, role: 'city_office', unitCode: '140800', orgId: null, workerId: null }, requestId: 'test', ip: null, userAgent: null };
  });
  afterAll(() => t.close());

  it('stores good institutions with licences and encrypted contacts, and names each bad row', async () => {
    const { makeImportOrganisations } = await import('../../src/usecases/imports/importOrganisations.ts');
    const { creditCodeFor } = await import('../support/builders.ts');
    const importInstitutions = makeImportOrganisations('institution', { db: t.database.db, clock: t.clock, pii: t.pii, dataDir: fs.mkdtempSync(path.join(tmp, 'org-')) });
    const a = creditCodeFor('140821');
    const b = creditCodeFor('140882');
    const file = path.join(tmp, 'institutions.csv');
    fs.writeFileSync(
      file,
      [
        '机构名称,统一社会信用代码,机构类型,县区代码,培训能力（人/年）,联系人,联系电话,许可职业（工种）',
        `临猗县新星职业培训学校,${a},民办培训机构,临猗县,600,王老师,0359-4012345,6-31-01-03 五级、四级；4-10-01-06 专项职业能力`,
        `河津市技工学校,${b},技工院校,140882,1200,李主任,13835900001,6-18-02-04 五级`,
        `重复的学校,${a},民办培训机构,临猗县,100,赵老师,13835900002,`,
        `未知职业学校,${creditCodeFor('140823')},民办培训机构,闻喜县,100,钱老师,13835900003,9-99-99-99 五级`,
        `坏代码学校,91140802MA0K12348X,民办培训机构,闻喜县,100,孙老师,13835900004,`,
      ].join('\n'),
    );
    const res = await importInstitutions(ctx, { filePath: file, fileName: 'institutions.csv', allOrNothing: false });
    expect(res).toMatchObject({ total: 5, stored: 2, unchanged: 0, rejected: 3 });
    const stored = await t.database.db.selectFrom('organisations').select(['id', 'name', 'admission_route', 'capacity']).where('credit_code', 'in', [a, b]).orderBy('name').execute();
    expect(stored.map((o) => [o.name, o.admission_route, o.capacity])).toEqual([
      ['临猗县新星职业培训学校', 'bidding', 600],
      ['河津市技工学校', 'review_filing', 1200],
    ]);
    const licences = await t.database.db.selectFrom('organisation_licences').select(['occupation_code', 'level_code']).where('org_id', '=', stored[0]!.id).execute();
    expect(licences).toHaveLength(3);
    const contact = await t.database.db.selectFrom('organisation_contacts').selectAll().where('org_id', '=', stored[1]!.id).executeTakeFirstOrThrow();
    expect(contact.phone_masked).toBe('138****0001');
    expect(t.pii.decrypt(contact.phone_cipher)).toBe('13835900001');
    const again = await importInstitutions(ctx, { filePath: file, fileName: 'institutions.csv', allOrNothing: false });
    expect(again).toMatchObject({ stored: 0, unchanged: 2, rejected: 3 });
  });
});
