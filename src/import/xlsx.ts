import ExcelJS from 'exceljs';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { AppError } from '../domain/errors.ts';
import { dateKind, decodeOoxmlEscapes, formatExcelDate, formatNumber, zeroPadWidth, type DateKind } from './cell-format.ts';
import { columnLetter, type RawRow } from './table.ts';
import { detach, feedXml, parseXml } from './xml.ts';

/**
 * Streaming .xlsx rows.
 *
 * exceljs's `stream.xlsx.WorkbookReader` walks the zip as it arrives, handing each part to a handler
 * method. We use that walk and replace the handlers (`_parseRels`, `_parseWorkbook`,
 * `_parseSharedStrings`, `_parseStyles`, `_parseWorksheet`), because exceljs's own have defects that
 * matter for our files:
 * - multi-byte characters split across zip chunks turn into `��` (see xml.ts);
 * - a formula whose cached result is an error or a boolean comes back as `NaN` / `1` (`#N/A` from a
 *   VLOOKUP is the commonest error in a 花名册);
 * - the East Asian built-in date formats (`yyyy"年"m"月"d"日"` is id 31) are not recognised as dates;
 * - rows/cells without an `r` attribute (legal, written by some generators) crash it;
 * - a shared string with a phonetic run (`<rPh>`) is replaced by the phonetic text.
 *
 * Excel writes the worksheets before the shared-string table, so a worksheet often cannot be read
 * when it goes past. We then copy that one part (decompressed) to a temp file and read it at the end
 * of the zip — the sheet is never held in memory — and delete the file whatever happens. (exceljs can
 * park sheets itself, but only for all sheets and without a way to delete the files when reading
 * stops early or fails; we keep its flags set so it never does.)
 *
 * The shared-string table is held in memory as plain strings: inherent to the format (any cell may
 * refer to any string), about the size of the distinct texts in the sheet.
 */

type Rel = { id: string; target: string };
type SheetInfo = { name: string; state: string; rId: string };
type CellFormat = { numFmtId: number; code: string | undefined };

/** A worksheet part as exceljs's zip walk hands it over (an unstarted iterator over the zip entry), or our temp file. */
type SheetPart = AsyncIterable<Buffer | string>;

// exceljs's `parse()` is typed as `AsyncIterator<any>`; this is what it yields with our handlers.
type ParseEvent = { eventType: string; value: unknown };
type SheetEvent = { eventType: 'worksheet'; value: { sheetNo: string; part: SheetPart } };

/** Which worksheet to read: not known yet, or `sheetN.xml`'s N (undefined: unusual rels, take the first). */
type Target = { known: false } | { known: true; sheetNo: string | undefined };

class XlsxContainer extends ExcelJS.stream.xlsx.WorkbookReader {
  // exceljs's zip walk parks worksheets in temp files unless these are truthy; we park ourselves.
  sharedStrings: string[] = [];
  workbookRels: Rel[] = [];

  relsRead = false;
  stringsRead = false;
  stylesRead = false;
  sheets: SheetInfo[] | undefined = undefined;
  date1904 = false;
  cellFormats: CellFormat[] = [];

  constructor(input: Readable) {
    super(input, { worksheets: 'emit', sharedStrings: 'cache', hyperlinks: 'ignore', styles: 'ignore', entries: 'ignore' });
  }

  /** exceljs pipes what this returns into its unzipper parser; we fix the parser on the way. */
  _getStream(input: Readable): Readable {
    const pipe = input.pipe.bind(input);
    input.pipe = <T extends NodeJS.WritableStream>(zip: T, options?: { end?: boolean }): T => {
      keepEntriesUntilRead(zip as unknown as Readable);
      return pipe(zip, options);
    };
    return input;
  }

  async _parseRels(entry: AsyncIterable<Buffer>): Promise<void> {
    const rels: Rel[] = [];
    await parseXml(entry, {
      open: (name, a) => {
        if (name === 'Relationship' && a.Id !== undefined && a.Target !== undefined) rels.push({ id: a.Id, target: a.Target });
      },
    });
    this.workbookRels = rels;
    this.relsRead = true;
  }

  async _parseWorkbook(entry: AsyncIterable<Buffer>): Promise<void> {
    const sheets: SheetInfo[] = [];
    await parseXml(entry, {
      open: (name, a) => {
        if (name === 'workbookPr') this.date1904 = a.date1904 === '1' || a.date1904 === 'true';
        if (name === 'sheet') sheets.push({ name: a.name ?? '', state: a.state ?? 'visible', rId: a['r:id'] ?? a.id ?? '' });
      },
    });
    this.sheets = sheets;
  }

  async *_parseSharedStrings(entry: AsyncIterable<Buffer>): AsyncGenerator<never> {
    const strings: string[] = [];
    let text = '';
    let inT = false;
    let phonetic = 0;
    await parseXml(entry, {
      open: (name) => {
        if (name === 'si') text = '';
        else if (name === 't' && phonetic === 0) inT = true;
        else if (name === 'rPh') phonetic++;
      },
      close: (name) => {
        if (name === 'si') strings.push(detach(decodeOoxmlEscapes(text)));
        else if (name === 't') inT = false;
        else if (name === 'rPh') phonetic--;
      },
      text: (t) => {
        if (inT) text += t;
      },
    });
    this.sharedStrings = strings;
    this.stringsRead = true;
  }

