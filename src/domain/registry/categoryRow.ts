/**
 * A row of a category list (e.g. the registered-poor list 建档立卡贫困劳动力名单, the registered
 * unemployed list): who, which categories, from when, until when. It adds periods to people already
 * in the registry (policy.md "People"; eligibility is judged on the class start date).
 */
import { isCalendarDate, problem, shown, type Problem } from './problems.ts';
import { validateWorkerRow } from './worker.ts';

export const CATEGORY_LIST_COLUMNS = [
  { header: '姓名', required: true },
  { header: '公民身份号码', required: true },
  { header: '人员类别', required: true },
  { header: '起始日期', required: false },
  { header: '截止日期', required: false },
] as const;

export type CategoryListRow = { name: string; idNumber: string; codes: string[]; validFrom: string; validTo: string | null };

/**
 * Validates one list row; `ctx.defaultFrom` is the start when 起始日期 is empty. The name, ID number and
 * category checks are the worker roster's own (the same messages, the same Chinese field names).
 */
export function validateCategoryRow(
  row: Readonly<Record<string, string>>,
  ctx: { today: string; defaultFrom: string },
): { ok: true; value: CategoryListRow } | { ok: false; problems: Problem[] } {
  const problems: Problem[] = [];
  const fromCell = (row['起始日期'] ?? '').trim();
  const toCell = (row['截止日期'] ?? '').trim();
  const validFrom = fromCell === '' ? ctx.defaultFrom : normalizeDate(fromCell);
  const validTo = toCell === '' ? null : normalizeDate(toCell);
  if (!validFrom) problems.push(problem('起始日期', 'CATEGORY_DATE_INVALID', { value: shown(fromCell) }));
  if (validTo === undefined) problems.push(problem('截止日期', 'CATEGORY_DATE_INVALID', { value: shown(toCell) }));
  if ((row['人员类别'] ?? '').trim() === '') problems.push(problem('人员类别', 'CATEGORY_UNKNOWN', { value: '' }));

  // The unit is irrelevant to a list row: a fixed valid one lets the roster checks run unchanged.
  const asRoster = { 姓名: row['姓名'] ?? '', 公民身份号码: row['公民身份号码'] ?? '', 县区代码: '140802', 人员类别: row['人员类别'] ?? '' };
  const checked = validateWorkerRow(asRoster, { today: ctx.today, categoryFrom: validFrom && isCalendarDate(validFrom) ? validFrom : ctx.defaultFrom });
  if (!checked.ok) problems.push(...checked.problems.filter((p) => p.field !== '县区代码'));
  if (validFrom && validTo && validTo < validFrom) {
    problems.push(problem('截止日期', 'CATEGORY_PERIOD_REVERSED', { category: row['人员类别'] ?? '', validFrom, validTo }));
  }
  if (problems.length > 0 || !checked.ok || !validFrom || validTo === undefined) return { ok: false, problems };
  return { ok: true, value: { name: checked.value.name, idNumber: checked.value.idNumber, codes: checked.value.categories.map((c) => c.code), validFrom, validTo } };
}

const DATE_CELL = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/;

/** 'YYYY-MM-DD' from the usual spreadsheet spellings (2020-1-5, 2020/01/05, 2020年1月5日), else undefined. */
function normalizeDate(text: string): string | undefined {
  const m = DATE_CELL.exec(text);
  if (!m) return undefined;
  const iso = `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
  return isCalendarDate(iso) ? iso : undefined;
}
