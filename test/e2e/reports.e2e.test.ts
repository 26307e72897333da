import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { PDFDocument } from 'pdf-lib';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { creditCodeFor, idNumberFor } from '../support/builders.ts';
import { shot, startHarness, type Harness } from './harness.ts';

/**
 * Browser tests of the report, target and employment screens (issue #6) on the seeded demo city, whose 2020
 * programme year has targets, employment records and frozen, approved calendar-month city reports. The city office
 * freezes and approves the June report on the 21st-to-20th basis (not seeded), downloads it as .xlsx and PDF, sees
 * the targets and imports employment records with one bad row; a county office sees only its own unit.
 */
let h: Harness;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'jineng-reports-e2e-'));

beforeAll(async () => {
  h = await startHarness({ seed: 'e2e-reports', workers: 300 });
}, 600_000);

afterAll(async () => {
  await h?.close();
});

/** The text of every cell of a table row, trimmed. */
async function rowTexts(page: Page, selector: string): Promise<string[][]> {
  return page.locator(selector).evaluateAll((rows) => rows.map((r) => [...r.querySelectorAll('td')].map((td) => (td.textContent ?? '').trim())));
}

async function confirmDialog(page: Page) {
  const ok = page.locator('.ant-modal-confirm .ant-modal-confirm-btns .ant-btn-primary');
  await ok.click();
  await expect.poll(() => page.locator('.ant-modal-confirm:visible').count(), { timeout: 15_000 }).toBe(0);
}

async function downloadOf(page: Page, testId: string): Promise<Buffer> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testId).click()]);
  const file = path.join(tmp, download.suggestedFilename() || `${testId}.bin`);
  await download.saveAs(file);
  return fs.readFileSync(file);
}

