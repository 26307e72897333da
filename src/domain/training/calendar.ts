/**
 * Time for the training rules, kept pure: nothing here reads a clock. Programme dates are Asia/Shanghai
 * calendar days 'YYYY-MM-DD' (UTC+8 all year, no daylight saving); instants are ISO 8601 strings with an
 * explicit offset ('2020-06-15T08:30:00+08:00', 'Z' also accepted) or epoch milliseconds.
 */
import { isCalendarDate } from '../registry/problems.ts';

/** An instant: ISO 8601 with an explicit offset, or epoch milliseconds. */
export type Instant = string | number;

export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
const BEIJING_OFFSET_MS = 8 * HOUR_MS;

/**
 * Strict ISO 8601 date-time with an offset: hours 00–23, a real calendar day, optional seconds and
 * milliseconds. (Date.parse alone would accept '2020-02-30' or 'T24:00' and roll them over.)
 */
const ISO_INSTANT = /^(\d{4}-\d{2}-\d{2})T([01]\d|2[0-3]):([0-5]\d)(?::([0-5]\d)(?:\.\d{1,3})?)?(Z|[+-](?:0\d|1[0-4]):[0-5]\d)$/;

/** Epoch milliseconds of an instant, or null when it is not one (a malformed string, NaN, a fraction). */
export function parseInstant(value: Instant): number | null {
  if (typeof value === 'number') return Number.isSafeInteger(value) ? value : null;
  if (typeof value !== 'string') return null;
  const m = ISO_INSTANT.exec(value);
  if (!m || !isCalendarDate(m[1]!)) return null;
  const ms = Date.parse(value);
  return Number.isFinite(ms) ? ms : null;
}

/** The Asia/Shanghai calendar day of an instant given in epoch ms. */
export function beijingDateOf(ms: number): string {
  return new Date(ms + BEIJING_OFFSET_MS).toISOString().slice(0, 10);
}

/** 'YYYY-MM-DD HH:mm' in Asia/Shanghai, for messages. */
export function beijingDateTimeOf(ms: number): string {
  const iso = new Date(ms + BEIJING_OFFSET_MS).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)}`;
}

/** The instant a Beijing calendar day begins (00:00 +08:00), in epoch ms. */
export function beijingDayStart(date: string): number {
  return Date.parse(`${date}T00:00:00+08:00`);
}

/** `date` moved by `days` calendar days (negative moves back). */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Whole calendar days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

export { isCalendarDate };
