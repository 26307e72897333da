import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DESKTOP, MOBILE, pick, shot, startHarness, type Harness } from './harness.ts';

/**
 * The public disclosure site (§17 定期向社会公开), as an anonymous visitor sees it: the home page with the latest
 * approved year, task completion and fund use by unit and month (the figures on the screen are those of the
 * approved reports the API serves), the blacklist, the site's navigation to the catalogs, announcements and
 * certificate verification, a phone, and English. The demo seed froze and approved the 2020 reports.
 */
let h: Harness;

/* eslint-disable @typescript-eslint/no-explicit-any -- loosely typed public answers */
type Year = { year: number; periods: any[]; summary: { source: string; total: any; units: any[] } };
let year: Year;
let blacklist: { items: any[] };
/* eslint-enable @typescript-eslint/no-explicit-any */

const anon = async (url: string): Promise<any> => { // eslint-disable-line @typescript-eslint/no-explicit-any -- loosely typed public answers
  const r = await fetch(`${h.base}${url}`);
  expect(r.status).toBe(200);
  return r.json();
};
/** As the web shows numbers and money: 12,345 and ¥12,345.67 / 12,345.67. */
const num = (n: number) => new Intl.NumberFormat('en-US').format(n);
const yuan = (fen: number) => `${num(Math.floor(fen / 100))}.${String(fen % 100).padStart(2, '0')}`;

/** The Beijing day of an instant. */
const bjDay = (iso: string) => new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 10);

/** The cells of the unit table's row whose first cell is `name`. */
async function unitRow(page: Page, name: string): Promise<string[]> {
  const row = page.getByTestId('disclosure-unit-table').locator('tbody tr.ant-table-row').filter({ has: page.locator('td:first-child', { hasText: new RegExp(`^${name}$`) }) });
  return (await row.first().locator('td').allInnerTexts()).map((s) => s.trim());
}

