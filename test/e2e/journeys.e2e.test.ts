import { inflateSync } from 'node:zlib';
import { createLocalJWKSet, decodeJwt, jwtVerify, type JSONWebKeySet } from 'jose';
import jsQRModule from 'jsqr';
import { PDFDict, PDFDocument, PDFName, PDFRawStream, type PDFNumber } from 'pdf-lib';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bjDate, DAY, fillIn, MOBILE, menuKeys, pick, shot, startHarness, type Api, type Harness } from './harness.ts';

/**
 * The acceptance journeys of issues #4 and #5, in Chromium, each step on the screen of the person who takes it:
 *
 * 1. An institution files a class through the form → the county approves it → 20 trainees enrolled (most through
 *    the API, two on the roster screen) → a trainee checks in and out by scanning the QR code on a phone → a manual
 *    mark with a reason, confirmed by the county → completion → the evaluator's results → certificates → the
 *    certificate verifies on the public page; its PDF's QR code decodes to a verifiable credential; a credential
 *    with one claim changed fails verification.
 * 2. A closed class with a registered-poor trainee: a budget granted → the claim submitted (priced, with the
 *    trace) → county review → the public announcement, with an objection → the county's answer → city review
 *    after the window → paid → the worker's archive shows the §3 living allowance.
 *
 * The server's clock is moved ahead (`h.offset`) so classes run, windows close and payments happen in minutes.
 */
const jsQR = ((jsQRModule as unknown as { default?: unknown }).default ?? jsQRModule) as unknown as (
  data: Uint8ClampedArray,
  width: number,
  height: number,
) => { data: string } | null;

let h: Harness;
const TRAINEE = 'trainee.journey';
const TRAINEE_PASSWORD = 'Trainee-2026-journey';
const POOR = 'poor.journey';
const POOR_PASSWORD = 'Poor-2026-journey';

type Person = { id: string; name: string; idNumber: string };
type Project = { id: string; occupationCode: string; occupationName: string; levelCode: string; levelName: string; trainingType: string; standardHours: number };
const data = {
  orgId: '',
  orgName: '',
  unitCode: '',
  evaluatorId: '',
  evaluatorName: '',
  project: null as unknown as Project,
  /** People of the institution's county with their ID numbers, for enrolment. */
  pool: [] as Person[],
  trainee: null as unknown as Person,
};

beforeAll(async () => {
  h = await startHarness({ seed: 'e2e-journeys', workers: 300 });
  await makeData();
}, 600_000);

afterAll(async () => {
  await h?.close();
});

/** This year's catalogs (the project, the institution and the evaluation body), accounts, and people to enrol. */
async function makeData() {
  const year = Number(bjDate(h.clock.now().getTime()).slice(0, 4));
  const city = await h.as('city');
  const institution = await h.as('institution');
  const admin = await h.as('admin');
  const me = (await institution.get('/api/auth/me')).user;
  const org = (await city.get(`/api/organisations/${me.orgId}`)).organisation;
  const licence = org.licences[0] as { occupationCode: string; levels: string[] };
  const levelCode = licence.levels[0]!;
  data.orgId = org.id;
  data.orgName = org.name;
  data.unitCode = org.unitCode;

  // The evaluation body's account.
  const orgs = await city.get('/api/organisations?kind=institution&pageSize=200');
  let evaluatorOrgId = (orgs.items as { id: string; institutionKind: string }[]).find((o) => o.institutionKind === 'evaluation')!.id;
  if (h.accounts.has('evaluator')) {
    evaluatorOrgId = (await (await h.as('evaluator')).get('/api/auth/me')).user.orgId;
  } else {
    const created = await admin.post('/api/admin/users', { username: 'evaluator', displayName: '评价机构', role: 'institution', orgId: evaluatorOrgId });
    await (await h.as('evaluator', created.initialPassword)).post('/api/auth/password', { currentPassword: created.initialPassword, newPassword: 'Evaluator-2026-journey' });
    h.setPassword('evaluator', 'Evaluator-2026-journey');
  }
  const evaluator = (await city.get(`/api/organisations/${evaluatorOrgId}`)).organisation;
  data.evaluatorId = evaluatorOrgId;
  data.evaluatorName = evaluator.name;

  const published = (await city.get('/api/public/catalogs')).items as { id: string; year: number; kind: string; status: string }[];
  const publish = async (kind: 'projects' | 'institutions', fill: (id: string) => Promise<void>) => {
    const basedOn = published.find((c) => c.year === year && c.kind === kind && c.status === 'published')?.id;
    const { id } = await city.post('/api/catalogs', { kind, year, title: `运城市 ${year} 年${kind === 'projects' ? '职业技能培训项目目录' : '培训和评价机构目录'}`, ...(basedOn ? { basedOn } : {}) });
    await fill(id);
    await city.post(`/api/catalogs/${id}/transition`, { action: 'submit' });
    await city.post(`/api/catalogs/${id}/transition`, { action: 'publish' });
    return id;
  };
  const ignoreDuplicate = (e: Error) => {
    if (!/409|DUPLICATE|EXISTS/i.test(e.message)) throw e;
  };
  const projectsId = await publish('projects', (id) =>
    city
      .post(`/api/catalogs/${id}/projects`, {
        occupationCode: licence.occupationCode,
        levelCode,
        trainingType: 'skill_upgrade',
        standardHours: 14,
        teachingPlanRef: '职业技能提升培训教学计划',
        syllabusRef: '国家职业技能标准（2019 年版）',
        subsidyFen: 90_000,
      })
      .then(() => undefined, ignoreDuplicate),
  );
  await publish('institutions', async (id) => {
    await city.post(`/api/catalogs/${id}/institutions`, { orgId: org.id, occupationCode: licence.occupationCode, levelCode }).catch(ignoreDuplicate);
    const l = evaluator.licences[0] as { occupationCode: string; levels: string[] } | undefined;
    if (l) await city.post(`/api/catalogs/${id}/institutions`, { orgId: evaluator.id, occupationCode: l.occupationCode, levelCode: l.levels[0] }).catch(() => undefined);
  });
  const projects = (await city.get(`/api/public/catalogs/${projectsId}`)).projects as Project[];
  data.project = projects.find((p) => p.occupationCode === licence.occupationCode && p.levelCode === levelCode && p.trainingType === 'skill_upgrade')!;

  // People of the county with their full ID numbers (an audited reveal by the city office).
  const people = (await city.get(`/api/workers?unitCode=${org.unitCode}&pageSize=100`)).items as { id: string; name: string }[];
  for (const p of people.slice(0, 70)) {
    const idNumber = (await city.post(`/api/workers/${p.id}/reveal`, { field: 'idNumber', reason: '浏览器测试：培训班报名' })).value as string;
    data.pool.push({ id: p.id, name: p.name, idNumber });
  }
}

