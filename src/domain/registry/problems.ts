/**
 * What registry validation returns instead of throwing: a list of problems, each naming the field, a code of
 * the one error catalogue (ADR 0006) and the message parameters. Row validation never throws for a bad row.
 */
import type { ErrorCode } from '../errors.ts';

export type Problem = { field: string; code: ErrorCode; params: Record<string, string | number> };

export type Validated<T> = { ok: true; value: T; warnings: Problem[] } | { ok: false; problems: Problem[] };

const NO_PARAMS: Record<string, string | number> = Object.freeze({}) as Record<string, string | number>;

export function problem(field: string, code: ErrorCode, params: Record<string, string | number> = NO_PARAMS): Problem {
  return { field, code, params };
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** 'YYYY-MM-DD' naming a real calendar day (1000-01-01 … 9999-12-31). */
export function isCalendarDate(text: string): boolean {
  const m = ISO_DATE.exec(text);
  if (!m) return false;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  return year >= 1000 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Length in Unicode code points (a rare character outside the BMP counts once). */
export function codePointLength(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0xd800 || c > 0xdbff) n++;
  }
  return n;
}

/** A value shown back in a message: stringified and cut to 40 characters so a pasted essay stays short. */
export function shown(value: unknown): string {
  let text: string;
  if (typeof value === 'string') text = value;
  else if (value === undefined) text = '';
  else if (typeof value !== 'object' || value === null) text = String(value);
  else {
    try {
      text = JSON.stringify(value);
    } catch {
      text = Object.prototype.toString.call(value);
    }
  }
  return text.length > 40 ? `${text.slice(0, 39)}…` : text;
}

// ---------------------------------------------------------------------------------------------------------
// Zod issues → catalogue codes. Schemas here check shapes and types; each field maps to one catalogue code.

/** How a schema field maps to the catalogue. `pattern` is the dotted path with array indices as `*`. */
export type FieldCodes = {
  /** Code when the value is missing (undefined); falls back to `invalid`. */
  required?: ErrorCode;
  invalid: ErrorCode;
  /** Fixed parameters, or 'value' to pass the offending value as `{value}`. */
  params?: Record<string, string | number> | 'value';
};

type ZodIssueLike = { code: string; path: readonly PropertyKey[]; keys?: readonly string[]; message: string };

/**
 * Turns Zod issues into problems: one per field (the first issue wins), unknown keys as UNKNOWN_FIELD, and
 * anything the table does not name as VALIDATION_FAILED with Zod's own reason.
 */
export function problemsFromZod(issues: readonly ZodIssueLike[], input: unknown, table: Readonly<Record<string, FieldCodes>>): Problem[] {
  const out: Problem[] = [];
  const seen = new Set<string>();
  for (const issue of issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys ?? []) {
        const field = [...issue.path, key].map(String).join('.');
        if (!seen.has(field)) out.push(problem(field, 'UNKNOWN_FIELD', { field }));
        seen.add(field);
      }
      continue;
    }
    const field = issue.path.map(String).join('.');
    if (seen.has(field)) continue;
    seen.add(field);
    const pattern = issue.path.map((k) => (typeof k === 'number' ? '*' : String(k))).join('.');
    const codes = table[pattern];
    if (!codes) {
      out.push(problem(field, 'VALIDATION_FAILED', { field, reason: issue.message }));
      continue;
    }
    const value = valueAt(input, issue.path);
    const code = value === undefined && codes.required ? codes.required : codes.invalid;
    const params = codes.params === 'value' ? { value: shown(value) } : (codes.params ?? NO_PARAMS);
    out.push(problem(field, code, params));
  }
  return out;
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let v = input;
  for (const k of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[k];
  }
  return v;
}
