import { PDFDocument, rgb, type PDFFont, type PDFPage, type RGB } from 'pdf-lib';
import { registerFonts, type DocFonts } from './fonts.ts';

/**
 * A small flow layout for A4 documents in Chinese: a running y cursor inside the margins, automatic page
 * breaks, headings, wrapped paragraphs, key/value grids and tables whose header repeats on every page,
 * and a footer on every page (`第 N 页 / 共 M 页` and the caller's generated-at line).
 *
 * Coordinates are PDF points with the origin at the bottom left; `y` is the top of the next block.
 * Nothing here reads the clock: the generated-at text comes from the caller.
 */

/** A4 portrait in points. */
export const A4: readonly [number, number] = [595.28, 841.89];

export type Margins = { top: number; right: number; bottom: number; left: number };
export type Align = 'left' | 'center' | 'right';
/** `width` is relative: the columns are scaled to fill the content width. */
export type TableColumn = { header: string; width: number; align?: Align };

export type LayoutOptions = {
  /** Shown in every page's footer as `生成时间：…`. */
  generatedAt: string;
  /** Follows the generated-at text in the footer, e.g. `生成人：…`. */
  footerNote?: string;
  /** Small grey line at the top of every page but the first, to identify loose pages. */
  runningHeader?: string;
  /** Document information dictionary. */
  title?: string;
  subject?: string;
  margins?: Partial<Margins>;
};

/** Black and greys; one dark blue for the rule under the title. */
export const COLORS = {
  text: rgb(0.08, 0.08, 0.08),
  label: rgb(0.3, 0.3, 0.3),
  muted: rgb(0.45, 0.45, 0.45),
  border: rgb(0.62, 0.62, 0.62),
  headerFill: rgb(0.9, 0.9, 0.9),
  labelFill: rgb(0.94, 0.94, 0.94),
  zebraFill: rgb(0.955, 0.955, 0.955),
  accent: rgb(0.11, 0.23, 0.42),
} as const;

const SIZE = { title: 20, subtitle: 11, heading: 12.5, body: 10.5, cell: 9, footer: 8 } as const;
const CELL_PAD_X = 4;
const CELL_PAD_Y = 3.5;
const CELL_LINE = 1.4; // line height as a multiple of the font size
const BODY_LINE = 1.6;
const BORDER = 0.5;
/** Cells of at most this many characters are kept on one line when the columns allow it. */
const SHORT_CELL = 6;
/** Ideographic em box: Noto Sans CJK glyphs sit between -0.12 and 0.88 em of the baseline. */
const ASCENT = 0.88;

const DEFAULT_MARGINS: Margins = { top: 54, right: 50, bottom: 64, left: 50 };

// ---------------------------------------------------------------------------------------------------
// Measuring and wrapping

const widthCache = new WeakMap<PDFFont, Map<string, number>>();

/** Width of `text` at 1 pt, cached per font (pdf-lib's measure runs the shaper every time). */
function unitWidth(font: PDFFont, text: string): number {
  let cache = widthCache.get(font);
  if (!cache) widthCache.set(font, (cache = new Map()));
  let w = cache.get(text);
  if (w === undefined) {
    w = font.widthOfTextAtSize(text, 1);
    if (cache.size < 20_000) cache.set(text, w);
  }
  return w;
}

export function textWidth(font: PDFFont, size: number, text: string): number {
  let w = 0;
  for (const t of tokenize(text)) w += unitWidth(font, t);
  return w * size;
}

/** Characters that may break on either side: CJK ideographs, kana, hangul, CJK and full-width punctuation. */
const BREAK_ANYWHERE =
  /[\u00B7\u2014-\u2027\u2E80-\u2FFF\u3000-\u303F\u3040-\u30FF\u3100-\u312F\u3190-\u31FF\u3400-\u4DBF\u4E00-\u9FFF\uAC00-\uD7AF\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFFEF\u{20000}-\u{3FFFF}]/u;
