import type { Locale } from '../i18n';

const intlLocale = (locale: Locale) => (locale === 'en' ? 'en-GB' : 'zh-CN');

/** `2024-03-05 14:07:09` style in zh-CN, `05/03/2024, 14:07:09` in English; always Beijing time. */
export function formatDateTime(iso: string | null | undefined, locale: Locale): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(intlLocale(locale), {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hour12: false,
    timeZone: 'Asia/Shanghai',
  }).format(date);
}

/** Full years between a `YYYY-MM-DD` birth date and today. */
export function ageFrom(birthDate: string, today: Date = new Date()): number | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(birthDate);
  if (!match) return null;
  const [, y, m, d] = match;
  let age = today.getFullYear() - Number(y);
  const beforeBirthday =
    today.getMonth() + 1 < Number(m) || (today.getMonth() + 1 === Number(m) && today.getDate() < Number(d));
  if (beforeBirthday) age -= 1;
  return age;
}

export function formatNumber(value: number, locale: Locale): string {
  return new Intl.NumberFormat(intlLocale(locale)).format(value);
}

/** Today in Beijing as `YYYY-MM-DD` (category periods and decisions are dated in China's calendar). */
export function beijingToday(now: Date = new Date()): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    timeZone: 'Asia/Shanghai',
  }).formatToParts(now);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}

/** `YYYY-MM-DD` of an ISO timestamp, in Beijing. */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '';
  if (/^\d{4}-\d{2}-\d{2}$/.test(iso)) return iso;
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : beijingToday(date);
}

function toBigInt(value: number | string | bigint): bigint | null {
  if (typeof value === 'bigint') return value;
  if (typeof value === 'number') return Number.isSafeInteger(value) ? BigInt(value) : null;
  return /^-?\d+$/.test(value.trim()) ? BigInt(value.trim()) : null;
}

/**
 * Integer fen as yuan with two decimals and thousands separators: 1234567 → `¥12,345.67`.
 * Integer division and remainder only; an amount is never a float here.
 */
export function formatFen(fen: number | string | bigint | null | undefined, withSymbol = true): string {
  if (fen === null || fen === undefined) return '';
  const value = toBigInt(fen);
  if (value === null) return String(fen);
  const negative = value < 0n;
  const abs = negative ? -value : value;
  const yuan = new Intl.NumberFormat('en-US').format(abs / 100n);
  const cents = (abs % 100n).toString().padStart(2, '0');
  return `${negative ? '-' : ''}${withSymbol ? '¥' : ''}${yuan}.${cents}`;
}

/** Integer fen as a plain yuan string for an input box: 1234567 → `12345.67`, 1200 → `12`. */
export function fenToYuanInput(fen: number | string | bigint | null | undefined): string {
  if (fen === null || fen === undefined) return '';
  const value = toBigInt(fen);
  if (value === null || value < 0n) return '';
  const cents = value % 100n;
  return cents === 0n ? (value / 100n).toString() : `${value / 100n}.${cents.toString().padStart(2, '0')}`;
}

/** A yuan amount typed by a person: digits, optional thousands commas, up to two decimals. */
export const YUAN_PATTERN = /^\d{1,3}(,\d{3})*(\.\d{1,2})?$|^\d+(\.\d{1,2})?$/;

/**
 * `12,345.6` → 1234560 fen, by string parsing (never `parseFloat(x) * 100`); null when the text is not
 * a non-negative amount with at most two decimals, or too large to be an exact integer.
 */
export function parseYuanToFen(text: string | null | undefined): number | null {
  const trimmed = (text ?? '').trim().replace(/^[¥￥]\s*/, '');
  if (!YUAN_PATTERN.test(trimmed)) return null;
  const [whole = '0', decimals = ''] = trimmed.replace(/,/g, '').split('.');
  const fen = BigInt(whole) * 100n + BigInt(decimals.padEnd(2, '0') || '0');
  return fen <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(fen) : null;
}

/** `1.5 MB` style sizes for uploads and progress. */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '';
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value < 10 ? value.toFixed(1) : Math.round(value)} ${units[unit]}`;
}

/**
 * part / whole as a percentage with two decimals (`7.50%`), in integers; null when whole is 0. `round` says
 * which way the last digit goes: away from the threshold a figure is checked against, as the server does
 * (a share checked against a maximum rounds up, one checked against a minimum rounds down).
 */
export function percentText(part: number, whole: number, round: 'up' | 'down' = 'down'): string | null {
  const p = toBigInt(part);
  const w = toBigInt(whole);
  if (p === null || w === null || w <= 0n || p < 0n) return null;
  const scaled = p * 10_000n;
  const basisPoints = round === 'up' ? (scaled + w - 1n) / w : scaled / w;
  return `${basisPoints / 100n}.${(basisPoints % 100n).toString().padStart(2, '0')}%`;
}