describe('reports, targets and employment screens', () => {
  it('the city office reads the June report, freezes and approves it, and downloads it as Excel and PDF', async () => {
    const city = await h.as('city');
    const seeded = await city.get('/api/reports/monthly/2020-06');
    const live = await city.get('/api/reports/monthly/2020-06?basis=day21');
    expect(live.frozen).toBeNull();
    expect(live.report.total.trainings).toBeGreaterThan(0);

    const page = await h.signIn('city');
    // Without a period in the address: the newest frozen monthly report.
    const newest = (await city.get('/api/reports/frozen')).items.find((f: { kind: string }) => f.kind === 'monthly');
    await page.goto(`${h.base}/reports`);
    await expect.poll(() => page.getByTestId('report-title').innerText(), { timeout: 30_000 }).toBe(`运城市职业技能培训月报（${newest.period.slice(0, 4)}年${Number(newest.period.slice(5, 7))}月）`);
    await page.goto(`${h.base}/reports?kind=monthly&period=2020-06`);
    await expect.poll(() => page.getByTestId('report-title').innerText(), { timeout: 30_000 }).toBe('运城市职业技能培训月报（2020年6月）');
    // The seeded calendar-month report, frozen and approved: the table shows its numbers.
    await expect.poll(() => page.getByTestId('report-status').innerText()).toBe(seeded.frozen?.approvedAt ? '已审定' : seeded.frozen ? '已冻结' : '实时计算');
    const rows = await rowTexts(page, '[data-testid="report-units"] tbody tr.ant-table-row');
    expect(rows.map((r) => r[0])).toEqual(seeded.report.units.map((u: { unitName: string }) => u.unitName));
    const yanhu = seeded.report.units.find((u: { unitCode: string }) => u.unitCode === '140802');
    expect(rows.find((r) => r[0] === '盐湖区')!.slice(1, 5)).toEqual([yanhu.trainings, yanhu.people, yanhu.completed, yanhu.certificates].map((n: number) => n.toLocaleString('en-US')));
    const total = await rowTexts(page, '[data-testid="report-total"]');
    expect(total[0]!.slice(0, 3)).toEqual(['合计', seeded.report.total.trainings.toLocaleString('en-US'), seeded.report.total.people.toLocaleString('en-US')]);
    await shot(page, 'reports-monthly-city', true);

    // The person-category tab.
    await page.getByRole('tab', { name: '按人员类别' }).click();
    await expect.poll(() => page.locator('[data-testid="report-category"] tbody tr.ant-table-row').count()).toBe(seeded.report.byCategory.length);
    await page.getByRole('tab', { name: '分县（市、区）' }).click();

    // The 21st-to-20th basis: live, then frozen, then approved.
    await page.goto(`${h.base}/reports?kind=monthly&period=2020-06&basis=day21`);
    await expect.poll(() => page.getByTestId('report-status').innerText(), { timeout: 30_000 }).toBe('实时计算');
    await page.getByTestId('report-freeze').click();
    await confirmDialog(page);
    await expect.poll(() => page.getByTestId('report-status').innerText(), { timeout: 15_000 }).toBe('已冻结');
    await page.getByTestId('report-approve').click();
    await confirmDialog(page);
    await expect.poll(() => page.getByTestId('report-status').innerText(), { timeout: 15_000 }).toBe('已审定');
    await expect.poll(() => page.getByTestId('report-approve').count()).toBe(0);
    const after = await city.get('/api/reports/monthly/2020-06?basis=day21');
    expect(after.frozen).toMatchObject({ approvedAt: expect.any(String) });
    expect(after.report.total.trainings).toBe(live.report.total.trainings);
    // The frozen list names it approved.
    const listed = (await city.get('/api/reports/frozen')).items.find((f: { period: string; basis: string; kind: string }) => f.kind === 'monthly' && f.period === '2020-06' && f.basis === 'day21');
    expect(listed).toMatchObject({ approvedAt: expect.any(String), trainings: live.report.total.trainings });
    await expect.poll(() => page.locator('[data-testid="frozen-list"] tbody tr.ant-table-row').count()).toBeGreaterThan(0);
    await shot(page, 'reports-day21-approved');

    // Excel: the official table with the title and the 合计 row.
    const xlsx = await downloadOf(page, 'report-export-xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(String(ws.getCell('A1').value)).toBe('运城市职业技能提升培训2020年6月月报');
    const sheetRows = Array.from({ length: ws.rowCount }, (_, i) => ws.getRow(i + 1));
    const totalRow = sheetRows.find((r) => r.getCell(1).value === '合计')!;
    expect([totalRow.getCell(2).value, totalRow.getCell(3).value]).toEqual([live.report.total.trainings, live.report.total.people]);
    // PDF: A4 landscape, titled as the report.
    const pdf = await downloadOf(page, 'report-export-pdf');
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const doc = await PDFDocument.load(new Uint8Array(pdf));
    expect(doc.getTitle()).toBe('运城市职业技能培训月报（2020年6月）');
    const { width, height } = doc.getPage(0).getSize();
    expect(width).toBeGreaterThan(height);
    await page.context().close();
  }, 300_000);

  it('the city office sees the 2020 targets by unit with progress, forecast and the indicators of 二', async () => {
    const city = await h.as('city');
    const targets = await city.get('/api/targets/2020');
    const page = await h.signIn('city');
    await page.goto(`${h.base}/targets?year=2020`);
    await expect.poll(() => page.locator('[data-testid="targets-table"] tbody tr.ant-table-row').count(), { timeout: 30_000 }).toBe(14);
    const rows = await rowTexts(page, '[data-testid="targets-table"] tbody tr.ant-table-row');
    const yanhu = targets.units.find((u: { unitCode: string }) => u.unitCode === '140802');
    const row = rows.find((r) => r[1] === '盐湖区')!;
    expect([row[2], row[3]]).toEqual([yanhu.target.toLocaleString('en-US'), yanhu.actual.toLocaleString('en-US')]);
    expect(await page.getByTestId('target-behind').count()).toBe(targets.units.filter((u: { behind: boolean; target: number }) => u.behind && u.target > 0).length);
    for (const code of ['trainings', 'employment_rate', 'skilled_share', 'high_skilled_share']) await expect.poll(() => page.getByTestId(`indicator-${code}`).count()).toBe(1);
    const rate = targets.indicators.find((i: { code: string }) => i.code === 'employment_rate');
    if (rate.valuePerMille !== null) expect(await page.getByTestId('indicator-employment_rate').innerText()).toContain(`${Math.floor(rate.valuePerMille / 10)}.${rate.valuePerMille % 10}%`);
    await shot(page, 'targets-city', true);
    // Open 盐湖区's monthly targets and trainings.
    await page.locator('[data-testid="targets-table"] tbody tr.ant-table-row').filter({ hasText: '盐湖区' }).locator('.ant-table-row-expand-icon').click();
    await page.getByTestId('targets-monthly-140802').waitFor();
    await page.getByTestId('targets-monthly-140802').scrollIntoViewIfNeeded();
    await page.waitForTimeout(600); // the chart's entry animation
    await shot(page, 'targets-monthly-chart');
    // The edit form (city only): a city total split by population.
    await page.getByTestId('targets-edit').click();
    await page.getByTestId('targets-form').waitFor();
    await page.getByTestId('targets-form').scrollIntoViewIfNeeded();
    await shot(page, 'targets-edit-form');
    await page.context().close();
  }, 300_000);

  it('the city office imports employment records; the bad row is named by row, field and reason; the rates show', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('就业参保');
    ws.addRow(['公民身份号码', '用人单位统一社会信用代码', '用人单位名称', '起始月份', '终止月份']);
    ws.addRow([idNumberFor('140821', '19900101'), creditCodeFor('140821'), '临猗县某果业合作社', '2020-08', '']);
    ws.addRow([idNumberFor('140822', '19920304'), 'NOT-A-CODE', '某单位', '2020-09', '']);
    ws.addRow([idNumberFor('140823', '19880808'), creditCodeFor('140823'), '闻喜县某煤机有限公司', '2020-07', '2020-12']);
    const file = path.join(tmp, '就业参保记录.xlsx');
    await wb.xlsx.writeFile(file);

    const page = await h.signIn('city');
    await page.goto(`${h.base}/employment?year=2020`);
    await page.getByTestId('employment-rates').waitFor({ timeout: 30_000 });
    await page.locator('[data-testid="employment-upload"] input[type="file"]').setInputFiles(file);
    await page.getByTestId('employment-submit').click();
    await page.getByTestId('employment-result').waitFor({ timeout: 30_000 });
    const rejected = await rowTexts(page, '[data-testid="employment-rejected"] tbody tr.ant-table-row');
    expect(rejected).toHaveLength(1);
    expect(rejected[0]!.slice(0, 2)).toEqual(['3', '用人单位统一社会信用代码']);
    expect(rejected[0]![2]).toContain('NOT-A-CODE');
    await expect.poll(() => page.getByTestId('employment-stat-total').innerText()).toContain('3');
    await expect.poll(() => page.getByTestId('employment-stat-rejected').innerText()).toContain('1');
    // The rates by unit agree with the API.
    const city = await h.as('city');
    const rates = await city.get('/api/employment/rates?year=2020&by=unit');
    await expect.poll(() => page.locator('[data-testid="employment-rates"] tbody tr.ant-table-row').count()).toBe(Math.min(15, rates.items.length));
    await page.evaluate('window.scrollTo(0, 0)');
    await shot(page, 'employment-import', true);
    // By category, then by class.
    await page.getByTestId('employment-by').getByText('按人员类别').click();
    await expect.poll(async () => (await rowTexts(page, '[data-testid="employment-rates"] tbody tr.ant-table-row')).map((r) => r[0])).toContain('企业职工');
    await page.context().close();
  }, 300_000);

  it('a county office sees only its own unit', async () => {
    const page = await h.signIn('county.yanhu');
    await page.goto(`${h.base}/reports?kind=monthly&period=2020-06`);
    await expect.poll(() => page.getByTestId('report-title').innerText(), { timeout: 30_000 }).toBe('盐湖区职业技能培训月报（2020年6月）');
    expect(await page.getByTestId('report-unit-fixed').innerText()).toBe('盐湖区');
    expect(await page.getByTestId('report-unit').count()).toBe(0);
    expect((await rowTexts(page, '[data-testid="report-units"] tbody tr.ant-table-row')).map((r) => r[0])).toEqual(['盐湖区']);
    expect(await page.getByTestId('report-freeze').count()).toBe(0);
    // Its own report downloads as PDF, titled by its unit.
    await expect.poll(() => page.getByTestId('report-export-pdf').isEnabled()).toBe(true);
    const pdf = await PDFDocument.load(new Uint8Array(await downloadOf(page, 'report-export-pdf')));
    expect(pdf.getTitle()).toBe('盐湖区职业技能培训月报（2020年6月）');
    // Asking for another unit in the address bar does not show it.
    await page.goto(`${h.base}/reports?kind=monthly&period=2020-06&unit=140821`);
    await expect.poll(() => page.getByTestId('report-title').innerText(), { timeout: 30_000 }).toBe('盐湖区职业技能培训月报（2020年6月）');
    await shot(page, 'reports-monthly-county');
    await page.goto(`${h.base}/targets?year=2020`);
    await expect.poll(() => page.locator('[data-testid="targets-table"] tbody tr.ant-table-row').count(), { timeout: 30_000 }).toBe(1);
    expect((await rowTexts(page, '[data-testid="targets-table"] tbody tr.ant-table-row'))[0]![1]).toBe('盐湖区');
    expect(await page.getByTestId('targets-edit').count()).toBe(0);
    await page.goto(`${h.base}/employment?year=2020`);
    await page.getByTestId('employment-rates').waitFor({ timeout: 30_000 });
    await expect.poll(async () => (await rowTexts(page, '[data-testid="employment-rates"] tbody tr.ant-table-row')).map((r) => r[0])).toEqual(['盐湖区']);
    // In English.
    await page.getByTestId('locale-switch').click();
    await page.goto(`${h.base}/reports?kind=monthly&period=2020-06`);
    await expect.poll(() => page.getByTestId('report-title').innerText(), { timeout: 30_000 }).toBe('Yanhu District vocational training monthly report (2020-06)');
    await shot(page, 'reports-monthly-county-en');
    await page.goto(`${h.base}/targets?year=2020`);
    await expect.poll(() => page.locator('[data-testid="targets-table"] tbody tr.ant-table-row').count(), { timeout: 30_000 }).toBe(1);
    await shot(page, 'targets-county-en');
    await page.goto(`${h.base}/employment?year=2020`);
    await expect.poll(() => page.locator('[data-testid="employment-rates"] tbody tr.ant-table-row').count(), { timeout: 30_000 }).toBe(1);
    await expect.poll(() => page.locator('[data-testid="employment-rates"] .ant-spin-blur').count()).toBe(0);
    await shot(page, 'employment-county-en');
    await page.context().close();
  }, 300_000);
});
