import fc from 'fast-check';
import iconv from 'iconv-lite';
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../domain/errors.ts';
import { detectEncoding, unwrapExcelText, utf8Boundary } from './csv.ts';
import { readTable, type TableRow } from './read.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'jineng-csv-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const REQUIRED = ['姓名', '公民身份号码'] as const;

async function file(name: string, content: string | Buffer): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, content);
  return path;
}

async function read(input: Parameters<typeof readTable>[0], requiredColumns: readonly string[] = REQUIRED): Promise<TableRow[]> {
  const out: TableRow[] = [];
  for await (const row of readTable(input, { requiredColumns })) out.push(row);
  return out;
}

async function failure(input: Parameters<typeof readTable>[0], requiredColumns: readonly string[] = REQUIRED): Promise<AppError> {
  try {
    await read(input, requiredColumns);
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error('expected an AppError');
}

/** A stream that hands over `buf` in `size`-byte pieces, so multi-byte characters straddle chunks. */
function trickle(buf: Buffer, size: number): Readable {
  const pieces: Buffer[] = [];
  for (let i = 0; i < buf.length; i += size) pieces.push(buf.subarray(i, i + size));
  return Readable.from(pieces, { objectMode: false });
}

const ROSTER = '姓名,公民身份号码,联系电话\r\n王晓燕,140802198506151230,13812345678\r\n欧阳娜娜,14080219900101002X,\r\n';
const EXPECTED = [
  { rowNumber: 2, values: { 姓名: '王晓燕', 公民身份号码: '140802198506151230', 联系电话: '13812345678' } },
  { rowNumber: 3, values: { 姓名: '欧阳娜娜', 公民身份号码: '14080219900101002X', 联系电话: '' } },
];

describe('readTable — CSV encodings', () => {
  it('reads GB18030/GBK (what a Chinese Excel writes) with names intact', async () => {
    const gbk = iconv.encode(ROSTER + '𠮷野家,1,\r\n', 'gb18030'); // 𠮷 is a 4-byte GB18030 character
    expect(gbk.includes(Buffer.from('王晓燕'))).toBe(false); // really not UTF-8
    const rows = await read({ path: await file('gbk.csv', gbk) });
    expect(rows.slice(0, 2)).toEqual(EXPECTED);
    expect(rows[2]?.values.姓名).toBe('𠮷野家');
  });

  it('reads UTF-8 with a BOM (Excel’s “CSV UTF-8”) and without one', async () => {
    expect(await read({ path: await file('bom.csv', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(ROSTER)])) })).toEqual(EXPECTED);
    expect(await read({ path: await file('plain.CSV', ROSTER) })).toEqual(EXPECTED);
  });

  it('decodes characters split across chunks, in both encodings', async () => {
    for (const encoding of ['utf-8', 'gb18030']) {
      const bytes = iconv.encode(ROSTER, encoding);
      for (const size of [1, 2, 3, 5]) {
        expect(await read({ stream: trickle(bytes, size), name: 'upload.csv' })).toEqual(EXPECTED);
      }
    }
  });

  it('sniffs GBK even when the 64 KiB sample ends in the middle of a character', async () => {
    const padding = 'a'.repeat(64 * 1024 - 1); // the sample ends one byte into 王
    const bytes = iconv.encode(`姓名,公民身份号码,备注\n王晓燕,1,${padding}王\n`, 'gb18030');
    const rows = await read({ path: await file('gbk-long.csv', bytes) });
    expect(rows[0]?.values.备注).toBe(`${padding}王`);
  });

  it('refuses a file that is UTF-8 at the top and GBK further down instead of garbling it', async () => {
    const top = Buffer.from(`name,id\n${'x,1\n'.repeat(20_000)}`);
    const bottom = iconv.encode('王晓燕,2\n', 'gbk');
    const e = await failure({ path: await file('mixed.csv', Buffer.concat([top, bottom])) }, ['name', 'id']);
    expect(e.code).toBe('IMPORT_BAD_FILE');
    expect(String(e.params.reason)).toContain('UTF-8');
  });

  it('refuses UTF-16 with a hint', async () => {
    const e = await failure({ path: await file('u16.csv', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(ROSTER, 'utf16le')])) });
    expect(e.code).toBe('IMPORT_BAD_FILE');
    expect(String(e.params.reason)).toContain('UTF-16');
  });

  it('cuts the UTF-8 sample at a character boundary', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), fc.nat(), (s, at) => {
        const buf = Buffer.from(s, 'utf8');
        const cut = buf.subarray(0, buf.length === 0 ? 0 : at % (buf.length + 1));
        const ok = cut.subarray(0, utf8Boundary(cut));
        expect(() => new TextDecoder('utf-8', { fatal: true }).decode(ok)).not.toThrow();
        expect(cut.length - ok.length).toBeLessThanOrEqual(3);
        expect(detectEncoding(cut, false).encoding).toBe('utf-8');
      }),
    );
  });
});