/** Never at the start of a line (kinsoku). */
const NO_LINE_START = new Set([...'，。、；：？！）》」』】〕〉”’…—·％,.;:?!)]}%']);
/** May hang past the end of a line when nothing can be carried over with it. */
const HANGING = new Set([...'，。、,.']);
/** Never at the end of a line. */
const NO_LINE_END = new Set([...'（《「『【〔〈“‘([{']);

/** Splits a line into break units: whitespace runs, single CJK characters, and Latin words (kept together). */
export function tokenize(line: string): string[] {
  const tokens: string[] = [];
  let word = '';
  let space = '';
  const endWord = () => {
    if (word) tokens.push(word);
    word = '';
  };
  for (const ch of line) {
    if (/\s/.test(ch)) {
      endWord();
      space += ch;
      continue;
    }
    if (space) tokens.push(space);
    space = '';
    if (BREAK_ANYWHERE.test(ch)) {
      endWord();
      tokens.push(ch);
    } else {
      word += ch;
    }
  }
  if (word) tokens.push(word);
  if (space) tokens.push(space);
  return tokens;
}

const isSpace = (t: string) => t.trim() === '';

/** Replaces control characters other than line breaks, which would draw as nothing or as boxes. */
function clean(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(/\t/g, '    ').replace(/[\u0000-\u0009\u000B-\u001F\u007F]/g, ' ');
}

/**
 * Wraps `text` to lines no wider than `maxWidth`: explicit line breaks are kept, CJK text breaks between
 * any two characters (except before closing / after opening punctuation), Latin words stay whole unless
 * a word alone is wider than the line. Only a comma or full stop after a word that fills a line alone
 * may hang past `maxWidth` (by its own width, mostly blank: the cell padding takes it).
 */
export function wrapText(text: string, font: PDFFont, size: number, maxWidth: number): string[] {
  const max = maxWidth / size; // compare in 1 pt units
  const lines: string[] = [];
  for (const hard of clean(text).split('\n')) {
    let cur: string[] = [];
    let curW = 0;
    let wrapped = false; // the current line continues a longer one: drop its leading spaces
    const flush = () => {
      while (cur.length && isSpace(cur[cur.length - 1]!)) cur.pop();
      lines.push(cur.join(''));
      cur = [];
      curW = 0;
      wrapped = true;
    };
    const push = (t: string) => {
      cur.push(t);
      curW += unitWidth(font, t);
    };
    for (const tok of tokenize(hard)) {
      const w = unitWidth(font, tok);
      if (isSpace(tok)) {
        if (cur.length === 0 && wrapped) continue;
        if (curW + w > max) flush();
        else push(tok);
        continue;
      }
      if (curW + w <= max) {
        push(tok);
        continue;
      }
      if (w > max) {
        // A word wider than the line: break it between characters.
        for (const ch of tok) {
          const cw = unitWidth(font, ch);
          if (curW + cw > max && cur.length) flush();
          push(ch);
        }
        continue;
      }
      // Break before `tok`; keep punctuation rules by carrying characters to the next line.
      const carry: string[] = [];
      if (NO_LINE_START.has(tok) && cur.length === 1 && HANGING.has(tok)) {
        push(tok); // a lone word fills the line: let the comma or full stop hang past its end
        continue;
      }
      if (NO_LINE_START.has(tok) && cur.length > 1 && !isSpace(cur[cur.length - 1]!)) carry.unshift(cur.pop()!);
      while (cur.length > 1 && NO_LINE_END.has(cur[cur.length - 1]!)) carry.unshift(cur.pop()!);
      // Carry only what fits with `tok` on the next line; otherwise break plainly (never overflow).
      if (carry.length && carry.reduce((sum, t) => sum + unitWidth(font, t), 0) + w > max) cur.push(...carry.splice(0));
      curW = cur.reduce((s, t) => s + unitWidth(font, t), 0);
      flush();
      for (const t of carry) push(t);
      push(tok);
    }
    flush();
  }
  return lines;
}

/** `text` shortened with an ellipsis to fit `maxWidth`. */
export function fitText(text: string, font: PDFFont, size: number, maxWidth: number): string {
  if (textWidth(font, size, text) <= maxWidth) return text;
  const chars = [...text];
  while (chars.length && textWidth(font, size, chars.join('') + '…') > maxWidth) chars.pop();
  return chars.join('') + '…';
}

