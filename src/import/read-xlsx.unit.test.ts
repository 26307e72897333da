import ExcelJS from 'exceljs';
import { createReadStream } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../domain/errors.ts';
import { readTable, type ReadTableOptions, type TableInput, type TableRow } from './read.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'jineng-test-xlsx-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function read(input: TableInput, opts: Partial<ReadTableOptions> = {}): Promise<TableRow[]> {
  const out: TableRow[] = [];
  for await (const row of readTable(input, { requiredColumns: ['姓名'], ...opts })) out.push(row);
  return out;
}

async function failure(input: TableInput, opts: Partial<ReadTableOptions> = {}): Promise<AppError> {
  try {
    await read(input, opts);
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error('expected an AppError');
}

/** Temp files of worksheets parked until the shared strings arrive: ours, and exceljs's own (`tmp-<pid>-…`). */
async function parkedSheets(): Promise<string[]> {
  return (await readdir(tmpdir())).filter((f) => f.startsWith(`jineng-xlsx-${process.pid}-`) || f.startsWith(`tmp-${process.pid}-`));
}

describe('readTable — .xlsx written by ExcelJS', () => {
  it('renders every kind of cell faithfully and keeps spreadsheet row numbers', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('花名册');
    ws.addRow(['姓名*', '公民身份号码（必填）', '身份证（数字）', '出生日期', '备注', '年龄', '称呼', '查找', '已婚', '主页', '错误', '在职', '补贴', '邮编', '报到时间']);
    ws.addRow([
      '王晓燕',
      '140802198506151230',
      140802198506151230,
      new Date(Date.UTC(1985, 5, 15)),
      { richText: [{ text: '欧阳' }, { text: '娜娜', font: { bold: true, color: { argb: 'FFFF0000' } } }, { text: ' 的同事' }] },
      { formula: 'DATEDIF(D2,TODAY(),"y")', result: 38 },
      { formula: 'A2&"同志"', result: '王晓燕同志' },
      { formula: 'VLOOKUP(A2,Z:Z,1,0)', result: { error: '#N/A' } },
      { formula: 'F2>30', result: true },
      { text: '运城市人社局', hyperlink: 'https://rsj.yuncheng.gov.cn' },
      { error: '#DIV/0!' },
      false,
      1234.5,
      44000,
      new Date(Date.UTC(2024, 0, 5, 8, 30)),
    ]);
    ws.getCell('N2').numFmt = '000000';
    ws.getCell('O2').numFmt = 'yyyy-mm-dd hh:mm';
    ws.addRow([]); // row 3: blank, skipped
    ws.addRow(['   ', '', null]); // row 4: only spaces, skipped
    const r5 = ws.getRow(5);
    r5.getCell(1).value = '  欧阳娜娜　';
    r5.getCell(4).value = 45296;
    r5.getCell(4).numFmt = 'yyyy"年"m"月"d"日"';
    r5.getCell(15).value = { formula: 'D5', result: 45296 };
    r5.getCell(15).numFmt = 'yyyy/m/d';
    await wb.xlsx.writeFile(join(dir, 'cells.xlsx'));

    const rows = await read({ path: join(dir, 'cells.xlsx') }, { requiredColumns: ['姓名', '公民身份号码'] });
    expect(rows).toEqual([
      {
        rowNumber: 2,
        values: {
          姓名: '王晓燕',
          公民身份号码: '140802198506151230',
          身份证: '1.40802E+17', // stored as a number: digits already lost, shown as Excel shows it
          出生日期: '1985-06-15',
          备注: '欧阳娜娜 的同事',
          年龄: '38',
          称呼: '王晓燕同志',
          查找: '#N/A',
          已婚: '是',
          主页: '运城市人社局',
          错误: '#DIV/0!',
          在职: '否',
          补贴: '1234.5',
          邮编: '044000',
          报到时间: '2024-01-05 08:30:00',
        },
      },
      {
        rowNumber: 5,
        values: {
          姓名: '欧阳娜娜',
          公民身份号码: '',
          身份证: '',
          出生日期: '2024-01-05',
          备注: '',
          年龄: '',
          称呼: '',
          查找: '',
          已婚: '',
          主页: '',
          错误: '',
          在职: '',
          补贴: '',
          邮编: '',
          报到时间: '2024-01-05',
        },
      },
    ]);
  });

  it('reads dates in a 1904-based workbook', async () => {
    const wb = new ExcelJS.Workbook();
    wb.properties.date1904 = true;
    wb.addWorksheet('s').addRows([['姓名', '出生日期'], ['王晓燕', new Date(Date.UTC(1985, 5, 15))]]);
    await wb.xlsx.writeFile(join(dir, '1904.xlsx'));
    expect((await read({ path: join(dir, '1904.xlsx') }))[0]?.values.出生日期).toBe('1985-06-15');
  });

  it('reads the first visible sheet by default, or the one named in opts.sheet', async () => {
    const wb = new ExcelJS.Workbook();
    const lists = wb.addWorksheet('代码表', { state: 'hidden' });
    lists.addRows([['姓名'], ['不是这张表']]);
    wb.addWorksheet('花名册').addRows([['姓名'], ['王晓燕']]);
    wb.addWorksheet('第二批').addRows([['姓名'], ['欧阳娜娜']]);
    const path = join(dir, 'sheets.xlsx');
    await wb.xlsx.writeFile(path);
    expect(await read({ path })).toEqual([{ rowNumber: 2, values: { 姓名: '王晓燕' } }]);
    expect(await read({ path }, { sheet: '第二批' })).toEqual([{ rowNumber: 2, values: { 姓名: '欧阳娜娜' } }]);
    const e = await failure({ path }, { sheet: '第三批' });
    expect(e.code).toBe('IMPORT_BAD_FILE');
    expect(e.params.reason).toBe('找不到工作表“第三批”（文件中的工作表：代码表、花名册、第二批）');
  });

  it('tolerates a title row above the header, and skips the example row', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('s');
    ws.addRow(['运城市2024年职业技能培训花名册']);
    ws.mergeCells('A1:C1');
    ws.addRow(['序号', '姓　名', '公民身份号码']);
    ws.addRow(['示例', '王晓燕', '140802198506151230']);
    ws.addRow([1, '欧阳娜娜', '14080219900101002X']);
    await wb.xlsx.writeFile(join(dir, 'title.xlsx'));
    expect(await read({ path: join(dir, 'title.xlsx') })).toEqual([{ rowNumber: 4, values: { 序号: '1', 姓名: '欧阳娜娜', 公民身份号码: '14080219900101002X' } }]);
  });

  it('reports missing columns and empty sheets', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('s').addRows([['姓名', '性别']]);
    await wb.xlsx.writeFile(join(dir, 'header-only.xlsx'));
    expect((await failure({ path: join(dir, 'header-only.xlsx') })).code).toBe('IMPORT_EMPTY_FILE');
    const e = await failure({ path: join(dir, 'header-only.xlsx') }, { requiredColumns: ['姓名', '公民身份号码', '培训工种'] });
    expect(e.code).toBe('IMPORT_MISSING_COLUMNS');
    expect(e.params.columns).toBe('公民身份号码、培训工种');

    const empty = new ExcelJS.Workbook();
    empty.addWorksheet('s');
    await empty.xlsx.writeFile(join(dir, 'empty.xlsx'));
    expect((await failure({ path: join(dir, 'empty.xlsx') })).code).toBe('IMPORT_EMPTY_FILE');
  });

  it('never garbles Chinese text split across zip chunks (exceljs’s own reader does, issue #2063)', async () => {
    for (const useSharedStrings of [false, true]) {
      const path = join(dir, `chunks-${useSharedStrings}.xlsx`);
      const w = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useSharedStrings });
      const ws = w.addWorksheet('花名册');
      ws.addRow(['姓名', '备注']).commit();
      for (let i = 0; i < 20_000; i++) ws.addRow([`欧阳娜娜${i}`, `王晓燕${'测'.repeat(i % 7)}`]).commit();
      ws.commit();
      await w.commit();

      let n = 0;
      for await (const row of readTable({ path }, { requiredColumns: ['姓名', '备注'] })) {
        expect(row.values.姓名).toBe(`欧阳娜娜${n}`);
        expect(row.values.备注).toBe(`王晓燕${'测'.repeat(n % 7)}`);
        expect(row.rowNumber).toBe(n + 2);
        n++;
      }
      expect(n).toBe(20_000);
    }
  });

  it('reads an uploaded stream, reports progress, and reads a workbook misnamed .csv', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('s').addRows([['姓名'], ['王晓燕']]);
    const path = join(dir, 'upload.xlsx');
    await wb.xlsx.writeFile(path);
    const seen: number[] = [];
    const rows = await read({ stream: createReadStream(path), name: '花名册.XLSX' }, { onBytes: (n) => seen.push(n) });
    expect(rows).toEqual([{ rowNumber: 2, values: { 姓名: '王晓燕' } }]);
    expect(seen.at(-1)).toBe((await stat(path)).size);
    await writeFile(join(dir, 'misnamed.csv'), await readFile(path));
    expect(await read({ path: join(dir, 'misnamed.csv') })).toEqual(rows);
  });

  it('refuses a damaged workbook without hanging, and leaves no temp files behind', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('s');
    ws.addRow(['姓名']);
    for (let i = 0; i < 5000; i++) ws.addRow([`王晓燕${i}`]);
    const good = await wb.xlsx.writeBuffer();
    expect(await parkedSheets()).toEqual([]); // nothing left over by the tests above either
    await writeFile(join(dir, 'truncated.xlsx'), Buffer.from(good).subarray(0, Math.floor(good.byteLength / 2)));
    expect((await failure({ path: join(dir, 'truncated.xlsx') })).code).toBe('IMPORT_BAD_FILE');
    await writeFile(join(dir, 'garbage.xlsx'), Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(4096, 7)]));
    expect((await failure({ path: join(dir, 'garbage.xlsx') })).code).toBe('IMPORT_BAD_FILE');
    expect(await parkedSheets()).toEqual([]);

    // Stopping after the first row (or failing, above) deletes the parked worksheet.
    await writeFile(join(dir, 'big.xlsx'), Buffer.from(good));
    for await (const row of readTable({ path: join(dir, 'big.xlsx') }, { requiredColumns: ['姓名'] })) {
      expect(row.values.姓名).toBe('王晓燕0');
      break;
    }
    expect(await parkedSheets()).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------
