/**
 * One set of type parsers for both drivers, so a row reads back identically from PGlite and from
 * PostgreSQL (ADR 0002). BIGINT (money in fen, counts) becomes a JS number and refuses anything
 * outside the safe-integer range rather than silently rounding (ADR 0003).
 */
export const PG_INT8 = 20;
export const PG_NUMERIC = 1700;
export const PG_DATE = 1082;
export const PG_BYTEA = 17;

export class UnsafeIntegerError extends Error {
  constructor(readonly raw: string) {
    super(`BIGINT value ${raw} is outside the safe integer range`);
  }
}

export function parseSafeInt8(raw: string): number {
  const n = Number(raw);
  if (!Number.isSafeInteger(n)) throw new UnsafeIntegerError(raw);
  return n;
}

export function parseBytea(raw: string): Buffer {
  // Text format of bytea in hex output: '\x0a0b…'
  return raw.startsWith('\\x') ? Buffer.from(raw.slice(2), 'hex') : Buffer.from(raw, 'binary');
}

/** DATE stays a 'YYYY-MM-DD' string: programme dates are Asia/Shanghai calendar days, not instants. */
export const textParsers: Record<number, (raw: string) => unknown> = {
  [PG_INT8]: parseSafeInt8,
  [PG_NUMERIC]: (raw) => raw,
  [PG_DATE]: (raw) => raw,
  [PG_BYTEA]: parseBytea,
};