/**
 * Column widths from relative `weights` filling `total`, where no column is narrower than its
 * `minimums` (each honoured if under a quarter of the width) as long as the columns held at their
 * minimums take at most 65% of the width; the other columns share what is left in proportion to
 * their weights.
 */
export function columnWidths(weights: number[], minimums: number[], total: number): number[] {
  const w = weights.map((x) => (Number.isFinite(x) && x > 0 ? x : 1));
  const min = w.map((_, i) => {
    const m = minimums[i] ?? 0;
    return m <= total * 0.25 ? m : 0; // a long header may wrap
  });
  const fixed = new Set<number>();
  for (;;) {
    const fixedWidth = [...fixed].reduce((s, i) => s + min[i]!, 0);
    if (fixedWidth > total * 0.65) return w.map((x) => (x / w.reduce((a, b) => a + b, 0)) * total);
    const freeWeight = w.reduce((s, x, i) => (fixed.has(i) ? s : s + x), 0);
    const widths = w.map((x, i) => (fixed.has(i) ? min[i]! : (x / freeWeight) * (total - fixedWidth)));
    const short = widths.findIndex((x, i) => !fixed.has(i) && x < (min[i] ?? 0));
    if (short < 0) return widths;
    fixed.add(short);
  }
}

// ---------------------------------------------------------------------------------------------------
// The layout

export type TextStyle = { font?: 'regular' | 'bold'; size?: number; color?: RGB; align?: Align; lineHeight?: number };

/** Creates a PDF document with the Chinese fonts embedded and returns its layout (first page open). */
export async function createA4Layout(options: LayoutOptions): Promise<PdfLayout> {
  const doc = await PDFDocument.create({ updateMetadata: false }); // no hidden clock in the metadata
  const fonts = await registerFonts(doc);
  return new PdfLayout(doc, fonts, options);
}

export class PdfLayout {
  readonly doc: PDFDocument;
  readonly fonts: DocFonts;
  readonly margins: Margins;
  readonly pageWidth = A4[0];
  readonly pageHeight = A4[1];
  /** Top of the next block. */
  y: number;
  page: PDFPage;
  private readonly pages: PDFPage[] = [];
  private readonly options: LayoutOptions;
  private footersDrawn = false;
  private pendingHeadings: string[] = [];

  constructor(doc: PDFDocument, fonts: DocFonts, options: LayoutOptions) {
    this.doc = doc;
    this.fonts = fonts;
    this.options = options;
    this.margins = { ...DEFAULT_MARGINS, ...options.margins };
    doc.setLanguage('zh-CN');
    doc.setProducer('Jineng 运城市职业技能提升培训管理平台');
    doc.setCreator('Jineng');
    if (options.title) doc.setTitle(options.title);
    if (options.subject) doc.setSubject(options.subject);
    this.page = this.addPage();
    this.y = this.top;
  }

  get left(): number {
    return this.margins.left;
  }
  get right(): number {
    return this.pageWidth - this.margins.right;
  }
  get contentWidth(): number {
    return this.right - this.left;
  }
  get top(): number {
    return this.pageHeight - this.margins.top;
  }
  get bottom(): number {
    return this.margins.bottom;
  }
  /** Space left on the current page. */
  get remaining(): number {
    return this.y - this.bottom;
  }
  get pageCount(): number {
    return this.pages.length;
  }
  private get atPageTop(): boolean {
    return this.y >= this.top - 0.01;
  }

  private addPage(): PDFPage {
    const page = this.doc.addPage([this.pageWidth, this.pageHeight]);
    this.pages.push(page);
    const header = this.options.runningHeader;
    if (header && this.pages.length > 1) {
      const size = SIZE.footer;
      const text = fitText(header, this.fonts.regular, size, this.contentWidth);
      const baseline = this.pageHeight - this.margins.top + 20;
      page.drawText(text, { x: this.left, y: baseline, size, font: this.fonts.regular, color: COLORS.muted });
      page.drawLine({
        start: { x: this.left, y: baseline - 5 },
        end: { x: this.right, y: baseline - 5 },
        thickness: BORDER,
        color: COLORS.border,
      });
    }
    return page;
  }

