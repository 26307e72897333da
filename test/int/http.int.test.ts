import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDbKind } from '../support/db.ts';
import { countAudit, createUser, login, startTestApp, type TestApp } from '../support/app.ts';
import { insertOrganisation, insertWorker } from '../support/builders.ts';

describe(`HTTP contract on ${testDbKind()}`, () => {
  let t: TestApp;
  let city: string;
  let linyi: string;
  let linyiWorker: string;
  let yanhuWorker: string;
  let yanhuWorkerIdNumber: string;
  let yanhuOrg: string;
  beforeAll(async () => {
    t = await startTestApp();
    const c = await createUser(t, 'city_office');
    city = await login(t, c.username, c.password);
    const l = await createUser(t, 'county_office', { unitCode: '140821' });
    linyi = await login(t, l.username, l.password);
    linyiWorker = (await insertWorker(t, { unitCode: '140821', name: '王小明' })).id;
    const y = await insertWorker(t, { unitCode: '140802', name: '李小红' });
    yanhuWorker = y.id;
    yanhuWorkerIdNumber = y.idNumber;
    yanhuOrg = (await insertOrganisation(t, { unitCode: '140802' })).id;
    await insertOrganisation(t, { unitCode: '140821', kind: 'enterprise' });
  });
  afterAll(() => t.close());

  it('serves health, readiness and the OpenAPI document', async () => {
    expect((await t.app.inject('/healthz')).json()).toEqual({ status: 'ok' });
    expect((await t.app.inject('/readyz')).statusCode).toBe(200);
    const doc = (await t.app.inject('/docs/json')).json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/auth/login', '/api/workers', '/api/workers/{id}', '/api/admin/users']));
    expect(doc.paths['/api/auth/login'].post.requestBody).toBeDefined();
  });

  it('a county officer sees its own county and reads another county’s record exactly like a missing one', async () => {
    const list = await t.app.inject({ method: 'GET', url: '/api/workers', headers: { cookie: linyi } });
    expect(list.json().items.map((w: { id: string }) => w.id)).toEqual([linyiWorker]);
    expect((await t.app.inject({ method: 'GET', url: `/api/workers/${linyiWorker}`, headers: { cookie: linyi } })).statusCode).toBe(200);
    const other = await t.app.inject({ method: 'GET', url: `/api/workers/${yanhuWorker}`, headers: { cookie: linyi } });
    const missing = await t.app.inject({ method: 'GET', url: '/api/workers/00000000-0000-4000-8000-000000000000', headers: { cookie: linyi } });
    expect(other.statusCode).toBe(404);
    expect(missing.statusCode).toBe(404);
    expect({ ...other.json().error, requestId: '' }).toEqual({ ...missing.json().error, requestId: '' });
    expect((await t.app.inject({ method: 'GET', url: `/api/organisations/${yanhuOrg}`, headers: { cookie: linyi } })).statusCode).toBe(404);
    // City-only things read as not found too.
    expect((await t.app.inject({ method: 'GET', url: '/api/audit', headers: { cookie: linyi } })).statusCode).toBe(404);
    // The city office sees both counties.
    const cityList = await t.app.inject({ method: 'GET', url: '/api/workers', headers: { cookie: city } });
    expect(cityList.json().total).toBe(2);
  });

  it('finds a worker by ID number through the blind index and never returns the plain number', async () => {
    const res = await t.app.inject({ method: 'GET', url: `/api/workers?q=${yanhuWorkerIdNumber}`, headers: { cookie: city } });
    expect(res.json().items).toHaveLength(1);
    expect(res.json().items[0].idNumberMasked).toBe(`${yanhuWorkerIdNumber.slice(0, 6)}********${yanhuWorkerIdNumber.slice(14)}`);
    expect(res.body).not.toContain(yanhuWorkerIdNumber);
  });

  it('counts the home page from the database within scope', async () => {
    const c = (await t.app.inject({ method: 'GET', url: '/api/home/summary', headers: { cookie: city } })).json();
    expect(c.counts).toMatchObject({ workers: 2, institutions: 1, enterprises: 1, classes: 0, claims: 0 });
    const l = (await t.app.inject({ method: 'GET', url: '/api/home/summary', headers: { cookie: linyi } })).json();
    expect(l).toMatchObject({ scope: { kind: 'county', name: '临猗县' }, counts: { workers: 1, institutions: 0, enterprises: 1 } });
  });

  describe('bad input gets a 4xx with an error code and zh-CN/en messages, and nothing is written', () => {
    const post = (payload: string, headers: Record<string, string> = {}) =>
      t.app.inject({ method: 'POST', url: '/api/reference/occupations', headers: { cookie: city, 'content-type': 'application/json', ...headers }, payload });

    it.each([
      ['malformed JSON', '{"code": "4-10-01-07", ', 400, 'MALFORMED_JSON', undefined],
      ['an unknown field', JSON.stringify({ code: '4-10-01-07', name: '测试', colour: 'red' }), 400, 'UNKNOWN_FIELD', 'colour'],
      ['a wrong type', JSON.stringify({ code: 4101007, name: '测试' }), 400, 'VALIDATION_FAILED', 'code'],
      ['a bad code format', JSON.stringify({ code: '41-01-07', name: '测试' }), 400, 'VALIDATION_FAILED', 'code'],
      ['a missing field', JSON.stringify({ code: '4-10-01-07' }), 400, 'VALIDATION_FAILED', 'name'],
      ['an oversize body', JSON.stringify({ code: '4-10-01-07', name: 'x'.repeat(100_000) }), 413, 'BODY_TOO_LARGE', undefined],
    ])('%s', async (_label, payload, status, code, field) => {
      const before = await countAudit(t);
      const occupations = await t.database.db.selectFrom('occupations').select('id').execute();
      const res = await post(payload);
      expect(res.statusCode).toBe(status);
      const err = res.json().error;
      expect(err.code).toBe(code);
      expect(err.field).toBe(field);
      expect(err.message['zh-CN']).toMatch(/[\u4e00-\u9fff]/);
      expect(err.message.en).toMatch(/[a-z]/);
      if (field) expect(err.message.en).toContain(field);
      expect(err.requestId).toBe(res.headers['x-request-id']);
      expect(await countAudit(t)).toBe(before);
      expect(await t.database.db.selectFrom('occupations').select('id').execute()).toHaveLength(occupations.length);
    });

    it('a non-JSON content type', async () => {
      const res = await post('code=1', { 'content-type': 'application/x-www-form-urlencoded' });
      expect(res.statusCode).toBe(415);
      expect(res.json().error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    });

    it('a cross-site POST', async () => {
      const res = await post(JSON.stringify({ code: '4-10-01-07', name: '测试' }), { origin: 'https://evil.example' });
      expect(res.statusCode).toBe(403);
      expect(res.json().error.code).toBe('CROSS_SITE_REQUEST');
    });
  });

  it('writes one audit row with the change, in the same transaction, naming who, what and the request', async () => {
    const before = await countAudit(t);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/reference/occupations',
      headers: { cookie: city, 'x-request-id': 'test-request-0001' },
      payload: { code: '4-10-01-07', name: '整理收纳师' },
    });
    expect(res.statusCode).toBe(201);
    const rows = await t.database.db.selectFrom('audit_log').selectAll().where('seq', '>', before).execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ action: 'occupation.create', actor_role: 'city_office', target_type: 'occupation', target_id: String(res.json().id), request_id: 'test-request-0001' });
    expect(rows[0]!.summary).toEqual({ after: { code: '4-10-01-07', name: '整理收纳师' } });
    // A county office may not edit the city's list: the same request is refused and writes nothing.
    const county = await t.app.inject({ method: 'POST', url: '/api/reference/occupations', headers: { cookie: linyi }, payload: { code: '4-10-01-08', name: 'x' } });
    expect(county.statusCode).toBe(404);
    expect(await countAudit(t)).toBe(before + 1);
  });

  it('unknown API paths answer a JSON 404 from the catalogue', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/nothing-here', headers: { cookie: city } });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('NOT_FOUND');
  });
});
