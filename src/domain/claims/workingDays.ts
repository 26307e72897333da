/**
 * Working days for the public-announcement window (公示期, issue #5: default 5 working days). Monday to Friday,
 * minus the State Council's public holidays, plus its make-up working days (调休上班). The calendar is data;
 * a year without data counts Monday to Friday only.
 *
 * 2020: 国办发明电〔2019〕16号 as amended for the Spring Festival by 国办发明电〔2020〕1号 (holiday to 2 February).
 * UNVERIFIED against the published notices in this repository (written from memory; domain-facts.md has no
 * calendar) — the city office should check it before relying on exact window ends.
 */
import { addDays } from '../training/calendar.ts';

export type HolidayCalendar = { holidays: ReadonlySet<string>; workdays: ReadonlySet<string> };

function range(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) out.push(d);
  return out;
}

export const CHINA_2020: HolidayCalendar = {
  holidays: new Set([
    '2020-01-01',
    ...range('2020-01-24', '2020-02-02'),
    ...range('2020-04-04', '2020-04-06'),
    ...range('2020-05-01', '2020-05-05'),
    ...range('2020-06-25', '2020-06-27'),
    ...range('2020-10-01', '2020-10-08'),
  ]),
  workdays: new Set(['2020-01-19', '2020-04-26', '2020-05-09', '2020-06-28', '2020-09-27', '2020-10-10']),
};

export const DEFAULT_CALENDAR: HolidayCalendar = CHINA_2020;

/** Day of the week of a calendar day, 0 = Sunday. */
function weekday(date: string): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay();
}

export function isWorkingDay(date: string, cal: HolidayCalendar = DEFAULT_CALENDAR): boolean {
  if (cal.workdays.has(date)) return true;
  if (cal.holidays.has(date)) return false;
  const d = weekday(date);
  return d !== 0 && d !== 6;
}

/**
 * The last day of a window of `n` working days that starts the working day after `from` (a notice published on
 * a Friday with n = 5 runs Monday to Friday of the next week). Objections are accepted through this day.
 */
export function windowEnd(from: string, n: number, cal: HolidayCalendar = DEFAULT_CALENDAR): string {
  if (!Number.isInteger(n) || n < 1) throw new RangeError('the window needs at least one working day');
  let d = from;
  let left = n;
  while (left > 0) {
    d = addDays(d, 1);
    if (isWorkingDay(d, cal)) left--;
  }
  return d;
}