/** Creates a worker's own account (the admin's initial password changed to a known one). */
async function workerAccount(username: string, password: string, person: Person) {
  const admin = await h.as('admin');
  const created = await admin.post('/api/admin/users', { username, displayName: person.name, role: 'worker', workerId: person.id });
  await (await h.as(username, created.initialPassword)).post('/api/auth/password', { currentPassword: created.initialPassword, newPassword: password });
  h.setPassword(username, password);
}

/** The next people of the pool the class can take (no clash with the seed's own classes, not enrolled already). */
async function takeEnrolable(api: Api, classId: string, count: number): Promise<Person[]> {
  const out: Person[] = [];
  while (out.length < count && data.pool.length > 0) {
    const p = data.pool.shift()!;
    const preview = await api.post(`/api/classes/${classId}/enrolments/preview`, { idNumber: p.idNumber }).catch(() => null);
    if (preview && (preview.problems ?? []).length === 0) out.push(p);
  }
  if (out.length < count) throw new Error(`only ${out.length} of ${count} people can take the class`);
  return out;
}

/** Moves the server's clock to a Beijing time (`YYYY-MM-DDTHH:mm`). */
function clockTo(beijing: string) {
  h.offset = Date.parse(`${beijing}:00+08:00`) - new Date().getTime();
}

/** Clicks a lifecycle button of the class page and confirms it. */
async function classAction(page: Page, action: string, status: RegExp) {
  await page.getByTestId(`class-action-${action}`).click();
  await page.getByTestId('class-action-confirm').click();
  await poll(() => page.getByTestId('class-status').innerText()).toMatch(status);
}

/** Every manual mark of the class not yet made (all trainees × sessions but `skip`), confirmed by the county. */
async function markAndConfirm(classId: string, skip: (enrolmentId: string, sessionId: string) => boolean = () => false) {
  const institution = await h.as('institution');
  const county = await h.as('county.yanhu');
  const view = await institution.get(`/api/classes/${classId}`);
  const roster = (await institution.get(`/api/classes/${classId}/enrolments`)).items as { id: string }[];
  for (const [i, e] of roster.entries()) {
    for (const s of view.sessions as { id: string; start: string; end: string }[]) {
      if (skip(e.id, s.id)) continue;
      await institution.post(`/api/classes/${classId}/manual-marks`, {
        enrolmentId: e.id,
        sessionId: s.id,
        checkIn: s.start,
        checkOut: s.end,
        reasonCode: i % 2 ? 'device_failure' : 'phone_unavailable',
      });
    }
  }
  const queue = (await county.get('/api/manual-marks?status=pending&pageSize=200')).items as { id: string; classId: string; note: string | null }[];
  for (const m of queue.filter((q) => q.classId === classId && !q.note)) await county.post(`/api/manual-marks/${m.id}/decision`, { decision: 'confirmed' });
}

/** The PNG images of the PDF's first page, as pdf-lib stores them (Flate-compressed RGB), read for a QR code. */
async function qrOfPdf(bytes: Uint8Array): Promise<string> {
  const doc = await PDFDocument.load(bytes);
  const xobjects = doc.getPages()[0]!.node.Resources()!.lookup(PDFName.of('XObject'), PDFDict);
  for (const [, ref] of xobjects.entries()) {
    const stream = doc.context.lookup(ref);
    if (!(stream instanceof PDFRawStream) || stream.dict.get(PDFName.of('Subtype')) !== PDFName.of('Image')) continue;
    const width = (stream.dict.get(PDFName.of('Width')) as PDFNumber).asNumber();
    const height = (stream.dict.get(PDFName.of('Height')) as PDFNumber).asNumber();
    const raw = inflateSync(stream.contents);
    const channels = raw.length / (width * height);
    const rgba = new Uint8ClampedArray(width * height * 4);
    for (let i = 0; i < width * height; i++) {
      const r = raw[i * channels]!;
      rgba[i * 4] = r;
      rgba[i * 4 + 1] = channels >= 3 ? raw[i * channels + 1]! : r;
      rgba[i * 4 + 2] = channels >= 3 ? raw[i * channels + 2]! : r;
      rgba[i * 4 + 3] = 255;
    }
    const code = jsQR(rgba, width, height);
    if (code) return code.data;
  }
  throw new Error('no QR code among the PDF’s images');
}

