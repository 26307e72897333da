import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bjDate, bjIso, DAY, MIN, MOBILE, SCREENS, menuKeys, pick, shot, startHarness, type Harness } from './harness.ts';

/**
 * Browser smoke tests of the training screens: classes (list, filing form, review, roster, attendance, the QR
 * screen), the county's manual-mark queue, the evaluator's results, certificates, the worker portal (390×844)
 * and the public verification page. The data is made through the API first; the server's clock can be moved
 * ahead (`h.offset`) so a class can run and complete inside the test.
 */
let h: Harness;
let base: string;

type Ids = {
  orgId: string;
  unitCode: string;
  evaluatorId: string;
  project: { id: string; occupationCode: string; occupationName: string; levelCode: string; levelName: string; trainingType: string; standardHours: number };
  draft: string;
  filed: string;
  running: string;
  runningSession: string;
  completed: string;
  spareIdNumber: string;
  workerId: string;
};
let ids: Ids;
/** The classes' names, from the project (set in makeData). */
const names = { draft: '', filed: '', running: '', completed: '' };
let evaluatorPassword: string;
/** A trainee of our own (the demo worker may already be in the seed's classes at these hours). */
const TRAINEE = 'trainee.e2e';
const TRAINEE_PASSWORD = 'Trainee-2026-e2e';

beforeAll(async () => {
  h = await startHarness({ seed: 'e2e-classes', workers: 300 });
  base = h.base;
  ids = await makeData();
}, 600_000);

afterAll(async () => {
  await h?.close();
});

