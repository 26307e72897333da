import { createReadStream } from 'node:fs';
import { basename, extname } from 'node:path';
import { AppError } from '../domain/errors.ts';
import { ByteSource, OLE2_MAGIC, ZIP_MAGIC, startsWith } from './bytes.ts';
import { csvRows } from './csv.ts';
import { tabulate, type RawRow, type TableRow } from './table.ts';
import { xlsxRows } from './xlsx.ts';

export type { TableRow } from './table.ts';
export { EXAMPLE_MARKER, HEADER_SEARCH_ROWS, normaliseHeader } from './table.ts';

export type TableInput = { path: string } | { stream: NodeJS.ReadableStream; name: string };

export type ReadTableOptions = {
  /** Columns the file must have (matched after {@link normaliseHeader}); missing ones → IMPORT_MISSING_COLUMNS. */
  requiredColumns: readonly string[];
  /** Optional columns the importer understands; like required ones, their values are keyed by these exact names. */
  knownColumns?: readonly string[];
  /** Called as the file is read with the bytes read so far (compare with the file size for a progress bar). */
  onBytes?: (bytesRead: number) => void;
  /** .xlsx only: the worksheet to read by name; default the first visible sheet in tab order. */
  sheet?: string;
};

const CHUNK_BYTES = 64 * 1024;

/**
 * The data rows of a roster (.xlsx or .csv), streamed: one row in memory at a time, whatever the
 * size of the file. Every file-level problem is an `AppError`:
 * - `IMPORT_UNSUPPORTED_FORMAT` — not .xlsx/.csv by extension (params `name`, and `hint` saying what to do);
 * - `IMPORT_BAD_FILE` — unreadable content (param `reason`, in Chinese, for the clerk);
 * - `IMPORT_MISSING_COLUMNS` — required columns absent from the header (param `columns`, joined with 、);
 * - `IMPORT_EMPTY_FILE` — nothing, or a header and no data rows.
 *
 * Rows: the header (row 1, or below a title of up to {@link HEADER_SEARCH_ROWS} rows) is not
 * yielded; blank rows and the template's example row (first column starts with `示例`) are skipped,
 * but every row keeps its real spreadsheet row number. Values are strings, trimmed, '' when empty —
 * see cell-format.ts for numbers, dates, booleans, formulas and errors, and csv.ts for encodings.
 *
 * Errors are thrown lazily, by the first `next()` that reaches them. Stopping early (break/return)
 * closes the file; a caller-supplied stream is consumed and destroyed.
 */
export async function* readTable(input: TableInput, opts: ReadTableOptions): AsyncGenerator<TableRow> {
  const name = 'path' in input ? basename(input.path) : input.name;
  const format = formatOf(name);
  const stream = 'path' in input ? createReadStream(input.path, { highWaterMark: CHUNK_BYTES }) : input.stream;
  const bytes = new ByteSource(stream as AsyncIterable<unknown>, opts.onBytes);
  try {
    yield* tabulate(await rawRows(bytes, format, opts.sheet), opts);
  } finally {
    await bytes.close();
  }
}

async function rawRows(bytes: ByteSource, format: 'xlsx' | 'csv', sheet: string | undefined): Promise<AsyncIterable<RawRow>> {
  const head = await bytes.peek(OLE2_MAGIC.length);
  if (head.length === 0) throw new AppError('IMPORT_EMPTY_FILE');
  if (startsWith(head, OLE2_MAGIC)) {
    throw new AppError('IMPORT_BAD_FILE', { reason: '这是旧版 .xls 文件或设置了打开密码的文件；请在 Excel 中取消密码，并“另存为” .xlsx 后再上传' });
  }
  // A workbook renamed to .csv is still a workbook: read it as one.
  if (startsWith(head, ZIP_MAGIC)) return xlsxRows(bytes, sheet);
  if (format === 'xlsx') throw new AppError('IMPORT_BAD_FILE', { reason: '文件扩展名是 .xlsx，但内容不是 Excel 工作簿；请用 Excel 打开后“另存为” .xlsx 再上传' });
  return csvRows(bytes);
}

function formatOf(name: string): 'xlsx' | 'csv' {
  const ext = extname(name).toLowerCase();
  if (ext === '.xlsx') return 'xlsx';
  if (ext === '.csv') return 'csv';
  const hint =
    ext === '.xls' || ext === '.et' || ext === '.ods' || ext === '.xlsm' || ext === '.xlsb'
      ? '请用 Excel 或 WPS 打开该文件，选择“另存为”→“Excel 工作簿（*.xlsx）”，再上传新文件'
      : '请上传 .xlsx（Excel 工作簿）或 .csv 文件，可先下载导入模板';
  throw new AppError('IMPORT_UNSUPPORTED_FORMAT', { name, hint });
}