  newPage(): void {
    this.page = this.addPage();
    this.y = this.top;
  }

  /** Starts a new page unless `height` still fits on this one. Returns whether it broke. */
  ensureSpace(height: number): boolean {
    if (height <= this.remaining || this.atPageTop) return false;
    this.newPage();
    return true;
  }

  /** Vertical gap; swallowed at the top of a page. */
  space(height: number): void {
    if (this.atPageTop) return;
    this.y = Math.max(this.y - height, this.bottom);
  }

  private font(kind: 'regular' | 'bold' = 'regular'): PDFFont {
    return kind === 'bold' ? this.fonts.bold : this.fonts.regular;
  }

  /** Draws one line whose line box has its top at `top`. */
  private drawLine(text: string, x: number, width: number, top: number, size: number, lineHeight: number, font: PDFFont, color: RGB, align: Align): void {
    if (!text) return;
    const w = textWidth(font, size, text);
    const dx = align === 'center' ? (width - w) / 2 : align === 'right' ? width - w : 0;
    const baseline = top - (lineHeight - size) / 2 - ASCENT * size;
    this.page.drawText(text, { x: x + Math.max(0, dx), y: baseline, size, font, color });
  }

  /** Centered document title, optional subtitle, and the thin dark-blue rule under them. */
  title(text: string, subtitle?: string): void {
    const bold = this.font('bold');
    const lh = SIZE.title * 1.35;
    for (const line of wrapText(text, bold, SIZE.title, this.contentWidth)) {
      this.drawLine(line, this.left, this.contentWidth, this.y, SIZE.title, lh, bold, COLORS.text, 'center');
      this.y -= lh;
    }
    if (subtitle) {
      this.y -= 2;
      this.paragraph(subtitle, { size: SIZE.subtitle, color: COLORS.muted, align: 'center', lineHeight: 1.5 });
    }
    this.y -= 8;
    this.page.drawLine({ start: { x: this.left, y: this.y }, end: { x: this.right, y: this.y }, thickness: 1, color: COLORS.accent });
    this.y -= 16;
  }

  /**
   * Section heading. It is drawn together with the start of the next block (paragraph line, grid row,
   * table header and first row), so a heading never ends a page alone.
   */
  heading(text: string): void {
    this.pendingHeadings.push(text);
  }

  /** Draws pending headings, on a new page if they and `next` points of what follows do not fit. */
  private flushHeadings(next: number): void {
    if (this.pendingHeadings.length === 0) return;
    const bold = this.font('bold');
    const size = SIZE.heading;
    const lh = size * 1.5;
    const lines = this.pendingHeadings.flatMap((h) => wrapText(h, bold, size, this.contentWidth));
    this.pendingHeadings = [];
    this.space(10);
    this.ensureSpace(lines.length * lh + 6 + next);
    for (const line of lines) {
      this.drawLine(line, this.left, this.contentWidth, this.y, size, lh, bold, COLORS.text, 'left');
      this.y -= lh;
    }
    this.y -= 6;
  }

  /** Wrapped text; breaks pages between lines. */
  paragraph(text: string, style: TextStyle = {}): void {
    const font = this.font(style.font);
    const size = style.size ?? SIZE.body;
    const lh = size * (style.lineHeight ?? BODY_LINE);
    const lines = wrapText(text, font, size, this.contentWidth);
    this.flushHeadings(Math.min(lines.length, 2) * lh);
    for (const line of lines) {
      this.ensureSpace(lh);
      this.drawLine(line, this.left, this.contentWidth, this.y, size, lh, font, style.color ?? COLORS.text, style.align ?? 'left');
      this.y -= lh;
    }
  }

