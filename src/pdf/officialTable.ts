import { PDFDocument, type PDFFont, type PDFPage, type RGB } from 'pdf-lib';
import { registerFonts, type DocFonts } from './fonts.ts';
import { COLORS, columnWidths, fitText, textWidth, wrapText, type Align } from './layout.ts';

/**
 * An official statistical table (统计报表) on A4 landscape in Chinese: a centered title, the 填报单位 / 统计期 /
 * 制表时间 lines, then sections of bordered tables whose headers repeat on every page they run onto, bold 合计
 * rows, a status stamp in the top right corner, and `第 N 页 / 共 M 页` on every page. All text is display text
 * formatted by the caller; nothing here reads the clock.
 */
export type OfficialTableColumn = { header: string; width: number; align?: Align };
export type OfficialTableSection = {
  heading: string;
  columns: OfficialTableColumn[];
  rows: string[][];
  /** Drawn bold on a grey ground after the rows. */
  total?: string[];
  /** Shown (grey) under the heading when there are no rows. */
  empty?: string;
};
export type OfficialTableView = {
  title: string;
  /** Left of the line under the title, e.g. 填报单位：运城市人力资源和社会保障局. */
  metaLeft: string[];
  /** Right of the line under the title, e.g. 制表时间：… */
  metaRight: string[];
  /** A short stamp in the top right corner of every page (已审定, 已冻结, 实时计算). */
  status: string;
  sections: OfficialTableSection[];
  notes: string[];
  footer: string;
  docTitle: string;
};

/** A4 landscape in points. */
const PAGE: readonly [number, number] = [841.89, 595.28];
const M = { top: 40, right: 34, bottom: 44, left: 34 };
const SIZE = { title: 16, meta: 8.5, heading: 10.5, header: 7.5, cell: 8, footer: 7.5 } as const;
const PAD_X = 3;
const PAD_Y = 2.6;
const LINE = 1.3;
const ASCENT = 0.88;
const BORDER = 0.5;

class Sheet {
  page!: PDFPage;
  y = 0;
  readonly pages: PDFPage[] = [];
  constructor(
    readonly doc: PDFDocument,
    readonly fonts: DocFonts,
    readonly view: OfficialTableView,
  ) {
    this.newPage();
  }
  get left() {
    return M.left;
  }
  get width() {
    return PAGE[0] - M.left - M.right;
  }
  get bottom() {
    return M.bottom;
  }
  newPage() {
    this.page = this.doc.addPage([PAGE[0], PAGE[1]]);
    this.pages.push(this.page);
    this.y = PAGE[1] - M.top;
    // The status stamp, top right, on every page.
    const size = 9;
    const w = textWidth(this.fonts.bold, size, this.view.status) + 12;
    const top = PAGE[1] - 16;
    this.page.drawRectangle({ x: PAGE[0] - M.right - w, y: top - 16, width: w, height: 16, borderColor: COLORS.accent, borderWidth: 0.8 });
    this.text(this.view.status, PAGE[0] - M.right - w, w, top, size, 16, this.fonts.bold, COLORS.accent, 'center');
    if (this.pages.length > 1) {
      this.text(fitText(this.view.title, this.fonts.regular, SIZE.footer, this.width - w - 20), this.left, this.width, top, SIZE.footer, 16, this.fonts.regular, COLORS.muted, 'left');
      this.y = top - 24;
    }
  }
  text(s: string, x: number, width: number, top: number, size: number, lh: number, font: PDFFont, color: RGB, align: Align) {
    if (!s) return;
    const w = textWidth(font, size, s);
    const dx = align === 'center' ? (width - w) / 2 : align === 'right' ? width - w : 0;
    this.page.drawText(s, { x: x + Math.max(0, dx), y: top - (lh - size) / 2 - ASCENT * size, size, font, color });
  }
  box(x: number, top: number, width: number, height: number, fill?: RGB) {
    this.page.drawRectangle({ x, y: top - height, width, height, ...(fill ? { color: fill } : {}), borderColor: COLORS.border, borderWidth: BORDER });
  }
}