// Hand-built workbooks: the XML other generators write (WPS, .NET, Java libraries), in a zip
// whose part order we choose.

/** A minimal stored (uncompressed) zip. */
function zip(files: readonly (readonly [string, string])[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, content] of files) {
    const data = Buffer.from(content, 'utf8');
    const nameBuf = Buffer.from(name, 'utf8');
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBuf.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBuf.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBuf, data);
    centrals.push(central, nameBuf);
    offset += local.length + nameBuf.length + data.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(files.length, 8);
  end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

const NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';

type PartOrder = 'excel' | 'strings-first' | 'styles-last';

/** A workbook with one sheet; `order` is where the worksheet sits among the other parts. */
function handBuilt(sheetXml: string, opts: { sharedStrings?: string; stylesXml?: string; order?: PartOrder } = {}): Buffer {
  const workbook = `<?xml version="1.0" encoding="UTF-8"?><workbook ${NS}><sheets><sheet name="花名册" sheetId="1" r:id="rId1"/></sheets></workbook>`;
  const rels = `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="/xl/worksheets/sheet1.xml"/></Relationships>`;
  const sst: [string, string] = ['xl/sharedStrings.xml', `<?xml version="1.0" encoding="UTF-8"?><sst ${NS}>${opts.sharedStrings ?? ''}</sst>`];
  const styles: [string, string] = ['xl/styles.xml', `<?xml version="1.0" encoding="UTF-8"?><styleSheet ${NS}>${opts.stylesXml ?? ''}</styleSheet>`];
  const sheet: [string, string] = ['xl/worksheets/sheet1.xml', `<?xml version="1.0" encoding="UTF-8"?>${sheetXml}`];
  const head: [string, string][] = [
    ['xl/workbook.xml', workbook],
    ['xl/_rels/workbook.xml.rels', rels],
  ];
  const order = opts.order ?? 'excel';
  const parts = order === 'excel' ? [sheet, styles, sst] : order === 'strings-first' ? [sst, styles, sheet] : [sst, sheet, styles];
  return zip([...head, ...parts]);
}

