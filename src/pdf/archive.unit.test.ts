import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { PDFDict, PDFDocument, PDFName, PDFRawStream } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { renderArchivePdf, type ArchiveView } from './archive.ts';

// Set JINENG_PDF_OUT=/some/dir to keep the rendered PDFs for a look (pdftoppm -r 60 -png …).
const OUT = process.env.JINENG_PDF_OUT;
const keep = (name: string, bytes: Uint8Array) => {
  if (OUT) writeFileSync(path.join(OUT, name), bytes);
};

const OCCUPATIONS = [
  ['电工', '四级/中级工'],
  ['焊工', '五级/初级工'],
  ['中式烹调师', '四级/中级工'],
  ['育婴员', '五级/初级工'],
  ['家政服务员', '专项职业能力'],
  ['农业技术员', '三级/高级工'],
  ['养老护理员', '四级/中级工'],
  ['汽车维修工', '二级/技师'],
] as const;
const INSTITUTIONS = ['运城市盐湖区技工学校', '临猗县职业技术学校', '永济市新时代职业培训学校有限公司', '河津市人力资源开发培训中心'];
const STATUSES = ['已结业', '培训中', '已退出', '已结业'];

const pad = (n: number) => String(n).padStart(2, '0');

function longView(): ArchiveView {
  return {
    person: {
      name: '张晓燕',
      gender: 'F',
      birthDate: '1988-07-16',
      idNumberMasked: '140802********2346',
      phoneMasked: '139****5678',
      unitName: '盐湖区',
      townshipName: '北城街道',
      education: '高中（中专、技校）',
      disability: false,
    },
    categories: [
      { name: '农村转移劳动力', validFrom: '2020-03-01', validTo: null },
      { name: '城镇登记失业人员', validFrom: '2021-01-15', validTo: '2021-12-31' },
      { name: '脱贫劳动力（含防止返贫监测对象）', validFrom: '2020-03-01', validTo: '2025-12-31' },
    ],
    classes: Array.from({ length: 60 }, (_, i) => {
      const [occupation, level] = OCCUPATIONS[i % OCCUPATIONS.length]!;
      const month = (i % 12) + 1;
      return {
        className:
          i % 7 === 0
            ? `2020年运城市职业技能提升行动${occupation}（${level}）第${i + 1}期就业技能培训班（盐湖区北城街道农村转移劳动力专班）`
            : `2020年${occupation}第${i + 1}期培训班`,
        occupation,
        level,
        institution: INSTITUTIONS[i % INSTITUTIONS.length]!,
        startDate: `2020-${pad(month)}-01`,
        endDate: `2020-${pad(month)}-28`,
        status: STATUSES[i % STATUSES.length]!,
        attendanceRate: i % 9 === 4 ? null : `${(90 + (i % 10)).toFixed(1)}%`,
        hoursAttended: i % 9 === 4 ? null : String(40 + (i % 5) * 20),
      };
    }),
    results: [
      { className: '2020年电工第1期培训班', result: '合格', score: '86.5', date: '2020-01-28' },
      { className: '2020年焊工第2期培训班', result: '不合格', score: '52', date: '2020-02-28' },
      { className: '2020年中式烹调师第3期培训班', result: '合格', score: null, date: '2020-03-28' },
    ],
    certificates: [
      { number: 'S000014080000205000123', type: '职业技能等级证书', occupation: '电工', level: '四级/中级工', issuer: '运城市盐湖区技工学校', issuedOn: '2020-02-20' },
      { number: 'PX2020-140802-000045', type: '培训合格证书', occupation: '中式烹调师', level: '—', issuer: '临猗县职业技术学校', issuedOn: '2020-04-10' },
    ],
    subsidies: [
      { item: '职业技能等级证书培训补贴（四级/中级工）', amountYuan: '1,500.00', fund: '职业技能提升行动专账资金', status: '已发放', paidOn: '2020-05-18' },
      { item: '培训期间生活费补贴', amountYuan: '600.00', fund: '就业补助资金', status: '审核中', paidOn: null },
    ],
    generatedAt: '2020-12-31 16:45:12',
    generatedBy: '盐湖区人社局 王建国（county.yanhu）',
  };
}

function emptyView(): ArchiveView {
  return {
    person: {
      name: '李四',
      gender: 'M',
      birthDate: '1975-01-02',
      idNumberMasked: '140821********0011',
      phoneMasked: null,
      unitName: '临猗县',
      townshipName: null,
      education: null,
      disability: null,
    },
    categories: [],
    classes: [],
    results: [],
    certificates: [],
    subsidies: [],
    generatedAt: '2021-01-04 09:00:00',
    generatedBy: '运城市人社局（city）',
  };
}

/** The embedded font programs (FontFile3 streams) of a parsed PDF, by font name. */
function embeddedFonts(doc: PDFDocument): string[] {
  const names: string[] = [];
  for (const [, obj] of doc.context.enumerateIndirectObjects()) {
    if (!(obj instanceof PDFDict) || obj.get(PDFName.of('Type')) !== PDFName.of('FontDescriptor')) continue;
    const file = obj.lookup(PDFName.of('FontFile3'));
    if (file instanceof PDFRawStream && file.contents.length > 0) names.push(String(obj.get(PDFName.of('FontName'))));
  }
  return names.sort();
}

const text = (bytes: Uint8Array, start: number, end: number) => Buffer.from(bytes.subarray(start, end)).toString('latin1');

describe('renderArchivePdf', () => {
  it('renders a long archive over several pages with the Chinese fonts embedded as small subsets', async () => {
    const bytes = await renderArchivePdf(longView());
    keep('archive-long.pdf', bytes);
    expect(text(bytes, 0, 5)).toBe('%PDF-');
    const doc = await PDFDocument.load(bytes);
    expect(doc.getPageCount()).toBeGreaterThan(1);
    expect(doc.getTitle()).toBe('职业培训电子档案（张晓燕）');
    const fonts = embeddedFonts(doc);
    expect(fonts).toHaveLength(2);
    expect(fonts.some((f) => f.includes('NotoSansHans-Regular'))).toBe(true);
    expect(fonts.some((f) => f.includes('NotoSansHans-Bold'))).toBe(true);
    // Subsets, not the 8 MB font files.
    expect(bytes.length).toBeLessThan(400_000);
    // A4 portrait.
    const { width, height } = doc.getPage(0).getSize();
    expect([Math.round(width), Math.round(height)]).toEqual([595, 842]);
  });

  it('renders an empty archive on one page', async () => {
    const bytes = await renderArchivePdf(emptyView());
    keep('archive-empty.pdf', bytes);
    expect(text(bytes, 0, 5)).toBe('%PDF-');
    const doc = await PDFDocument.load(bytes);
    expect(doc.getPageCount()).toBe(1);
    expect(embeddedFonts(doc)).toHaveLength(2);
    expect(bytes.length).toBeLessThan(200_000);
  });

  it('renders documents concurrently (the parsed fonts are shared)', async () => {
    const docs = await Promise.all([renderArchivePdf(longView()), renderArchivePdf(emptyView()), renderArchivePdf(longView())]);
    const pages = await Promise.all(docs.map(async (b) => (await PDFDocument.load(b)).getPageCount()));
    expect(pages[0]).toBe(pages[2]);
    expect(pages[1]).toBe(1);
  });
});