function drawSection(s: Sheet, sec: OfficialTableSection) {
  const { regular, bold } = s.fonts;
  const hlh = SIZE.heading * 1.5;
  const clh = SIZE.cell * LINE;
  const rowH = clh + 2 * PAD_Y;
  // Widths: weights, with every numeric cell kept on one line.
  const minimums = sec.columns.map((c, i) => {
    let widest = 0;
    for (const row of [...sec.rows, ...(sec.total ? [sec.total] : [])]) widest = Math.max(widest, textWidth(i === 0 ? regular : bold, SIZE.cell, row[i] ?? ''));
    return Math.min(widest, i === 0 ? 140 : 200) + 2 * PAD_X + 1;
  });
  const widths = columnWidths(
    sec.columns.map((c) => c.width),
    minimums,
    s.width,
  );
  const xs = widths.map((_, i) => s.left + widths.slice(0, i).reduce((a, b) => a + b, 0));
  const headerLines = sec.columns.map((c, i) => wrapText(c.header, bold, SIZE.header, widths[i]! - 2 * PAD_X));
  const hl = SIZE.header * LINE;
  const headerH = Math.max(...headerLines.map((l) => l.length)) * hl + 2 * PAD_Y;

  const drawHeading = (cont: boolean) => {
    s.text(sec.heading + (cont ? '（续）' : ''), s.left, s.width, s.y, SIZE.heading, hlh, bold, COLORS.text, 'left');
    s.y -= hlh + 2;
  };
  const drawHeader = () => {
    const top = s.y;
    sec.columns.forEach((_, i) => {
      s.box(xs[i]!, top, widths[i]!, headerH, COLORS.headerFill);
      const lines = headerLines[i]!;
      let lt = top - (headerH - lines.length * hl) / 2;
      for (const line of lines) {
        s.text(line, xs[i]!, widths[i]!, lt, SIZE.header, hl, bold, COLORS.text, 'center');
        lt -= hl;
      }
    });
    s.y -= headerH;
  };
  const row = (cells: string[], font: PDFFont, fill?: RGB) => {
    const top = s.y;
    sec.columns.forEach((c, i) => {
      s.box(xs[i]!, top, widths[i]!, rowH, fill);
      const cell = fitText(cells[i] ?? '', font, SIZE.cell, widths[i]! - 2 * PAD_X);
      s.text(cell, xs[i]! + PAD_X, widths[i]! - 2 * PAD_X, top - PAD_Y, SIZE.cell, clh, font, COLORS.text, c.align ?? (i === 0 ? 'left' : 'right'));
    });
    s.y -= rowH;
  };

  s.y -= 8;
  if (sec.rows.length === 0 && !sec.total) {
    if (s.y - hlh - rowH < s.bottom) s.newPage();
    drawHeading(false);
    s.text(sec.empty ?? '暂无数据', s.left, s.width, s.y, SIZE.cell, rowH, regular, COLORS.muted, 'left');
    s.y -= rowH;
    return;
  }
  // The heading, the header and at least one row together.
  if (s.y - hlh - headerH - rowH < s.bottom) s.newPage();
  drawHeading(false);
  drawHeader();
  const all = [...sec.rows.map((r, i) => ({ r, font: regular, fill: i % 2 === 1 ? COLORS.zebraFill : undefined })), ...(sec.total ? [{ r: sec.total, font: bold, fill: COLORS.labelFill }] : [])];
  for (const x of all) {
    if (s.y - rowH < s.bottom) {
      s.newPage();
      drawHeading(true);
      drawHeader();
    }
    row(x.r, x.font, x.fill);
  }
}

/** Renders the view; the fonts (Noto Sans Hans Regular and Bold) are embedded as subsets. */
export async function renderOfficialTablePdf(view: OfficialTableView): Promise<Uint8Array> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  const fonts = await registerFonts(doc);
  doc.setLanguage('zh-CN');
  doc.setTitle(view.docTitle);
  doc.setSubject('运城市职业技能提升培训管理平台');
  doc.setProducer('Jineng 运城市职业技能提升培训管理平台');
  doc.setCreator('Jineng');
  const s = new Sheet(doc, fonts, view);

  // Title and the lines under it.
  const tlh = SIZE.title * 1.4;
  for (const line of wrapText(view.title, fonts.bold, SIZE.title, s.width - 120)) {
    s.text(line, s.left, s.width, s.y, SIZE.title, tlh, fonts.bold, COLORS.text, 'center');
    s.y -= tlh;
  }
  s.y -= 4;
  const mlh = SIZE.meta * 1.6;
  const metaRows = Math.max(view.metaLeft.length, view.metaRight.length);
  for (let i = 0; i < metaRows; i++) {
    s.text(view.metaLeft[i] ?? '', s.left, s.width, s.y, SIZE.meta, mlh, fonts.regular, COLORS.label, 'left');
    s.text(view.metaRight[i] ?? '', s.left, s.width, s.y, SIZE.meta, mlh, fonts.regular, COLORS.label, 'right');
    s.y -= mlh;
  }
  s.y -= 2;
  s.page.drawLine({ start: { x: s.left, y: s.y }, end: { x: s.left + s.width, y: s.y }, thickness: 1, color: COLORS.accent });
  s.y -= 2;

  for (const sec of view.sections) drawSection(s, sec);

  // Notes.
  s.y -= 8;
  for (const note of view.notes)
    for (const line of wrapText(note, fonts.regular, SIZE.meta, s.width)) {
      if (s.y - mlh < s.bottom) s.newPage();
      s.text(line, s.left, s.width, s.y, SIZE.meta, mlh, fonts.regular, COLORS.muted, 'left');
      s.y -= mlh;
    }

  // Footers, now that the page count is known.
  const total = s.pages.length;
  s.pages.forEach((page, i) => {
    const ruleY = M.bottom - 14;
    const baseline = ruleY - 11;
    page.drawLine({ start: { x: s.left, y: ruleY }, end: { x: s.left + s.width, y: ruleY }, thickness: BORDER, color: COLORS.border });
    const pageText = `第 ${i + 1} 页 / 共 ${total} 页`;
    const pw = textWidth(fonts.regular, SIZE.footer, pageText);
    page.drawText(fitText(view.footer, fonts.regular, SIZE.footer, s.width - pw - 20), { x: s.left, y: baseline, size: SIZE.footer, font: fonts.regular, color: COLORS.muted });
    page.drawText(pageText, { x: s.left + s.width - pw, y: baseline, size: SIZE.footer, font: fonts.regular, color: COLORS.muted });
  });
  return doc.save();
}