describe('readTable — .xlsx from other generators', () => {
  const styles =
    '<numFmts count="1"><numFmt numFmtId="176" formatCode="yyyy&quot;年&quot;m&quot;月&quot;"/></numFmts>' +
    '<cellStyleXfs count="1"><xf numFmtId="14"/></cellStyleXfs>' +
    '<cellXfs count="4"><xf numFmtId="0"/><xf numFmtId="31"/><xf numFmtId="176"/><xf numFmtId="49"/></cellXfs>';
  const shared =
    '<si><t>姓名</t></si><si><t>公民身份号码</t></si>' +
    '<si><r><t>欧阳</t></r><r><rPr><b/></rPr><t>娜娜</t></r></si>' +
    '<si><t>王晓燕</t><rPh sb="0" eb="3"><t>wáng xiǎo yàn</t></rPh><phoneticPr fontId="1"/></si>' +
    '<si><t xml:space="preserve">第一行_x000D_\n第二行 &amp; &lt;备注&gt;</t></si>';

  // 'excel': the worksheet goes by before the strings and formats, so it is parked in a temp file;
  // the zip is stored (uncompressed), the case where unzipper used to drop the parts after it.
  for (const order of ['excel', 'strings-first', 'styles-last'] as const) {
    it(`reads shared, inline and rich strings, built-in Chinese date formats, prefixed tags and missing refs (parts in ${order} order)`, async () => {
      const sheet =
        `<x:worksheet ${NS.replace('xmlns=', 'xmlns:x=')}><x:sheetData>` +
        '<x:row r="1"><x:c r="A1" t="s"><x:v>0</x:v></x:c><x:c r="B1" t="s"><x:v>1</x:v></x:c><x:c r="C1" t="inlineStr"><x:is><x:t>出生日期</x:t></x:is></x:c><x:c r="D1" t="inlineStr"><x:is><x:t>入职</x:t></x:is></x:c><x:c r="E1" t="inlineStr"><x:is><x:t>备注</x:t></x:is></x:c></x:row>' +
        '<x:row r="2"><x:c r="A2" t="s"><x:v>2</x:v></x:c><x:c r="B2" s="3" t="inlineStr"><x:is><x:r><x:t>14080219</x:t></x:r><x:r><x:t>8506151230</x:t></x:r></x:is></x:c><x:c r="C2" s="1"><x:v>31213</x:v></x:c><x:c r="D2" s="2"><x:v>45296</x:v></x:c><x:c r="E2" t="s"><x:v>4</x:v></x:c></x:row>' +
        // a row and cells without r attributes: the next row, columns left to right
        '<x:row><x:c t="s"><x:v>3</x:v></x:c><x:c t="str"><x:f>"1"&amp;"2"</x:f><x:v>12</x:v></x:c><x:c t="d"><x:v>2024-01-05T00:00:00Z</x:v></x:c></x:row>' +
        '</x:sheetData></x:worksheet>';
      const path = join(dir, `hand-${order}.xlsx`);
      await writeFile(path, handBuilt(sheet, { sharedStrings: shared, stylesXml: styles, order }));
      expect(await read({ path })).toEqual([
        { rowNumber: 2, values: { 姓名: '欧阳娜娜', 公民身份号码: '140802198506151230', 出生日期: '1985-06-15', 入职: '2024-01-05', 备注: '第一行\r\n第二行 & <备注>' } },
        { rowNumber: 3, values: { 姓名: '王晓燕', 公民身份号码: '12', 出生日期: '2024-01-05', 入职: '', 备注: '' } },
      ]);
    });
  }

  it('refuses a cell whose shared string is missing instead of reading it as empty', async () => {
    const path = join(dir, 'no-strings.xlsx');
    await writeFile(path, handBuilt(`<worksheet ${NS}><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData></worksheet>`, { order: 'strings-first' }));
    const e = await failure({ path });
    expect(e.code).toBe('IMPORT_BAD_FILE');
    expect(e.params.reason).toContain('A1');
  });

  it('refuses malformed sheet XML as a bad file', async () => {
    const path = join(dir, 'malformed.xlsx');
    await writeFile(path, handBuilt(`<worksheet ${NS}><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>姓名</t></is></c></row><row r="2"><c r="A2"><v>1</c></row></sheetData></worksheet>`));
    const e = await failure({ path });
    expect(e.code).toBe('IMPORT_BAD_FILE');
  });
});
