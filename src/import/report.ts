import type ExcelJS from 'exceljs';
import {
  HEADER_BORDER,
  HEADER_FILL,
  PROBLEM_FILL,
  TEXT_FORMAT,
  breathe,
  cellText,
  columnWidth,
  writeWorkbook,
  type XlsxOutput,
} from './xlsx-write.ts';

export type { XlsxOutput } from './xlsx-write.ts';

/** One problem with one row. A row with two problems is two of these. */
export type RejectedRow = { rowNumber: number; field: string; reason: string; values: Record<string, string> };

export type ImportSummary = { total: number; stored: number; rejected: number; unchanged: number; title: string };

export const REJECTED_SHEET = '未通过的行';
export const SUMMARY_SHEET = '汇总';
export const REPORT_COLUMNS = ['行号', '字段', '原因'] as const;

/**
 * The "rows that did not pass" workbook a clerk downloads after an import, written as a stream.
 *
 * Sheet `未通过的行`: 行号, 字段, 原因, then the file's own columns with the row's original values, one
 * line per problem, the cell at fault shaded. The clerk fixes the values and uploads this file again:
 * readTable reads it like any roster (the three extra columns are just unknown columns). Every
 * original column is formatted as text and every value written as a string, so an 18-digit ID
 * number can neither be shown as `1.40802E+17` nor lose digits when edited.
 *
 * Sheet `汇总`: the counts, in Chinese.
 */
export async function writeRejectedReport(
  out: XlsxOutput,
  columns: readonly string[],
  rejected: AsyncIterable<RejectedRow> | Iterable<RejectedRow>,
  summary: ImportSummary,
): Promise<void> {
  await writeWorkbook(out, { useSharedStrings: false }, async (wb) => {
    const sheet = wb.addWorksheet(REJECTED_SHEET, { views: [{ state: 'frozen', xSplit: 1, ySplit: 1 }] });
    sheet.columns = [
      { key: '行号', width: 8 },
      { key: '字段', width: 16 },
      { key: '原因', width: 48, style: { alignment: { wrapText: true, vertical: 'top' } } },
      ...columns.map((c) => ({ key: `col:${c}`, width: columnWidth(c), style: { numFmt: TEXT_FORMAT } })),
    ];
    const header = sheet.addRow([...REPORT_COLUMNS, ...columns]);
    styleHeader(header);
    header.commit();

    let problems = 0;
    for await (const r of rejected) {
      const row = sheet.addRow([r.rowNumber, cellText(r.field), cellText(r.reason), ...columns.map((c) => cellText(r.values[c]))]);
      const at = columns.indexOf(r.field);
      if (at >= 0) row.getCell(REPORT_COLUMNS.length + 1 + at).fill = PROBLEM_FILL;
      row.commit();
      if (++problems % 1000 === 0) await breathe();
    }
    sheet.commit();

    const sum = wb.addWorksheet(SUMMARY_SHEET);
    sum.columns = [
      { key: 'k', width: 24 },
      { key: 'v', width: Math.max(16, Math.min(80, summary.title.length * 2 + 4)) },
    ];
    const lines: [string, string | number][] = [
      ['文件', summary.title],
      ['总行数', summary.total],
      ['已入库', summary.stored],
      ['未变化（重复导入）', summary.unchanged],
      ['未通过', summary.rejected],
      ['问题条数（见“未通过的行”）', problems],
    ];
    for (const [k, v] of lines) {
      const row = sum.addRow([k, v]);
      row.getCell(1).font = { bold: true };
      row.getCell(2).alignment = { horizontal: 'left' };
      row.commit();
    }
    sum.addRow([]).commit();
    sum.addRow(['说明', '一行有几个问题，就在“未通过的行”中出现几次；改正其中的数据后，可直接上传该文件重新导入。']).commit();
    sum.commit();
  });
}

function styleHeader(row: ExcelJS.Row): void {
  row.height = 22;
  row.eachCell((cell) => {
    cell.font = { bold: true };
    cell.fill = HEADER_FILL;
    cell.border = HEADER_BORDER;
    cell.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
  });
}
