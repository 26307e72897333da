import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pick, SCREENS, shot, startHarness, type Harness } from './harness.ts';

/**
 * The dashboards (issue #6 deliver 4) on the seeded demo city's 2020 programme year: the city office sees all 14
 * reporting units and every chart drawn; a county office sees only its own unit, with no unit picker.
 */
let h: Harness;
const CHARTS = ['chart-progress', 'chart-trend', 'chart-category', 'chart-funds', 'chart-employment'];
/* eslint-disable @typescript-eslint/no-explicit-any -- loosely typed API answers */
let cityDash: any;
let countyDash: any;
/* eslint-enable @typescript-eslint/no-explicit-any */

beforeAll(async () => {
  h = await startHarness({ seed: 'e2e-dashboard', workers: 300 });
  // The demo's targets are the city's 100,000 人次; this small demo city (300 people) gets targets its size, set as
  // the city office sets them: a total split over the units by population.
  const city = await h.as('city');
  await city.call('PUT', '/api/targets/2020', { total: 420 });
  // A later year with targets and no training yet: listed, not opened by default, shown empty.
  await city.call('PUT', '/api/targets/2030', { total: 500 });
  const years = await (await h.as('city')).get('/api/dashboard/years');
  expect(years.latest).toBe(2020);
  cityDash = await (await h.as('city')).get('/api/dashboard/2020');
  countyDash = await (await h.as('county.yanhu')).get('/api/dashboard/2020');
}, 600_000);

afterAll(async () => {
  await h?.close();
});

/** A chart's container holds a drawn canvas of real size. */
async function expectCanvas(page: Page, testId: string) {
  const chart = page.getByTestId(testId);
  await chart.scrollIntoViewIfNeeded();
  await expect.poll(() => chart.locator('canvas').count(), { timeout: 15_000 }).toBeGreaterThan(0);
  const size = await chart.locator('canvas').first().evaluate((c) => ({ w: (c as unknown as { width: number }).width, h: (c as unknown as { height: number }).height }));
  expect(size.w).toBeGreaterThan(200);
  expect(size.h).toBeGreaterThan(200);
}

const statValue = async (page: Page, testId: string) => Number(await page.getByTestId(testId).getAttribute('data-value'));

