/**
 * Resident ID numbers (公民身份号码), GB 11643-1999. See docs: domain-facts §1.
 *
 * 18 characters: 6-digit address code (GB/T 2260 county) + 8-digit birth date YYYYMMDD
 * + 3-digit sequence code (odd = male, even = female) + 1 check character (ISO 7064 MOD 11-2).
 */

/** W_i = 2^(18-i) mod 11 for i = 1..17. */
export const ID_WEIGHTS: readonly number[] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

/** Check character indexed by (Σ a_i·W_i) mod 11. */
export const ID_CHECK = '10X98765432';

/** Format rule of domain-facts §1.5 (after upper-casing x → X). Calendar validity is checked separately. */
const ID_PATTERN = /^[1-9]\d{5}(18|19|20)\d{2}(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])\d{3}[\dX]$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** MOD 11-2 check character of a 17-digit body. Throws on anything but 17 ASCII digits. */
export function idCheckChar(body17: string): string {
  if (!/^\d{17}$/.test(body17)) throw new RangeError(`ID body must be 17 digits, got ${JSON.stringify(body17)}`);
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(body17[i]) * ID_WEIGHTS[i]!;
  return ID_CHECK[sum % 11]!;
}

export type IdNumberProblem = 'format' | 'birth_date' | 'future_birth_date' | 'check_char';

export type ParsedIdNumber = {
  ok: true;
  /** Normalised 18-character number (upper-case X; legacy numbers converted). */
  value: string;
  addressCode: string;
  /** YYYY-MM-DD */
  birthDate: string;
  gender: 'M' | 'F';
};

/**
 * Validates and normalises an ID number: trims, upper-cases x → X, converts a 15-digit legacy number,
 * then checks format, a real calendar date, a birth date not after `today`, and the check character
 * (in that order, so the first failing rule is reported).
 *
 * @param today the current date 'YYYY-MM-DD' in Asia/Shanghai, supplied by the caller's clock.
 */
export function parseIdNumber(raw: string, today: string): ParsedIdNumber | { ok: false; problem: IdNumberProblem } {
  if (!ISO_DATE.test(today)) throw new RangeError(`today must be YYYY-MM-DD, got ${JSON.stringify(today)}`);
  let id = raw.trim().toUpperCase();
  if (/^\d{15}$/.test(id)) id = convertLegacyIdNumber(id);
  if (!ID_PATTERN.test(id)) return { ok: false, problem: 'format' };

  const year = Number(id.slice(6, 10));
  const month = Number(id.slice(10, 12));
  const day = Number(id.slice(12, 14));
  if (day > daysInMonth(year, month)) return { ok: false, problem: 'birth_date' };
  const birthDate = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
  if (birthDate > today) return { ok: false, problem: 'future_birth_date' };

  if (idCheckChar(id.slice(0, 17)) !== id[17]) return { ok: false, problem: 'check_char' };
  return { ok: true, value: id, addressCode: id.slice(0, 6), birthDate, gender: Number(id[16]) % 2 === 1 ? 'M' : 'F' };
}

/**
 * Converts a 15-digit GB 11643-1989 number (6 address + YYMMDD + 3 sequence, no check digit) to 18 digits:
 * insert the century after the address code and append the check character.
 * The century is 19, except that sequence codes 996–999, which the 1989 standard reserved for centenarians,
 * get 18 (common practice; the exact range is unverified, domain-facts §1.3). Does not validate the date.
 */
export function convertLegacyIdNumber(raw15: string): string {
  if (!/^\d{15}$/.test(raw15)) throw new RangeError(`legacy ID must be 15 digits, got ${JSON.stringify(raw15)}`);
  const century = Number(raw15.slice(12, 15)) >= 996 ? '18' : '19';
  const body17 = raw15.slice(0, 6) + century + raw15.slice(6);
  return body17 + idCheckChar(body17);
}

/**
 * Whole years between `birthDate` and `date` (both YYYY-MM-DD): the birthday counts from its month-day,
 * so someone born on 29 February turns a year older on 1 March in common years.
 */
export function ageOn(birthDate: string, date: string): number {
  const years = Number(date.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return date.slice(5) < birthDate.slice(5) ? years - 1 : years;
}

/** Keeps the first 6 and last 4 characters: `140802********123X`. */
export function maskIdNumber(id18: string): string {
  return maskMiddle(id18, 6, 4);
}

/** Keeps the first 3 and last 4 digits: `138****5678`. */
export function maskPhone(phone: string): string {
  return maskMiddle(phone, 3, 4);
}

/** Mainland China mobile number: 11 digits starting 13–19. */
export function isMainlandMobile(phone: string): boolean {
  return /^1[3-9]\d{9}$/.test(phone);
}

function maskMiddle(text: string, keepStart: number, keepEnd: number): string {
  // Too short to keep both ends without revealing most of it: hide everything.
  if (text.length <= keepStart + keepEnd) return '*'.repeat(text.length);
  return text.slice(0, keepStart) + '*'.repeat(text.length - keepStart - keepEnd) + text.slice(-keepEnd);
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}