/** Catalogs for this year, the evaluator's account, and classes in the states the screens need. */
async function makeData(): Promise<Ids> {
  const now = h.clock.now().getTime();
  const year = Number(bjDate(now).slice(0, 4));
  const city = await h.as('city');
  const institution = await h.as('institution');
  const county = await h.as('county.yanhu');
  const me = (await institution.get('/api/auth/me')).user;
  const org = (await city.get(`/api/organisations/${me.orgId}`)).organisation;
  const licence = org.licences[0] as { occupationCode: string; levels: string[] };
  const levelCode = licence.levels[0]!;

  // The evaluation body, with an account.
  const orgs = await city.get('/api/organisations?kind=institution&pageSize=200');
  const evaluatorOrg = (orgs.items as { id: string; institutionKind: string; unitCode: string }[]).find((o) => o.institutionKind === 'evaluation')!;
  let evaluatorOrgId = evaluatorOrg.id;
  if (h.accounts.has('evaluator')) {
    evaluatorPassword = h.accounts.get('evaluator')!.password;
    const ev = await h.as('evaluator');
    evaluatorOrgId = (await ev.get('/api/auth/me')).user.orgId;
  } else {
    const admin = await h.as('admin');
    const created = await admin.post('/api/admin/users', { username: 'evaluator', displayName: '评价机构', role: 'institution', orgId: evaluatorOrgId });
    const ev = await h.as('evaluator', created.initialPassword);
    evaluatorPassword = 'Evaluator-2026-e2e';
    await ev.post('/api/auth/password', { currentPassword: created.initialPassword, newPassword: evaluatorPassword });
  }
  h.setPassword('evaluator', evaluatorPassword);
  const evaluator = (await city.get(`/api/organisations/${evaluatorOrgId}`)).organisation;

  // This year's catalogs list the project, the institution for it and the evaluation body (new versions when published ones exist).
  const published = (await city.get('/api/public/catalogs')).items as { id: string; year: number; kind: string; status: string }[];
  const current = (kind: string) => published.find((c) => c.year === year && c.kind === kind && c.status === 'published');
  const publish = async (kind: 'projects' | 'institutions', fill: (id: string) => Promise<void>) => {
    const basedOn = current(kind)?.id;
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
        standardHours: 16,
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
  const projects = (await city.get(`/api/public/catalogs/${projectsId}`)).projects as Ids['project'][];
  const project = projects.find((p) => p.occupationCode === licence.occupationCode && p.levelCode === levelCode && p.trainingType === 'skill_upgrade')!;

  // People of the institution's county with their full ID numbers (an audited reveal by the city office).
  // (The demo seed enrols some of them in its own classes of these days: whoever clashes is passed over.)
  const people = (await city.get(`/api/workers?unitCode=${org.unitCode}&pageSize=50`)).items as { id: string }[];
  const pool: string[] = [];
  for (const p of people.slice(0, 40)) pool.push((await city.post(`/api/workers/${p.id}/reveal`, { field: 'idNumber', reason: '浏览器测试：培训班报名' })).value);
  const trainee = (await city.get(`/api/workers?unitCode=${org.unitCode}&pageSize=60`)).items[50] as { id: string; name: string };
  const admin = await h.as('admin');
  const created = await admin.post('/api/admin/users', { username: TRAINEE, displayName: trainee.name, role: 'worker', workerId: trainee.id });
  await (await h.as(TRAINEE, created.initialPassword)).post('/api/auth/password', { currentPassword: created.initialPassword, newPassword: TRAINEE_PASSWORD });
  h.setPassword(TRAINEE, TRAINEE_PASSWORD);
  const workerIdNumber = (await city.post(`/api/workers/${trainee.id}/reveal`, { field: 'idNumber', reason: '浏览器测试：培训班报名' })).value as string;

  const body = (name: string, sessions: { start: string; end: string }[], over: Record<string, unknown> = {}) => ({
    name,
    project: { catalogProjectId: project.id, occupationCode: project.occupationCode, levelCode: project.levelCode, trainingType: project.trainingType, standardHours: project.standardHours },
    unitCode: org.unitCode,
    venue: { address: '盐湖区解放北路 318 号实训楼三层', lat: 35.0263, lng: 111.0072 },
    startDate: sessions[0]!.start.slice(0, 10),
    endDate: sessions[sessions.length - 1]!.end.slice(0, 10),
    sessions,
    capacity: 30,
    teachers: [{ name: '王建国', qualification: '高级技师' }],
    assessmentPlan: '理论考试（闭卷）+ 实际操作考核',
    responsibleDepartment: 'hrss',
    fundingRoute: 'key_group',
    ...over,
  });
  const days = (fromMs: number, n: number) =>
    Array.from({ length: n }, (_, i) => bjDate(fromMs + i * DAY)).flatMap((d) => [
      { start: `${d}T08:30:00+08:00`, end: `${d}T12:00:00+08:00` },
      { start: `${d}T14:00:00+08:00`, end: `${d}T18:30:00+08:00` },
    ]);
  const enrol = async (classId: string, idNumber: string) => institution.post(`/api/classes/${classId}/enrolments`, { idNumber, acceptUnsubsidised: true });
  /** Enrols the next `count` people of the pool who can take the class. */
  const enrolSome = async (classId: string, count: number) => {
    for (let done = 0; done < count && pool.length > 0; ) {
      const idNumber = pool.shift()!;
      try {
        await enrol(classId, idNumber);
        done++;
      } catch (e) {
        if (!/ENROLMENT_|SUBSIDY_/.test((e as Error).message)) throw e;
      }
    }
  };

  const title = `${project.occupationName}（${project.levelName}）`;
  names.draft = `${title}职业技能提升培训第 21 期`;
  names.filed = `${title}新技能试点培训班（目录外项目）`;
  names.running = `${title}职业技能提升培训第 22 期`;
  names.completed = `${title}职业技能提升培训第 20 期`;

  // A draft, and a filing outside the catalog awaiting the county's review.
  const draft = await institution.post('/api/classes', body(names.draft, days(now + 20 * DAY, 2)));
  const filed = await institution.post(
    '/api/classes',
    body(names.filed, days(now + 25 * DAY, 2), {
      project: { catalogProjectId: null, occupationCode: project.occupationCode, levelCode: project.levelCode, trainingType: 'skill_upgrade', standardHours: 16 },
    }),
  );
  await institution.post(`/api/classes/${filed.id}/actions`, { action: 'file' });

  // A running class: a session now (two hours), then two more days.
  const running = await institution.post(
    '/api/classes',
    body(names.running, [{ start: bjIso(now - 10 * MIN), end: bjIso(now + 110 * MIN) }, ...days(now + DAY, 2)], { evaluatorOrgId: evaluatorOrgId }),
  );
  await institution.post(`/api/classes/${running.id}/actions`, { action: 'file' });
  await county.post(`/api/classes/${running.id}/actions`, { action: 'approve', evaluatorOrgId });
  await institution.post(`/api/classes/${running.id}/actions`, { action: 'start' });
  await enrolSome(running.id, 5);
  await enrol(running.id, workerIdNumber);
  const runningView = await institution.get(`/api/classes/${running.id}`);

  // A class in four days that runs and completes with the server clock moved six days on: manual marks confirmed.
  const completed = await institution.post('/api/classes', body(names.completed, days(now + 4 * DAY, 2), { evaluatorOrgId }));
  await institution.post(`/api/classes/${completed.id}/actions`, { action: 'file' });
  await county.post(`/api/classes/${completed.id}/actions`, { action: 'approve', evaluatorOrgId });
  await enrolSome(completed.id, 4);
  await enrol(completed.id, workerIdNumber);
  h.offset = 6 * DAY;
  try {
    await institution.post(`/api/classes/${completed.id}/actions`, { action: 'start' });
    const view = await institution.get(`/api/classes/${completed.id}`);
    const roster = (await institution.get(`/api/classes/${completed.id}/enrolments`)).items as { id: string }[];
    for (const [i, e] of roster.entries()) {
      for (const s of view.sessions as { id: string; start: string; end: string }[]) {
        await institution.post(`/api/classes/${completed.id}/manual-marks`, {
          enrolmentId: e.id,
          sessionId: s.id,
          checkIn: s.start,
          checkOut: s.end,
          reasonCode: i % 2 ? 'device_failure' : 'phone_unavailable',
        });
      }
    }
    const queue = (await county.get('/api/manual-marks?status=pending&pageSize=200')).items as { id: string; classId: string }[];
    for (const m of queue.filter((q) => q.classId === completed.id)) await county.post(`/api/manual-marks/${m.id}/decision`, { decision: 'confirmed' });
    await institution.post(`/api/classes/${completed.id}/actions`, { action: 'complete' });
  } finally {
    h.offset = 0;
  }

  // Someone the roster test can enrol in the running class through the screen.
  let spareIdNumber = '';
  while (!spareIdNumber && pool.length > 0) {
    const candidate = pool.shift()!;
    const preview = await institution.post(`/api/classes/${running.id}/enrolments/preview`, { idNumber: candidate }).catch(() => null);
    if (preview && (preview.problems ?? []).length === 0) spareIdNumber = candidate;
  }

  return {
    orgId: org.id,
    unitCode: org.unitCode,
    evaluatorId: evaluatorOrgId,
    project,
    draft: draft.id,
    filed: filed.id,
    running: running.id,
    runningSession: runningView.sessions[0].id,
    completed: completed.id,
    spareIdNumber,
    workerId: trainee.id,
  };
}

const password = (username: string) => h.password(username);
const signIn = (username: string, viewport?: { width: number; height: number }) => h.signIn(username, viewport);

describe('the training screens in Chromium', () => {
  it('shows the training menu entries by role', async () => {
    const expected: Record<string, string[]> = {
      institution: ['/classes', '/certificates'],
      'county.yanhu': ['/classes', '/attendance/confirmations', '/certificates'],
      city: ['/classes', '/attendance/confirmations', '/certificates'],
      worker: ['/me/classes', '/scan', '/me/certificates', '/me'],
    };
    for (const [username, keys] of Object.entries(expected)) {
      const page = await signIn(username, username === 'worker' ? MOBILE : undefined);
      const menu = await menuKeys(page);
      for (const key of keys) expect(menu, `${username}'s menu`).toContain(key);
      if (username === 'worker') {
        expect(menu).not.toContain('/classes');
        expect(new URL(page.url()).pathname).toBe('/me/classes');
      }
      await page.context().close();
    }
  });

  it('lists an institution’s classes and files a new one with the form (catalog project, quick-filled timetable)', async () => {
    const page = await signIn('institution');
    await page.goto(`${base}/classes`);
    await page.getByTestId('class-table').getByText(names.draft).waitFor();
    await expect.poll(() => page.getByTestId('class-table').innerText()).toMatch(/培训中/);
    await shot(page, 'classes-institution', true);

    await page.getByTestId('class-create').click();
    await page.getByTestId('class-form').waitFor();
    // Saving the empty form shows the problems under their fields, in Chinese.
    await page.getByTestId('class-save').click();
    await page.getByText('请选择培训项目').waitFor();
    await page.getByText('请至少安排一个课次').waitFor();

    const start = bjDate(h.clock.now().getTime() + 30 * DAY);
    const end = bjDate(h.clock.now().getTime() + 32 * DAY);
    await pick(page, 'class-catalog-project');
    await expect.poll(() => page.getByTestId('class-name').inputValue()).not.toBe('');
    await page.getByTestId('class-name').fill('浏览器测试培训班（表单）');
    await page.getByTestId('class-venue').fill('盐湖区解放北路 318 号');
    await page.getByTestId('class-lat').fill('35.0263');
    await page.getByTestId('class-lng').fill('111.0072');
    await page.getByTestId('class-start').click();
    await page.keyboard.type(start);
    await page.keyboard.press('Enter');
    await page.getByTestId('class-end').click();
    await page.keyboard.type(end);
    await page.keyboard.press('Enter');
    await page.getByTestId('class-quick-fill').click();
    await page.getByTestId('class-quick-fill-apply').click();
    await expect.poll(() => page.getByTestId('class-sessions-total').innerText()).toMatch(/共 6 个课次/);
    await page.getByTestId('class-capacity').fill('30');
    await page.getByTestId('class-teacher-0').fill('李秀英');
    await page.getByTestId('class-assessment-plan').fill('理论 + 实操');
    await pick(page, 'class-funding', '就业重点群体培训补贴');
    await page.getByTestId('class-form').screenshot({ path: path.join(SCREENS, 'class-form.png') });
    await page.getByTestId('class-save').click();
    await page.waitForURL(/\/classes\/[0-9a-f-]{36}$/);
    await expect.poll(() => page.getByTestId('class-status').innerText()).toMatch(/草稿/);
    await page.getByTestId('class-action-file').waitFor();
    await page.context().close();
  });

  it('the county office reviews a filing outside the catalog: evaluator and project opinion', async () => {
    const page = await signIn('county.yanhu');
    await page.goto(`${base}/classes?view=review`);
    await page.getByTestId('class-table').getByText(names.filed).waitFor();
    await shot(page, 'classes-review-county', true);
    await page.getByTestId('class-table').getByText(names.filed).click();
    await page.getByTestId('class-warning').waitFor();
    await page.getByTestId('class-action-approve').click();
    // Submitting the empty dialog shows the required fields; a click landing during the dialog's opening
    // animation can be lost, so click until the validation shows (an empty dialog submits nothing).
    await expect
      .poll(
        async () => {
          await page.getByTestId('class-approve-submit').click();
          return page.getByText('请填写项目审核意见').isVisible();
        },
        { timeout: 30_000, interval: 1000 },
      )
      .toBe(true);
    await pick(page, 'class-approve-evaluator');
    await page.getByTestId('class-approve-note').fill('经审核，该项目符合本地产业需求，教学计划课时合理，同意开班。');
    await shot(page, 'class-approve-dialog');
    await page.getByTestId('class-approve-submit').click();
    await expect.poll(() => page.getByTestId('class-status').innerText()).toMatch(/审核通过/);
    await page.getByTestId('class-tab-decisions').click();
    await expect.poll(() => page.getByTestId('class-decisions').innerText()).toMatch(/项目审核意见/);
    await page.context().close();
  });

  it('enrols a trainee by ID number: the subsidy outlook first, then the roster', async () => {
    const page = await signIn('institution');
    await page.goto(`${base}/classes/${ids.running}?tab=roster`);
    await page.getByTestId('roster-table').locator('.ant-table-row').first().waitFor();
    await page.getByTestId('roster-enrol').click();
    await page.getByTestId('enrol-id').fill(ids.spareIdNumber);
    await page.getByTestId('enrol-preview').click();
    const outlook = page.getByTestId('enrol-outlook');
    await outlook.waitFor();
    expect(await outlook.innerText()).toMatch(/补贴/);
    if (await page.getByTestId('enrol-accept').isVisible()) await page.getByTestId('enrol-accept').click();
    await shot(page, 'class-enrol-preview');
    await page.getByTestId('enrol-confirm').click();
    await page.getByText(/本次已报名 1 人/).waitFor();
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByTestId('roster-table').locator('.ant-table-row').count()).toBe(7);
    await shot(page, 'class-roster', true);
    await page.context().close();
  });

  it('shows the QR screen, and a trainee checks in with it on a phone (and after signing in first)', async () => {
    const page = await signIn('institution');
    await page.goto(`${base}/classes/${ids.running}?tab=attendance`);
    await page.getByTestId('attendance-table').locator('.ant-table-row').first().waitFor();
    await shot(page, 'class-attendance', true);
    await page.goto(`${base}/classes/${ids.running}/sessions/${ids.runningSession}/qr`);
    const qr = page.getByTestId('qr-token');
    await qr.waitFor();
    expect(await page.getByTestId('qr-class').innerText()).toBe(names.running);
    await page.setViewportSize({ width: 1920, height: 1080 });
    await shot(page, 'qr-screen', true);
    const url = (await qr.getAttribute('data-url'))!;
    expect(url).toMatch(/\/scan\?t=/);
    expect(await qr.getAttribute('data-token')).toBeTruthy();

    // The trainee's phone opens the link: signed in, checked in at once.
    const phone = await signIn(TRAINEE, MOBILE);
    await phone.goto(url);
    await phone.getByTestId('scan-success').waitFor();
    expect(await phone.getByTestId('scan-class').innerText()).toBe(names.running);
    await shot(phone, 'scan-success', true);
    // The same code again: refused, and said so plainly.
    await phone.goto(url);
    await phone.getByTestId('scan-error').waitFor();
    expect(await phone.getByTestId('scan-error-text').innerText()).not.toBe('');
    await shot(phone, 'scan-refused');

    // Signed out, the link goes to sign-in and comes back to check out.
    await page.getByTestId('qr-kind').getByText('签退').click();
    await expect.poll(() => qr.getAttribute('data-kind')).toBe('out');
    const outUrl = (await qr.getAttribute('data-url'))!;
    const fresh = await h.browser.newContext({ viewport: MOBILE, locale: 'zh-CN', isMobile: true, hasTouch: true });
    const anon = await fresh.newPage();
    await anon.goto(outUrl);
    await anon.getByTestId('login-scan-hint').waitFor();
    await anon.getByTestId('login-username').fill(TRAINEE);
    await anon.getByTestId('login-password').fill(password(TRAINEE));
    await anon.getByTestId('login-submit').click();
    await anon.locator('[data-testid="scan-success"], [data-testid="scan-error"]').first().waitFor();
    expect(await anon.getByTestId('scan-error').isVisible() ? await anon.getByTestId('scan-error').innerText() : '').toBe('');
    expect(await anon.getByTestId('scan-success').innerText()).toMatch(/签退成功/);
    await fresh.close();
    await phone.context().close();
    await page.context().close();
  });

  it('enters a manual mark with a reason; the county office confirms it', async () => {
    const page = await signIn('institution');
    await page.goto(`${base}/classes/${ids.running}?tab=attendance`);
    await page.getByTestId('attendance-table').locator('.ant-table-row').first().waitFor();
    await page.getByTestId('att-manual').click();
    await pick(page, 'att-manual-trainee');
    await pick(page, 'att-manual-session');
    await pick(page, 'att-manual-reason', '其他（须说明）');
    await page.getByTestId('att-manual-submit').click();
    await page.getByText('选择“其他”时须填写说明').waitFor();
    await page.getByTestId('att-manual-note').fill('学员手机没电，班主任现场核实');
    await shot(page, 'class-manual-mark');
    await page.getByTestId('att-manual-submit').click();
    await page.getByTestId('att-pending-alert').waitFor();
    await page.context().close();

    const county = await signIn('county.yanhu');
    await county.goto(`${base}/attendance/confirmations`);
    await county.getByTestId('mark-table').getByText('学员手机没电，班主任现场核实').waitFor();
    await shot(county, 'manual-marks-county', true);
    await county.getByTestId('mark-table').locator('.ant-table-row').filter({ hasText: '学员手机没电' }).getByTestId('mark-confirm').click();
    await county.locator('[data-testid="mark-confirm-ok"]:visible').click();
    await expect.poll(() => county.getByTestId('mark-table').innerText()).not.toMatch(/学员手机没电/);
    await county.getByTestId('mark-status').getByText('已处理').click();
    await expect.poll(() => county.getByTestId('mark-table').innerText()).toMatch(/已确认/);
    await county.context().close();
  });

  it('the evaluator records every completer’s result at once; certificates are issued', async () => {
    const page = await signIn('evaluator');
    await page.goto(`${base}/classes?view=assessment`);
    await page.getByTestId('class-table').getByText(names.completed).waitFor();
    await page.goto(`${base}/classes/${ids.completed}?tab=results`);
    await page.getByTestId('results-table').locator('.ant-table-row').first().waitFor();
    await page.getByTestId('results-submit').click();
    await page.getByText(/没有选择考核结果/).waitFor();
    await page.getByTestId('results-all-pass').click();
    const scores = page.locator('input[data-testid^="score-"]');
    for (let i = 0; i < (await scores.count()); i++) await scores.nth(i).fill(String(80 + i));
    await shot(page, 'class-results', true);
    await page.getByTestId('results-submit').click();
    await page.locator('.ant-modal-confirm').getByRole('button', { name: '提交考核结果' }).click();
    // Signing the certificates and drawing their PDFs takes a moment on a busy machine.
    await expect.poll(() => page.getByTestId('class-status').innerText(), { timeout: 20_000 }).toMatch(/已考核/);
    await page.getByTestId('class-tab-certificates').click();
    await expect.poll(() => page.getByTestId('class-certificates').locator('.ant-table-row').count()).toBe(5);
    await page.context().close();
  });

  it('certificates: the list, the drawer, revocation, and the public verification page', async () => {
    const page = await signIn('city');
    await page.goto(`${base}/certificates`);
    await page.getByTestId('certificate-table').locator('.ant-table-row').first().waitFor();
    await shot(page, 'certificates-city', true);
    await page.getByTestId('certificate-open').first().click();
    const drawer = page.getByTestId('certificate-drawer');
    await drawer.getByTestId('certificate-verify-link').waitFor();
    const verifyUrl = await drawer.getByTestId('certificate-verify-link').innerText();
    const number = (await drawer.locator('.jn-mono').first().innerText()).trim();
    await shot(page, 'certificate-drawer');
    await drawer.getByTestId('certificate-revoke').click();
    await page.getByTestId('certificate-revoke-submit').click();
    await page.getByText('请填写撤销原因').waitFor();
    await page.getByTestId('certificate-revoke-reason').fill('经核查考核记录有误');
    await page.getByTestId('certificate-revoke-submit').click();
    await expect.poll(() => drawer.innerText()).toMatch(/已撤销/);
    await page.context().close();

    // No sign-in: the QR target says 已撤销 with the reason; another certificate is 有效; junk is 无效.
    const context = await h.browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
    const anon = await context.newPage();
    await anon.goto(verifyUrl);
    await expect.poll(() => anon.getByTestId('verify-status').getAttribute('data-status')).toBe('revoked');
    expect(await anon.getByTestId('verify-status').innerText()).toMatch(/经核查考核记录有误/);
    expect(await anon.getByTestId('verify-claims').innerText()).toContain(number);
    await shot(anon, 'verify-revoked');

    const other = (await (await h.as('city')).get('/api/certificates?status=valid&pageSize=1')).items[0];
    await anon.goto(`${base}/verify`);
    await anon.getByTestId('verify-number').locator('input').fill(other.number);
    await anon.keyboard.press('Enter');
    await expect.poll(() => anon.getByTestId('verify-status').getAttribute('data-status')).toBe('valid');
    expect(await anon.getByTestId('verify-claims').innerText()).toContain(other.holderName);
    await anon.getByTestId('verify-jwks').waitFor();
    await shot(anon, 'verify-valid', true);

    await anon.getByText('按签名凭证').click();
    await anon.getByTestId('verify-jws').fill('eyJhbGciOiJFZERTQSJ9.eyJ4IjoxfQ.bm90LWEtc2lnbmF0dXJl');
    await anon.getByTestId('verify-jws-submit').click();
    await expect.poll(() => anon.getByTestId('verify-status').getAttribute('data-status')).toBe('invalid');

    // Linked from the public catalog page and the sign-in page.
    await anon.goto(`${base}/public/catalogs`);
    await anon.getByTestId('public-verify-link').click();
    await anon.waitForURL(/\/verify$/);
    await anon.goto(`${base}/login`);
    await anon.getByTestId('login-verify').waitFor();
    await context.close();
  });

  it('the worker portal on a phone: my training and my certificates', async () => {
    const page = await signIn(TRAINEE, MOBILE);
    await page.goto(`${base}/me/classes`);
    await page.getByTestId('portal-class').first().waitFor();
    expect(await page.getByTestId('portal-classes').innerText()).toContain(names.running);
    await shot(page, 'portal-classes', true);
    await page.goto(`${base}/me/certificates`);
    await page.getByTestId('portal-cert').first().waitFor();
    const pdf = await page.getByTestId('portal-cert-pdf').first().getAttribute('href');
    expect(pdf).toMatch(/^\/api\/certificates\/[0-9a-f-]+\/pdf$/);
    const response = await page.request.get(`${base}${pdf}`);
    expect(response.status()).toBe(200);
    expect(response.headers()['content-type']).toMatch(/pdf/);
    await shot(page, 'portal-certificates', true);
    await page.context().close();
  });

  it('the class pages speak English too', async () => {
    const page = await signIn('institution');
    await page.getByTestId('locale-switch').click();
    await page.goto(`${base}/classes/${ids.running}`);
    await expect.poll(() => page.getByTestId('class-status').innerText()).toMatch(/In progress/);
    await page.getByTestId('class-tab-roster').click();
    await page.getByTestId('roster-table').getByText(/Subsidised|Not subsidised/).first().waitFor();
    await page.context().close();
  });
});
