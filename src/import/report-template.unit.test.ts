import ExcelJS from 'exceljs';
import { createWriteStream } from 'node:fs';
import { access, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../domain/errors.ts';
import { readTable, type TableRow } from './read.ts';
import { writeRejectedReport, type RejectedRow } from './report.ts';
import { TEMPLATE_ROWS, writeTemplate, type TemplateSpec } from './template.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'jineng-test-report-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function readAll(path: string, requiredColumns: readonly string[]): Promise<TableRow[]> {
  const out: TableRow[] = [];
  for await (const row of readTable({ path }, { requiredColumns })) out.push(row);
  return out;
}

async function load(path: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  return wb;
}

function sheet(wb: ExcelJS.Workbook, name: string): ExcelJS.Worksheet {
  const ws = wb.getWorksheet(name);
  if (!ws) throw new Error(`no sheet ${name}`);
  return ws;
}

const SPEC: TemplateSpec = {
  sheetName: '劳动者花名册',
  columns: [
    { header: '姓名', required: true, example: '王晓燕', note: '与身份证上的姓名一致' },
    { header: '公民身份号码', required: true, text: true, example: '140802198506151230', note: '18 位，末位可以是 X' },
    { header: '联系电话', required: false, text: true, example: '13812345678' },
    { header: '培训工种', required: false, example: '中式烹调师', width: 20 },
  ],
  instructions: ['本表用于登记参加补贴性职业技能培训的劳动者。', '一个人只填一行。'],
};

describe('writeTemplate', () => {
  it('writes a template readTable understands: headers, example row skipped, text columns kept as text', async () => {
    const path = join(dir, 'template.xlsx');
    await writeTemplate({ path }, SPEC);

    const wb = await load(path);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['劳动者花名册', '填写说明']);
    const ws = sheet(wb, '劳动者花名册');
    const headerText = (c: number) => (ws.getCell(1, c).value as ExcelJS.CellRichTextValue).richText.map((r) => r.text).join('');
    expect([1, 2, 3, 4].map(headerText)).toEqual(['姓名*', '公民身份号码*', '联系电话', '培训工种']);
    expect(ws.getCell(1, 1).font?.bold ?? (ws.getCell(1, 1).value as ExcelJS.CellRichTextValue).richText[0]?.font?.bold).toBe(true);
    expect(ws.getCell('A1').note).toBe('与身份证上的姓名一致');
    expect(ws.getCell('B5').dataValidation).toMatchObject({ showInputMessage: true, prompt: '18 位，末位可以是 X' });
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ws.getColumn(4).width).toBe(20);

    // the example row
    expect(ws.getCell('A2').value).toBe('示例：王晓燕');
    expect(ws.getCell('B2').value).toBe('140802198506151230');
    expect(ws.getCell('A2').font).toMatchObject({ italic: true, color: { argb: 'FF808080' } });

    // text format: the whole column, and each of the rows below the example
    for (const ref of ['B2', 'B3', `B${2 + TEMPLATE_ROWS}`, 'C3', `C${2 + TEMPLATE_ROWS}`]) expect(ws.getCell(ref).numFmt, ref).toBe('@');
    expect(ws.getColumn(2).numFmt).toBe('@');
    expect(ws.getCell('A3').numFmt).not.toBe('@');

    const help = sheet(wb, '填写说明');
    const lines = help.getColumn(1).values.filter((v): v is string => typeof v === 'string');
    expect(lines).toContain('本表用于登记参加补贴性职业技能培训的劳动者。');
    expect(lines.some((l) => l.includes('示例'))).toBe(true);

    // As downloaded: only the example row, so nothing to import.
    await expect(readAll(path, ['姓名', '公民身份号码'])).rejects.toMatchObject({ code: 'IMPORT_EMPTY_FILE' });
  });

  it('round-trips: a filled-in template reads back exactly the rows the clerk filled', async () => {
    const template = join(dir, 'template-rt.xlsx');
    await writeTemplate({ path: template }, SPEC);
    const wb = await load(template);
    const ws = sheet(wb, '劳动者花名册');
    ws.getRow(3).values = ['欧阳娜娜', '14080219900101002X', '13912345678', '育婴员'];
    ws.getRow(4).values = ['王晓燕', '140802198506151230', '', ''];
    ws.getRow(6).values = ['李四', '142701199912310011', '03592345678', '电工'];
    const filled = join(dir, 'filled.xlsx');
    await wb.xlsx.writeFile(filled);

    expect(await readAll(filled, ['姓名', '公民身份号码'])).toEqual([
      { rowNumber: 3, values: { 姓名: '欧阳娜娜', 公民身份号码: '14080219900101002X', 联系电话: '13912345678', 培训工种: '育婴员' } },
      { rowNumber: 4, values: { 姓名: '王晓燕', 公民身份号码: '140802198506151230', 联系电话: '', 培训工种: '' } },
      { rowNumber: 6, values: { 姓名: '李四', 公民身份号码: '142701199912310011', 联系电话: '03592345678', 培训工种: '电工' } },
    ]);
  });
});