const base64url = (text: string) => Buffer.from(text, 'utf8').toString('base64url');
/** expect.poll with room for a refetch on a busy machine (its default is one second). */
const poll = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 15_000 });

describe('the acceptance journeys in Chromium', () => {
  it('issue #4: filed through the form → approved → 20 enrolled → QR check-in on a phone → a confirmed manual mark → completion → results → a certificate that verifies, by page, by PDF QR code and offline; a tampered one does not', async () => {
    const now = h.clock.now().getTime();
    const d1 = bjDate(now + 3 * DAY);
    const d2 = bjDate(now + 4 * DAY);
    const name = `${data.project.occupationName}（${data.project.levelName}）职业技能提升培训第 30 期`;

    // The institution files the class through the form: catalog project, venue, dates, a quick-filled timetable.
    const inst = await h.signIn('institution');
    await inst.goto(`${h.base}/classes/new`);
    await inst.getByTestId('class-form').waitFor();
    await pick(inst, 'class-catalog-project', `${data.project.occupationName}（${data.project.levelName}）职业技能提升培训`);
    await poll(() => inst.getByTestId('class-name').inputValue()).not.toBe('');
    await inst.getByTestId('class-name').fill(name);
    await inst.getByTestId('class-venue').fill('盐湖区解放北路 318 号实训楼三层');
    await inst.getByTestId('class-lat').fill('35.0263');
    await inst.getByTestId('class-lng').fill('111.0072');
    await inst.getByTestId('class-start').click();
    await inst.keyboard.type(d1);
    await inst.keyboard.press('Enter');
    await inst.getByTestId('class-end').click();
    await inst.keyboard.type(d2);
    await inst.keyboard.press('Enter');
    await inst.getByTestId('class-quick-fill').click();
    await inst.getByTestId('class-quick-fill-apply').click();
    await poll(() => inst.getByTestId('class-sessions-total').innerText()).toMatch(/共 4 个课次/);
    await inst.getByTestId('class-capacity').fill('30');
    await inst.getByTestId('class-teacher-0').fill('王建国');
    await inst.getByTestId('class-assessment-plan').fill('理论考试（闭卷）+ 实际操作考核');
    await pick(inst, 'class-funding', '就业重点群体培训补贴');
    await inst.getByTestId('class-save-file').click();
    await inst.waitForURL(/\/classes\/[0-9a-f-]{36}$/);
    await poll(() => inst.getByTestId('class-status').innerText()).toMatch(/已备案/);
    const classId = new URL(inst.url()).pathname.split('/').pop()!;

    // The county office approves it in its review queue and assigns the evaluation body.
    const county = await h.signIn('county.yanhu');
    await county.goto(`${h.base}/classes?view=review`);
    await county.getByTestId('class-table').getByText(name).click();
    await county.getByTestId('class-action-approve').click();
    await pick(county, 'class-approve-evaluator', data.evaluatorName);
    await county.getByTestId('class-approve-submit').click();
    await poll(() => county.getByTestId('class-status').innerText()).toMatch(/审核通过/);

    // 20 trainees: 17 through the API, the trainee with a phone account, and two on the roster screen by ID number.
    const api = await h.as('institution');
    const [trainee, ...others] = await takeEnrolable(api, classId, 20);
    data.trainee = trainee!;
    await workerAccount(TRAINEE, TRAINEE_PASSWORD, trainee!);
    for (const p of [trainee!, ...others.slice(0, 17)]) await api.post(`/api/classes/${classId}/enrolments`, { idNumber: p.idNumber, acceptUnsubsidised: true });
    await inst.goto(`${h.base}/classes/${classId}?tab=roster`);
    await inst.getByTestId('roster-enrol').click();
    for (const [i, p] of others.slice(17).entries()) {
      await inst.getByTestId('enrol-id').fill(p.idNumber);
      await inst.getByTestId('enrol-preview').click();
      await inst.getByTestId('enrol-preview-result').waitFor();
      if (await inst.getByTestId('enrol-accept').isVisible()) await inst.getByTestId('enrol-accept').click();
      await inst.getByTestId('enrol-confirm').click();
      await inst.getByText(`本次已报名 ${i + 1} 人`).waitFor();
    }
    await inst.keyboard.press('Escape');
    await poll(async () => (await api.get(`/api/classes/${classId}/enrolments`)).items.length).toBe(20);
    for (const p of others.slice(17)) await inst.getByTestId('roster-table').getByText(p.name).first().waitFor();
    const sessions = (await api.get(`/api/classes/${classId}`)).sessions as { id: string; seq: number; start: string }[];

    // The first morning: the class starts; the trainee scans the classroom's QR code on their phone.
    clockTo(`${d1}T08:40`);
    await inst.goto(`${h.base}/classes/${classId}`);
    await classAction(inst, 'start', /培训中/);
    await inst.goto(`${h.base}/classes/${classId}/sessions/${sessions[0]!.id}/qr`);
    const qr = inst.getByTestId('qr-token');
    await qr.waitFor();
    expect(await qr.getAttribute('data-token')).toBeTruthy();
    const inUrl = (await qr.getAttribute('data-url'))!;
    expect(inUrl).toMatch(/\/scan\?t=/);
    const phone = await h.signIn(TRAINEE, MOBILE);
    await phone.goto(inUrl);
    await phone.getByTestId('scan-success').waitFor();
    expect(await phone.getByTestId('scan-class').innerText()).toBe(name);
    // … and out at the end of the session.
    clockTo(`${d1}T11:55`);
    await inst.goto(`${h.base}/classes/${classId}/sessions/${sessions[0]!.id}/qr?kind=out`);
    await poll(() => qr.getAttribute('data-kind')).toBe('out');
    await phone.goto((await qr.getAttribute('data-url'))!);
    await poll(() => phone.getByTestId('scan-success').innerText()).toMatch(/签退成功/);
    await phone.context().close();

    // After the last session: a manual mark with a reason on the attendance sheet …
    clockTo(`${d2}T18:00`);
    const marked = others[0]!;
    await inst.goto(`${h.base}/classes/${classId}?tab=attendance`);
    await inst.getByTestId('attendance-table').locator('.ant-table-row').first().waitFor();
    await inst.getByTestId('att-manual').click();
    await pick(inst, 'att-manual-trainee', `${marked.name} `);
    await pick(inst, 'att-manual-session');
    await pick(inst, 'att-manual-reason', '其他（须说明）');
    await inst.getByTestId('att-manual-note').fill('学员手机没电，班主任现场核实签到');
    await inst.getByTestId('att-manual-submit').click();
    await inst.getByTestId('att-pending-alert').waitFor();
    // (everyone else's attendance for the other sessions: through the API, confirmed by the county)
    const roster = (await api.get(`/api/classes/${classId}/enrolments`)).items as { id: string; workerId: string }[];
    const enrolmentOf = (p: Person) => roster.find((e) => e.workerId === p.id)!.id;
    await markAndConfirm(classId, (e, s) => s === sessions[0]!.id && (e === enrolmentOf(trainee!) || e === enrolmentOf(marked)));
    // … confirmed by the county office on its screen.
    await county.goto(`${h.base}/attendance/confirmations`);
    const row = county.getByTestId('mark-table').locator('.ant-table-row').filter({ hasText: '学员手机没电，班主任现场核实签到' });
    await row.getByTestId('mark-confirm').click();
    await county.locator('[data-testid="mark-confirm-ok"]:visible').click();
    await poll(() => county.getByTestId('mark-table').innerText()).not.toMatch(/学员手机没电/);

    // Completion, then the evaluator's results: everyone passes; the certificates are issued.
    await inst.goto(`${h.base}/classes/${classId}`);
    await classAction(inst, 'complete', /已结业/);
    const evaluator = await h.signIn('evaluator');
    await evaluator.goto(`${h.base}/classes/${classId}?tab=results`);
    await evaluator.getByTestId('results-table').locator('.ant-table-row').first().waitFor();
    await evaluator.getByTestId('results-all-pass').click();
    const scores = evaluator.locator('input[data-testid^="score-"]');
    for (let i = 0; i < (await scores.count()); i++) await scores.nth(i).fill(String(75 + (i % 20)));
    await evaluator.getByTestId('results-submit').click();
    await evaluator.locator('.ant-modal-confirm').getByRole('button', { name: '提交考核结果' }).click();
    await poll(() => evaluator.getByTestId('class-status').innerText()).toMatch(/已考核/);
    await evaluator.getByTestId('class-tab-certificates').click();
    await poll(() => evaluator.getByTestId('class-certificates').locator('.ant-table-row').count()).toBe(20);

    // The trainee's certificate verifies on the public page (the target of its QR code), with its full claims.
    const certs = (await api.get(`/api/certificates?classId=${classId}&pageSize=50`)).items as { id: string; holderName: string; number: string; verifyUrl: string }[];
    const cert = certs.find((c) => c.holderName === trainee!.name)!;
    const anon = await h.anonymous();
    await anon.goto(cert.verifyUrl);
    await poll(() => anon.getByTestId('verify-status').getAttribute('data-status')).toBe('valid');
    expect(await anon.getByTestId('verify-claims').innerText()).toContain(trainee!.name);
    await shot(anon, 'journey-certificate-verified');

    // Its PDF's QR code decodes to the credential's URL; that URL gives the signed credential to a verifier, which
    // checks it offline against the published keys (JWKS).
    const pdf = await api.raw(`/api/certificates/${cert.id}/pdf`);
    expect(pdf.status).toBe(200);
    const qrText = await qrOfPdf(new Uint8Array(await pdf.arrayBuffer()));
    expect(qrText).toBe(cert.verifyUrl);
    const vc = await fetch(qrText, { headers: { accept: 'application/vc+jwt' } });
    expect(vc.headers.get('content-type')).toMatch(/application\/vc\+jwt/);
    const jws = (await vc.text()).trim();
    const jwks = createLocalJWKSet((await (await fetch(`${h.base}/.well-known/jwks.json`)).json()) as JSONWebKeySet);
    const { payload, protectedHeader } = await jwtVerify(jws, jwks, { currentDate: h.clock.now() });
    expect(protectedHeader.alg).toBe('EdDSA');
    expect(payload.jti).toBe(cert.verifyUrl);
    expect(JSON.stringify(payload)).toContain(trainee!.name);

    // One claim changed (the holder's name), the signature kept: offline verification fails, and so does the page.
    const [head, body, signature] = jws.split('.') as [string, string, string];
    const claims = decodeJwt(jws);
    const tampered = `${head}.${base64url(JSON.stringify(claims).replaceAll(trainee!.name, '王冒名'))}.${signature}`;
    expect(tampered).not.toBe(jws);
    expect(body).not.toBe(tampered.split('.')[1]);
    await expect(jwtVerify(tampered, jwks, { currentDate: h.clock.now() })).rejects.toThrow(/signature/i);
    await anon.goto(`${h.base}/verify`);
    await anon.getByText('按签名凭证').click();
    await anon.getByTestId('verify-jws').fill(tampered);
    await anon.getByTestId('verify-jws-submit').click();
    await poll(() => anon.getByTestId('verify-status').getAttribute('data-status')).toBe('invalid');
    expect(await anon.getByTestId('verify-status').innerText()).toMatch(/无效/);
    expect(await anon.getByTestId('verify-reason').innerText()).toMatch(/签名不符/);
    await shot(anon, 'journey-tampered-credential');
    // The genuine one, pasted the same way, is 有效.
    await anon.getByTestId('verify-jws').fill(jws);
    await anon.getByTestId('verify-jws-submit').click();
    await poll(() => anon.getByTestId('verify-status').getAttribute('data-status')).toBe('valid');

    for (const p of [inst, county, evaluator, anon]) await p.context().close();
  });

  it('issue #5: budget → claim submitted with its priced lines and traces → county review → public announcement with an objection → city review → paid → the worker’s archive shows the living allowance', async () => {
    const api = await h.as('institution');
    const cityApi = await h.as('city');
    const countyApi = await h.as('county.yanhu');
    const evaluatorApi = await h.as('evaluator');
    const start = h.clock.now().getTime() + 5 * DAY;
    const d1 = bjDate(start);
    const d2 = bjDate(start + DAY);
    const year = Number(d2.slice(0, 4));
    const name = `${data.project.occupationName}（${data.project.levelName}）职业技能提升培训第 31 期`;

    // A class run to its close through the API; one trainee registered poor (建档立卡贫困劳动力) since 2019.
    const sessions = [d1, d2].flatMap((d) => [
      { start: `${d}T08:30:00+08:00`, end: `${d}T12:00:00+08:00` },
      { start: `${d}T14:00:00+08:00`, end: `${d}T17:30:00+08:00` },
    ]);
    const { id: classId } = await api.post('/api/classes', {
      name,
      project: { catalogProjectId: data.project.id, occupationCode: data.project.occupationCode, levelCode: data.project.levelCode, trainingType: data.project.trainingType, standardHours: data.project.standardHours },
      unitCode: data.unitCode,
      venue: { address: '盐湖区解放北路 318 号实训楼三层', lat: 35.0263, lng: 111.0072 },
      startDate: d1,
      endDate: d2,
      sessions,
      capacity: 30,
      teachers: [{ name: '李秀英', qualification: '高级技师' }],
      assessmentPlan: '理论考试（闭卷）+ 实际操作考核',
      responsibleDepartment: 'hrss',
      fundingRoute: 'key_group',
      evaluatorOrgId: data.evaluatorId,
    });
    await api.post(`/api/classes/${classId}/actions`, { action: 'file' });
    await countyApi.post(`/api/classes/${classId}/actions`, { action: 'approve', evaluatorOrgId: data.evaluatorId });
    // The registered-poor trainee: someone whose place the outlook says gets the living allowance.
    let poor: Person | null = null;
    while (!poor && data.pool.length > 0) {
      const p = data.pool.shift()!;
      await cityApi.post(`/api/workers/${p.id}/categories`, { code: 'registered_poor', validFrom: '2019-01-01', validTo: null }).catch(() => undefined);
      const preview = await api.post(`/api/classes/${classId}/enrolments/preview`, { idNumber: p.idNumber }).catch(() => null);
      if (preview && (preview.problems ?? []).length === 0 && preview.outlook.subsidised && preview.outlook.livingAllowance) poor = p;
    }
    if (!poor) throw new Error('nobody in the pool can be the registered-poor trainee');
    const people = [poor, ...(await takeEnrolable(api, classId, 4))];
    // The others are rural migrant workers (农村转移就业劳动者), a key group of §14.
    for (const p of people.slice(1)) await cityApi.post(`/api/workers/${p.id}/categories`, { code: 'rural_migrant', validFrom: '2019-01-01', validTo: null }).catch(() => undefined);
    for (const p of people) await api.post(`/api/classes/${classId}/enrolments`, { idNumber: p.idNumber, acceptUnsubsidised: true });
    clockTo(`${d1}T08:40`);
    await api.post(`/api/classes/${classId}/actions`, { action: 'start' });
    clockTo(`${d2}T18:00`);
    await markAndConfirm(classId);
    await api.post(`/api/classes/${classId}/actions`, { action: 'complete' });
    const results = (await evaluatorApi.get(`/api/classes/${classId}/results`)).items as { enrolmentId: string }[];
    await evaluatorApi.post(`/api/classes/${classId}/results`, { results: results.map((r, i) => ({ enrolmentId: r.enrolmentId, result: 'pass', score: 80 + i })) });
    await api.post(`/api/classes/${classId}/actions`, { action: 'close' });

    // Finance grants the year's budget of the employment subsidy fund to the county, on the fund accounts screen.
    const finance = await h.signIn('finance');
    await finance.goto(`${h.base}/finance/funds`);
    await finance.getByTestId('budget-grant').click();
    await pick(finance, 'budget-unit', '盐湖区');
    await fillIn(finance, 'budget-year', String(year));
    await fillIn(finance, 'budget-amount', '200,000');
    await finance.getByText('即 ¥200,000.00').waitFor();
    await finance.getByTestId('budget-submit').click();
    await poll(() => finance.getByTestId('funds-table').innerText()).toMatch(/盐湖区[\s\S]*¥200,000\.00/);

    // The institution claims: the platform's pricing, every trainee's trace; the living allowance goes to the trainee.
    const inst = await h.signIn('institution');
    await inst.goto(`${h.base}/classes/${classId}`);
    await inst.getByTestId('class-claim').click();
    const preview = inst.getByTestId('claim-preview-lines');
    await preview.locator('[data-testid="claim-line"][data-kind="living_allowance"]').first().waitFor();
    const poorRow = preview.locator('.ant-table-row').filter({ hasText: poor.name });
    await poorRow.locator('.ant-table-row-expand-icon').click();
    await poll(() => preview.getByTestId('trace').first().innerText()).toMatch(/生活费补贴/);
    expect(await poorRow.innerText()).toMatch(/学员本人/);
    await shot(inst, 'claim-preview', true, { dialog: true });
    await inst.getByTestId('claim-submit').click();
    await inst.waitForURL(/\/claims\/[0-9a-f-]{36}$/);
    await poll(() => inst.getByTestId('claim-status').innerText()).toMatch(/待县区初审/);
    const claimId = new URL(inst.url()).pathname.split('/').pop()!;

    // The county reviews it from its queue: one line refused with a reason, then approved for announcement.
    const county = await h.signIn('county.yanhu');
    await county.goto(`${h.base}/claims?status=submitted`);
    await county.getByTestId('claim-table').getByText(name).waitFor();
    await shot(county, 'claims-county');
    await county.getByTestId('claim-table').getByText(name).click();
    await county.getByTestId('claim-lines').waitFor();
    const refusedOne = people[4]!;
    await county.getByTestId('claim-lines').locator('.ant-table-row').filter({ hasText: refusedOne.name }).getByTestId('line-refuse').first().click();
    await county.getByTestId('line-refuse-submit').click();
    await county.getByText('请填写核减理由').waitFor();
    await county.getByTestId('line-refuse-reason').fill('实训记录缺失，经核实未参加实际操作考核前的实训');
    await county.getByTestId('line-refuse-submit').click();
    await county.getByTestId('line-refusal').waitFor();
    await county.getByTestId('claim-lines').locator('.ant-table-row').filter({ hasText: poor.name }).locator('.ant-table-row-expand-icon').click();
    await county.getByTestId('trace').first().waitFor();
    await county.setViewportSize({ width: 1440, height: 1280 });
    await shot(county, 'claim-review-county', true);
    await county.setViewportSize({ width: 1440, height: 900 });
    await county.getByTestId('trace-expand-all').click();
    await poll(() => county.getByTestId('trace').count()).toBe(people.length);
    await county.getByTestId('claim-action-county_approve').click();
    await county.getByTestId('claim-action-confirm').click();
    await poll(() => county.getByTestId('claim-status').innerText()).toMatch(/公示中/);

    // The public announcement, without sign-in: the class, the masked roster and the amounts; an objection.
    const anon = await h.anonymous();
    await anon.goto(`${h.base}/public/catalogs`);
    await anon.getByTestId('public-announcements-link').click();
    await anon.getByTestId('announcements').getByText(name).click();
    await anon.getByTestId('announcement-roster').locator('.ant-table-row').first().waitFor();
    const roster = await anon.getByTestId('announcement-roster').innerText();
    expect(roster).not.toContain(poor.name);
    expect(roster).toContain(`${[...poor.name][0]}*`);
    expect(roster).toMatch(/生活费补贴/);
    await anon.getByTestId('objection-text').fill(`学员${[...people[1]!.name][0]}某第二天下午不在培训现场`);
    await anon.getByTestId('objection-contact').fill('139****1234');
    await shot(anon, 'announcement-public', true);
    await anon.getByTestId('objection-submit').click();
    await anon.getByTestId('objection-sent').waitFor();

    // The county answers the objection; the city cannot approve before the window ends.
    await county.reload();
    await county.getByTestId('claim-tab-objections').click();
    await county.getByTestId('objection-answer').fill('经核查签到记录与现场视频，该学员当天下午在场，异议不成立。');
    await county.getByTestId('objection-answer-submit').click();
    await poll(() => county.getByTestId('claim-objections').innerText()).toMatch(/异议不成立/);
    const city = await h.signIn('city');
    await city.goto(`${h.base}/claims/${claimId}`);
    expect(await city.getByTestId('claim-action-city_approve').isDisabled()).toBe(true);
    await city.getByTestId('claim-window-alert').waitFor();

    // After the window (5 working days): the city's final approval.
    const windowEnd = (await countyApi.get(`/api/claims/${claimId}`)).claim.windowEnd as string;
    clockTo(`${bjDate(Date.parse(`${windowEnd}T00:00:00+08:00`) + DAY)}T09:30`);
    await city.reload();
    await city.getByTestId('claim-action-city_approve').click();
    await city.getByTestId('claim-action-confirm').click();
    await poll(() => city.getByTestId('claim-status').innerText()).toMatch(/待拨付/);

    // Finance pays it: one request with its idempotency key, from the fund its rules name.
    await finance.goto(`${h.base}/claims/${claimId}`);
    await finance.getByTestId('claim-action-pay').click();
    const key = await finance.getByTestId('claim-pay-key').innerText();
    expect(key).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    await shot(finance, 'claim-pay', true, { dialog: true });
    await finance.getByTestId('claim-pay-submit').click();
    await poll(() => finance.getByTestId('claim-status').innerText()).toMatch(/已拨付/);
    const paid = await countyApi.get(`/api/claims/${claimId}`);
    const living = (paid.lines as { kind: string; workerId: string; amountFen: number; refused: unknown }[]).find((l) => l.kind === 'living_allowance' && l.workerId === poor.id)!;
    expect(living.amountFen).toBe(2 * 1_500);

    // The worker's archive shows the living allowance, paid to them: as the county sees it and as they see it.
    await county.goto(`${h.base}/workers/${poor.id}`);
    await county.getByRole('tab', { name: /补贴/ }).click();
    await poll(() => county.getByTestId('archive-subsidies').innerText()).toMatch(/生活费补贴[\s\S]*¥30\.00[\s\S]*已拨付/);
    expect(await county.getByTestId('archive-living-allowance').innerText()).toBe('¥30.00');
    // The basic facts' bottom and the subsidies tab in view, once the tab's underline has moved.
    await county.setViewportSize({ width: 1440, height: 1150 });
    await county.waitForTimeout(400);
    await shot(county, 'worker-archive-subsidies', true);
    await county.setViewportSize({ width: 1440, height: 900 });
    await workerAccount(POOR, POOR_PASSWORD, poor);
    const worker = await h.signIn(POOR, MOBILE);
    await worker.goto(`${h.base}/me`);
    await worker.getByRole('tab', { name: /补贴/ }).click();
    await poll(() => worker.getByTestId('archive-living-allowance').innerText()).toBe('¥30.00');

    for (const p of [finance, inst, county, anon, city, worker]) await p.context().close();
  });

  it('finance: a payment batch with its vouchers, fund balances, the ledger (check, export, a reversal) and what-if pricing', async () => {
    // The demo year's claims awaiting payment (the seed approves some; more are claimed and approved here if few).
    const institution = await h.as('institution');
    const countyApi = await h.as('county.yanhu');
    const cityApi = await h.as('city');
    const approved = async () => ((await cityApi.get('/api/claims?status=approved&pageSize=50')).items as { id: string }[]).length;
    if ((await approved()) < 2) {
      const closed = (await institution.get('/api/classes?status=closed&pageSize=100')).items as { id: string; endDate: string }[];
      const claimIds: string[] = [];
      for (const c of closed.filter((x) => x.endDate.startsWith('2020'))) {
        if (claimIds.length >= 2) break;
        const r = await institution.post(`/api/classes/${c.id}/claim`).catch((e: Error) => {
          if (!/CLAIM_/.test(e.message)) throw e;
          return null;
        });
        if (r) claimIds.push(r.id);
      }
      for (const id of claimIds) await countyApi.post(`/api/claims/${id}/actions`, { action: 'county_approve' });
      if (claimIds.length > 0) {
        const windowEnd = (await countyApi.get(`/api/claims/${claimIds[0]}`)).claim.windowEnd as string;
        clockTo(`${bjDate(Date.parse(`${windowEnd}T00:00:00+08:00`) + DAY)}T09:30`);
        for (const id of claimIds) await cityApi.post(`/api/claims/${id}/actions`, { action: 'city_approve' });
      }
    }
    const toPay = await approved();
    expect(toPay).toBeGreaterThan(0);

    // The city's list of every claim, by status.
    const city0 = await h.signIn('city');
    await city0.goto(`${h.base}/claims`);
    await city0.getByTestId('claim-table').getByText('已拨付').first().waitFor();
    await shot(city0, 'claims-city', true);
    await city0.context().close();

    // 拨付批次: every approved claim picked, paid as one batch; the vouchers come back.
    const finance = await h.signIn('finance');
    await finance.goto(`${h.base}/finance/batches`);
    await finance.getByTestId('batch-table').locator('.ant-table-row').first().waitFor();
    await finance.getByTestId('batch-table').locator('.ant-table-thead .ant-checkbox-wrapper').click();
    await poll(() => finance.getByTestId('batch-selection').innerText()).toMatch(new RegExp(`已选 ${toPay} 笔`));
    await shot(finance, 'finance-batches', true);
    await finance.getByTestId('batch-pay').click();
    await finance.getByTestId('batch-pay-submit').click();
    await finance.getByTestId('batch-result').waitFor();
    await poll(() => finance.getByTestId('batch-vouchers').locator('.ant-table-row').count()).toBe(Math.min(toPay, 20));
    expect(await finance.getByTestId('batch-vouchers').innerText()).toMatch(/PZ\d{12}/);

    // 资金账户: granted, paid and available by fund and county.
    await finance.goto(`${h.base}/finance/funds`);
    await finance.getByTestId('funds-table').locator('.ant-table-row').first().waitFor();
    await pick(finance, 'funds-year', '2020');
    await poll(() => finance.getByTestId('funds-table').innerText()).toMatch(/盐湖区/);
    await shot(finance, 'finance-funds', true);

    // 资金台账: the chain checks out; the export downloads; a payment is reversed with a reason.
    await finance.goto(`${h.base}/finance/ledger`);
    await finance.getByTestId('ledger-verify').click();
    await poll(() => finance.getByTestId('ledger-verify-result').getAttribute('data-ok')).toBe('true');
    expect(await finance.getByTestId('ledger-verify-result').innerText()).toMatch(/台账完整/);
    await finance.getByTestId('ledger-table').locator('.ant-table-row').first().waitFor();
    await finance.locator('.jn-export-form .ant-picker-range input').first().click();
    await finance.keyboard.type('2020-01-01');
    await finance.keyboard.press('Enter');
    await finance.keyboard.type(`${bjDate(h.clock.now().getTime() + 30 * DAY)}`);
    await finance.keyboard.press('Enter');
    const download = finance.waitForEvent('download');
    await finance.getByTestId('export-submit').click();
    expect((await download).suggestedFilename()).toMatch(/\.xlsx$/);
    await finance.setViewportSize({ width: 1440, height: 1150 });
    await shot(finance, 'finance-ledger', true);
    await finance.setViewportSize({ width: 1440, height: 900 });
    await finance.getByTestId('ledger-table').locator('.ant-table-row').filter({ hasText: '补贴拨付' }).first().locator('.ant-table-row-expand-icon').click();
    await finance.locator('.jn-entries').first().waitFor();
    await finance.getByTestId('ledger-reverse').first().click();
    await finance.getByTestId('ledger-reverse-reason').fill('经核查为虚假培训，追回资金');
    await finance.getByTestId('ledger-reverse-submit').click();
    // The newest page now starts with the reversing transaction.
    await finance.getByTestId('ledger-table').locator('.ant-table-row').first().locator('[data-kind="reversal"]').waitFor();
    await finance.getByTestId('ledger-verify').click();
    await poll(() => finance.getByTestId('ledger-verify-result').innerText()).toMatch(/台账完整/);

    // 补贴测算 (city): a 450-yuan level-4 certificate subsidy, by unit and fund, nothing written.
    const city = await h.signIn('city');
    const before = (await cityApi.get('/api/ledger/verify')).transactions as number;
    await city.goto(`${h.base}/claims/whatif`);
    await city.getByTestId('whatif-run').click();
    await city.getByTestId('whatif-table').locator('.ant-table-row').first().waitFor();
    await shot(city, 'claims-whatif', true);
    expect((await cityApi.get('/api/ledger/verify')).transactions).toBe(before);

    // The county cannot reach the what-if page; the announcements list is public.
    const county = await h.signIn('county.yanhu');
    await county.goto(`${h.base}/claims/whatif`);
    await county.getByTestId('result-404').waitFor();
    for (const p of [finance, city, county]) await p.context().close();
  });

  it('shows the subsidy menu entries by role', async () => {
    const expected: Record<string, { has: string[]; not: string[] }> = {
      institution: { has: ['/claims'], not: ['/finance/batches', '/finance/funds', '/claims/whatif'] },
      'county.yanhu': { has: ['/claims', '/finance/funds', '/finance/ledger'], not: ['/finance/batches', '/claims/whatif'] },
      city: { has: ['/claims', '/claims/whatif', '/finance/funds', '/finance/ledger'], not: ['/finance/batches'] },
      finance: { has: ['/claims', '/finance/batches', '/finance/funds', '/finance/ledger'], not: ['/claims/whatif'] },
      auditor: { has: ['/claims', '/finance/funds', '/finance/ledger'], not: ['/finance/batches', '/claims/whatif'] },
    };
    for (const [username, { has, not }] of Object.entries(expected)) {
      const page = await h.signIn(username);
      const menu = await menuKeys(page);
      for (const key of has) expect(menu, `${username}'s menu`).toContain(key);
      for (const key of not) expect(menu, `${username}'s menu`).not.toContain(key);
      await page.context().close();
    }
    // The claim screens speak English too.
    const page = await h.signIn('county.yanhu');
    await page.getByTestId('locale-switch').click();
    await page.goto(`${h.base}/claims`);
    await poll(() => page.getByTestId('page-title').innerText()).toBe('Subsidy claims');
    await page.getByTestId('claim-table').getByText(/Paid|Awaiting payment|Public announcement/).first().waitFor();
    await page.context().close();
  });
});
