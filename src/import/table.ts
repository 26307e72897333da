import { AppError } from '../domain/errors.ts';

/** A spreadsheet row as read from the file: its 1-based row number and its cells left to right. */
export type RawRow = { rowNumber: number; cells: readonly string[] };

export type TableRow = {
  /** 1-based spreadsheet row number as the clerk sees it in Excel (the header is normally row 1). */
  rowNumber: number;
  /** By header name, trimmed; an empty cell is ''. */
  values: Record<string, string>;
};

/**
 * The example-row rule, shared by template.ts (which writes it) and readTable (which skips it):
 * a data row whose FIRST column's value starts with `示例` is an example and is never imported.
 * The template writes its example row as `示例：<example value>` in the first column.
 */
export const EXAMPLE_MARKER = '示例';

/** How many non-blank rows at the top may precede the header (a merged title such as “2024年培训花名册”). */
export const HEADER_SEARCH_ROWS = 10;

const BRACKETS: readonly (readonly [string, string])[] = [
  ['（', '）'],
  ['(', ')'],
  ['【', '】'],
  ['[', ']'],
];

/**
 * The column name a header cell stands for: whitespace of every kind removed (full-width spaces and
 * the line breaks clerks type with Alt+Enter included), required markers `*`/`＊` at either end and
 * trailing bracketed notes (`（必填）`, `(必填)`, `【选填】`, `(YYYY-MM-DD)`) stripped, repeatedly.
 * `公民身份号码*（必填）` → `公民身份号码`.
 */
export function normaliseHeader(raw: string): string {
  let h = raw.replace(/[\s\u3000\u00a0\ufeff]+/g, '');
  for (;;) {
    const before = h;
    h = h.replace(/^[*＊]+/, '').replace(/[*＊]+$/, '');
    for (const [open, close] of BRACKETS) {
      if (h.endsWith(close)) {
        const at = h.lastIndexOf(open);
        if (at > 0) h = h.slice(0, at);
      }
    }
    if (h === before) return h;
  }
}

/** Trimmed of every kind of space, including the full-width `　` and non-breaking spaces. */
export function cleanValue(v: string): string {
  return v.trim();
}

type Column = { index: number; key: string };

/**
 * Turns raw rows into `TableRow`s: finds the header, maps header names to the caller's column names,
 * and skips blank rows and the template's example row.
 *
 * - The header is the first of the first {@link HEADER_SEARCH_ROWS} non-blank rows that contains every
 *   required column (so a title row above the header is tolerated); row numbers stay the real ones.
 *   If none does, `IMPORT_MISSING_COLUMNS` names what the closest candidate lacks (ties: the topmost).
 * - A header that normalises to a required/known column's normalised name is keyed by that column's
 *   name exactly as the caller spelled it; any other header is keyed by its normalised text. Columns
 *   without a header are ignored; a repeated known column is an error, a repeated unknown one keeps
 *   its first occurrence.
 * - No data rows at all (or only blank/example rows) → `IMPORT_EMPTY_FILE`.
 */
export async function* tabulate(
  rows: AsyncIterable<RawRow>,
  opts: { requiredColumns: readonly string[]; knownColumns?: readonly string[] },
): AsyncGenerator<TableRow> {
  const canonical = new Map<string, string>();
  for (const name of [...opts.requiredColumns, ...(opts.knownColumns ?? [])]) {
    const n = normaliseHeader(name);
    if (!canonical.has(n)) canonical.set(n, name);
  }
  const required = opts.requiredColumns.map((name) => ({ name, norm: normaliseHeader(name) }));

  let columns: Column[] | undefined;
  let candidates: RawRow[] = [];
  let yielded = 0;

  for await (const row of rows) {
    if (columns === undefined) {
      if (isBlank(row.cells)) continue;
      candidates.push(row);
      const headerNames = new Set(row.cells.map(normaliseHeader));
      if (required.every((r) => headerNames.has(r.norm))) {
        columns = headerColumns(row.cells, canonical);
        candidates = [];
      } else if (candidates.length >= HEADER_SEARCH_ROWS) {
        throw missingColumns(candidates, required);
      }
      continue;
    }

    const values: Record<string, string> = {};
    let blank = true;
    for (const col of columns) {
      const v = cleanValue(row.cells[col.index] ?? '');
      if (v !== '') blank = false;
      values[col.key] = v;
    }
    if (blank) continue;
    const first = columns[0];
    if (first !== undefined && (values[first.key] ?? '').startsWith(EXAMPLE_MARKER)) continue;
    yielded++;
    yield { rowNumber: row.rowNumber, values };
  }

  if (columns === undefined) {
    if (candidates.length === 0) throw new AppError('IMPORT_EMPTY_FILE');
    throw missingColumns(candidates, required);
  }
  if (yielded === 0) throw new AppError('IMPORT_EMPTY_FILE');
}

function isBlank(cells: readonly string[]): boolean {
  return cells.every((c) => cleanValue(c) === '');
}

function headerColumns(cells: readonly string[], canonical: ReadonlyMap<string, string>): Column[] {
  const columns: Column[] = [];
  const seen = new Map<string, number>();
  cells.forEach((cell, index) => {
    const norm = normaliseHeader(cell);
    if (norm === '' || norm === '__proto__') return;
    const known = canonical.get(norm);
    const key = known ?? norm;
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      if (known === undefined) return;
      throw new AppError('IMPORT_BAD_FILE', {
        reason: `列“${key}”出现了两次（第 ${columnLetter(earlier)} 列和第 ${columnLetter(index)} 列），请删除多余的一列`,
      });
    }
    seen.set(key, index);
    columns.push({ index, key });
  });
  return columns;
}

function missingColumns(candidates: readonly RawRow[], required: readonly { name: string; norm: string }[]): AppError {
  let best: string[] | undefined;
  for (const row of candidates) {
    const names = new Set(row.cells.map(normaliseHeader));
    const missing = required.filter((r) => !names.has(r.norm)).map((r) => r.name);
    if (best === undefined || missing.length < best.length) best = missing;
  }
  return new AppError('IMPORT_MISSING_COLUMNS', { columns: (best ?? required.map((r) => r.name)).join('、') });
}

/** 0 → A, 25 → Z, 26 → AA: how Excel names a column. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}
