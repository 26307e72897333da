import { describe, expect, it } from 'vitest';
import { AppError } from '../domain/errors.ts';
import { columnLetter, normaliseHeader, tabulate, type RawRow, type TableRow } from './table.ts';

async function* rows(...cells: (readonly string[])[]): AsyncGenerator<RawRow> {
  let n = 0;
  for (const c of cells) yield { rowNumber: ++n, cells: c };
}

async function collect(it: AsyncIterable<TableRow>): Promise<TableRow[]> {
  const out: TableRow[] = [];
  for await (const r of it) out.push(r);
  return out;
}

async function failure(it: AsyncIterable<TableRow>): Promise<AppError> {
  try {
    await collect(it);
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error('expected an AppError');
}

describe('normaliseHeader', () => {
  it('strips spaces of every kind, required markers and bracketed notes', () => {
    expect(normaliseHeader(' 公民身份号码（必填） ')).toBe('公民身份号码');
    expect(normaliseHeader('公民身份号码(必填)')).toBe('公民身份号码');
    expect(normaliseHeader('姓　名*')).toBe('姓名');
    expect(normaliseHeader('*姓名')).toBe('姓名');
    expect(normaliseHeader('姓名＊【必填】')).toBe('姓名');
    expect(normaliseHeader('出生日期\n(YYYY-MM-DD)')).toBe('出生日期');
    expect(normaliseHeader('联系电话*（必填）')).toBe('联系电话');
    expect(normaliseHeader('（备注）')).toBe('（备注）'); // a header that is only a note stays
    expect(normaliseHeader('   ')).toBe('');
  });
});

describe('tabulate', () => {
  const opts = { requiredColumns: ['姓名', '公民身份号码'], knownColumns: ['联系电话'] };

  it('keys values by the caller’s column names, trims them, skips blank rows but keeps row numbers', async () => {
    const out = await collect(
      tabulate(
        rows(['姓名*', '公民身份号码（必填）', '联系电话', '籍贯 '], ['  王晓燕 ', '140802198506151230', '', '山西运城'], ['', '  ', ''], ['　欧阳娜娜　', '1', '138', '']),
        opts,
      ),
    );
    expect(out).toEqual([
      { rowNumber: 2, values: { 姓名: '王晓燕', 公民身份号码: '140802198506151230', 联系电话: '', 籍贯: '山西运城' } },
      { rowNumber: 4, values: { 姓名: '欧阳娜娜', 公民身份号码: '1', 联系电话: '138', 籍贯: '' } },
    ]);
  });

  it('skips the example row: first column starting with 示例', async () => {
    const out = await collect(tabulate(rows(['姓名', '公民身份号码'], ['示例：王晓燕', '140802198506151230'], ['王晓燕', '2']), opts));
    expect(out).toEqual([{ rowNumber: 3, values: { 姓名: '王晓燕', 公民身份号码: '2' } }]);
  });

  it('finds the header below a title row', async () => {
    const out = await collect(tabulate(rows(['运城市2024年职业技能培训花名册'], [], ['序号', '姓名', '公民身份号码'], ['1', '王晓燕', '3']), opts));
    expect(out).toEqual([{ rowNumber: 4, values: { 序号: '1', 姓名: '王晓燕', 公民身份号码: '3' } }]);
  });

  it('names the missing required columns, joined with 、', async () => {
    const e = await failure(tabulate(rows(['姓名', '性别'], ['王晓燕', '女']), { requiredColumns: ['姓名', '公民身份号码', '联系电话'] }));
    expect(e.code).toBe('IMPORT_MISSING_COLUMNS');
    expect(e.params).toEqual({ columns: '公民身份号码、联系电话' });
  });

  it('reports an empty file for nothing, for a header alone, and for only blank and example rows', async () => {
    expect((await failure(tabulate(rows(), opts))).code).toBe('IMPORT_EMPTY_FILE');
    expect((await failure(tabulate(rows([], ['']), opts))).code).toBe('IMPORT_EMPTY_FILE');
    expect((await failure(tabulate(rows(['姓名', '公民身份号码']), opts))).code).toBe('IMPORT_EMPTY_FILE');
    expect((await failure(tabulate(rows(['姓名', '公民身份号码'], ['示例', 'x'], ['', '']), opts))).code).toBe('IMPORT_EMPTY_FILE');
  });

  it('refuses a known column that appears twice, keeps the first of a repeated unknown one', async () => {
    const e = await failure(tabulate(rows(['姓名', '公民身份号码', '姓名*'], ['a', 'b', 'c']), opts));
    expect(e.code).toBe('IMPORT_BAD_FILE');
    expect(String(e.params.reason)).toContain('第 A 列和第 C 列');
    const out = await collect(tabulate(rows(['姓名', '公民身份号码', '备注', '备注'], ['a', 'b', 'c', 'd']), opts));
    expect(out[0]?.values).toEqual({ 姓名: 'a', 公民身份号码: 'b', 备注: 'c' });
  });

  it('names columns like Excel', () => {
    expect([0, 25, 26, 27, 701, 702].map(columnLetter)).toEqual(['A', 'Z', 'AA', 'AB', 'ZZ', 'AAA']);
  });
});