  async _parseStyles(entry: AsyncIterable<Buffer>): Promise<void> {
    const codes = new Map<number, string>();
    const xfIds: number[] = [];
    let inCellXfs = false;
    await parseXml(entry, {
      open: (name, a) => {
        if (name === 'numFmt' && a.numFmtId !== undefined && a.formatCode !== undefined) codes.set(Number(a.numFmtId), a.formatCode);
        else if (name === 'cellXfs') inCellXfs = true;
        else if (name === 'xf' && inCellXfs) xfIds.push(Number(a.numFmtId ?? 0));
      },
      close: (name) => {
        if (name === 'cellXfs') inCellXfs = false;
      },
    });
    this.cellFormats = xfIds.map((numFmtId) => ({ numFmtId, code: codes.get(numFmtId) }));
    this.stylesRead = true;
  }

  *_parseWorksheet(part: SheetPart, sheetNo: string): Generator<SheetEvent> {
    yield { eventType: 'worksheet', value: { sheetNo, part } };
  }

  /** The worksheet to read — the named one, or the first visible one in tab order — once workbook.xml and its rels are read. */
  target(sheetName: string | undefined): Target {
    if (this.sheets === undefined || !this.relsRead) return { known: false };
    const sheet =
      sheetName !== undefined
        ? this.sheets.find((s) => s.name === sheetName)
        : (this.sheets.find((s) => s.state === 'visible') ?? this.sheets[0]);
    if (sheet === undefined) {
      const names = this.sheets.map((s) => s.name).join('、');
      throw new AppError('IMPORT_BAD_FILE', { reason: sheetName !== undefined ? `找不到工作表“${sheetName}”（文件中的工作表：${names}）` : '文件中没有工作表' });
    }
    const path = this.workbookRels.find((r) => r.id === sheet.rId)?.target;
    return { known: true, sheetNo: path?.match(/worksheets\/sheet(\d+)\.xml$/)?.[1] };
  }
}

/**
 * The rows of one worksheet of an .xlsx — the first visible sheet in tab order, or `sheet` by name —
 * as raw strings (see cell-format.ts for how each kind of cell is rendered).
 */
export async function* xlsxRows(bytes: AsyncIterable<Buffer>, sheet?: string): AsyncGenerator<RawRow> {
  const input = Readable.from(bytes, { objectMode: false });
  const book = new XlsxContainer(input);
  let tempDir: string | undefined;
  const parked: { sheetNo: string; path: string }[] = [];
  let taken = false; // a sheet has been chosen (read in place, or parked as the known target)

  try {
    for await (const event of book.parse() as unknown as AsyncIterable<ParseEvent>) {
      if (event.eventType !== 'worksheet') continue;
      const { sheetNo, part } = (event as SheetEvent).value;
      const target = book.target(sheet);
      if (target.known && (taken || (target.sheetNo !== undefined && sheetNo !== target.sheetNo))) continue; // exceljs drains it
      if (target.known && book.stringsRead && book.stylesRead) {
        taken = true;
        yield* sheetRows(part, book);
        return;
      }
      // Not readable yet (the strings or number formats, or which sheet we want, come later in the zip): park it.
      tempDir ??= await mkdtemp(join(tmpdir(), `jineng-xlsx-${process.pid}-`));
      const path = join(tempDir, `sheet${sheetNo}.xml`);
      await pipeline(Readable.from(part, { objectMode: false }), createWriteStream(path));
      parked.push({ sheetNo, path });
      if (target.known) taken = true;
    }

    const target = book.target(sheet);
    const chosen = target.known && target.sheetNo !== undefined ? parked.find((p) => p.sheetNo === target.sheetNo) : sheet === undefined || target.known ? parked[0] : undefined;
    if (chosen === undefined) throw new AppError('IMPORT_BAD_FILE', { reason: '文件中找不到工作表（不是有效的 .xlsx 文件）' });
    yield* sheetRows(createReadStream(chosen.path), book);
  } catch (e) {
    throw e instanceof AppError ? e : new AppError('IMPORT_BAD_FILE', { reason: `不是有效的 .xlsx 文件（${(e as Error).message}）` });
  } finally {
    input.destroy();
    if (tempDir !== undefined) await rm(tempDir, { recursive: true, force: true });
  }
}

/**
 * unzipper 0.10's `Parse` emits 'end' as soon as its input is used up — when it reaches the zip's
 * central directory — even if entries it has already parsed are still waiting to be read, and exceljs
 * stops at that 'end'. So while we are busy with one part (parking a worksheet), small parts after it
 * (styles.xml, sharedStrings.xml of a short roster — Excel's own order) could be parsed, buffered and
 * then dropped: every text cell would read as empty. We remove that early 'end'; the parser ends its
 * readable side properly (`push(null)`) at the central directory, so 'end' now comes after the last
 * entry has been read. A zip without a central directory (truncated) still ends: with an error, or at
 * the latest one tick after its input is exhausted. Should the listener not be found (another
 * unzipper), nothing changes, and a cell whose shared string is missing still refuses the file.
 */