describe('the public disclosure site', () => {
  beforeAll(async () => {
    h = await startHarness({ seed: 'e2e-public' });
    const periods = await anon('/api/public/disclosure/periods');
    expect(periods.years).toEqual([2020]);
    year = await anon('/api/public/disclosure/years/2020');
    blacklist = await anon('/api/public/blacklist');
  }, 600_000);
  afterAll(() => h?.close());

  it('the demo discloses the approved 2020 reports: 12 months, 4 quarters and the year, and one blacklisted institution', () => {
    expect(year.periods.map((p) => p.periodKey)).toEqual([...Array.from({ length: 12 }, (_, i) => `2020-${String(i + 1).padStart(2, '0')}`), '2020-Q1', '2020-Q2', '2020-Q3', '2020-Q4', '2020']);
    expect(year.summary.source).toBe('annual');
    expect(year.summary.total.trainings).toBeGreaterThan(0);
    expect(year.summary.total.paidTotalFen).toBeGreaterThan(0);
    // The months add up to the year (人次 by completion date: each enrolment falls in exactly one month).
    const months = year.periods.filter((p) => p.kind === 'monthly');
    expect(months.reduce((s, p) => s + p.total.trainings, 0)).toBe(year.summary.total.trainings);
    expect(blacklist.items).toHaveLength(1);
    expect(blacklist.items[0]).toMatchObject({ kind: 'institution', decisionRef: expect.stringMatching(/运人社字/), reason: expect.stringMatching(/虚假培训/) });
  });

  it('an anonymous visitor opens the home page, the disclosure with the approved figures, and the blacklist', async () => {
    const page = await h.anonymous();
    await page.goto(`${h.base}/public`);
    const total = year.summary.total;
    await expect.poll(() => page.getByTestId('home-trainings').innerText()).toContain(num(total.trainings));
    expect(await page.getByTestId('home-trainings').innerText()).toContain(num(total.target));
    expect(await page.getByTestId('home-paid').innerText()).toContain(`¥${yuan(total.paidTotalFen)}`);
    expect(await page.getByTestId('home-year-title').innerText()).toContain('2020');
    await page.getByTestId('home-latest').getByText('2020年年报').waitFor();
    for (const card of ['disclosure', 'catalogs', 'announcements', 'blacklist', 'verify']) await page.getByTestId(`home-card-${card}`).waitFor();
    await shot(page, 'public-home', true);

    // 任务完成与资金使用: the year from the approved annual report, by unit, and every approved report with its date.
    await page.getByTestId('home-card-disclosure').click();
    await page.waitForURL(/\/public\/disclosure/);
    await page.getByTestId('disclosure-unit-table').locator('tbody tr.ant-table-row').nth(14).waitFor();
    const annual = year.periods.find((p) => p.kind === 'annual')!;
    expect(await page.getByTestId('disclosure-basis').innerText()).toBe(`依据《2020年年报》，${bjDay(annual.approvedAt)} 审定`);
    const totalRow = await unitRow(page, '合计');
    expect(totalRow.slice(1, 5)).toEqual([num(annual.total.trainings), num(annual.total.people), num(annual.total.completed), num(annual.total.certificates)]);
    expect(totalRow).toContain(yuan(annual.total.paidTotalFen));
    expect(totalRow).toContain(yuan(annual.total.livingAllowanceFen));
    for (const u of annual.units) {
      const cells = await unitRow(page, u.unitName);
      expect(cells.slice(1, 6)).toEqual([num(u.trainings), num(u.people), num(u.completed), num(u.certificates), num(u.target)]);
      expect(cells).toContain(yuan(u.paidTotalFen));
    }
    expect(await page.getByTestId('disclosure-paid').innerText()).toContain(`¥${yuan(annual.total.paidTotalFen)}`);
    const reports = page.getByTestId('disclosure-report-table').locator('tbody tr.ant-table-row');
    expect(await reports.count()).toBe(17);
    // The busiest month of the demo year.
    const month = year.periods.filter((p) => p.kind === 'monthly').sort((a, b) => b.total.trainings - a.total.trainings)[0]!;
    const monthLabel = `${month.periodKey.slice(0, 4)}年${Number(month.periodKey.slice(5))}月`;
    const monthRow = (await reports.filter({ hasText: new RegExp(`^${monthLabel}`) }).first().locator('td').allInnerTexts()).map((s) => s.trim());
    expect(monthRow).toContain(num(month.total.trainings));
    expect(monthRow).toContain(num(month.total.people));
    expect(monthRow).toContain(yuan(month.total.paidTotalFen));
    expect(monthRow).toContain(bjDay(month.approvedAt));
    await page.locator('[data-testid="disclosure-chart"] canvas').first().waitFor();
    expect(await page.getByTestId('disclosure-policy').innerText()).toMatch(/第十七条/);

    // A month's table by unit: that month's report's figures, as frozen.
    await pick(page, 'disclosure-period', `${monthLabel} · 月报`);
    await expect.poll(async () => (await unitRow(page, '合计'))[1]).toBe(num(month.total.trainings));
    expect(await page.getByTestId('disclosure-basis').innerText()).toBe(`依据《${monthLabel}月报》，${bjDay(month.approvedAt)} 审定`);
    for (const u of month.units) expect((await unitRow(page, u.unitName)).slice(1, 3)).toEqual([num(u.trainings), num(u.people)]);
    await pick(page, 'disclosure-period', '2020年 · 年报');
    await expect.poll(async () => (await unitRow(page, '合计'))[1]).toBe(num(annual.total.trainings));
    await page.setViewportSize({ width: 1440, height: 1800 });
    await page.evaluate('document.activeElement?.blur(); window.scrollTo(0, 0)');
    await shot(page, 'public-disclosure', true);
    await page.setViewportSize(DESKTOP);

    // One report in full: that month's report by unit, person category, training type and certificate.
    await reports.filter({ hasText: new RegExp(`^${monthLabel}`) }).first().getByTestId('disclosure-open').click();
    await page.getByTestId('drawer-by-category').locator('tbody tr.ant-table-row').first().waitFor();
    expect(await page.getByTestId('disclosure-drawer').innerText()).toContain(`${monthLabel}月报`);
    const drawerTotal = (await page.getByTestId('drawer-by-unit').locator('tbody tr.ant-table-row').last().locator('td').allInnerTexts()).map((s) => s.trim());
    expect(drawerTotal.slice(0, 3)).toEqual(['合计', num(month.total.trainings), num(month.total.people)]);
    await shot(page, 'public-report-drawer');
    await page.keyboard.press('Escape');

    // 黑名单: the blacklisted institution with its published decision.
    await page.getByTestId('public-blacklist-link').click();
    await page.waitForURL(/\/public\/blacklist$/);
    const b = blacklist.items[0];
    const row = page.getByTestId('blacklist-row').first();
    await row.waitFor();
    const text = await row.innerText();
    for (const s of [b.name, b.creditCode, b.unitName, b.effectiveDate, b.reason, b.decisionRef]) expect(text).toContain(s);
    expect(await page.getByTestId('blacklist-row').count()).toBe(1);
    await shot(page, 'public-blacklist', true);
    await page.context().close();
  });

  it('the site navigation leads to the catalogs, the announcements and certificate verification, and back', async () => {
    const page = await h.anonymous();
    await page.goto(`${h.base}/public`);
    await page.getByTestId('public-catalogs-link').click();
    await page.waitForURL(/\/public\/catalogs$/);
    await page.getByTestId('public-catalog').waitFor();
    await page.getByTestId('public-announcements-link').click();
    await page.waitForURL(/\/public\/announcements$/);
    await page.getByTestId('announcements').waitFor();
    await page.getByTestId('public-verify-link').click();
    await page.waitForURL(/\/verify$/);
    await page.getByTestId('verify-form').waitFor();
    await page.getByTestId('public-disclosure-link').click();
    await page.waitForURL(/\/public\/disclosure$/);
    await page.getByTestId('disclosure-summary').waitFor();
    await page.getByTestId('public-home-link').click();
    await page.waitForURL(/\/public$/);
    await page.getByTestId('home-headline').waitFor();
    // The links sit beside the brand, never over it, down to the narrowest screen that shows them.
    for (const width of [1440, 1200]) {
      await page.setViewportSize({ width, height: 800 });
      await expect.poll(() => page.getByTestId('public-home-link').isVisible()).toBe(true);
      const brand = (await page.locator('.jn-public-brand-text').boundingBox())!;
      const first = (await page.getByTestId('public-home-link').boundingBox())!;
      const signIn = (await page.locator('.jn-public-signin').boundingBox())!;
      expect(brand.x + brand.width).toBeLessThanOrEqual(first.x);
      expect(signIn.x + signIn.width).toBeLessThanOrEqual(width);
    }
    await page.context().close();
  });

  it('on a phone: the disclosure fits, and the menu button opens the site navigation', async () => {
    const page = await h.anonymous(MOBILE);
    await page.goto(`${h.base}/public`);
    await page.getByTestId('home-trainings').waitFor();
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(MOBILE.width);
    await shot(page, 'public-home-mobile');
    await page.goto(`${h.base}/public/disclosure`);
    await page.getByTestId('disclosure-unit-table').locator('tbody tr.ant-table-row').nth(14).waitFor();
    await page.locator('[data-testid="disclosure-chart"] canvas').first().waitFor();
    // Nothing wider than the screen but the tables, which scroll inside their card.
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(MOBILE.width);
    await shot(page, 'public-disclosure-mobile', true);
    await page.getByTestId('disclosure-units').scrollIntoViewIfNeeded();
    await shot(page, 'public-disclosure-mobile-table');
    await page.getByTestId('public-nav-menu').click();
    await page.getByTestId('public-blacklist-link').click();
    await page.waitForURL(/\/public\/blacklist$/);
    await page.getByTestId('blacklist-row').first().waitFor();
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(MOBILE.width);
    await shot(page, 'public-blacklist-mobile');
    await page.context().close();
  });

  it('in English', async () => {
    const page = await h.anonymous();
    await page.addInitScript('window.localStorage.setItem("jineng.locale", "en")');
    await page.goto(`${h.base}/public/disclosure`);
    await page.getByTestId('disclosure-unit-table').locator('tbody tr.ant-table-row').nth(14).waitFor();
    expect(await page.getByTestId('page-title').innerText()).toBe('Skills training: task completion and fund use');
    expect((await unitRow(page, 'Total'))[1]).toBe(num(year.summary.total.trainings));
    expect(await page.getByTestId('disclosure-unit-table').innerText()).toContain('Yanhu District');
    await shot(page, 'public-disclosure-en');
    await page.goto(`${h.base}/public/blacklist`);
    await page.getByTestId('blacklist-row').first().waitFor();
    expect(await page.getByTestId('blacklist').innerText()).toContain(blacklist.items[0].unitNameEn);
    await shot(page, 'public-blacklist-en');
    await page.goto(`${h.base}/public`);
    await page.getByTestId('home-trainings').waitFor();
    expect(await page.getByTestId('page-title').innerText()).toMatch(/public disclosure/i);
    await shot(page, 'public-home-en');
    await page.context().close();
  });
});
