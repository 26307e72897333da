/**
 * How a spreadsheet cell's stored value becomes the string the importer validates. The rule is
 * "what the clerk typed", not "what the cell happens to display": numbers are rendered in plain
 * decimal, dates as ISO calendar days. The one deliberate exception is numbers of 16 digits or more:
 * Excel keeps only 15 significant digits, so an 18-digit 公民身份号码 typed into a General cell has
 * already lost its last digits. We return it the way Excel shows it (`1.40802E+17`) so the validator
 * can say "this column must be formatted as text" instead of accepting a corrupted number.
 */

/** Excel's precision: 15 significant decimal digits. */
const EXCEL_DIGITS = 15;

/**
 * Plain decimal for |n| < 1e15 (integers exactly, fractions to Excel's 15 significant digits, so
 * `0.1 + 0.2` reads `0.3`); Excel's General-format scientific display (`1.40802E+17`) from 1e15 up.
 */
export function formatNumber(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  if (n === 0) return '0';
  const abs = Math.abs(n);
  if (abs >= 1e15) return excelScientific(n);
  if (Number.isInteger(n)) return String(n);
  const rounded = Number(n.toPrecision(EXCEL_DIGITS));
  const s = String(rounded);
  // String() switches to exponent notation below 1e-6; Excel's General format does too (1E-07).
  return s.includes('e') ? excelScientific(rounded) : s;
}

/** Excel's General format in a standard-width cell: 6 significant digits, `E+17` style exponent. */
export function excelScientific(n: number): string {
  const [mantissa = '0', exponent = '0'] = n.toExponential(5).split('e');
  const m = mantissa.includes('.') ? mantissa.replace(/0+$/, '').replace(/\.$/, '') : mantissa;
  const e = Number(exponent);
  return `${m}E${e < 0 ? '-' : '+'}${String(Math.abs(e)).padStart(2, '0')}`;
}

// ---------------------------------------------------------------------------------------------
// Number formats

/**
 * Built-in number-format ids that are dates or times. 14–22 are the international ones; 27–36 and
 * 50–58 are the East Asian locale formats a Chinese Excel writes (`yyyy"年"m"月"d"日"` is 31), 45–47
 * are elapsed/minute-second times.
 */
const BUILTIN_DATE_IDS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58]);
const BUILTIN_TIME_ONLY_IDS = new Set([18, 19, 20, 21, 32, 33, 34, 35, 45, 46, 47]);

export type DateKind = 'date' | 'datetime' | 'time';

/** Whether a number format renders a date/time, and which parts. `undefined`: an ordinary number. */
export function dateKind(numFmtId: number, formatCode: string | undefined): DateKind | undefined {
  if (formatCode === undefined || formatCode === '') {
    if (!BUILTIN_DATE_IDS.has(numFmtId)) return undefined;
    if (BUILTIN_TIME_ONLY_IDS.has(numFmtId)) return 'time';
    return numFmtId === 22 ? 'datetime' : 'date';
  }
  // Only the first section (positive numbers) matters; drop quoted literals, [colour]/[$-804] tags,
  // escaped characters, padding/skip directives and AM/PM markers before looking for date tokens.
  const section = (formatCode.split(';')[0] ?? '')
    .replace(/"[^"]*"/g, '')
    .replace(/\[[^\]]*\]/g, '')
    .replace(/\\./g, '')
    .replace(/[_*]./g, '')
    .replace(/AM\/PM|A\/P|上午\/下午/gi, '')
    .replace(/General/gi, '')
    .replace(/E[+-]/gi, ''); // scientific notation, not the era-year token `e`
  const hasDate = /[yde]/i.test(section) || (/m/i.test(section) && !/[hs]/i.test(section));
  const hasTime = /[hs]/i.test(section);
  if (hasDate && hasTime) return 'datetime';
  if (hasDate) return 'date';
  if (hasTime) return 'time';
  return undefined;
}

/** A format that is only zeros (`000000`): leading zeros are part of the value the clerk sees. */
export function zeroPadWidth(formatCode: string | undefined): number | undefined {
  return formatCode !== undefined && /^0{2,}$/.test(formatCode) ? formatCode.length : undefined;
}

// ---------------------------------------------------------------------------------------------
// Dates

const DAY_MS = 86_400_000;

/**
 * An Excel date serial as `YYYY-MM-DD` (`date`), `YYYY-MM-DD HH:mm:ss` (`datetime`; the time part only
 * when it is not midnight) or `HH:mm:ss` (`time`). Calendar arithmetic is done in UTC so the server's
 * time zone never shifts a day. The 1900 system reproduces Lotus's fictional 1900-02-29 (serial 60).
 */
export function formatExcelDate(serial: number, kind: DateKind, date1904 = false): string {
  if (!Number.isFinite(serial) || serial < 0) return formatNumber(serial);
  const totalSeconds = Math.round(serial * 86_400);
  let days = Math.floor(totalSeconds / 86_400);
  const secs = totalSeconds - days * 86_400;
  const time = `${pad2(Math.floor(secs / 3600))}:${pad2(Math.floor((secs % 3600) / 60))}:${pad2(secs % 60)}`;
  if (kind === 'time' && days === 0) return time;

  let date: string;
  if (date1904) {
    date = isoDay(Date.UTC(1904, 0, 1) + days * DAY_MS);
  } else if (days === 60) {
    date = '1900-02-29';
  } else {
    if (days < 60) days += 1; // before the fictional leap day Excel's serials run one ahead
    date = isoDay(Date.UTC(1899, 11, 30) + days * DAY_MS);
  }
  if (kind === 'date' || secs === 0) return date;
  return `${date} ${time}`;
}

function isoDay(ms: number): string {
  const d = new Date(ms);
  return `${String(d.getUTCFullYear()).padStart(4, '0')}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}`;
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

/** OOXML escapes characters XML cannot carry as `_xHHHH_` (Excel writes a line break as `_x000D_`). */
export function decodeOoxmlEscapes(s: string): string {
  if (!s.includes('_x')) return s;
  return s.replace(/_x([0-9A-Fa-f]{4})_/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}
