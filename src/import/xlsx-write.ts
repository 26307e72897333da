import ExcelJS from 'exceljs';
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { unlink } from 'node:fs/promises';
import type { Stream } from 'node:stream';

/** Where a generated workbook goes. A caller's stream is ended when the workbook is complete. */
export type XlsxOutput = { path: string } | { stream: NodeJS.WritableStream };

/**
 * Runs `build` against a streaming workbook writer and commits it. A failing destination (a missing
 * directory, a full disk, a closed response) rejects instead of hanging or crashing the process, and a
 * half-written file at `path` is removed.
 */
export async function writeWorkbook(
  out: XlsxOutput,
  opts: { useSharedStrings: boolean },
  build: (wb: ExcelJS.stream.xlsx.WorkbookWriter) => Promise<void>,
): Promise<void> {
  const file = 'path' in out ? createWriteStream(out.path) : undefined;
  const target: NodeJS.WritableStream = file ?? (out as { stream: NodeJS.WritableStream }).stream;
  let rejectOnError: (e: unknown) => void = () => undefined;
  const failed = new Promise<never>((_, reject) => {
    rejectOnError = reject;
  });
  failed.catch(() => undefined);
  const onError = (e: unknown) => rejectOnError(e);
  target.on('error', onError);
  const closed = file ? once(file, 'close') : Promise.resolve();
  closed.catch(() => undefined);
  try {
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: target as unknown as Stream, useStyles: true, useSharedStrings: opts.useSharedStrings });
    await Promise.race([build(wb), failed]);
    await Promise.race([wb.commit(), failed]);
    await Promise.race([closed, failed]);
  } catch (e) {
    if (file) {
      // Wait for the descriptor to close (an open still in flight would recreate the file), then delete.
      if (!file.closed) {
        const gone = once(file, 'close').catch(() => undefined);
        file.destroy();
        await gone;
      }
      await unlink(file.path).catch(() => undefined);
    }
    throw e;
  } finally {
    target.removeListener('error', onError);
  }
}

/** Lets the zip writer drain between batches of rows, so a long report is not buffered whole. */
export function breathe(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** Excel's column width unit is about one Latin character; a Chinese character takes two. */
export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    const wide =
      (c >= 0x1100 && c <= 0x115f) ||
      (c >= 0x2e80 && c <= 0xa4cf) ||
      (c >= 0xac00 && c <= 0xd7a3) ||
      (c >= 0xf900 && c <= 0xfaff) ||
      (c >= 0xfe30 && c <= 0xfe4f) ||
      (c >= 0xff00 && c <= 0xff60) ||
      (c >= 0xffe0 && c <= 0xffe6) ||
      c >= 0x20000;
    w += wide ? 2 : 1;
  }
  return w;
}

/** Column headers whose values are long digit strings that must never become numbers. */
export function looksLikeIdColumn(header: string): boolean {
  return /身份|证件|证号|号码|卡号|账号|帐号|电话|手机|代码|编码|编号|学号|工号|社保|ID/i.test(header);
}

/** A width (in Excel units) that fits the header and typical content, within sensible bounds. */
export function columnWidth(header: string, hint?: { min?: number; max?: number }): number {
  const min = hint?.min ?? (looksLikeIdColumn(header) ? 22 : 12);
  return Math.min(hint?.max ?? 60, Math.max(min, displayWidth(header) + 4));
}

/** Excel refuses a cell longer than this. */
export const MAX_CELL_CHARS = 32_767;

export function cellText(v: string | undefined): string {
  const s = v ?? '';
  return s.length > MAX_CELL_CHARS ? s.slice(0, MAX_CELL_CHARS) : s;
}

export const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
export const PROBLEM_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFC7CE' } };
export const HEADER_BORDER: Partial<ExcelJS.Borders> = { bottom: { style: 'thin', color: { argb: 'FF9BC2E6' } } };
export const TEXT_FORMAT = '@';
