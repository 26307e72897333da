import { describe, expect, it } from 'vitest';
import { validateCategoryRow } from './categoryRow.ts';

const ctx = { today: '2026-11-29', defaultFrom: '2020-01-01' };

describe('category list rows', () => {
  it('accepts a row with aliases and Chinese dates', () => {
    const r = validateCategoryRow({ 姓名: '王晓燕', 公民身份号码: '140821199202292468', 人员类别: '贫困劳动力、残疾人', 起始日期: '2019年3月1日', 截止日期: '2020/12/31' }, ctx);
    expect(r).toEqual({ ok: true, value: { name: '王晓燕', idNumber: '140821199202292468', codes: ['registered_poor', 'employment_difficulty'], validFrom: '2019-03-01', validTo: '2020-12-31' } });
  });

  it('defaults the start date and leaves the end open', () => {
    const r = validateCategoryRow({ 姓名: '王晓燕', 公民身份号码: '140821199202292468', 人员类别: '退役军人' }, ctx);
    expect(r).toMatchObject({ ok: true, value: { validFrom: '2020-01-01', validTo: null } });
  });

  it('names every bad field', () => {
    const r = validateCategoryRow({ 姓名: '', 公民身份号码: '140821199202292469', 人员类别: '外星人', 起始日期: '2020-02-30', 截止日期: '2019-01-01' }, ctx);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems.map((p) => `${p.field}:${p.code}`).sort()).toEqual(['人员类别:CATEGORY_UNKNOWN', '公民身份号码:ID_CHECK_CHAR', '姓名:WORKER_NAME_REQUIRED', '起始日期:CATEGORY_DATE_INVALID'].sort());
  });

  it('refuses an end before the start', () => {
    const r = validateCategoryRow({ 姓名: '王晓燕', 公民身份号码: '140821199202292468', 人员类别: '高校毕业生', 起始日期: '2020-06-01', 截止日期: '2020-05-31' }, ctx);
    expect(r).toMatchObject({ ok: false, problems: [expect.objectContaining({ field: '截止日期', code: 'CATEGORY_PERIOD_REVERSED' })] });
  });
});
