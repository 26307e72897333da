/**
 * Reporting periods (月报、季报、年报, part 四(一)): a month is the calendar month by default, or the 21st of the
 * previous month to the 20th (the employment statistics' month) — a setting. Quarters and years follow the
 * same basis: Q1 2020 on the 21st-basis runs 2019-12-21 … 2020-03-20. Dates are Asia/Shanghai days, inclusive.
 */
import { addDays } from '../training/calendar.ts';

export type MonthBasis = 'calendar' | 'day21';
export type PeriodKind = 'month' | 'quarter' | 'year';
export type Period = { kind: PeriodKind; key: string; from: string; to: string; label: string; labelEn: string };

const pad = (n: number) => String(n).padStart(2, '0');

function monthStart(year: number, month: number, basis: MonthBasis): string {
  if (basis === 'calendar') return `${year}-${pad(month)}-01`;
  const prev = month === 1 ? { y: year - 1, m: 12 } : { y: year, m: month - 1 };
  return `${prev.y}-${pad(prev.m)}-21`;
}

function monthEnd(year: number, month: number, basis: MonthBasis): string {
  const next = month === 12 ? { y: year + 1, m: 1 } : { y: year, m: month + 1 };
  return addDays(monthStart(next.y, next.m, basis), -1);
}

/** Parses '2020-06', '2020-Q2' or '2020' into a period. Throws RangeError on anything else. */
export function parsePeriod(key: string, basis: MonthBasis = 'calendar'): Period {
  let m = /^(\d{4})-(\d{2})$/.exec(key);
  if (m) {
    const year = Number(m[1]);
    const month = Number(m[2]);
    if (month < 1 || month > 12) throw new RangeError(`no month ${key}`);
    return { kind: 'month', key, from: monthStart(year, month, basis), to: monthEnd(year, month, basis), label: `${year}年${month}月`, labelEn: `${year}-${pad(month)}` };
  }
  m = /^(\d{4})-Q([1-4])$/.exec(key);
  if (m) {
    const year = Number(m[1]);
    const q = Number(m[2]);
    return { kind: 'quarter', key, from: monthStart(year, q * 3 - 2, basis), to: monthEnd(year, q * 3, basis), label: `${year}年第${'一二三四'[q - 1]}季度`, labelEn: `${year} Q${q}` };
  }
  m = /^(\d{4})$/.exec(key);
  if (m) {
    const year = Number(m[1]);
    return { kind: 'year', key, from: monthStart(year, 1, basis), to: monthEnd(year, 12, basis), label: `${year}年`, labelEn: String(year) };
  }
  throw new RangeError(`not a period: ${key} (use 2020-06, 2020-Q2 or 2020)`);
}

/** The twelve months of a year. */
export function monthsOf(year: number, basis: MonthBasis = 'calendar'): Period[] {
  return Array.from({ length: 12 }, (_, i) => parsePeriod(`${year}-${pad(i + 1)}`, basis));
}

/** The month (of `basis`) a day falls in, as '2020-06'. */
/** The complete months of `year` (0–12) by Beijing date `today`: 0 before the year, 12 after it. */
export function monthsElapsed(year: number, today: string, basis: MonthBasis = 'calendar'): number {
  const y = parsePeriod(String(year), basis);
  if (today > y.to) return 12;
  if (today < y.from) return 0;
  return Math.max(0, Number(monthKeyOf(today, basis).slice(5, 7)) - 1);
}

export function monthKeyOf(date: string, basis: MonthBasis = 'calendar'): string {
  const [y, mo, d] = date.split('-').map(Number) as [number, number, number];
  if (basis === 'calendar' || d <= 20) return `${y}-${pad(mo)}`;
  return mo === 12 ? `${y + 1}-01` : `${y}-${pad(mo + 1)}`;
}
