import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { seedDemo, type DemoAccount } from '../../src/db/seed/demo.ts';
import { DEFAULT_TRAINING_SETTINGS } from '../../src/domain/training/settings.ts';
import { buildApp, type App } from '../../src/http/app.ts';
import { ROOT, WEB_DIST } from '../../src/runtime.ts';
import { makePiiCipher } from '../../src/security/pii.ts';
import type { Clock } from '../../src/usecases/context.ts';
import { openTestDatabase, type TestDatabase } from '../support/db.ts';

/**
 * The browser tests' harness: a seeded demo city on PostgreSQL (web/dist served by the real server), a server
 * clock that can be moved ahead (`h.offset`, so a class can run, complete and be paid inside a test), an API
 * client for making data, Chromium, and the helpers every screen test uses (sign-in, screenshots, selects).
 */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SCREENS = path.join(ROOT, 'test-results', 'screens');
export const DOC_SCREENS = path.join(ROOT, 'docs', 'screens');
export const MIN = 60_000;
export const DAY = 86_400_000;
export const DESKTOP = { width: 1440, height: 900 };
export const MOBILE = { width: 390, height: 844 };

/** Beijing calendar date and ISO instant (+08:00) of a time in ms. */
export const bjDate = (ms: number) => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10);
export const bjIso = (ms: number) => `${new Date(ms + 8 * 3_600_000).toISOString().slice(0, 19)}+08:00`;

