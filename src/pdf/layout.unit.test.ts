import fc from 'fast-check';
import { PDFDocument, PDFPage, type PDFFont } from 'pdf-lib';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { registerFonts } from './fonts.ts';
import { columnWidths, createA4Layout, textWidth, tokenize, wrapText } from './layout.ts';

let font: PDFFont;
beforeAll(async () => {
  font = (await registerFonts(await PDFDocument.create())).regular;
});

describe('tokenize', () => {
  it('keeps Latin words and numbers whole and splits CJK into characters', () => {
    expect(tokenize('身份证号 140802********2346，电工ABC')).toEqual(['身', '份', '证', '号', ' ', '140802********2346', '，', '电', '工', 'ABC']);
  });
});

describe('wrapText', () => {
  const size = 10;
  // A line fits, or overflows only by a hanging comma / full stop.
  const fits = (lines: string[], max: number) => lines.every((l) => textWidth(font, size, l.replace(/[，。、,.]$/, '')) <= max + 1e-6);

  it('breaks CJK text between any two characters, keeps Latin words, never starts a line with closing punctuation', () => {
    const text = '运城市推进职业技能提升培训实施方案，internationalization 与 localization，都是很长的英文单词。';
    for (const max of [60, 80, 100, 130, 170]) {
      const lines = wrapText(text, font, size, max);
      expect(fits(lines, max)).toBe(true);
      expect(lines.join('').replace(/ /g, '')).toBe(text.replace(/ /g, ''));
      for (const line of lines) expect(line).not.toMatch(/^[，。、）》”]/);
      if (max >= textWidth(font, size, 'internationalization')) expect(lines.some((l) => l.includes('internationalization'))).toBe(true);
    }
  });

  it('keeps explicit line breaks and blank lines, and drops spaces at wrap points', () => {
    expect(wrapText('第一行\n\n第三行', font, size, 500)).toEqual(['第一行', '', '第三行']);
    const lines = wrapText('word '.repeat(30), font, size, 100);
    expect(lines.every((l) => !l.startsWith(' ') && !l.endsWith(' '))).toBe(true);
  });

  it('breaks a word wider than the line between characters', () => {
    const lines = wrapText('S000014080000205000123S000014080000205000123', font, size, 60);
    expect(lines.length).toBeGreaterThan(1);
    expect(fits(lines, 60)).toBe(true);
    expect(lines.join('')).toBe('S000014080000205000123S000014080000205000123');
  });

  it('does not carry an opening quote onto a line it would overflow (found by the property below)', () => {
    const lines = wrapText('运“4bX9', font, size, 30);
    expect(fits(lines, 30)).toBe(true);
    expect(lines.join('')).toBe('运“4bX9');
  });

  it('never loses text or overflows (property)', () => {
    const alphabet = fc.constantFrom(...'运城市职业技能培训电子档案，。、（）《》“”abcXYZ0123456789-/ ');
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 120 }), fc.integer({ min: 30, max: 400 }), (chars, max) => {
        const text = chars.join('');
        const lines = wrapText(text, font, size, max);
        expect(fits(lines, max)).toBe(true);
        expect(lines.join('').replace(/ /g, '')).toBe(text.replace(/ /g, ''));
      }),
      { numRuns: 200 },
    );
  });
});

describe('columnWidths', () => {
  it('fills the width in proportion, holding columns at their minimums', () => {
    const widths = columnWidths([1, 10, 10], [30, 0, 0], 210);
    expect(widths.reduce((a, b) => a + b, 0)).toBeCloseTo(210);
    expect(widths[0]).toBeCloseTo(30);
    expect(widths[1]).toBeCloseTo(90);
    // Minimums that would take most of the width are ignored.
    expect(columnWidths([1, 1], [200, 200], 300)).toEqual([150, 150]);
  });
});

describe('PdfLayout', () => {
  afterEach(() => vi.restoreAllMocks());

  it('repeats the table header and draws the footer on every page', async () => {
    const drawn: { page: PDFPage; text: string }[] = [];
    const original = PDFPage.prototype.drawText;
    vi.spyOn(PDFPage.prototype, 'drawText').mockImplementation(function (this: PDFPage, text, options) {
      drawn.push({ page: this, text });
      return original.call(this, text, options);
    });
    const layout = await createA4Layout({ generatedAt: '2021-06-30 08:00', footerNote: '生成人：测试' });
    layout.heading('培训记录');
    layout.table(
      [
        { header: '序号', width: 1, align: 'center' },
        { header: '培训班名称', width: 8 },
        { header: '学时', width: 2, align: 'right' },
      ],
      Array.from({ length: 120 }, (_, i) => [String(i + 1), `第${i + 1}期电工培训班`, '60']),
    );
    const bytes = await layout.save();
    const pages = (await PDFDocument.load(bytes)).getPages();
    expect(pages.length).toBeGreaterThan(2);
    const byPage = new Map<PDFPage, string[]>();
    for (const d of drawn) byPage.set(d.page, [...(byPage.get(d.page) ?? []), d.text]);
    expect(byPage.size).toBe(pages.length);
    [...byPage.values()].forEach((texts, i) => {
      expect(texts).toContain('培训班名称');
      expect(texts).toContain(`第 ${i + 1} 页 / 共 ${pages.length} 页`);
      expect(texts).toContain('生成时间：2021-06-30 08:00　生成人：测试');
    });
    // Every row is drawn once, in order.
    const rows = drawn.map((d) => d.text).filter((t) => /^第\d+期电工培训班$/.test(t));
    expect(rows).toEqual(Array.from({ length: 120 }, (_, i) => `第${i + 1}期电工培训班`));
  });

  it('splits a row taller than a page, and keeps a heading with what follows', async () => {
    const pageOf = new Map<string, PDFPage>();
    const original = PDFPage.prototype.drawText;
    vi.spyOn(PDFPage.prototype, 'drawText').mockImplementation(function (this: PDFPage, text, options) {
      if (!pageOf.has(text)) pageOf.set(text, this);
      return original.call(this, text, options);
    });
    const layout = await createA4Layout({ generatedAt: 'x' });
    while (layout.remaining > 60) layout.paragraph('填充。'); // leave less than heading + header + a line
    layout.heading('标题');
    layout.table([{ header: '内容', width: 1 }], [['很长的单元格内容。'.repeat(900)]]);
    await layout.save();
    const pages = layout.doc.getPages();
    expect(pages.length).toBeGreaterThan(3);
    // The paragraph left too little room for the heading, the header and a first line: all moved on.
    expect(pageOf.get('标题')).toBe(pages[1]);
    expect(pageOf.get('内容')).toBe(pages[1]);
  });
});
