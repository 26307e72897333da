import { parse, CsvError } from 'csv-parse';
import iconv from 'iconv-lite';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { AppError } from '../domain/errors.ts';
import type { ByteSource } from './bytes.ts';
import type { RawRow } from './table.ts';

/** How much of the file the encoding sniffer looks at. */
export const SNIFF_BYTES = 64 * 1024;
/** A single record longer than this is a broken file (typically a quote that is never closed). */
export const MAX_RECORD_CHARS = 1024 * 1024;

export type CsvEncoding = 'utf-8' | 'gb18030';

/**
 * The encoding of a CSV from its first bytes. A UTF-8 BOM means UTF-8 ("CSV UTF-8" in Excel). Without
 * one, the prefix is UTF-8 if it decodes strictly as UTF-8 (cut at a character boundary so a character
 * split by the 64 KiB cut does not count against it), otherwise GB18030 — the superset of GBK and
 * GB2312, which is what a Chinese Excel writes for plain "CSV (逗号分隔)". Pure ASCII reads the same
 * either way. A UTF-16 BOM ("Unicode 文本") is refused with a hint.
 */
export function detectEncoding(prefix: Buffer, complete: boolean): { encoding: CsvEncoding; bom: boolean } {
  if (prefix[0] === 0xef && prefix[1] === 0xbb && prefix[2] === 0xbf) return { encoding: 'utf-8', bom: true };
  if ((prefix[0] === 0xff && prefix[1] === 0xfe) || (prefix[0] === 0xfe && prefix[1] === 0xff)) {
    throw new AppError('IMPORT_BAD_FILE', { reason: '文件是 UTF-16（“Unicode 文本”）格式，请在 Excel 中另存为“CSV UTF-8（逗号分隔）”或 .xlsx 后再上传' });
  }
  const sample = complete ? prefix : prefix.subarray(0, utf8Boundary(prefix));
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(sample);
    return { encoding: 'utf-8', bom: false };
  } catch {
    return { encoding: 'gb18030', bom: false };
  }
}

/** The length of `buf` without a trailing, incomplete UTF-8 sequence. */
export function utf8Boundary(buf: Buffer): number {
  // Walk back over at most 3 continuation bytes to the lead byte of the last sequence.
  for (let i = buf.length - 1, back = 0; i >= 0 && back < 4; i--, back++) {
    const b = buf[i]!;
    if ((b & 0xc0) === 0x80) continue; // continuation byte
    const need = b < 0x80 ? 1 : (b & 0xe0) === 0xc0 ? 2 : (b & 0xf0) === 0xe0 ? 3 : (b & 0xf8) === 0xf0 ? 4 : 1;
    return i + need <= buf.length ? buf.length : i;
  }
  return buf.length;
}

/** Comma, unless the first line has tabs and no commas (a tab-separated export saved as .csv). */
export function detectDelimiter(firstText: string): ',' | '\t' {
  const firstLine = firstText.split(/\r\n|\n|\r/, 1)[0] ?? '';
  return !firstLine.includes(',') && firstLine.includes('\t') ? '\t' : ',';
}

/**
 * Excel's trick for keeping a long number as text in a CSV: `="140802198506151230"`. The formula is a
 * string literal, so the cell shows the digits; we read the literal.
 */
export function unwrapExcelText(v: string): string {
  const m = /^\s*=\s*"((?:[^"]|"")*)"\s*$/s.exec(v);
  return m ? m[1]!.replace(/""/g, '"') : v;
}

/**
 * Streams a CSV into raw rows. Row numbers count records the way Excel numbers rows when it opens the
 * file: a quoted field spanning several lines is still one row, and empty lines are rows too.
 */
export async function* csvRows(bytes: ByteSource): AsyncGenerator<RawRow> {
  const prefix = await bytes.peek(SNIFF_BYTES);
  const { encoding } = detectEncoding(prefix, bytes.exhausted);
  const delimiter = detectDelimiter(decodePrefix(prefix, encoding));

  const parser = parse({
    delimiter,
    record_delimiter: ['\r\n', '\n', '\r'],
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: false,
    bom: true,
    max_record_size: MAX_RECORD_CHARS,
  });
  const feeding = pipeline(Readable.from(decode(bytes, encoding), { objectMode: false }), parser);
  // Consumed below; a failure surfaces through the parser's own iteration as well.
  feeding.catch(() => undefined);

  let rowNumber = 0;
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      rowNumber++;
      yield { rowNumber, cells: record.map(unwrapExcelText) };
    }
    await feeding;
  } catch (e) {
    throw toAppError(e, rowNumber + 1);
  } finally {
    parser.destroy();
  }
}

async function* decode(bytes: AsyncIterable<Buffer>, encoding: CsvEncoding): AsyncGenerator<string> {
  if (encoding === 'utf-8') {
    // Strict: a file that is UTF-8 at the top and GBK further down is refused rather than garbled.
    const decoder = new TextDecoder('utf-8', { fatal: true });
    let offset = 0;
    try {
      for await (const chunk of bytes) {
        const text = decoder.decode(chunk, { stream: true });
        offset += chunk.length;
        if (text !== '') yield text;
      }
      const tail = decoder.decode();
      if (tail !== '') yield tail;
    } catch (e) {
      if (e instanceof TypeError) {
        throw new AppError('IMPORT_BAD_FILE', { reason: `文件开头是 UTF-8 编码，但在约第 ${offset} 字节之后出现了其他编码的字符；请用 Excel 另存为“CSV UTF-8（逗号分隔）”或 .xlsx 后再上传` });
      }
      throw e;
    }
    return;
  }
  const decoder = iconv.getDecoder('gb18030');
  for await (const chunk of bytes) {
    const text = decoder.write(chunk);
    if (text !== '') yield text;
  }
  const tail = decoder.end();
  if (tail) yield tail;
}

function decodePrefix(prefix: Buffer, encoding: CsvEncoding): string {
  return encoding === 'utf-8' ? new TextDecoder('utf-8').decode(prefix.subarray(0, utf8Boundary(prefix))) : iconv.decode(prefix, 'gb18030');
}

function toAppError(e: unknown, rowsSeen: number): unknown {
  if (e instanceof AppError) return e;
  if (e instanceof CsvError) {
    // The parser's own count: records it completed before the broken one (ours may lag behind).
    const records = (e as CsvError & { records?: unknown }).records;
    const rowNumber = typeof records === 'number' ? records + 1 : rowsSeen;
    const where = `第 ${rowNumber} 行附近`;
    switch (e.code) {
      case 'CSV_QUOTE_NOT_CLOSED':
        return new AppError('IMPORT_BAD_FILE', { reason: `${where}有一个双引号没有配对，之后的内容无法分行` });
      case 'CSV_MAX_RECORD_SIZE':
        return new AppError('IMPORT_BAD_FILE', { reason: `${where}的一行超过 ${MAX_RECORD_CHARS} 个字符（多半是双引号没有配对）` });
      default:
        return new AppError('IMPORT_BAD_FILE', { reason: `${where}格式有误（${e.message}）` });
    }
  }
  return e;
}