  /**
   * Label/value pairs in a bordered grid, `columns` pairs per row: grey label cells, wrapped values.
   * Grid rows are not split across pages.
   */
  keyValueGrid(rows: [label: string, value: string][], columns = 2): void {
    const cols = Math.max(1, Math.floor(columns));
    if (rows.length === 0) return;
    const size = SIZE.body - 0.5;
    const lh = size * CELL_LINE;
    const regular = this.font('regular');
    const pairW = this.contentWidth / cols;
    const widest = Math.max(...rows.map(([label]) => textWidth(regular, size, label)));
    const labelW = Math.min(Math.max(widest + 2 * CELL_PAD_X + 2, pairW * 0.28), pairW * 0.45);
    const valueW = pairW - labelW;
    const padY = CELL_PAD_Y + 1;
    for (let r = 0; r < rows.length; r += cols) {
      const cells = Array.from({ length: cols }, (_, c) => {
        const pair = rows[r + c];
        return pair
          ? { label: wrapText(pair[0], regular, size, labelW - 2 * CELL_PAD_X), value: wrapText(pair[1], regular, size, valueW - 2 * CELL_PAD_X) }
          : { label: [], value: [] };
      });
      const lines = Math.max(1, ...cells.map((c) => Math.max(c.label.length, c.value.length)));
      const height = lines * lh + 2 * padY;
      this.flushHeadings(height);
      this.ensureSpace(height);
      const top = this.y;
      cells.forEach((cell, c) => {
        const x = this.left + c * pairW;
        this.cellBox(x, top, labelW, height, COLORS.labelFill);
        this.cellBox(x + labelW, top, valueW, height, undefined);
        this.cellText(cell.label, x, labelW, top, height, size, lh, regular, COLORS.label, 'left', true);
        this.cellText(cell.value, x + labelW, valueW, top, height, size, lh, regular, COLORS.text, 'left', true);
      });
      this.y -= height;
    }
  }

  private cellBox(x: number, top: number, width: number, height: number, fill: RGB | undefined): void {
    this.page.drawRectangle({
      x,
      y: top - height,
      width,
      height,
      ...(fill ? { color: fill } : {}),
      borderColor: COLORS.border,
      borderWidth: BORDER,
    });
  }

  /** Lines of a cell, vertically centered (or from the top when `center` is false). */
  private cellText(lines: string[], x: number, width: number, top: number, height: number, size: number, lh: number, font: PDFFont, color: RGB, align: Align, center: boolean): void {
    const block = lines.length * lh;
    let lineTop = center ? top - (height - block) / 2 : top - CELL_PAD_Y;
    for (const line of lines) {
      this.drawLine(line, x + CELL_PAD_X, width - 2 * CELL_PAD_X, lineTop, size, lh, font, color, align);
      lineTop -= lh;
    }
  }