function keepEntriesUntilRead(zip: Readable): void {
  for (const listener of zip.listeners('finish')) {
    if (/emit\(\s*['"]end['"]\s*\)/.test(String(listener))) zip.removeListener('finish', listener as () => void);
  }
  let eof = false;
  const push = zip.push.bind(zip);
  zip.push = (chunk: unknown, encoding?: BufferEncoding): boolean => {
    if (chunk === null) eof = true;
    return push(chunk, encoding);
  };
  zip.on('finish', () =>
    setImmediate(() => {
      if (!eof && !zip.destroyed) zip.push(null);
    }),
  );
}

/** Streams one worksheet part into `RawRow`s. */
async function* sheetRows(part: SheetPart, book: XlsxContainer): AsyncGenerator<RawRow> {
  const strings = book.sharedStrings;
  const formats = book.cellFormats;
  const dateKinds = new Map<number, DateKind | undefined>();
  const kindOf = (style: number): { kind: DateKind | undefined; pad: number | undefined } => {
    const fmt = formats[style];
    if (fmt === undefined) return { kind: undefined, pad: undefined };
    if (!dateKinds.has(style)) dateKinds.set(style, dateKind(fmt.numFmtId, fmt.code));
    return { kind: dateKinds.get(style), pad: zeroPadWidth(fmt.code) };
  };

  const ready: RawRow[] = [];
  let rowNumber = 0;
  let cells: string[] = [];
  let col = -1;
  // the cell being read
  let ref = '';
  let type = 'n';
  let style = 0;
  let v: string | undefined;
  let inline = '';
  let into: 'v' | 'is' | undefined;
  let phonetic = 0;

  const cellValue = (): string => {
    switch (type) {
      case 's': {
        if (v === undefined) return '';
        const text = strings[Number(v)];
        if (text === undefined) throw new AppError('IMPORT_BAD_FILE', { reason: `单元格 ${ref} 引用的文字在文件中找不到（文件可能已损坏）` });
        return text;
      }
      case 'inlineStr':
        return detach(decodeOoxmlEscapes(inline));
      case 'str':
        return detach(decodeOoxmlEscapes(v ?? ''));
      case 'e':
        return detach(v ?? '');
      case 'b':
        return v === undefined ? '' : v === '1' || v.toLowerCase() === 'true' ? '是' : '否';
      case 'd': // ISO 8601 date cell (strict OOXML)
        return v === undefined ? '' : v.length >= 10 && /T00:00(:00(\.0+)?)?Z?$/.test(v) ? v.slice(0, 10) : v.replace('T', ' ').replace(/Z$/, '');
      default: {
        if (v === undefined || v.trim() === '') return '';
        const n = Number(v);
        if (Number.isNaN(n)) return detach(v);
        const { kind, pad } = kindOf(style);
        if (kind !== undefined) return formatExcelDate(n, kind, book.date1904);
        if (pad !== undefined && Number.isInteger(n) && n >= 0 && n < 1e15) return String(n).padStart(pad, '0');
        return formatNumber(n);
      }
    }
  };

  for await (const _ of feedXml(part, {
    open: (name, a) => {
      switch (name) {
        case 'row':
          rowNumber = a.r !== undefined ? Number(a.r) : rowNumber + 1;
          cells = [];
          col = -1;
          break;
        case 'c':
          col = a.r !== undefined ? columnIndex(a.r) : col + 1;
          ref = a.r ?? `${columnLetter(col)}${rowNumber}`;
          type = a.t ?? 'n';
          style = a.s !== undefined ? Number(a.s) : 0;
          v = undefined;
          inline = '';
          break;
        case 'v':
          into = 'v';
          v = '';
          break;
        case 't':
          if (type === 'inlineStr' && phonetic === 0) into = 'is';
          break;
        case 'rPh':
          phonetic++;
          break;
      }
    },
    text: (t) => {
      if (into === 'v') v += t;
      else if (into === 'is') inline += t;
    },
    close: (name) => {
      switch (name) {
        case 'v':
        case 't':
          into = undefined;
          break;
        case 'rPh':
          phonetic--;
          break;
        case 'c': {
          const value = cellValue();
          if (value !== '' && col >= 0) {
            while (cells.length < col) cells.push('');
            cells[col] = value;
          }
          break;
        }
        case 'row':
          ready.push({ rowNumber, cells });
          break;
      }
    },
  })) {
    for (const row of ready) yield row;
    ready.length = 0;
  }
}

/** `AB12` → 27 (0-based column of a cell reference). */
function columnIndex(ref: string): number {
  let n = 0;
  for (let i = 0; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c < 65 || c > 90) break;
    n = n * 26 + (c - 64);
  }
  return n - 1;
}
