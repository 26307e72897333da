import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo, type DemoAccount } from '../../src/db/seed/demo.ts';
import { buildApp, type App } from '../../src/http/app.ts';
import { readTable } from '../../src/import/read.ts';
import { WEB_DIST, ROOT } from '../../src/runtime.ts';
import { makePiiCipher, type PiiCipher } from '../../src/security/pii.ts';
import { systemClock } from '../../src/usecases/context.ts';
import { openTestDatabase, type TestDatabase } from '../support/db.ts';
import { rosterRows, withBadCheck } from '../support/rosters.ts';

/** Browser tests of the real-name registry: the import flow end to end, and an audited reveal. */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SCREENS = path.join(ROOT, 'test-results', 'screens');
const DOC_SCREENS = path.join(ROOT, 'docs', 'screens');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'jineng-e2e-registry-'));

let database: TestDatabase;
let app: App;
let base: string;
let browser: Browser;
let pii: PiiCipher;
let accounts: Map<string, DemoAccount>;

beforeAll(async () => {
  database = await openTestDatabase();
  pii = makePiiCipher(randomBytes(32));
  const seeded = await seedDemo({ db: database.db, clock: systemClock, pii }, { scale: 'city', seed: 'e2e-registry', workers: 200 });
  accounts = new Map(seeded.accounts!.map((a) => [a.username, a]));
  app = await buildApp(
    { dataDir: fs.mkdtempSync(path.join(tmp, 'data-')), db: database.db, clock: systemClock, pii, sessionHours: 1, secureCookies: false, readiness: () => ({ ready: true, phase: 'ready', seeding: null }) },
    { webDist: WEB_DIST },
  );
  await app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  fs.mkdirSync(SCREENS, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
  await database?.dispose();
});

async function signIn(username: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN', acceptDownloads: true });
  const page = await context.newPage();
  await page.goto(`${base}/login`);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(accounts.get(username)!.password);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('menu').waitFor();
  return page;
}

async function shot(page: Page, name: string, forDocs = false) {
  await page.screenshot({ path: path.join(SCREENS, `${name}.png`) });
  if (forDocs && process.env.UPDATE_SCREENSHOTS === '1') fs.copyFileSync(path.join(SCREENS, `${name}.png`), path.join(DOC_SCREENS, `${name}.png`));
}

describe('the registry in Chromium', () => {
  it('downloads the template, uploads a filled one, sees the result and downloads the rejected rows', async () => {
    const page = await signIn('county.linyi');
    await page.goto(`${base}/imports`);
    const [templateDownload] = await Promise.all([page.waitForEvent('download'), page.getByTestId('import-template').click()]);
    const template = path.join(tmp, 'template.xlsx');
    await templateDownload.saveAs(template);

    // Fill the downloaded template as a clerk would: 20 people of 临猗县, one with a mistyped ID number.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(template);
    const ws = wb.worksheets[0]!;
    const header = ws.getRow(1);
    const headers = Array.from({ length: header.cellCount }, (_, c) => header.getCell(c + 1).text.replace(/\*$/, '').trim());
    const rows: Record<string, string>[] = rosterRows(20, 'e2e-upload').map((r) => ({ ...r, 县区代码: '临猗县' }));
    rows[6]!['公民身份号码'] = withBadCheck(rows[6]!['公民身份号码']!);
    rows.forEach((r, i) => {
      const row = ws.getRow(3 + i);
      headers.forEach((h, c) => (row.getCell(c + 1).value = r[h] ?? ''));
      row.commit();
    });
    const filled = path.join(tmp, '临猗县花名册.xlsx');
    await wb.xlsx.writeFile(filled);

    await page.getByTestId('import-upload').locator('input[type=file]').setInputFiles(filled);
    await page.getByTestId('import-submit').click();
    const result = page.getByTestId('import-result');
    await result.waitFor({ timeout: 60_000 });
    await expect.poll(() => result.innerText(), { timeout: 60_000 }).toMatch(/19/);
    expect(await result.innerText()).toMatch(/1/);
    await shot(page, 'import-result', true);

    const [reportDownload] = await Promise.all([page.waitForEvent('download'), page.getByTestId('import-report').click()]);
    const report = path.join(tmp, 'report.xlsx');
    await reportDownload.saveAs(report);
    const rejected = [];
    for await (const r of readTable({ path: report }, { requiredColumns: ['行号', '字段', '原因'] })) rejected.push(r.values);
    expect(rejected).toEqual([expect.objectContaining({ 行号: '9', 字段: '公民身份号码' })]);
    expect(rejected[0]!['原因']).toMatch(/校验码/);
    await page.context().close();
  });

  it('reveals an ID number with a reason, and the reveal is in the audit trail', async () => {
    const page = await signIn('county.linyi');
    const w = await database.db.selectFrom('workers').select(['id', 'name', 'id_cipher']).where('unit_code', '=', '140821').limit(1).executeTakeFirstOrThrow();
    const full = pii.decrypt(w.id_cipher);
    await page.goto(`${base}/workers/${w.id}`);
    await page.getByText(w.name).first().waitFor();
    expect(await page.content()).not.toContain(full);
    await page.getByTestId('reveal-idNumber').click();
    await page.getByTestId('reveal-reason').fill('核对培训补贴申领人身份');
    await page.getByTestId('reveal-submit').click();
    await expect.poll(() => page.getByTestId('revealed-idNumber').innerText()).toContain(full);
    await page.locator('.ant-modal-wrap').first().waitFor({ state: 'hidden' });
    await shot(page, 'worker-archive-revealed', true);
    await page.context().close();

    const city = await signIn('city');
    await city.goto(`${base}/audit`);
    await city.locator('.ant-table-row').first().waitFor();
    const text = await city.locator('.ant-table').innerText();
    expect(text).toMatch(/county\.linyi/);
    const rows = await database.db.selectFrom('audit_log').select(['actor_username', 'summary']).where('action', '=', 'worker.reveal').where('target_id', '=', w.id).execute();
    expect(rows).toEqual([{ actor_username: 'county.linyi', summary: { field: 'idNumber', reason: '核对培训补贴申领人身份' } }]);
    await city.context().close();
  });
});