  /**
   * A bordered table with a grey header row repeated on every page, zebra-shaded rows and wrapped
   * cells. A row moves to the next page whole; only a row taller than a page is split.
   */
  table(columns: TableColumn[], rows: string[][]): void {
    if (columns.length === 0) return;
    const size = SIZE.cell;
    const lh = size * CELL_LINE;
    const regular = this.font('regular');
    const bold = this.font('bold');
    // Minimums: the header on one line, short values (a status, a level) on one line, and no Latin
    // word (a date, a number) broken.
    const minimums = columns.map((c, i) => {
      let widest = textWidth(bold, size, c.header);
      for (const row of rows) {
        const cell = row[i] ?? '';
        if ([...cell].length <= SHORT_CELL) widest = Math.max(widest, textWidth(regular, size, cell));
        else for (const token of tokenize(cell)) if (!isSpace(token) && token.length > 1) widest = Math.max(widest, unitWidth(regular, token) * size);
      }
      return widest + 2 * CELL_PAD_X + 1;
    });
    const widths = columnWidths(
      columns.map((c) => c.width),
      minimums,
      this.contentWidth,
    );
    const xs = widths.map((_, i) => this.left + widths.slice(0, i).reduce((s, w) => s + w, 0));
    const wrapRow = (cells: string[], font: PDFFont) => columns.map((_, i) => wrapText(cells[i] ?? '', font, size, widths[i]! - 2 * CELL_PAD_X));

    const headerLines = wrapRow(columns.map((c) => c.header), bold);
    const headerH = Math.max(1, ...headerLines.map((l) => l.length)) * lh + 2 * CELL_PAD_Y;
    const drawHeader = () => {
      const top = this.y;
      columns.forEach((_, i) => {
        this.cellBox(xs[i]!, top, widths[i]!, headerH, COLORS.headerFill);
        this.cellText(headerLines[i]!, xs[i]!, widths[i]!, top, headerH, size, lh, bold, COLORS.text, 'center', true);
      });
      this.y -= headerH;
    };

    // Start on a new page unless the header and the first row fit (or a line of it, if it is taller than a page).
    const minRowH = lh + 2 * CELL_PAD_Y;
    const firstRowH = rows[0] ? Math.max(1, ...wrapRow(rows[0], regular).map((l) => l.length)) * lh + 2 * CELL_PAD_Y : 0;
    const pageCapacity = this.top - this.bottom - headerH;
    const start = headerH + (firstRowH <= pageCapacity ? firstRowH : minRowH);
    this.flushHeadings(start);
    this.ensureSpace(start);
    drawHeader();
    const breakPage = () => {
      this.newPage();
      drawHeader();
    };

    rows.forEach((row, r) => {
      let lines = wrapRow(row, regular);
      const fill = r % 2 === 1 ? COLORS.zebraFill : undefined;
      for (;;) {
        const n = Math.max(1, ...lines.map((l) => l.length));
        const height = n * lh + 2 * CELL_PAD_Y;
        if (height > this.remaining && height <= pageCapacity) breakPage();
        if (height <= this.remaining) {
          this.tableRow(xs, widths, columns, lines, height, size, lh, regular, fill, true);
          return;
        }
        // Taller than a page: fill this page, continue on the next.
        let fit = Math.floor((this.remaining - 2 * CELL_PAD_Y) / lh);
        if (fit < 1) {
          breakPage();
          fit = Math.floor((this.remaining - 2 * CELL_PAD_Y) / lh);
        }
        const part = lines.map((l) => l.slice(0, fit));
        this.tableRow(xs, widths, columns, part, fit * lh + 2 * CELL_PAD_Y, size, lh, regular, fill, false);
        lines = lines.map((l) => l.slice(fit));
        breakPage();
      }
    });
  }

  private tableRow(xs: number[], widths: number[], columns: TableColumn[], lines: string[][], height: number, size: number, lh: number, font: PDFFont, fill: RGB | undefined, center: boolean): void {
    const top = this.y;
    columns.forEach((col, i) => {
      this.cellBox(xs[i]!, top, widths[i]!, height, fill);
      this.cellText(lines[i] ?? [], xs[i]!, widths[i]!, top, height, size, lh, font, COLORS.text, col.align ?? 'left', center);
    });
    this.y -= height;
  }

  /** Draws every page's footer (now that the page count is known) and serialises the document. */
  async save(): Promise<Uint8Array> {
    this.flushHeadings(0);
    if (!this.footersDrawn) this.drawFooters();
    this.footersDrawn = true;
    return this.doc.save();
  }

  private drawFooters(): void {
    const font = this.fonts.regular;
    const size = SIZE.footer;
    const total = this.pages.length;
    const ruleY = this.bottom - 18;
    const baseline = ruleY - 13;
    const note = [`生成时间：${this.options.generatedAt}`, this.options.footerNote].filter(Boolean).join('　');
    this.pages.forEach((page, i) => {
      const pageText = `第 ${i + 1} 页 / 共 ${total} 页`;
      const pageW = textWidth(font, size, pageText);
      page.drawLine({ start: { x: this.left, y: ruleY }, end: { x: this.right, y: ruleY }, thickness: BORDER, color: COLORS.border });
      const left = fitText(note, font, size, this.contentWidth - pageW - 16);
      page.drawText(left, { x: this.left, y: baseline, size, font, color: COLORS.muted });
      page.drawText(pageText, { x: this.right - pageW, y: baseline, size, font, color: COLORS.muted });
    });
  }
}
