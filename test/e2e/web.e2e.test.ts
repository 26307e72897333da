import os from 'node:os';
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import path from 'node:path';
import fs from 'node:fs';
import { sql } from 'kysely';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo, type DemoAccount } from '../../src/db/seed/demo.ts';
import { buildApp, type App } from '../../src/http/app.ts';
import { ROOT, WEB_DIST } from '../../src/runtime.ts';
import { makePiiCipher } from '../../src/security/pii.ts';
import { systemClock } from '../../src/usecases/context.ts';
import { openTestDatabase, type TestDatabase } from '../support/db.ts';

/**
 * Browser tests: the real server (demo seed on PostgreSQL, web/dist) driven in Debian's Chromium.
 * Screenshots land in test-results/screens; with UPDATE_SCREENSHOTS=1 the README's ones in docs/screens
 * are refreshed too.
 */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SCREENS = path.join(ROOT, 'test-results', 'screens');
const DOC_SCREENS = path.join(ROOT, 'docs', 'screens');

let database: TestDatabase;
let app: App;
let base: string;
let browser: Browser;
let accounts: Map<string, DemoAccount>;

beforeAll(async () => {
  if (!fs.existsSync(path.join(WEB_DIST, 'index.html'))) throw new Error('web/dist is missing: run `npm run build:web` (npm test does)');
  database = await openTestDatabase();
  const pii = makePiiCipher(randomBytes(32));
  const seeded = await seedDemo({ db: database.db, clock: systemClock, pii }, { scale: 'city', seed: 'e2e', workers: 400 });
  accounts = new Map(seeded.accounts!.map((a) => [a.username, a]));
  app = await buildApp(
    { dataDir: fs.mkdtempSync(path.join(os.tmpdir(), 'jineng-e2e-')), db: database.db, clock: systemClock, pii, sessionHours: 1, secureCookies: false, readiness: () => ({ ready: true, phase: 'ready', seeding: null }) },
    { webDist: WEB_DIST },
  );
  await app.listen({ port: 0, host: '127.0.0.1' });
  const addr = app.server.address();
  base = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  fs.mkdirSync(SCREENS, { recursive: true });
  fs.mkdirSync(DOC_SCREENS, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
  await database?.dispose();
});

async function signIn(username: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
  await page.goto(`${base}/login`);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(accounts.get(username)!.password);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('menu').waitFor();
  return page;
}

async function menuKeys(page: Page): Promise<string[]> {
  return page.getByTestId('menu').locator('[data-menu-id]').evaluateAll((els) =>
    els.map((e) => (e.getAttribute('data-menu-id') ?? '').replace(/^.*?-(\/.*)$/, '$1')).filter((k) => k.startsWith('/')),
  );
}

async function shot(page: Page, name: string, forDocs = false) {
  await page.screenshot({ path: path.join(SCREENS, `${name}.png`) });
  if (forDocs && process.env.UPDATE_SCREENSHOTS === '1') fs.copyFileSync(path.join(SCREENS, `${name}.png`), path.join(DOC_SCREENS, `${name}.png`));
}

describe('the web shell in Chromium', () => {
  const expected: Record<string, string[]> = {
    admin: ['/admin/users', '/account/password'],
    city: ['/', '/classes', '/attendance/confirmations', '/certificates', '/claims', '/claims/whatif', '/finance/funds', '/finance/ledger', '/dashboard', '/reports', '/targets', '/employment', '/workers', '/imports', '/institutions', '/enterprises', '/reference/occupations', '/catalogs', '/audit', '/account/password'],
    finance: ['/', '/classes', '/certificates', '/claims', '/finance/batches', '/finance/funds', '/finance/ledger', '/dashboard', '/reports', '/targets', '/employment', '/institutions', '/enterprises', '/account/password'],
    auditor: ['/', '/classes', '/certificates', '/claims', '/finance/funds', '/finance/ledger', '/dashboard', '/reports', '/targets', '/employment', '/workers', '/institutions', '/enterprises', '/audit', '/account/password'],
    'county.linyi': ['/', '/classes', '/attendance/confirmations', '/certificates', '/claims', '/finance/funds', '/finance/ledger', '/dashboard', '/reports', '/targets', '/employment', '/workers', '/imports', '/institutions', '/enterprises', '/account/password'],
    institution: ['/', '/classes', '/certificates', '/claims', '/workers', '/institutions', '/enterprises', '/account/password'],
    enterprise: ['/', '/classes', '/certificates', '/claims', '/workers', '/institutions', '/enterprises', '/account/password'],
    worker: ['/me/classes', '/scan', '/me/certificates', '/me', '/account/password'],
  };

  it.each(Object.entries(expected))('demo account %s signs in and sees its own menu', async (username, keys) => {
    const page = await signIn(username);
    expect((await menuKeys(page)).sort()).toEqual([...keys].sort());
    await shot(page, `menu-${username}`);
    await page.close();
  });

  it('the city home page shows real counts from the database', async () => {
    const page = await signIn('city');
    await page.goto(`${base}/`);
    await expect.poll(() => page.getByTestId('home-count-workers').innerText()).toMatch(/400/);
    const institutions = await database.db.selectFrom('organisations').select((eb) => eb.fn.countAll<number>().as('n')).where('kind', '=', 'institution').executeTakeFirstOrThrow();
    await expect.poll(() => page.getByTestId('home-count-institutions').innerText()).toContain(String(institutions.n));
    await shot(page, 'home-city', true);
    await page.close();
  });

  it('a county officer reads a city-only page and another county’s record as not found', async () => {
    const page = await signIn('county.linyi');
    await page.goto(`${base}/audit`);
    await page.getByTestId('result-404').waitFor();
    const other = await database.db.selectFrom('workers').select('id').where('unit_code', '<>', '140821').limit(1).executeTakeFirstOrThrow();
    await page.goto(`${base}/workers/${other.id}`);
    await page.getByTestId('result-404').waitFor();
    await shot(page, 'county-other-record-404');
    const own = await database.db.selectFrom('workers').select(['id', 'name']).where('unit_code', '=', '140821').limit(1).executeTakeFirstOrThrow();
    await page.goto(`${base}/workers/${own.id}`);
    await page.getByText(own.name).first().waitFor();
    await page.goto(`${base}/workers`);
    await page.locator('.ant-table-row').first().waitFor();
    await shot(page, 'workers-county', true);
    await page.close();
  });

  it('switches the interface to English', async () => {
    const page = await signIn('city');
    await page.getByTestId('locale-switch').click();
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('en');
    await expect.poll(() => page.getByTestId('menu').innerText()).toMatch(/Workers/);
    await page.close();
  });

  it('a published catalog is public without sign-in', async () => {
    const page = await signIn('city');
    const api = async (method: string, url: string, data?: object) => {
      const r = await page.request.fetch(`${base}${url}`, { method, ...(data ? { data } : {}) });
      expect(r.status(), `${method} ${url}: ${await r.text()}`).toBeLessThan(300);
      return r.status() === 204 ? null : r.json();
    };
    const { id } = await api('POST', '/api/catalogs', { kind: 'projects', year: 2020, title: '运城市 2020 年职业技能培训项目目录' });
    await api('POST', `/api/catalogs/${id}/projects`, {
      occupationCode: '4-10-01-06',
      levelCode: '5',
      trainingType: 'employment_skill',
      standardHours: 80,
      teachingPlanRef: '家政服务员（五级）教学计划',
      syllabusRef: '家政服务员国家职业技能标准（2019 年版）',
      subsidyFen: 90_000,
    });
    await api('POST', `/api/catalogs/${id}/transition`, { action: 'submit' });
    await api('POST', `/api/catalogs/${id}/transition`, { action: 'publish' });
    await page.goto(`${base}/catalogs/${id}`);
    await page.getByTestId('catalog-locked').waitFor();
    await page.close();

    const anonymous = await browser.newPage({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
    await anonymous.goto(`${base}/public/catalogs`);
    await anonymous.getByTestId('public-catalog').waitFor();
    await expect.poll(() => anonymous.getByTestId('public-catalog').innerText()).toMatch(/家政服务员/);
    expect(await anonymous.getByTestId('public-catalog').innerText()).toMatch(/900/);
    await shot(anonymous, 'public-catalog', true);
    await anonymous.close();
  });

  it('a wrong password gets one generic message', async () => {
    const page = await browser.newPage({ locale: 'zh-CN' });
    await page.goto(`${base}/login`);
    await page.getByTestId('login-username').fill('city');
    await page.getByTestId('login-password').fill('not-the-password-1');
    await page.getByTestId('login-submit').click();
    await page.getByText('用户名或密码错误').first().waitFor();
    await shot(page, 'login-wrong-password', true);
    await page.close();
  });

  it('a tampered audit row (changed directly in SQL) is reported by `jineng audit verify` and on the audit page', async () => {
    // Some activity first, so there is a chain to break.
    const page = await signIn('city');
    await page.goto(`${base}/audit`);
    await page.locator('.ant-table-row').first().waitFor();
    await shot(page, 'audit-city', true);
    const cli = (env: Record<string, string>) =>
      promisify(execFile)(process.execPath, [path.join(ROOT, 'bin', 'jineng.mjs'), 'audit', 'verify'], { env: { ...process.env, ...env }, cwd: ROOT }).then(
        (r) => ({ code: 0, out: r.stdout + r.stderr }),
        (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, out: e.stdout + e.stderr }),
      );
    const env = { DATABASE_URL: database.url ?? '', DATA_DIR: fs.mkdtempSync('/tmp/jineng-e2e-') };
    expect(database.url, 'the browser tests run on PostgreSQL so the CLI can open the same database').toBeTruthy();
    const intact = await cli(env);
    expect(intact.code).toBe(0);
    expect(intact.out).toMatch(/intact/);
    await sql`ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update`.execute(database.db);
    await sql`UPDATE audit_log SET summary = '{"forged": true}' WHERE seq = 2`.execute(database.db);
    await sql`ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update`.execute(database.db);
    const broken = await cli(env);
    expect(broken.code).toBe(1);
    expect(broken.out).toMatch(/seq 2/);
    await page.goto(`${base}/audit`);
    await page.getByTestId('audit-verify').click();
    await page.getByTestId('audit-verify-result').getByText(/2/).waitFor();
    await shot(page, 'audit-verify-broken');
    await page.close();
  });
});
