import { existsSync } from 'node:fs';
import fontkit from '@pdf-lib/fontkit';
import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { cidSafeFontkit, fontPaths, loadFontBytes, makeCidSafeFontkit, registerFonts } from './fonts.ts';

type Range = { first: number; fd: number };
type Cff = { topDict: { FDSelect: { ranges: Range[] } }; globalSubrIndex: unknown[]; fdForGlyph(gid: number): number | null };
const cffOf = (font: unknown) => (font as { 'CFF ': Cff })['CFF '];

/** A minimal OpenType wrapper around a bare CFF table, so fontkit can read a subset back. */
function otfWithCff(cff: Uint8Array): Uint8Array {
  const out = new Uint8Array(28 + cff.length);
  const view = new DataView(out.buffer);
  out.set([0x4f, 0x54, 0x54, 0x4f]); // 'OTTO'
  view.setUint16(4, 1); // one table
  view.setUint16(6, 16);
  out.set([0x43, 0x46, 0x46, 0x20], 12); // 'CFF '
  view.setUint32(20, 28);
  view.setUint32(24, cff.length);
  out.set(cff, 28);
  return out;
}

async function encode(subset: { encodeStream(): { on(e: 'data' | 'end', cb: (d: Uint8Array) => void): unknown } }): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  await new Promise<void>((resolve) => {
    const s = subset.encodeStream();
    s.on('data', (d) => parts.push(d));
    s.on('end', () => resolve());
  });
  return Buffer.concat(parts);
}

const SAMPLE = '职业培训电子档案运城市职业技能提升培训管理平台一、基本信息姓名性别出生日期身份证号（）第页共生成时间暂无记录以下空白盐湖区临猗县永济市河津市芮城县垣曲县绛县闻喜县夏县平陆县新绛县稷山县万荣县开发区—…“”《》、，。：；ABCXYZabcxyz0123456789-/%*.,';

describe('fonts', () => {
  it('come from @embedpdf/fonts-sc and are read once', async () => {
    const paths = fontPaths();
    expect(paths.regular).toMatch(/@embedpdf[\\/]fonts-sc[\\/]fonts[\\/]NotoSansHans-Regular\.otf$/);
    expect(paths.bold).toMatch(/NotoSansHans-Bold\.otf$/);
    expect(existsSync(paths.regular) && existsSync(paths.bold)).toBe(true);
    const a = await loadFontBytes();
    expect(await loadFontBytes()).toBe(a);
    expect(Buffer.from(a.regular.subarray(0, 4)).toString('latin1')).toBe('OTTO');
  });

  it('find the right font dict for the first glyph of every FDSelect range (fontkit 1.1.1 does not)', async () => {
    const { regular } = await loadFontBytes();
    const fixed = cffOf(cidSafeFontkit.create(regular));
    const ranges = fixed.topDict.FDSelect.ranges;
    expect(ranges.length).toBeGreaterThan(10);
    const linear = (gid: number) => [...ranges].reverse().find((r) => r.first <= gid)!.fd;
    for (const r of ranges) {
      for (const gid of [r.first - 1, r.first, r.first + 1]) if (gid >= 0) expect(fixed.fdForGlyph(gid)).toBe(linear(gid));
    }
    // The bug being fixed, so this test notices when a fontkit upgrade fixes it.
    const plain = cffOf(fontkit.create(Buffer.from(regular)));
    expect(ranges.slice(1).some((r) => plain.fdForGlyph(r.first) !== r.fd)).toBe(true);
  });

  const cases = [
    { weight: 'regular', compact: true },
    { weight: 'bold', compact: true },
    { weight: 'regular', compact: false }, // the fallback that keeps every subroutine number
  ] as const;
  for (const { weight, compact } of cases) {
    it(`${weight}${compact ? '' : ', all subroutines kept'}: a subset draws every glyph exactly as the font does`, async () => {
      const bytes = (await loadFontBytes())[weight];
      const font = makeCidSafeFontkit({ compactSubroutines: compact }).create(bytes);
      const reference = cidSafeFontkit.create(Buffer.from(bytes)); // a separate parse
      const ranges = cffOf(font).topDict.FDSelect.ranges;
      const gids = new Set<number>();
      for (const ch of SAMPLE) gids.add(font.glyphForCodePoint(ch.codePointAt(0)!).id);
      for (const r of ranges) if (r.first > 0) gids.add(r.first); // every font dict, at its edge
      const subset = font.createSubset();
      const order = [...gids];
      for (const gid of order) subset.includeGlyph(gid);
      const cff = await encode(subset as never);
      expect(cff[3]).toBeGreaterThanOrEqual(1); // header offSize 1–4
      expect(cff[3]).toBeLessThanOrEqual(4);

      const back = fontkit.create(otfWithCff(cff));
      order.forEach((gid, i) => {
        const commands = (font: typeof back, id: number) => (font.getGlyph(id).path as unknown as { commands: unknown[] }).commands;
        const want = commands(reference, gid);
        const got = commands(back, i + 1); // subset glyph 0 is .notdef
        expect(got, `glyph ${gid}`).toEqual(want);
      });
      if (compact) {
        expect(cffOf(back).globalSubrIndex.length).toBeLessThan(cffOf(font).globalSubrIndex.length);
        expect(cff.length).toBeLessThan(order.length * 400);
      } else {
        expect(cffOf(back).globalSubrIndex.length).toBe(cffOf(font).globalSubrIndex.length);
      }
    });
  }

  it('embed as small subsets in a PDF', async () => {
    const doc = await PDFDocument.create({ updateMetadata: false });
    const { regular, bold } = await registerFonts(doc);
    const page = doc.addPage();
    page.drawText('职业培训电子档案', { x: 50, y: 700, size: 20, font: bold });
    page.drawText(SAMPLE, { x: 50, y: 650, size: 6, font: regular });
    const pdf = await doc.save();
    expect(pdf.length).toBeLessThan(60_000);
  });
});