describe('dashboard', () => {
  it('shows the city office all 14 units, the behind-pace alert and every chart, with the figures of the API', async () => {
    expect(cityDash.headline.trainings).toBeGreaterThan(0);
    expect(cityDash.progress).toHaveLength(14);
    expect(cityDash.institutions.length).toBeGreaterThan(1);

    const page = await h.signIn('city');
    await page.goto(`${h.base}/dashboard`);
    await page.getByTestId('dashboard').waitFor();
    await expect.poll(() => page.getByTestId('dash-year').innerText()).toContain('2020');
    expect(await page.getByTestId('dash-unit').count()).toBe(1);
    expect(await statValue(page, 'dash-stat-trainings')).toBe(cityDash.headline.trainings);
    expect(await statValue(page, 'dash-stat-people')).toBe(cityDash.headline.people);
    expect(await statValue(page, 'dash-stat-employment')).toBe(cityDash.headline.employmentRatePerMille);
    expect(await statValue(page, 'dash-stat-paid')).toBe(cityDash.headline.paidTotalFen);
    for (const id of CHARTS) await expectCanvas(page, id);
    // The behind-pace alert names exactly the units the API says are behind.
    if (cityDash.behindUnits.length) {
      const tags = await page.getByTestId('dash-behind').locator('[data-unit]').evaluateAll((els) => els.map((e) => e.getAttribute('data-unit')));
      expect(tags.sort()).toEqual([...cityDash.behindUnits].sort());
    } else await page.getByTestId('dash-behind-none').waitFor();
    // Institution performance: a row per institution (10 a page), its flags as tags.
    const rows = page.getByTestId('dash-institutions').locator('tbody tr.ant-table-row');
    await expect.poll(() => rows.count()).toBe(Math.min(10, cityDash.institutions.length));
    const flagged = cityDash.institutions.slice(0, 10).reduce((s: number, i: { flags: unknown[] }) => s + i.flags.length, 0);
    expect(await page.getByTestId('dash-institutions').locator('[data-flag]').count()).toBe(flagged);
    // Sortable: by completion rate ascending puts the lowest first.
    await page.getByTestId('dash-institutions').getByRole('columnheader', { name: '结业率' }).click();
    const lowest = [...cityDash.institutions].filter((i) => i.completionRatePerMille !== null).sort((a, b) => a.completionRatePerMille - b.completionRatePerMille)[0];
    await expect.poll(() => rows.first().innerText()).toContain(lowest.name);
    await page.reload();
    await page.getByTestId('dashboard').waitFor();
    for (const id of CHARTS) await expectCanvas(page, id);
    await page.evaluate('window.scrollTo(0, 0)');
    await shot(page, 'dashboard-city', true);
    await page.screenshot({ path: path.join(SCREENS, 'dashboard-city-full.png'), fullPage: true });

    // One unit picked: the page shows that unit alone.
    await page.getByTestId('dash-unit').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: '临猗县' }).click();
    await page.getByTestId('dash-unit-progress').waitFor();
    const linyi = await (await h.as('city')).get('/api/dashboard/2020?unit=140821');
    await expect.poll(() => statValue(page, 'dash-stat-trainings')).toBe(linyi.headline.trainings);

    // A year with targets but no finished class: an empty state, no charts.
    await pick(page, 'dash-year', '2030年');
    await page.getByTestId('dash-empty').waitFor();
    expect(await page.locator('canvas').count()).toBe(0);
    expect(await statValue(page, 'dash-stat-trainings')).toBe(0);
    await shot(page, 'dashboard-empty');
    await page.context().close();
  });

  it('shows a county office only its own unit, with no unit picker', async () => {
    expect(countyDash).toMatchObject({ unitCode: '140802', unitName: '盐湖区', cityWide: false });
    const page = await h.signIn('county.yanhu');
    await page.goto(`${h.base}/dashboard`);
    await page.getByTestId('dashboard').waitFor();
    expect(await page.getByTestId('dash-unit').count()).toBe(0);
    expect(await page.getByTestId('dash-scope').innerText()).toContain('盐湖区');
    expect(await statValue(page, 'dash-stat-trainings')).toBe(countyDash.headline.trainings);
    expect(await statValue(page, 'dash-stat-people')).toBe(countyDash.headline.people);
    await page.getByTestId('dash-unit-progress').waitFor();
    for (const id of ['chart-trend', 'chart-category', 'chart-funds']) await expectCanvas(page, id);
    if (countyDash.institutions.some((i: { employmentBase: number }) => i.employmentBase > 0)) await expectCanvas(page, 'chart-employment');
    // No other unit's name anywhere on the page (the canvases draw only the county's own data).
    const text = await page.locator('body').innerText();
    const others = ['临猗县', '万荣县', '闻喜县', '稷山县', '新绛县', '绛县', '垣曲县', '夏县', '平陆县', '芮城县', '永济市', '河津市', '开发区'];
    for (const name of others) expect(text, name).not.toContain(name);
    // Asking for another unit in the address of the API is refused as not found.
    const api = await h.as('county.yanhu');
    await expect(api.get('/api/dashboard/2020?unit=140821')).rejects.toThrow(/404/);
    await page.evaluate('window.scrollTo(0, 0)');
    await shot(page, 'dashboard-county', true);
    await page.screenshot({ path: path.join(SCREENS, 'dashboard-county-full.png'), fullPage: true });
    // English second: the same page, every text from the catalogue.
    await page.getByTestId('locale-switch').click();
    await expect.poll(() => page.getByTestId('page-title').innerText()).toBe('Dashboard');
    await page.screenshot({ path: path.join(SCREENS, 'dashboard-county-en-full.png'), fullPage: true });
    await page.context().close();
  });
});