describe('readTable — CSV content', () => {
  it('handles quoted fields with commas, quotes and line breaks; a multi-line record is one row', async () => {
    const csv = '姓名,公民身份号码,地址\n"王晓燕","1","运城市盐湖区, 解放路""8号"""\n"欧阳娜娜",2,"第一行\r\n第二行"\n李四,3,x\n';
    expect(await read({ path: await file('quoted.csv', csv) })).toEqual([
      { rowNumber: 2, values: { 姓名: '王晓燕', 公民身份号码: '1', 地址: '运城市盐湖区, 解放路"8号"' } },
      { rowNumber: 3, values: { 姓名: '欧阳娜娜', 公民身份号码: '2', 地址: '第一行\r\n第二行' } },
      { rowNumber: 4, values: { 姓名: '李四', 公民身份号码: '3', 地址: 'x' } },
    ]);
  });

  it('unwraps ="…" (Excel’s keep-as-text trick), quoted or not', async () => {
    const csv = '姓名,公民身份号码,联系电话\n王晓燕,="140802198506151230","=""13812345678"""\n';
    expect(await read({ path: await file('eq.csv', csv) })).toEqual([
      { rowNumber: 2, values: { 姓名: '王晓燕', 公民身份号码: '140802198506151230', 联系电话: '13812345678' } },
    ]);
    expect(unwrapExcelText('="a""b"')).toBe('a"b');
    expect(unwrapExcelText('=A1+1')).toBe('=A1+1');
    expect(unwrapExcelText('x="1"')).toBe('x="1"');
  });

  it('tolerates short and long rows, stray quotes, blank lines (counted), mixed line endings and tabs', async () => {
    const csv = '姓名,公民身份号码,备注\r\n王晓燕,1\r\n\r\n王"小"明,2,a,extra\n,,\r欧阳娜娜,3,b';
    expect(await read({ path: await file('ragged.csv', csv) })).toEqual([
      { rowNumber: 2, values: { 姓名: '王晓燕', 公民身份号码: '1', 备注: '' } },
      { rowNumber: 4, values: { 姓名: '王"小"明', 公民身份号码: '2', 备注: 'a' } },
      { rowNumber: 6, values: { 姓名: '欧阳娜娜', 公民身份号码: '3', 备注: 'b' } },
    ]);
    expect(await read({ path: await file('tabs.csv', '姓名\t公民身份号码\n王晓燕\t1\n') })).toEqual([{ rowNumber: 2, values: { 姓名: '王晓燕', 公民身份号码: '1' } }]);
  });

  it('skips the template’s example row', async () => {
    const csv = '姓名*,公民身份号码*\n示例：王晓燕,140802198506151230\n欧阳娜娜,1\n';
    expect(await read({ path: await file('example.csv', csv) })).toEqual([{ rowNumber: 3, values: { 姓名: '欧阳娜娜', 公民身份号码: '1' } }]);
  });

  it('reports an unclosed quote with the row', async () => {
    const e = await failure({ path: await file('unclosed.csv', '姓名,公民身份号码\n王晓燕,1\n"欧阳娜娜,2\n李四,3\n') });
    expect(e.code).toBe('IMPORT_BAD_FILE');
    expect(String(e.params.reason)).toContain('第 3 行');
  });
});

describe('readTable — file-level errors', () => {
  it('names missing required columns', async () => {
    const e = await failure({ path: await file('missing.csv', '姓名,性别\n王晓燕,女\n') }, ['姓名', '公民身份号码', '联系电话']);
    expect(e.code).toBe('IMPORT_MISSING_COLUMNS');
    expect(e.params.columns).toBe('公民身份号码、联系电话');
  });

  it('reports empty files: zero bytes, a header only, blank lines only', async () => {
    for (const [name, content] of [
      ['zero.csv', ''],
      ['header.csv', '姓名,公民身份号码\r\n'],
      ['blank.csv', '\n\n,\n'],
    ]) {
      expect((await failure({ path: await file(name!, content!) })).code, name).toBe('IMPORT_EMPTY_FILE');
    }
  });

  it('refuses .xls and unknown extensions with a hint, before touching the file', async () => {
    for (const name of ['roster.xls', 'roster.XLS', 'roster.txt', 'roster']) {
      const e = await failure({ path: join(dir, 'does-not-exist', name) });
      expect(e.code).toBe('IMPORT_UNSUPPORTED_FORMAT');
      expect(e.params.name).toBe(name);
      expect(String(e.params.hint)).toMatch(/xlsx/);
    }
  });

  it('refuses a legacy/encrypted workbook and a .xlsx that is not a workbook', async () => {
    const ole = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(512)]);
    expect((await failure({ path: await file('old.xlsx', ole) })).params.reason).toMatch(/xls/);
    expect((await failure({ path: await file('renamed.csv', ole) })).code).toBe('IMPORT_BAD_FILE');
    const e = await failure({ path: await file('text.xlsx', ROSTER) });
    expect(e.code).toBe('IMPORT_BAD_FILE');
  });

  it('reports progress in bytes up to the file size', async () => {
    const path = await file('progress.csv', ROSTER + '李四,3,\n'.repeat(50_000));
    const seen: number[] = [];
    for await (const _ of readTable({ path }, { requiredColumns: REQUIRED, onBytes: (n) => seen.push(n) })) {
      // consume
    }
    expect(seen.length).toBeGreaterThan(1);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    expect(seen.at(-1)).toBe((await stat(path)).size);
  });

  it('stops reading when the caller stops', async () => {
    const source = trickle(Buffer.from(ROSTER.repeat(1000)), 64);
    for await (const row of readTable({ stream: source, name: 'a.csv' }, { requiredColumns: REQUIRED })) {
      expect(row.rowNumber).toBe(2);
      break;
    }
    expect(source.destroyed).toBe(true);
  });
});
