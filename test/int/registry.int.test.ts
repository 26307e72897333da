import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDbKind } from '../support/db.ts';
import { countAudit, createUser, login, startTestApp, type TestApp } from '../support/app.ts';
import { creditCodeFor, idNumberFor, insertOrganisation, insertWorker } from '../support/builders.ts';

describe(`registry on ${testDbKind()}`, () => {
  let t: TestApp;
  let city: string;
  let linyi: string;
  let auditor: string;
  beforeAll(async () => {
    t = await startTestApp();
    const c = await createUser(t, 'city_office');
    city = await login(t, c.username, c.password);
    const l = await createUser(t, 'county_office', { unitCode: '140821' });
    linyi = await login(t, l.username, l.password);
    const a = await createUser(t, 'auditor', { unitCode: '140800' });
    auditor = await login(t, a.username, a.password);
  });
  afterAll(() => t.close());

  const post = (url: string, cookie: string, payload: unknown) => t.app.inject({ method: 'POST', url, headers: { cookie }, payload: payload as object });

  it('registers a worker with gender and birth date from the ID number, once', async () => {
    const idNumber = idNumberFor('140821', '19920229');
    const res = await post('/api/workers', linyi, {
      name: '张晓燕',
      idNumber,
      phone: '13835912345',
      unitCode: '140821',
      education: 'junior',
      categories: [{ code: 'registered_poor', validFrom: '2020-01-01', validTo: '2020-12-31' }],
    });
    expect(res.statusCode).toBe(201);
    const archive = (await t.app.inject({ method: 'GET', url: `/api/workers/${res.json().id}/archive`, headers: { cookie: linyi } })).json();
    expect(archive.worker).toMatchObject({ name: '张晓燕', birthDate: '1992-02-29', gender: Number(idNumber[16]) % 2 ? 'M' : 'F', phoneMasked: '138****2345', unitName: '临猗县', education: 'junior' });
    expect(archive.categories).toEqual([expect.objectContaining({ code: 'registered_poor', validFrom: '2020-01-01', validTo: '2020-12-31' })]);
    expect(archive).toMatchObject({ canWrite: true, canReveal: true, classes: [], certificates: [], subsidies: [] });
    const again = await post('/api/workers', linyi, { name: '张晓燕', idNumber, unitCode: '140821' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toMatchObject({ code: 'WORKER_ALREADY_REGISTERED', field: 'idNumber' });
  });

  it('lists every problem of a bad form, each naming its field, and stores nothing', async () => {
    const before = await countAudit(t);
    const res = await post('/api/workers', linyi, { name: 'x', idNumber: '140821199302292461', phone: '12345', unitCode: '140821', gender: 'F' });
    expect(res.statusCode).toBe(400);
    const fields = res.json().error.problems.map((p: { field: string }) => p.field);
    expect(fields).toEqual(expect.arrayContaining(['name', 'idNumber', 'phone']));
    for (const p of res.json().error.problems) expect(p.message['zh-CN']).toMatch(/[\u4e00-\u9fff]/);
    expect(await countAudit(t)).toBe(before);
    // A county office cannot register someone in another county.
    const other = await post('/api/workers', linyi, { name: '李四', idNumber: idNumberFor('140882'), unitCode: '140882' });
    expect(other.json().error).toMatchObject({ code: 'WORKER_OUT_OF_SCOPE', field: 'unitCode' });
  });

  it('reveals an ID number only with a reason, to a role allowed to, and audits it', async () => {
    const w = await insertWorker(t, { unitCode: '140821', name: '王小二' });
    const noReason = await post(`/api/workers/${w.id}/reveal`, linyi, { field: 'idNumber', reason: '' });
    expect(noReason.json().error).toMatchObject({ code: 'REVEAL_REASON_REQUIRED', field: 'reason' });
    const res = await post(`/api/workers/${w.id}/reveal`, linyi, { field: 'idNumber', reason: '核对补贴申领人身份' });
    expect(res.json()).toEqual({ value: w.idNumber });
    const row = await t.database.db.selectFrom('audit_log').selectAll().where('action', '=', 'worker.reveal').orderBy('seq', 'desc').executeTakeFirstOrThrow();
    expect(row).toMatchObject({ target_id: w.id, summary: { field: 'idNumber', reason: '核对补贴申领人身份' } });
    expect(JSON.stringify(row)).not.toContain(w.idNumber);
    // Outside the scope it is not there; a role without the action is refused.
    const yanhu = await insertWorker(t, { unitCode: '140802' });
    expect((await post(`/api/workers/${yanhu.id}/reveal`, linyi, { field: 'idNumber', reason: '核对身份信息' })).statusCode).toBe(404);
    const inst = await createUser(t, 'institution', { orgId: (await insertOrganisation(t)).id });
    const instCookie = await login(t, inst.username, inst.password);
    expect((await post(`/api/workers/${w.id}/reveal`, instCookie, { field: 'idNumber', reason: '核对身份信息' })).statusCode).toBe(403);
    expect((await post(`/api/workers/${w.id}/reveal`, auditor, { field: 'idNumber', reason: '专项审计抽查' })).json()).toEqual({ value: w.idNumber });
  });

  it('searches by phone and by category in force today', async () => {
    const reg = await post('/api/workers', city, { name: '赵六', idNumber: idNumberFor('140823'), phone: '13935900001', unitCode: '140823', categories: [{ code: 'veteran', validFrom: '2019-01-01', validTo: null }] });
    expect(reg.statusCode).toBe(201);
    const byPhone = (await t.app.inject({ method: 'GET', url: '/api/workers?q=13935900001', headers: { cookie: city } })).json();
    expect(byPhone.items.map((w: { name: string }) => w.name)).toEqual(['赵六']);
    const byCategory = (await t.app.inject({ method: 'GET', url: '/api/workers?category=veteran', headers: { cookie: city } })).json();
    expect(byCategory.items.map((w: { name: string }) => w.name)).toEqual(['赵六']);
  });

  it('exports the archive as a PDF with the masked ID number', async () => {
    const w = await insertWorker(t, { unitCode: '140821', name: '钱七' });
    const res = await t.app.inject({ method: 'GET', url: `/api/workers/${w.id}/archive.pdf`, headers: { cookie: linyi } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const audit = await t.database.db.selectFrom('audit_log').select('action').where('target_id', '=', w.id).execute();
    expect(audit.map((a) => a.action)).toContain('worker.archive_export');
  });

  it('registers an institution, refuses a bad credit code, and a blacklisted one reads so with its reason', async () => {
    const bad = await post('/api/organisations', city, { kind: 'institution', name: '运城市新技能培训学校', creditCode: '91140802MA0K12348X', institutionKind: 'private', unitCode: '140802', contacts: [{ name: '王老师', phone: '13835900000' }] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.field).toBe('creditCode');
    const res = await post('/api/organisations', city, {
      kind: 'institution',
      name: '运城市新技能培训学校',
      creditCode: creditCodeFor('140802'),
      institutionKind: 'private',
      unitCode: '140802',
      capacity: 300,
      contacts: [{ name: '王老师', phone: '13835900000' }],
      licensedOccupations: [{ occupationCode: '6-31-01-03', levels: ['5', '4'] }],
    });
    expect(res.statusCode).toBe(201);
    const id = res.json().id as string;
    let org = (await t.app.inject({ method: 'GET', url: `/api/organisations/${id}`, headers: { cookie: city } })).json().organisation;
    expect(org).toMatchObject({ admissionRoute: 'bidding', status: 'active', contacts: [{ name: '王老师', phoneMasked: '138****0000' }], licences: [{ occupationCode: '6-31-01-03', occupationName: '电工', levels: ['5', '4'] }] });
    expect(org.allowedStatusChanges.map((c: { to: string }) => c.to).sort()).toEqual(['blacklisted', 'suspended']);
    const missing = await post(`/api/organisations/${id}/status`, city, { to: 'blacklisted', reason: '', decisionRef: '', effectiveDate: '2020-09-01' });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.problems.map((p: { field: string }) => p.field).sort()).toEqual(['decisionRef', 'reason']);
    const ok = await post(`/api/organisations/${id}/status`, city, { to: 'blacklisted', reason: '虚假培训套取补贴资金', decisionRef: '运人社字〔2020〕88号', effectiveDate: '2020-09-01' });
    expect(ok.statusCode).toBe(204);
    org = (await t.app.inject({ method: 'GET', url: `/api/organisations/${id}`, headers: { cookie: city } })).json().organisation;
    expect(org).toMatchObject({ status: 'blacklisted', statusReason: '虚假培训套取补贴资金', statusSince: '2020-09-01', statusDecisionRef: '运人社字〔2020〕88号' });
    expect(org.statusHistory).toEqual([expect.objectContaining({ fromStatus: 'active', toStatus: 'blacklisted' })]);
    // A county office may not lift a blacklist, and the list filter finds it.
    const blacklisted = (await t.app.inject({ method: 'GET', url: '/api/organisations?status=blacklisted', headers: { cookie: city } })).json();
    expect(blacklisted.items.map((o: { id: string }) => o.id)).toContain(id);
  });

  it('checks §13 education-fund ratios as warnings', async () => {
    const e = await insertOrganisation(t, { kind: 'enterprise', unitCode: '140821' });
    const res = await t.app.inject({
      method: 'PUT',
      url: `/api/organisations/${e.id}/education-funds/2020`,
      headers: { cookie: linyi },
      payload: { payrollFen: 100_000_000, educationFundFen: 9_000_000, frontLineFen: 5_000_000 },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().warnings.map((w: { code: string }) => w.code).sort()).toEqual(['ENTERPRISE_EDUCATION_FUND_OVER_LIMIT', 'ENTERPRISE_FRONT_LINE_UNDER_MIN']);
    const org = (await t.app.inject({ method: 'GET', url: `/api/organisations/${e.id}`, headers: { cookie: linyi } })).json().organisation;
    expect(org.educationFunds).toEqual([expect.objectContaining({ year: 2020, payrollFen: 100_000_000, educationFundFen: 9_000_000 })]);
    const fine = await t.app.inject({ method: 'PUT', url: `/api/organisations/${e.id}/education-funds/2020`, headers: { cookie: linyi }, payload: { payrollFen: 100_000_000, educationFundFen: 8_000_000, frontLineFen: 4_800_000 } });
    expect(fine.json().warnings).toEqual([]);
  });
});