/** A signed-in API client (cookie kept), for making the data the screens show. */
/* eslint-disable @typescript-eslint/no-explicit-any -- loosely typed answers of a test-data client */
export class Api {
  cookie = '';
  constructor(
    readonly base: string,
    readonly who: string,
  ) {}
  async call<T = any>(method: string, url: string, body?: unknown): Promise<T> {
    const r = await fetch(`${this.base}${url}`, {
      method,
      headers: { 'content-type': 'application/json', origin: this.base, ...(this.cookie ? { cookie: this.cookie } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const set = r.headers.get('set-cookie');
    if (set) this.cookie = set.split(';')[0]!;
    const text = await r.text();
    if (!r.ok) throw new Error(`${this.who}: ${method} ${url} → ${r.status} ${text}`);
    return (text ? JSON.parse(text) : null) as T;
  }
  get = <T = any>(url: string) => this.call<T>('GET', url);
  post = <T = any>(url: string, body: unknown = {}) => this.call<T>('POST', url, body);
  /** The raw response (binary downloads, content negotiation). */
  async raw(url: string, headers: Record<string, string> = {}): Promise<Response> {
    return fetch(`${this.base}${url}`, { headers: { origin: this.base, ...(this.cookie ? { cookie: this.cookie } : {}), ...headers } });
  }
}
/* eslint-enable @typescript-eslint/no-explicit-any */

export type Harness = {
  base: string;
  browser: Browser;
  database: TestDatabase;
  app: App;
  clock: Clock;
  /** The seeded demo accounts, with their passwords. */
  accounts: Map<string, DemoAccount>;
  /** How far the server's clock runs ahead of the real one (ms). */
  offset: number;
  /** Records the password of an account made by the test. */
  setPassword(username: string, password: string): void;
  password(username: string): string;
  /** An API client signed in as this user. */
  as(username: string, password?: string): Promise<Api>;
  /** A new browser context signed in as this user through the sign-in page. */
  signIn(username: string, viewport?: { width: number; height: number }): Promise<Page>;
  /** A new browser context without sign-in. */
  anonymous(viewport?: { width: number; height: number }): Promise<Page>;
  close(): Promise<void>;
};

/** Seeds a demo city (`workers` people), serves it on a free port, launches Chromium. */
export async function startHarness(opts: { seed: string; workers?: number }): Promise<Harness> {
  if (!fs.existsSync(path.join(WEB_DIST, 'index.html'))) throw new Error('web/dist is missing: run `npm run build:web` (npm test does)');
  const state = { offset: 0 };
  const clock: Clock = { now: () => new Date(new Date().getTime() + state.offset) };
  const database = await openTestDatabase();
  const pii = makePiiCipher(randomBytes(32));
  const seeded = await seedDemo({ db: database.db, clock, pii }, { scale: 'city', seed: opts.seed, workers: opts.workers ?? 300 });
  const accounts = new Map(seeded.accounts!.map((a) => [a.username, a]));
  const extra = new Map<string, string>();
  // The public address is signed into certificates and QR codes: pick the port first.
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const app = await buildApp(appDeps(database, clock, pii, `${base}/`), { webDist: WEB_DIST });
  await app.listen({ port, host: '127.0.0.1' });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  fs.mkdirSync(SCREENS, { recursive: true });
  fs.mkdirSync(DOC_SCREENS, { recursive: true });

  const password = (username: string) => extra.get(username) ?? accounts.get(username)?.password ?? '';
  const h: Harness = {
    base,
    browser,
    database,
    app,
    clock,
    accounts,
    get offset() {
      return state.offset;
    },
    set offset(ms: number) {
      state.offset = ms;
    },
    setPassword: (username, pw) => void extra.set(username, pw),
    password,
    async as(username, pw = password(username)) {
      const api = new Api(base, username);
      await api.post('/api/auth/login', { username, password: pw });
      return api;
    },
    async signIn(username, viewport = DESKTOP) {
      const context = await browser.newContext({ viewport, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', ...(viewport.width < 500 ? { isMobile: true, hasTouch: true } : {}) });
      const page = await context.newPage();
      await page.goto(`${base}/login`);
      await page.getByTestId('login-username').fill(username);
      await page.getByTestId('login-password').fill(password(username));
      await page.getByTestId('login-submit').click();
      await page.waitForURL((u) => !u.pathname.startsWith('/login'));
      return page;
    },
    async anonymous(viewport = DESKTOP) {
      const context = await browser.newContext({ viewport, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
      return context.newPage();
    },
    async close() {
      await browser.close();
      await app.close();
      await database.dispose();
    },
  };
  return h;
}

function appDeps(database: TestDatabase, clock: Clock, pii: ReturnType<typeof makePiiCipher>, publicUrl: string) {
  return {
    dataDir: fs.mkdtempSync(path.join(os.tmpdir(), 'jineng-e2e-')),
    db: database.db,
    clock,
    pii,
    sessionHours: 24 * 60,
    secureCookies: false,
    readiness: () => ({ ready: true as const, phase: 'ready', seeding: null }),
    publicUrl,
    training: { ...DEFAULT_TRAINING_SETTINGS, filingMinDays: 0 },
  };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

/**
 * A screenshot in test-results/screens; with UPDATE_SCREENSHOTS=1, `forDocs` ones are copied to docs/screens.
 * `dialog`: the picture is of an open dialog (wait for it to finish opening instead of for it to be gone).
 */
export async function shot(page: Page, name: string, forDocs = false, opts: { dialog?: boolean } = {}) {
  if (forDocs) {
    // No toast, tooltip or closing dialog in a picture for the README.
    await page.mouse.move(2, 300);
    const noise = `.ant-message-notice, .ant-popover:visible, .ant-tooltip:visible, .ant-select-dropdown:visible, .ant-picker-dropdown:visible, .ant-spin-blur${opts.dialog ? '' : ', .ant-modal-wrap:visible'}`;
    await expect.poll(() => page.locator(noise).count(), { timeout: 10_000 }).toBe(0);
    if (opts.dialog) await page.waitForTimeout(400);
  }
  await page.screenshot({ path: path.join(SCREENS, `${name}.png`) });
  if (forDocs && process.env.UPDATE_SCREENSHOTS === '1') fs.copyFileSync(path.join(SCREENS, `${name}.png`), path.join(DOC_SCREENS, `${name}.png`));
}

/** The menu's entries (route paths) as the signed-in user sees them. */
export async function menuKeys(page: Page): Promise<string[]> {
  // On a phone the menu sits in the closed drawer: present, not visible.
  await page.getByTestId('menu').waitFor({ state: 'attached' });
  return page.getByTestId('menu').locator('[data-menu-id]').evaluateAll((els) =>
    els.map((e) => (e.getAttribute('data-menu-id') ?? '').replace(/^.*?-(\/.*)$/, '$1')).filter((k) => k.startsWith('/')),
  );
}

/** Fills the input with this test id, or the input inside the element with it (antd puts test ids either way). */
export async function fillIn(page: Page, testId: string, value: string) {
  const el = page.getByTestId(testId);
  const tag = await el.evaluate((e) => e.tagName);
  await (tag === 'INPUT' || tag === 'TEXTAREA' ? el : el.locator('input').first()).fill(value);
}

/**
 * Opens the select with this test id and picks the option with this text (the first one without), then waits until
 * the select shows it — on a busy machine a click can land while another dropdown is still animating, so up to
 * three tries.
 */
export async function pick(page: Page, testId: string, text?: string | RegExp) {
  const select = page.getByTestId(testId);
  for (let attempt = 1; ; attempt++) {
    await select.click();
    // This select's own dropdown (another one may still be animating out): its listbox is named by aria-controls.
    const combobox = select.locator('[role="combobox"]').first();
    const listId = (await combobox.getAttribute('aria-controls')) ?? (await select.getAttribute('aria-controls'));
    const dropdown = listId
      ? page.locator('.ant-select-dropdown').filter({ has: page.locator(`[id="${listId}"]`) })
      : page.locator('.ant-select-dropdown:visible').last();
    const options = dropdown.locator('.ant-select-item-option');
    const option = text ? options.filter({ hasText: text }).first() : options.first();
    const label = (await option.innerText()).trim();
    await option.click();
    try {
      await expect.poll(async () => (await select.innerText()).includes(label), { timeout: 3_000 }).toBe(true);
      return;
    } catch (e) {
      if (attempt >= 3) throw e;
      await page.keyboard.press('Escape');
    }
  }
}
