/**
 * Person categories (人员类别, policy.md "People"; §1, §2, §3, §保障(二)). A person can hold several, each
 * with a period of validity; eligibility is judged on the class start date (categoriesOn).
 */
import { z } from 'zod';
import { PERSON_CATEGORIES } from '../reference/catalog.ts';
import { isCalendarDate, problem, shown, type Problem } from './problems.ts';

/** The category that needs an employer (§1, §13: 企业职工 is trained by and subsidised through its enterprise). */
export const ENTERPRISE_EMPLOYEE = 'enterprise_employee';

export const PERSON_CATEGORY_CODES: readonly string[] = PERSON_CATEGORIES.map((c) => c.code);

/**
 * Names found in spreadsheets and forms besides the catalogue's official ones. 高素质农民 is the name the
 * Ministry of Agriculture uses for 新型职业农民 since 2019.
 */
export const CATEGORY_ALIASES: Readonly<Record<string, string>> = {
  企业职工: 'enterprise_employee',
  在岗职工: 'enterprise_employee',
  企业在岗职工: 'enterprise_employee',
  农民工: 'rural_migrant',
  农村转移就业劳动者: 'rural_migrant',
  新生代农民工: 'rural_migrant',
  农村转移劳动力: 'rural_migrant',
  两后生: 'two_after',
  未继续升学的初高中毕业生: 'two_after',
  高校毕业生: 'college_graduate',
  应届高校毕业生: 'college_graduate',
  失业人员: 'laid_off',
  下岗失业人员: 'laid_off',
  登记失业人员: 'laid_off',
  就业困难人员: 'employment_difficulty',
  残疾人: 'employment_difficulty',
  贫困劳动力: 'registered_poor',
  建档立卡: 'registered_poor',
  建档立卡贫困户: 'registered_poor',
  建档立卡贫困劳动力: 'registered_poor',
  退役军人: 'veteran',
  服刑人员: 'inmate',
  强制隔离戒毒人员: 'inmate',
  职业农民: 'professional_farmer',
  新型职业农民: 'professional_farmer',
  高素质农民: 'professional_farmer',
};

const QUOTES = /[“”"‘’'「」『』]/g;
const TRAILING_PARENTHESIS = /[（(][^（()）]*[）)]$/;

/** name, alias or code → code; built once. */
const LOOKUP: ReadonlyMap<string, string> = (() => {
  const map = new Map<string, string>();
  for (const c of PERSON_CATEGORIES) {
    map.set(c.code, c.code);
    map.set(c.name, c.code);
    map.set(c.name.replace(QUOTES, ''), c.code);
  }
  for (const [alias, code] of Object.entries(CATEGORY_ALIASES)) map.set(alias, code);
  return map;
})();

const NAMES: ReadonlyMap<string, string> = new Map(PERSON_CATEGORIES.map((c) => [c.code, c.name]));

/** The official Chinese name of a category code, if it is one. */
export function categoryName(code: string): string | undefined {
  return NAMES.get(code);
}

export function isCategoryCode(code: string): boolean {
  return NAMES.has(code);
}

/** Code of one name, alias or code: quotes are ignored, and a trailing note in parentheses if needed. */
export function findCategoryCode(name: string): string | undefined {
  const direct = LOOKUP.get(name);
  if (direct) return direct;
  const unquoted = name.replace(QUOTES, '');
  const byName = LOOKUP.get(unquoted) ?? LOOKUP.get(unquoted.toLowerCase());
  if (byName) return byName;
  const bare = unquoted.replace(TRAILING_PARENTHESIS, '').trim();
  return bare === unquoted ? undefined : LOOKUP.get(bare);
}

/**
 * Splits a cell such as "建档立卡、两后生 / 残疾人" on 、 , ， ; ； / ／ and whitespace (never inside
 * parentheses, so "就业困难人员（含残疾人）" stays one name), maps names and aliases to codes, and returns the
 * codes and the names it does not know, each de-duplicated in their first order.
 */
export function parseCategoryNames(text: string): { codes: string[]; unknown: string[] } {
  const codes: string[] = [];
  const unknown: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i <= text.length; i++) {
    const ch = i < text.length ? text[i]! : '、';
    if (ch === '（' || ch === '(') depth++;
    else if ((ch === '）' || ch === ')') && depth > 0) depth--;
    else if ((depth === 0 || i === text.length) && isSeparator(ch)) {
      if (i > start) {
        const token = text.slice(start, i).trim();
        if (token) {
          const code = findCategoryCode(token);
          if (code) {
            if (!codes.includes(code)) codes.push(code);
          } else if (!unknown.includes(token)) unknown.push(token);
        }
      }
      start = i + 1;
    }
  }
  return { codes, unknown };
}