describe('writeRejectedReport', () => {
  const columns = ['姓名', '公民身份号码', '出生日期'];
  const problems: RejectedRow[] = [
    { rowNumber: 3, field: '公民身份号码', reason: '校验位不正确', values: { 姓名: '欧阳娜娜', 公民身份号码: '140802199001010021', 出生日期: '1990-01-01' } },
    { rowNumber: 5, field: '公民身份号码', reason: '是 1.40802E+17：请把该列设为文本格式后重新填写', values: { 姓名: '王晓燕', 公民身份号码: '1.40802E+17', 出生日期: '' } },
    { rowNumber: 5, field: '出生日期', reason: '必填', values: { 姓名: '王晓燕', 公民身份号码: '1.40802E+17', 出生日期: '' } },
  ];
  const summary = { total: 120, stored: 100, unchanged: 18, rejected: 2, title: '盐湖区2024年第3期花名册.xlsx' };

  async function* slowly(): AsyncGenerator<RejectedRow> {
    for (const p of problems) {
      await new Promise((r) => setImmediate(r));
      yield p;
    }
  }

  it('writes one line per problem with the original values as text, and a Chinese summary', async () => {
    const path = join(dir, 'rejected.xlsx');
    await writeRejectedReport({ path }, columns, slowly(), summary);

    const wb = await load(path);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['未通过的行', '汇总']);
    const ws = sheet(wb, '未通过的行');
    expect(ws.getRow(1).values).toEqual([undefined, '行号', '字段', '原因', '姓名', '公民身份号码', '出生日期']);
    expect(ws.getCell('A1').font?.bold).toBe(true);
    expect(ws.getCell('A1').fill).toMatchObject({ type: 'pattern', pattern: 'solid' });
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ws.rowCount).toBe(4);
    expect(ws.getRow(2).values).toEqual([undefined, 3, '公民身份号码', '校验位不正确', '欧阳娜娜', '140802199001010021', '1990-01-01']);
    expect(ws.getRow(3).values).toEqual([undefined, 5, '公民身份号码', '是 1.40802E+17：请把该列设为文本格式后重新填写', '王晓燕', '1.40802E+17']);
    expect(ws.getRow(4).getCell(2).value).toBe('出生日期');
    const id = ws.getCell('E2');
    expect(id.type).toBe(ExcelJS.ValueType.String); // never a number
    expect(id.numFmt).toBe('@');
    expect(ws.getColumn(5).numFmt).toBe('@');
    expect(ws.getCell('E2').fill).toMatchObject({ type: 'pattern' }); // the cell at fault is shaded
    expect(ws.getColumn(5).width).toBeGreaterThanOrEqual(20);

    const sum = sheet(wb, '汇总');
    const pairs = Object.fromEntries([1, 2, 3, 4, 5, 6].map((r) => [sum.getCell(r, 1).value, sum.getCell(r, 2).value]));
    expect(pairs).toEqual({ 文件: summary.title, 总行数: 120, 已入库: 100, '未变化（重复导入）': 18, 未通过: 2, '问题条数（见“未通过的行”）': 3 });
  });

  it('can be fixed and re-imported: readTable reads it like a roster', async () => {
    const path = join(dir, 'reimport.xlsx');
    await writeRejectedReport({ path }, columns, problems, summary);
    const rows = await readAll(path, ['姓名', '公民身份号码']);
    expect(rows.map((r) => [r.rowNumber, r.values.姓名, r.values.公民身份号码, r.values.行号])).toEqual([
      [2, '欧阳娜娜', '140802199001010021', '3'],
      [3, '王晓燕', '1.40802E+17', '5'],
      [4, '王晓燕', '1.40802E+17', '5'],
    ]);
  });

  it('writes to a stream, and ends it', async () => {
    const path = join(dir, 'streamed.xlsx');
    const out = createWriteStream(path);
    const closed = new Promise<void>((r) => out.on('close', () => r()));
    await writeRejectedReport({ stream: out }, columns, [], { ...summary, rejected: 0 });
    await closed;
    await expect(readAll(path, ['姓名'])).rejects.toMatchObject({ code: 'IMPORT_EMPTY_FILE' });
    expect(sheet(await load(path), '汇总').getCell('B6').value).toBe(0);
  });

  it('fails cleanly — no hang, no half-written file', async () => {
    await expect(writeRejectedReport({ path: join(dir, 'no-such-dir', 'r.xlsx') }, columns, problems, summary)).rejects.toMatchObject({ code: 'ENOENT' });
    const path = join(dir, 'broken.xlsx');
    async function* failing(): AsyncGenerator<RejectedRow> {
      yield problems[0]!;
      throw new AppError('INTERNAL', { requestId: 'x' });
    }
    await expect(writeRejectedReport({ path }, columns, failing(), summary)).rejects.toBeInstanceOf(AppError);
    await expect(access(path)).rejects.toMatchObject({ code: 'ENOENT' });
  });
});
