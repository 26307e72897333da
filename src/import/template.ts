import type ExcelJS from 'exceljs';
import { EXAMPLE_MARKER, columnLetter } from './table.ts';
import { HEADER_BORDER, HEADER_FILL, TEXT_FORMAT, columnWidth, displayWidth, writeWorkbook, type XlsxOutput } from './xlsx-write.ts';

export type TemplateColumn = {
  header: string;
  required: boolean;
  /** Excel width units; default from the header (ID-like columns 22). */
  width?: number;
  /** Shown as a comment on the header and as an input hint when a cell of the column is selected. */
  note?: string;
  /** Format the column as text (ID numbers, phone numbers, codes): typed digits stay digits. */
  text?: boolean;
  /** The value shown in the example row. */
  example?: string;
};

export type TemplateSpec = { sheetName: string; columns: readonly TemplateColumn[]; instructions: readonly string[] };

export const INSTRUCTIONS_SHEET = '填写说明';
/** Rows below the example row whose cells are pre-formatted (the whole column is formatted as well). */
export const TEMPLATE_ROWS = 2000;
/** Marks a required column in the header; readTable strips it. */
export const REQUIRED_MARK = '*';

type RangeValidations = {
  dataValidations: { add(range: string, validation: { type: 'any'; allowBlank: boolean; showInputMessage: boolean; promptTitle: string; prompt: string }): void };
};

const EXAMPLE_FONT: Partial<ExcelJS.Font> = { italic: true, color: { argb: 'FF808080' } };
const RED = { argb: 'FFC00000' };

/**
 * The import template for one kind of roster.
 *
 * Sheet `spec.sheetName`:
 * - row 1, the header: Chinese column names, required ones with a trailing red `*`, a comment with the
 *   column's `note`; frozen.
 * - row 2, the example row, grey italic. **Rule: a row whose first column starts with `示例` is an
 *   example and readTable skips it.** Its first cell reads `示例：<example>`, so the clerk sees why;
 *   the row may be left in place or deleted.
 * - text columns (`text: true`) are formatted as text (`@`) for the whole column and for the
 *   {@link TEMPLATE_ROWS} rows below the example, so an ID or phone number typed or pasted in stays text;
 *   every column with a `note` shows it as an input hint when one of those cells is selected.
 * Sheet `填写说明`: the instructions, then general rules and each column's note.
 */
export async function writeTemplate(out: XlsxOutput, spec: TemplateSpec): Promise<void> {
  const cols = spec.columns;
  const lastRow = 2 + TEMPLATE_ROWS;
  // No shared-string table: exceljs keys it by value, and every rich-text header would become the first.
  await writeWorkbook(out, { useSharedStrings: false }, async (wb) => {
    const sheet = wb.addWorksheet(spec.sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.columns = cols.map((c, i) => ({
      key: `c${i}`,
      width: c.width ?? Math.max(columnWidth(c.header + REQUIRED_MARK, { min: c.text ? 22 : 12 }), displayWidth(exampleValue(c, i)) + 2),
      ...(c.text ? { style: { numFmt: TEXT_FORMAT } } : {}),
    }));

    const header = sheet.getRow(1);
    header.height = 24;
    cols.forEach((c, i) => {
      const cell = header.getCell(i + 1);
      cell.value = c.required
        ? { richText: [{ text: c.header, font: { bold: true } }, { text: REQUIRED_MARK, font: { bold: true, color: RED } }] }
        : { richText: [{ text: c.header, font: { bold: true } }] };
      cell.fill = HEADER_FILL;
      cell.border = HEADER_BORDER;
      cell.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
      if (c.note) cell.note = c.note;
    });
    header.commit();

    const example = sheet.getRow(2);
    cols.forEach((c, i) => {
      const cell = example.getCell(i + 1);
      cell.value = exampleValue(c, i);
      cell.font = EXAMPLE_FONT;
      if (c.text) cell.numFmt = TEXT_FORMAT;
    });
    example.commit();

    // An empty row is only written when it has a height; that is what carries the cell formats.
    const textCols = cols.flatMap((c, i) => (c.text ? [i + 1] : []));
    if (textCols.length > 0) {
      for (let r = 3; r <= lastRow; r++) {
        const row = sheet.getRow(r);
        row.height = 15;
        for (const i of textCols) row.getCell(i).numFmt = TEXT_FORMAT;
        row.commit();
      }
    }

    cols.forEach((c, i) => {
      if (!c.note) return;
      const letter = columnLetter(i);
      // A range validation of type "any" carries only the input hint. (exceljs's typings omit both the
      // worksheet's `dataValidations` and the type "any"; per-cell validations would be merged into
      // overlapping ranges by its optimiser.)
      (sheet as unknown as RangeValidations).dataValidations.add(`${letter}2:${letter}${lastRow}`, {
        type: 'any',
        allowBlank: true,
        showInputMessage: true,
        promptTitle: truncate(c.header, 32),
        prompt: truncate(c.note, 255),
      });
    });
    sheet.commit();

    const help = wb.addWorksheet(INSTRUCTIONS_SHEET);
    help.columns = [
      { key: 'a', width: 24 },
      { key: 'b', width: 10 },
      { key: 'c', width: 80, style: { alignment: { wrapText: true, vertical: 'top' } } },
    ];
    const title = help.addRow([`${spec.sheetName} 填写说明`]);
    title.getCell(1).font = { bold: true, size: 14 };
    title.commit();
    for (const line of spec.instructions) help.addRow([line]).commit();
    help.addRow([]).commit();
    for (const line of generalRules(cols)) help.addRow([line]).commit();
    help.addRow([]).commit();
    const head = help.addRow(['列名', '是否必填', '说明']);
    head.eachCell((cell) => {
      cell.font = { bold: true };
      cell.fill = HEADER_FILL;
      cell.border = HEADER_BORDER;
    });
    head.commit();
    for (const c of cols) {
      help.addRow([c.header, c.required ? '必填' : '选填', [c.note, c.text ? '（文本格式）' : ''].filter(Boolean).join(' ')]).commit();
    }
    help.commit();
  });
}

function exampleValue(c: TemplateColumn, index: number): string {
  return index === 0 ? `${EXAMPLE_MARKER}：${c.example ?? ''}` : (c.example ?? '');
}

function generalRules(cols: readonly TemplateColumn[]): string[] {
  const rules = [
    `1. 列名后带 ${REQUIRED_MARK} 的列必须填写；请不要修改、删除第 1 行的列名（可以调整列的顺序）。`,
    `2. 第 2 行是示例（第一列以“${EXAMPLE_MARKER}”开头），导入时会自动跳过，可以保留，也可以删除；请从第 3 行开始填写。`,
    '3. 每行一条记录，空行会被跳过；导入结果中的“行号”就是 Excel 左侧的行号。',
  ];
  const text = cols.filter((c) => c.text).map((c) => c.header);
  if (text.length > 0) {
    rules.push(`4. ${text.join('、')}等列已设置为“文本”格式，请直接输入或粘贴数字，不要改成“常规”或“数值”格式，否则 18 位身份证号会丢失末尾数字。`);
  }
  rules.push(`${rules.length + 1}. 可以上传 .xlsx 文件，也可以另存为 CSV（UTF-8 或 Excel 默认的 GBK 编码都可以）后上传。`);
  return rules;
}

function truncate(s: string, max: number): string {
  return s.length > max ? s.slice(0, max - 1) + '…' : s;
}