function isSeparator(ch: string): boolean {
  return ch === '、' || ch === ',' || ch === '，' || ch === ';' || ch === '；' || ch === '/' || ch === '／' || /\s/.test(ch);
}

/** One category held over a period; validTo is inclusive, null = open-ended. */
export const CategoryPeriod = z.strictObject({
  code: z.string().describe('Person category code (catalog PERSON_CATEGORIES)'),
  validFrom: z.string().describe('YYYY-MM-DD, inclusive'),
  validTo: z.string().nullable().describe('YYYY-MM-DD, inclusive; null = open-ended'),
  employerOrgId: z.string().nullish().describe('The employer; required for enterprise_employee'),
});
export type CategoryPeriod = z.infer<typeof CategoryPeriod>;

/** The category codes in force on `date` (YYYY-MM-DD; both ends inclusive), de-duplicated in first order. */
export function categoriesOn(periods: readonly CategoryPeriod[], date: string): string[] {
  const codes: string[] = [];
  for (const p of periods) {
    if (p.validFrom <= date && (p.validTo === null || date <= p.validTo) && !codes.includes(p.code)) codes.push(p.code);
  }
  return codes;
}

/**
 * Problems of a list of periods, each naming `${field}.${index}.…`: an unknown code, a date that is not a
 * real day, validTo before validFrom, two periods of the same code that share a day, and enterprise_employee
 * without its employer.
 */
export function checkPeriods(periods: readonly CategoryPeriod[], field = 'categories'): Problem[] {
  const problems: Problem[] = [];
  const wellFormed: boolean[] = [];
  for (let i = 0; i < periods.length; i++) {
    const p = periods[i]!;
    const at = `${field}.${i}`;
    const known = isCategoryCode(p.code);
    if (!known) problems.push(problem(`${at}.code`, 'CATEGORY_UNKNOWN', { value: shown(p.code) }));
    const fromOk = isCalendarDate(p.validFrom);
    if (!fromOk) problems.push(problem(`${at}.validFrom`, 'CATEGORY_DATE_INVALID', { value: shown(p.validFrom) }));
    const toOk = p.validTo === null || isCalendarDate(p.validTo);
    if (!toOk) problems.push(problem(`${at}.validTo`, 'CATEGORY_DATE_INVALID', { value: shown(p.validTo) }));
    let ok = known && fromOk && toOk;
    if (ok && p.validTo !== null && p.validTo < p.validFrom) {
      problems.push(problem(`${at}.validTo`, 'CATEGORY_PERIOD_REVERSED', { category: NAMES.get(p.code)!, validFrom: p.validFrom, validTo: p.validTo }));
      ok = false;
    }
    if (p.code === ENTERPRISE_EMPLOYEE && !p.employerOrgId?.trim()) problems.push(problem(`${at}.employerOrgId`, 'CATEGORY_EMPLOYER_REQUIRED'));
    wellFormed.push(ok);
    if (!ok) continue;
    for (let j = 0; j < i; j++) {
      const q = periods[j]!;
      if (!wellFormed[j] || q.code !== p.code || !overlaps(p, q)) continue;
      problems.push(problem(at, 'CATEGORY_PERIOD_OVERLAP', { category: NAMES.get(p.code)!, validFrom: p.validFrom }));
      break;
    }
  }
  return problems;
}

/** Closed intervals [from, to] (to null = open) share at least one day. */
function overlaps(a: CategoryPeriod, b: CategoryPeriod): boolean {
  return (b.validTo === null || a.validFrom <= b.validTo) && (a.validTo === null || b.validFrom <= a.validTo);
}
