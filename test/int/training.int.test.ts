import { decodeJwt } from 'jose';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, login, startTestApp, type TestApp } from '../support/app.ts';
import { insertWorker } from '../support/builders.ts';
import { testDbKind } from '../support/db.ts';
import { addCategory, classBody, insertInstitution } from '../support/training.ts';

type Method = 'GET' | 'POST' | 'PUT';

describe(`classes, attendance, assessment and certificates on ${testDbKind()}`, () => {
  let t: TestApp;
  let inst: { id: string };
  let evaluator: { id: string };
  let otherEvaluator: { id: string };
  const req = async (method: Method, url: string, cookie: string | null, payload?: object) =>
    t.app.inject({ method, url, headers: cookie ? { cookie } : {}, ...(payload ? { payload } : {}) });
  const count = async (table: 'enrolments' | 'attendance_scans' | 'training_classes' | 'audit_log' | 'assessment_results' | 'certificates') =>
    Number((await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(table)}`.execute(t.database.db)).rows[0]!.n);

  /** A key-group worker (农村转移就业劳动者) of 盐湖区 with a sign-in of their own. */
  async function trainee(name = '学员') {
    const w = await insertWorker(t, { name });
    await addCategory(t, w.id, 'rural_migrant');
    return w;
  }
  async function workerLogin(workerId: string) {
    const u = await createUser(t, 'worker', { workerId });
    return login(t, u.username, u.password);
  }
  /** Moves the clock (days may pass: sessions expire after 12 hours, so everyone signs in again). */
  async function jump(to: string) {
    t.clock.advance(Date.parse(to) - t.clock.now().getTime());
    for (const k of Object.keys(logins) as (keyof typeof logins)[]) cookies[k] = await login(t, logins[k].username, logins[k].password);
  }
  const logins = {} as Record<'inst' | 'eval' | 'otherEval' | 'county' | 'otherCounty', { username: string; password: string }>;
  const cookies = {} as Record<keyof typeof logins, string>;
  async function fileAndApprove(body: object) {
    const created = await req('POST', '/api/classes', cookies.inst, body);
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id as string;
    expect((await req('POST', `/api/classes/${id}/actions`, cookies.inst, { action: 'file' })).statusCode).toBe(200);
    const approved = await req('POST', `/api/classes/${id}/actions`, cookies.county, { action: 'approve', evaluatorOrgId: evaluator.id, projectReviewNote: '项目符合本县产业需求，同意' });
    expect(approved.statusCode, approved.body).toBe(200);
    return id;
  }

  beforeAll(async () => {
    t = await startTestApp(); // the clock reads 2020-06-01 10:00 Beijing time
    inst = await insertInstitution(t, { licences: [['6-31-01-03', '4'], ['6-31-01-03', '3'], ['6-31-01-03', '5'], ['4-10-01-06', '5'], ['6-18-02-04', '4']] });
    evaluator = await insertInstitution(t, { institutionKind: 'evaluation', licences: [] });
    otherEvaluator = await insertInstitution(t, { institutionKind: 'evaluation', licences: [] });
    logins.inst = await createUser(t, 'institution', { orgId: inst.id });
    logins.eval = await createUser(t, 'institution', { orgId: evaluator.id });
    logins.otherEval = await createUser(t, 'institution', { orgId: otherEvaluator.id });
    logins.county = await createUser(t, 'county_office', { unitCode: '140802' });
    logins.otherCounty = await createUser(t, 'county_office', { unitCode: '140821' });
    await jump(t.clock.now().toISOString());
  });
  afterAll(() => t.close());

  it('runs a class from filing to verified certificates, refusing each wrong step with its own code', async () => {
    // Filing (§7, §12): a draft, then filed; the county approves only with an evaluator and a project review (outside the catalog).
    const created = await req('POST', '/api/classes', cookies.inst, classBody());
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json().warnings.map((w: { code: string }) => w.code)).toContain('CLASS_PROJECT_OUTSIDE_CATALOG');
    const id = created.json().id as string;
    expect(created.json().code).toMatch(/^140802-2020-\d{5}$/);
    expect((await req('GET', `/api/classes/${id}`, cookies.otherCounty)).statusCode).toBe(404);
    expect((await req('POST', `/api/classes/${id}/actions`, cookies.inst, { action: 'file' })).json()).toEqual({ status: 'filed' });
    const noEvaluator = await req('POST', `/api/classes/${id}/actions`, cookies.county, { action: 'approve' });
    expect(noEvaluator.json().error.problems.map((p: { code: string }) => p.code).sort()).toEqual(['CLASS_EVALUATOR_REQUIRED', 'CLASS_PROJECT_REVIEW_REQUIRED']);
    expect((await req('POST', `/api/classes/${id}/actions`, cookies.county, { action: 'return' })).json().error.code).toBe('CLASS_RETURN_REASON_REQUIRED');
    expect((await req('POST', `/api/classes/${id}/actions`, cookies.otherCounty, { action: 'approve' })).statusCode).toBe(404);
    const approve = await req('POST', `/api/classes/${id}/actions`, cookies.county, { action: 'approve', evaluatorOrgId: evaluator.id, projectReviewNote: '符合本县产业需求' });
    expect(approve.json()).toEqual({ status: 'approved' });
    const detail = (await req('GET', `/api/classes/${id}`, cookies.inst)).json();
    expect(detail.class).toMatchObject({ status: 'approved', evaluatorOrgId: evaluator.id, scheduledMinutes: 840, capacity: 20 });
    expect(detail.sessions).toHaveLength(4);
    expect(detail.actions.map((a: { action: string; enabled: boolean }) => [a.action, a.enabled])).toEqual([
      ['start', false],
      ['cancel', true],
    ]);
    const sessions = detail.sessions as { id: string; start: string }[];

    // Enrolment by ID number, up to capacity; the 21st is refused and nothing is stored.
    const people = [];
    for (let i = 0; i < 21; i++) people.push(await trainee(`学员${i + 1}`));
    const preview = await req('POST', `/api/classes/${id}/enrolments/preview`, cookies.inst, { idNumber: people[0]!.idNumber });
    expect(preview.json()).toMatchObject({ worker: { name: '学员1' }, outlook: { subsidised: true, clause: '§2, §14', year: 2020, reasons: [] }, problems: [] });
    const enrolled: { enrolmentId: string; workerId: string }[] = [];
    for (const p of people.slice(0, 20)) {
      const r = await req('POST', `/api/classes/${id}/enrolments`, cookies.inst, { idNumber: p.idNumber });
      expect(r.statusCode, r.body).toBe(201);
      enrolled.push({ enrolmentId: r.json().id, workerId: p.id });
    }
    const before = { enrolments: await count('enrolments'), audit: await count('audit_log') };
    const full = await req('POST', `/api/classes/${id}/enrolments`, cookies.inst, { idNumber: people[20]!.idNumber });
    expect(full.json().error.code).toBe('CLASS_FULL');
    expect({ enrolments: await count('enrolments'), audit: await count('audit_log') }).toEqual(before);
    expect((await req('POST', `/api/classes/${id}/enrolments`, cookies.inst, { idNumber: people[0]!.idNumber })).json().error.problems.map((p: { code: string }) => p.code)).toContain(
      'ENROLMENT_DUPLICATE',
    );

    // Start on the first day, 08:20 Beijing time.
    await jump('2020-06-10T00:20:00Z');
    expect((await req('POST', `/api/classes/${id}/actions`, cookies.inst, { action: 'start' })).json()).toEqual({ status: 'in_progress' });

    // The QR code: a trainee checks in by scanning it, signed in as themself.
    const first = enrolled[0]!;
    const firstUser = await createUser(t, 'worker', { workerId: first.workerId });
    let workerCookie = await login(t, firstUser.username, firstUser.password);
    const qr = (await req('GET', `/api/classes/${id}/sessions/${sessions[0]!.id}/qr?kind=in`, cookies.inst)).json();
    expect(qr.scanUrl).toContain(encodeURIComponent(qr.token));
    const scansBefore = await count('attendance_scans');
    const checkIn = await req('POST', '/api/me/attendance', workerCookie, { token: qr.scanUrl });
    expect(checkIn.statusCode, checkIn.body).toBe(201);
    expect(checkIn.json()).toMatchObject({ kind: 'in', classId: id, sessionId: sessions[0]!.id, seq: 1 });
    // Refusals, each with its own code and nothing stored.
    expect((await req('POST', '/api/me/attendance', workerCookie, { token: qr.token })).json().error.code).toBe('ATTENDANCE_TOKEN_REPLAYED');
    const otherSession = (await req('GET', `/api/classes/${id}/sessions/${sessions[1]!.id}/qr?kind=in`, cookies.inst)).json();
    expect((await req('POST', '/api/me/attendance', workerCookie, { token: otherSession.token })).json().error.code).toBe('ATTENDANCE_TOKEN_WRONG_SESSION');
    const forged = qr.token.replace(/.$/, (c: string) => (c === 'A' ? 'B' : 'A'));
    expect((await req('POST', '/api/me/attendance', workerCookie, { token: forged })).json().error.code).toBe('ATTENDANCE_TOKEN_FORGED');
    expect((await req('POST', '/api/me/attendance', workerCookie, { token: 'hello' })).json().error.code).toBe('ATTENDANCE_TOKEN_MALFORMED');
    const stranger = await trainee('旁人');
    expect((await req('POST', '/api/me/attendance', await workerLogin(stranger.id), { token: qr.token })).json().error.code).toBe('ATTENDANCE_NOT_ENROLLED');
    t.clock.advance(61_000); // two slots later the screenshot is worthless
    expect((await req('POST', '/api/me/attendance', workerCookie, { token: qr.token })).json().error.code).toBe('ATTENDANCE_TOKEN_EXPIRED');
    expect(await count('attendance_scans')).toBe(scansBefore + 1);
    // Check out at the end of the morning; a check-in after the window has closed is refused.
    t.clock.advance(Date.parse('2020-06-10T04:01:00Z') - t.clock.now().getTime());
    const out = (await req('GET', `/api/classes/${id}/sessions/${sessions[0]!.id}/qr?kind=out`, cookies.inst)).json();
    expect((await req('POST', '/api/me/attendance', workerCookie, { token: out.token })).json()).toMatchObject({ kind: 'out' });
    t.clock.advance(Date.parse('2020-06-10T05:00:00Z') - t.clock.now().getTime()); // 13:00, between sessions
    const late = (await req('GET', `/api/classes/${id}/sessions/${sessions[0]!.id}/qr?kind=in`, cookies.inst)).json();
    expect((await req('POST', '/api/me/attendance', workerCookie, { token: late.token })).json().error.code).toBe('ATTENDANCE_OUTSIDE_WINDOW');
    const future = (await req('GET', `/api/classes/${id}/sessions/${sessions[2]!.id}/qr?kind=in`, cookies.inst)).json();
    expect((await req('POST', '/api/me/attendance', workerCookie, { token: future.token })).json().error.code).toBe('ATTENDANCE_SESSION_NOT_OPEN');

    // Manual marks (补签) with a reason: they count only once the county confirms them.
    await jump('2020-06-11T10:00:00Z'); // after the last session
    const noReason = await req('POST', `/api/classes/${id}/manual-marks`, cookies.inst, {
      enrolmentId: first.enrolmentId,
      sessionId: sessions[1]!.id,
      checkIn: sessions[1]!.start,
      checkOut: '2020-06-10T17:30:00+08:00',
      reasonCode: '',
    });
    expect(noReason.json().error.code).toBe('ATTENDANCE_MANUAL_REASON_REQUIRED');
    const markIds: string[] = [];
    const times = [
      ['2020-06-10T08:30:00+08:00', '2020-06-10T12:00:00+08:00'],
      ['2020-06-10T14:00:00+08:00', '2020-06-10T17:30:00+08:00'],
      ['2020-06-11T08:30:00+08:00', '2020-06-11T12:00:00+08:00'],
      ['2020-06-11T14:00:00+08:00', '2020-06-11T17:30:00+08:00'],
    ];
    for (const [k, e] of enrolled.entries()) {
      // The last trainee attends only two of four sessions (50 %): they do not complete.
      const todo = k === enrolled.length - 1 ? [0, 1] : k === 0 ? [1, 2, 3] : [0, 1, 2, 3];
      for (const s of todo) {
        const r = await req('POST', `/api/classes/${id}/manual-marks`, cookies.inst, {
          enrolmentId: e.enrolmentId,
          sessionId: sessions[s]!.id,
          checkIn: times[s]![0],
          checkOut: times[s]![1],
          reasonCode: 'device_failure',
        });
        expect(r.statusCode, r.body).toBe(201);
        markIds.push(r.json().id);
      }
    }
    expect((await req('POST', `/api/classes/${id}/actions`, cookies.inst, { action: 'complete' })).json().error.code).toBe('CLASS_ATTENDANCE_INCOMPLETE');
    const queue = (await req('GET', '/api/manual-marks?status=pending&pageSize=200', cookies.county)).json();
    expect(queue.total).toBe(markIds.length);
    expect((await req('GET', '/api/manual-marks?status=pending', cookies.otherCounty)).json().total).toBe(0);
    expect((await req('POST', `/api/manual-marks/${markIds[0]}/decision`, cookies.otherCounty, { decision: 'confirmed' })).statusCode).toBe(404);
    expect((await req('POST', `/api/manual-marks/${markIds[0]}/decision`, cookies.county, { decision: 'refused' })).json().error.code).toBe('ATTENDANCE_REFUSAL_REASON_REQUIRED');
    for (const m of markIds) expect((await req('POST', `/api/manual-marks/${m}/decision`, cookies.county, { decision: 'confirmed' })).statusCode).toBe(204);
    expect((await req('POST', `/api/manual-marks/${markIds[0]}/decision`, cookies.county, { decision: 'refused', reason: 'x' })).json().error.code).toBe('ATTENDANCE_MARK_DECIDED');

    // Completion (§10): attendance ≥ 80 % of the scheduled hours.
    expect((await req('POST', `/api/classes/${id}/actions`, cookies.inst, { action: 'complete' })).json()).toEqual({ status: 'completed' });
    const roster = (await req('GET', `/api/classes/${id}/enrolments`, cookies.inst)).json();
    expect(roster.items.filter((r: { completed: boolean }) => r.completed)).toHaveLength(19);
    expect(roster.items.find((r: { workerId: string }) => r.workerId === first.workerId)).toMatchObject({ completed: true, attendedMinutes: 840, ratePerMille: 1000 });
    const sheet = (await req('GET', `/api/classes/${id}/attendance`, cookies.inst)).json();
    expect(sheet.rows.find((r: { workerId: string }) => r.workerId === first.workerId).cells[0].marks).toEqual([expect.objectContaining({ kind: 'qr', confirmation: null })]);

    // Results: only by the evaluation body assigned to the class.
    const completers = roster.items.filter((r: { completed: boolean }) => r.completed);
    const dropout = roster.items.find((r: { completed: boolean }) => !r.completed);
    const results = completers.map((r: { id: string }, i: number) => ({ enrolmentId: r.id, result: i === 1 ? 'fail' : 'pass', score: i === 1 ? 52 : 80 + (i % 20) }));
    const before2 = { results: await count('assessment_results'), certificates: await count('certificates') };
    expect((await req('POST', `/api/classes/${id}/results`, cookies.otherEval, { results })).json().error.code).toBe('CLASS_NOT_EVALUATOR');
    expect((await req('POST', `/api/classes/${id}/results`, cookies.inst, { results })).json().error.code).toBe('CLASS_NOT_EVALUATOR');
    expect((await req('POST', `/api/classes/${id}/results`, cookies.eval, { results: results.slice(1) })).json().error.code).toBe('ASSESSMENT_RESULT_MISSING');
    expect((await req('POST', `/api/classes/${id}/results`, cookies.eval, { results: [...results, { enrolmentId: dropout.id, result: 'pass', score: 90 }] })).json().error.code).toBe(
      'ASSESSMENT_NOT_COMPLETED',
    );
    expect({ results: await count('assessment_results'), certificates: await count('certificates') }).toEqual(before2);
    const recorded = await req('POST', `/api/classes/${id}/results`, cookies.eval, { results });
    expect(recorded.json()).toMatchObject({ certificates: 18 });
    expect((await req('POST', `/api/classes/${id}/results`, cookies.eval, { results })).json().error.code).toBe('ASSESSMENT_ALREADY_RECORDED');
    expect((await req('GET', `/api/classes/${id}`, cookies.inst)).json().class.status).toBe('assessed');

    // Certificates (§9): signed credentials anyone can verify; revocation shows.
    workerCookie = await login(t, firstUser.username, firstUser.password);
    const mine = (await req('GET', '/api/me/certificates', workerCookie)).json();
    expect(mine.items).toHaveLength(1);
    const cert = mine.items[0];
    expect(cert).toMatchObject({ type: 'skill_level', holderName: '学员1', occupationName: '电工', levelName: '四级/中级工', status: 'valid' });
    expect(cert.number).toMatch(/^S000014140802204\d{6}$/);
    const pub = (await req('GET', `/api/public/certificates/${cert.number}`, null)).json();
    expect(pub).toMatchObject({ status: 'valid', claims: { number: cert.number, holder: { name: '学员1' }, issuer: { creditCode: expect.any(String) } } });
    expect(pub.claims.holder.idNumberMasked).toMatch(/^140802\*+\d{3}[\dX]$/);
    const byToken = (await req('GET', `/api/public/verify/${cert.verifyUrl.split('/').pop()}`, null)).json();
    expect(byToken.jws).toBe(pub.jws);
    // The credential id (the QR code's target) dereferences to the signed credential for a verifier.
    const vc = await t.app.inject({ method: 'GET', url: new URL(cert.verifyUrl).pathname, headers: { accept: 'application/vc+jwt' } });
    expect(vc.headers['content-type']).toMatch(/^application\/vc\+jwt/);
    expect(vc.body).toBe(pub.jws);
    expect((decodeJwt(vc.body) as { id: string }).id).toBe(cert.verifyUrl);
    expect((await req('POST', '/api/public/verify', null, { credential: pub.jws })).json()).toMatchObject({ status: 'valid', claims: { number: cert.number } });
    // One claim changed: the signature no longer matches.
    const [h, p, s] = pub.jws.split('.');
    const payload = decodeJwt(pub.jws) as Record<string, { holder?: { name: string } } & Record<string, unknown>>;
    (payload['jineng:certificate'] as { holder: { name: string } }).holder.name = '张冒名';
    const tampered = `${h}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.${s}`;
    expect(p).not.toBe(tampered.split('.')[1]);
    expect((await req('POST', '/api/public/verify', null, { credential: tampered })).json()).toEqual({ status: 'invalid', reason: 'bad_signature', kid: expect.any(String) });
    expect((await req('GET', '/api/public/certificates/YC-ZX-2020-999999', null)).json()).toEqual({ status: 'invalid', reason: 'not_found' });
    const pdf = await req('GET', `/api/certificates/${cert.id}/pdf`, workerCookie);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    // Revocation, with a reason, visible to everyone.
    expect((await req('POST', `/api/certificates/${cert.id}/revoke`, cookies.county, { reason: '' })).json().error.code).toBe('CERTIFICATE_REVOKE_REASON_REQUIRED');
    expect((await req('POST', `/api/certificates/${cert.id}/revoke`, cookies.county, { reason: '考核作弊，经查实撤销' })).statusCode).toBe(204);
    expect((await req('POST', `/api/certificates/${cert.id}/revoke`, cookies.county, { reason: '再次' })).json().error.code).toBe('CERTIFICATE_ALREADY_REVOKED');
    expect((await req('GET', `/api/public/certificates/${cert.number}`, null)).json()).toMatchObject({ status: 'revoked', revocation: { reason: '考核作弊，经查实撤销' } });
    expect((await req('POST', '/api/public/verify', null, { credential: pub.jws })).json()).toMatchObject({ status: 'revoked' });

    // The worker's electronic archive shows all of it; the institution sees its trainee, another county does not.
    const archive = (await req('GET', `/api/workers/${first.workerId}/archive`, cookies.inst)).json();
    expect(archive.classes).toEqual([expect.objectContaining({ classId: id, institution: expect.any(String), attendanceRate: '100.0%', hoursAttended: '14.0' })]);
    expect(archive.results).toEqual([expect.objectContaining({ result: '合格' })]);
    expect(archive.certificates).toEqual([expect.objectContaining({ number: cert.number, type: '职业技能等级证书（已撤销）', occupation: '电工' })]);
    expect((await req('GET', `/api/workers/${first.workerId}/archive`, cookies.otherCounty)).statusCode).toBe(404);
    expect((await req('GET', `/api/workers/${stranger.id}/archive`, cookies.inst)).statusCode).toBe(404);

    expect((await req('POST', `/api/classes/${id}/actions`, cookies.inst, { action: 'close' })).json()).toEqual({ status: 'closed' });
    const decisions = (await req('GET', `/api/classes/${id}`, cookies.county)).json().decisions.map((d: { action: string }) => d.action);
    expect(decisions).toEqual(['create', 'file', 'approve', 'start', 'complete', 'assess', 'close']);
    await expect(sql`UPDATE attendance_scans SET kind = 'out'`.execute(t.database.db)).rejects.toThrow(/append-only/);
  });

  it('refuses a filing by a blacklisted institution, and one filed too late, storing nothing', async () => {
    const black = await insertInstitution(t, { status: 'blacklisted' });
    const u = await createUser(t, 'institution', { orgId: black.id });
    const cookie = await login(t, u.username, u.password);
    const before = await count('training_classes');
    const r = await req('POST', '/api/classes', cookie, classBody());
    expect(r.statusCode).toBe(403);
    expect(r.json().error.code).toBe('ORG_BLACKLISTED');
    expect(await count('training_classes')).toBe(before);
    // Filed 5 days before the start: too late (the setting is 7 days).
    const now = t.clock.now();
    const start = new Date(now.getTime() + 5 * 86_400_000).toISOString().slice(0, 10);
    const soon = (await req('POST', '/api/classes', cookies.inst, classBody({ project: { catalogProjectId: null, occupationCode: '6-31-01-03', levelCode: '4', trainingType: 'skill_upgrade', standardHours: 7 } }, [start]))).json().id as string;
    expect((await req('POST', `/api/classes/${soon}/actions`, cookies.inst, { action: 'file' })).json().error.code).toBe('CLASS_FILED_TOO_LATE');
    // An institution files only within its licence (§6).
    const unlicensed = await req('POST', '/api/classes', cookies.inst, classBody({ project: { catalogProjectId: null, occupationCode: '4-10-01-01', levelCode: '5', trainingType: 'skill_upgrade', standardHours: 14 } }));
    expect(unlicensed.json().error.code).toBe('ORG_NOT_LICENSED');
  });

  it('refuses overlapping classes, a 4th subsidised class in a year and the same occupation and level twice', async () => {
    await jump('2020-07-01T02:00:00Z');
    const p = await trainee('多次参训');
    const project = (occupationCode: string, levelCode: string) => ({ project: { catalogProjectId: null, occupationCode, levelCode, trainingType: 'skill_upgrade', standardHours: 7 } });
    const a = await fileAndApprove(classBody({ ...project('6-31-01-03', '5') }, ['2020-07-20']));
    const clash = await fileAndApprove(classBody({ ...project('6-31-01-03', '3') }, ['2020-07-20']));
    const b = await fileAndApprove(classBody({ ...project('6-31-01-03', '3') }, ['2020-07-21']));
    const c = await fileAndApprove(classBody({ ...project('4-10-01-06', '5') }, ['2020-07-22']));
    const d = await fileAndApprove(classBody({ ...project('6-18-02-04', '4') }, ['2020-07-23']));
    const same = await fileAndApprove(classBody({ ...project('6-31-01-03', '5') }, ['2020-07-24']));
    for (const k of [a, b, c]) expect((await req('POST', `/api/classes/${k}/enrolments`, cookies.inst, { idNumber: p.idNumber })).statusCode).toBe(201);
    const before = { enrolments: await count('enrolments'), audit: await count('audit_log') };
    const overlap = await req('POST', `/api/classes/${clash}/enrolments`, cookies.inst, { idNumber: p.idNumber });
    expect(overlap.json().error.code).toBe('ENROLMENT_SESSIONS_OVERLAP');
    const fourth = await req('POST', `/api/classes/${d}/enrolments`, cookies.inst, { idNumber: p.idNumber });
    expect(fourth.json().error.code).toBe('SUBSIDY_YEARLY_LIMIT_REACHED');
    const preview = (await req('POST', `/api/classes/${d}/enrolments/preview`, cookies.inst, { idNumber: p.idNumber })).json();
    expect(preview.outlook).toMatchObject({ subsidised: false, reasons: [expect.objectContaining({ code: 'SUBSIDY_YEARLY_LIMIT_REACHED', clause: '§15' })] });
    expect({ enrolments: await count('enrolments'), audit: await count('audit_log') }).toEqual(before);

    const q = await trainee('同级重复');
    expect((await req('POST', `/api/classes/${a}/enrolments`, cookies.inst, { idNumber: q.idNumber })).statusCode).toBe(201);
    expect((await req('POST', `/api/classes/${same}/enrolments`, cookies.inst, { idNumber: q.idNumber })).json().error.code).toBe('SUBSIDY_SAME_OCCUPATION_LEVEL');
    // The clerk may still enrol the person as self-paying; the place is then recorded as not subsidised.
    const paying = await req('POST', `/api/classes/${same}/enrolments`, cookies.inst, { idNumber: q.idNumber, acceptUnsubsidised: true });
    expect(paying.json().outlook).toMatchObject({ subsidised: false, reasons: [expect.objectContaining({ code: 'SUBSIDY_SAME_OCCUPATION_LEVEL' })] });
  });

  it('files on a published catalog project within the institution catalog, and keeps an enterprise to its own employees', async () => {
    await jump('2020-08-01T02:00:00Z');
    const cityUser = await createUser(t, 'city_office');
    const city = await login(t, cityUser.username, cityUser.password);
    const projects = (await req('POST', '/api/catalogs', city, { kind: 'projects', year: 2020, title: '2020 年培训项目目录' })).json().id as string;
    const projectId = (
      await req('POST', `/api/catalogs/${projects}/projects`, city, {
        occupationCode: '6-31-01-03',
        levelCode: '4',
        trainingType: 'skill_upgrade',
        standardHours: 14,
        teachingPlanRef: '电工（四级）教学计划',
        syllabusRef: '电工国家职业技能标准',
        subsidyFen: 100_000,
      })
    ).json().id as string;
    await req('POST', `/api/catalogs/${projects}/transition`, city, { action: 'submit' });
    expect((await req('POST', `/api/catalogs/${projects}/transition`, city, { action: 'publish' })).statusCode).toBe(204);
    const onCatalog = { project: { catalogProjectId: projectId, occupationCode: '6-31-01-03', levelCode: '4', trainingType: 'skill_upgrade', standardHours: 14 } };
    const days = ['2020-08-20', '2020-08-21'];
    // A project that differs from its catalog entry is refused.
    const mismatch = await req('POST', '/api/classes', cookies.inst, classBody({ project: { ...onCatalog.project, standardHours: 20 } }, ['2020-08-20', '2020-08-21', '2020-08-22']));
    expect(mismatch.json().error.code).toBe('CLASS_CATALOG_PROJECT_MISMATCH');
    // With an institution catalog published for the year, only the institutions it lists may run the project (§12).
    const institutions = (await req('POST', '/api/catalogs', city, { kind: 'institutions', year: 2020, title: '2020 年培训机构目录' })).json().id as string;
    const listed = await insertInstitution(t, { licences: [['6-31-01-03', '4']] });
    expect((await req('POST', `/api/catalogs/${institutions}/institutions`, city, { orgId: listed.id, occupationCode: '6-31-01-03', levelCode: '4' })).statusCode).toBe(204);
    await req('POST', `/api/catalogs/${institutions}/transition`, city, { action: 'submit' });
    await req('POST', `/api/catalogs/${institutions}/transition`, city, { action: 'publish' });
    expect((await req('POST', '/api/classes', cookies.inst, classBody(onCatalog, days))).json().error.code).toBe('CLASS_INSTITUTION_NOT_IN_CATALOG');
    const lu = await createUser(t, 'institution', { orgId: listed.id });
    const listedCookie = await login(t, lu.username, lu.password);
    const ok = await req('POST', '/api/classes', listedCookie, classBody(onCatalog, days));
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json().warnings).toEqual([]);
    const detail = (await req('GET', `/api/classes/${ok.json().id}`, listedCookie)).json();
    expect(detail.class).toMatchObject({ inCatalog: true, subsidyFen: 100_000 });
    expect(detail.warnings).toEqual([]);

    // An enterprise files training for its own employees (§1, §13); anyone else is refused at enrolment.
    const ent = (await t.database.db
      .insertInto('organisations')
      .values({ id: crypto.randomUUID(), kind: 'enterprise', name: '山西测试铝业有限公司', credit_code: '91140802MA0L5X9L3M', unit_code: '140802', employees: 300 })
      .returning('id')
      .executeTakeFirstOrThrow()) as { id: string };
    const eu = await createUser(t, 'enterprise', { orgId: ent.id });
    const entCookie = await login(t, eu.username, eu.password);
    const entClass = await req(
      'POST',
      '/api/classes',
      entCookie,
      classBody({ name: '安全生产岗前培训第1期', project: { catalogProjectId: null, occupationCode: '6-31-01-03', levelCode: '5', trainingType: 'pre_job', standardHours: 14 }, fundingRoute: 'enterprise_employee', evaluatorOrgId: ent.id }, days),
    );
    expect(entClass.statusCode, entClass.body).toBe(201);
    const entId = entClass.json().id as string;
    await req('POST', `/api/classes/${entId}/actions`, entCookie, { action: 'file' });
    expect((await req('POST', `/api/classes/${entId}/actions`, cookies.county, { action: 'approve', projectReviewNote: '企业岗前培训，同意' })).json()).toEqual({ status: 'approved' });
    const employee = await insertWorker(t, { name: '企业职工' });
    await addCategory(t, employee.id, 'enterprise_employee', '2019-03-01', ent.id);
    const outsider = await trainee('外单位人员');
    expect((await req('POST', `/api/classes/${entId}/enrolments`, entCookie, { idNumber: outsider.idNumber })).json().error.code).toBe('ENROLMENT_NOT_EMPLOYEE');
    const hired = await req('POST', `/api/classes/${entId}/enrolments`, entCookie, { idNumber: employee.idNumber });
    expect(hired.json().outlook).toMatchObject({ subsidised: true, clause: '§13' });
  });

  it('never overfills a class under concurrent enrolments', async () => {
    await jump('2021-09-01T02:00:00Z'); // 2021 has no institution catalog published
    const id = await fileAndApprove(classBody({ capacity: 3 }, ['2021-09-20', '2021-09-21']));
    const people = await Promise.all(Array.from({ length: 8 }, (_, i) => trainee(`并发${i}`)));
    const answers = await Promise.all(people.map((p) => req('POST', `/api/classes/${id}/enrolments`, cookies.inst, { idNumber: p.idNumber })));
    expect(answers.filter((a) => a.statusCode === 201)).toHaveLength(3);
    expect(answers.filter((a) => a.statusCode !== 201).map((a) => a.json().error.code)).toEqual(Array(5).fill('CLASS_FULL'));
    expect((await req('GET', `/api/classes/${id}/enrolments`, cookies.inst)).json()).toMatchObject({ capacity: 3, enrolled: 3 });
  });
});
