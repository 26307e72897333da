import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import fontkit from '@pdf-lib/fontkit';
import { fonts as packageFonts } from '@embedpdf/fonts-sc';
import type { PDFDocument, PDFFont } from 'pdf-lib';
import { compactSubrs } from './cffSubrs.ts';

/**
 * Chinese fonts for generated PDFs: Noto Sans Hans (Simplified Chinese, 30 000+ glyphs, OFL) Regular and
 * Bold from the npm package @embedpdf/fonts-sc — never system fonts, so every machine renders the same.
 *
 * The OTF files are CID-keyed CFF fonts of ~8 MB each. Embedded whole, a PDF carries ~15 MB of fonts, so
 * they are embedded as subsets (only the glyphs used). @pdf-lib/fontkit 1.1.1 has three bugs with
 * CID-keyed CFF fonts that make a subset unreadable or some of its glyphs garbled, and its subsets keep
 * a stub for every unused subroutine; `cidSafeFontkit` below wraps fontkit and fixes all four (see
 * `fixFdSelectLookup` and `fixCidCffSubset`). fonts.unit.test.ts checks that subset glyphs draw the
 * same outlines as the original font.
 */

/** The two fonts of a document. */
export type DocFonts = { regular: PDFFont; bold: PDFFont };

type FontBytes = { regular: Uint8Array; bold: Uint8Array };

type Fontkit = Parameters<PDFDocument['registerFontkit']>[0];
type FontkitFont = ReturnType<Fontkit['create']>;

const WEIGHT_REGULAR = 400;
const WEIGHT_BOLD = 700;

/** The package's font folder: beside its dist/ (the package exports file names, not paths). */
function fontDir(): string {
  const entry = createRequire(import.meta.url).resolve('@embedpdf/fonts-sc');
  return path.join(path.dirname(path.dirname(entry)), 'fonts');
}

/** The file name the package lists for a weight. */
function fontFile(weight: number): string {
  const listed: unknown = packageFonts;
  if (Array.isArray(listed)) {
    for (const f of listed as unknown[]) {
      if (typeof f === 'object' && f !== null && (f as { weight?: unknown }).weight === weight) {
        const file = (f as { file?: unknown }).file;
        if (typeof file === 'string' && /^[\w.-]+\.otf$/.test(file)) return file;
      }
    }
  }
  throw new Error(`@embedpdf/fonts-sc lists no font of weight ${weight}`);
}

/** Absolute paths of the Regular and Bold OTF files. */
export function fontPaths(): { regular: string; bold: string } {
  const dir = fontDir();
  return { regular: path.join(dir, fontFile(WEIGHT_REGULAR)), bold: path.join(dir, fontFile(WEIGHT_BOLD)) };
}

let loading: Promise<FontBytes> | undefined;

/** The Regular and Bold font files, read once per process on first use (~17 MB kept in memory). */
export function loadFontBytes(): Promise<FontBytes> {
  if (!loading) {
    const p = fontPaths();
    loading = Promise.all([readFile(p.regular), readFile(p.bold)]).then(([regular, bold]) => ({ regular, bold }));
    // A failed read (a broken install) is not cached: the next call tries again.
    loading.catch(() => {
      loading = undefined;
    });
  }
  return loading;
}

/**
 * fontkit for `PDFDocument.registerFontkit`: parses each font once (keyed by the cached bytes: parsing an
 * 8 MB OTF costs ~0.2 s) and makes its CFF subsets valid and small. Safe to share between documents (a
 * subset is created per embedded font per document). `compactSubroutines: false` keeps every
 * subroutine number (stubs for the unused ones), as when `compactSubrs` declines; for tests.
 */
export function makeCidSafeFontkit(options: { compactSubroutines: boolean } = { compactSubroutines: true }): Fontkit {
  const parsed = new WeakMap<Uint8Array, FontkitFont>();
  return {
    create(buffer, postscriptName) {
      const cached = postscriptName === undefined ? parsed.get(buffer) : undefined;
      if (cached) return cached;
      const font = fontkit.create(buffer, postscriptName);
      fixFdSelectLookup((font as unknown as { 'CFF '?: CffTable | null })['CFF ']);
      const createSubset = font.createSubset.bind(font);
      font.createSubset = () => {
        const subset = createSubset();
        fixCidCffSubset(subset as unknown as CffSubsetInternals, options.compactSubroutines);
        return subset;
      };
      if (postscriptName === undefined) parsed.set(buffer, font);
      return font;
    },
  };
}

export const cidSafeFontkit: Fontkit = makeCidSafeFontkit();

/** The parts of fontkit 1.1.1's (untyped) CFFSubset that the fix touches. */
type IndexEntry = { offset: number; length: number };
type FontDict = { Private?: { Subrs?: unknown[] | null } | null; FontName?: unknown };
type CffTable = {
  isCIDFont: boolean;
  version: number;
  offSize: number;
  stream: { pos: number; readBuffer(length: number): Uint8Array };
  globalSubrIndex: IndexEntry[];
  topDict: { FDArray?: FontDict[]; FDSelect?: { version: number; ranges?: FdRange[] } };
  fdForGlyph(gid: number): number | null;
  getCharString(gid: number): Uint8Array;
};
type CffSubsetInternals = {
  glyphs: number[];
  cff?: CffTable;
  font: { getGlyph(gid: number): { path: unknown; _usedSubrs?: Record<string, boolean> } };
  charstrings: Uint8Array[];
  gsubrs: Uint8Array[];
  subsetSubrs(subrs: unknown[], used: Record<string, boolean>): unknown[];
  subsetCharstrings?: () => void;
  subsetFontdict?: (topDict: Record<string, unknown>) => void;
};

type FdRange = { first: number; fd: number };

/**
 * fontkit 1.1.1's `fdForGlyph` for range-coded FDSelect (format 3) compares `gid > next.first` where
 * it needs `>=`: the first glyph of every range gets the previous range's font dict, i.e. the wrong
 * private dict and subroutines, and draws garbled (in fontkit and in a subset alike). Replaced on the
 * parsed table by a correct binary search.
 */
function fixFdSelectLookup(cff: CffTable | null | undefined): void {
  const select = cff?.topDict.FDSelect;
  if (!cff || !select || (select.version !== 3 && select.version !== 4) || !Array.isArray(select.ranges)) return;
  const ranges = select.ranges;
  cff.fdForGlyph = (gid) => {
    if (ranges.length === 0 || gid < ranges[0]!.first) return null;
    let lo = 0;
    let hi = ranges.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (ranges[mid]!.first <= gid) lo = mid;
      else hi = mid - 1;
    }
    return ranges[lo]!.fd;
  };
}

/**
 * Fixes fontkit 1.1.1's CFFSubset for CID-keyed fonts (a TrueType subset is left alone):
 *
 * 1. The CFF header's offSize is written from `cff.length`, which for a CFF (version 1) table is a
 *    leftover decoder length (26 for Noto Sans Hans), not 1–4: readers reject the whole font
 *    ("Embedded font file may be invalid", every glyph a blank box). The subset gets a view of the
 *    table whose `length` is the real offSize.
 * 2. `subsetFontdict` records the local subroutines a glyph uses under the *most recently added*
 *    font dict instead of the glyph's own, so glyphs whose font dict was first met earlier lose their
 *    subroutines (they are replaced by bare `return`s) and draw as garbled strokes.
 * 3. (Size, not correctness.) Unused subroutines are kept as one-byte stubs so that numbers stay
 *    valid: with Noto's ~22 000 local subroutines that is ~55 KB per font even for a one-line PDF.
 *    `compactSubrs` keeps only the reached ones and renumbers the calls; when it declines (an
 *    unexpected charstring), the stubs are kept, with fix 2.
 */
function fixCidCffSubset(subset: CffSubsetInternals, compact: boolean): void {
  const cff = subset.cff;
  if (!cff || !cff.isCIDFont || cff.version >= 2) return;
  if (typeof subset.subsetFontdict !== 'function' || typeof subset.subsetCharstrings !== 'function') return;
  subset.cff = Object.create(cff, { length: { value: cff.offSize } }) as CffTable;
  const originalSubsetCharstrings = subset.subsetCharstrings;
  const sourceDicts = cff.topDict.FDArray ?? [];
  const read = (entry: IndexEntry): Uint8Array => {
    cff.stream.pos = entry.offset;
    return cff.stream.readBuffer(entry.length);
  };
  const subrsOf = (fd: number): IndexEntry[] => (sourceDicts[fd]?.Private?.Subrs as IndexEntry[] | undefined) ?? [];

  // The subset's font dicts: the source dicts its glyphs use, in order of first use.
  let usedFds: number[] = [];
  let fds: number[] = [];
  let compactLocals: Uint8Array[][] | null = null;

  subset.subsetCharstrings = function subsetCharstrings() {
    const renumbered = new Map<number, number>();
    usedFds = [];
    fds = this.glyphs.map((gid) => {
      const fd = cff.fdForGlyph(gid) ?? 0;
      let index = renumbered.get(fd);
      if (index === undefined) {
        index = usedFds.length;
        renumbered.set(fd, index);
        usedFds.push(fd);
      }
      return index;
    });
    const compacted = compact
      ? compactSubrs({
          charstrings: this.glyphs.map((gid) => cff.getCharString(gid)),
          fdOfGlyph: fds,
          globalSubrs: { count: cff.globalSubrIndex.length, get: (i) => read(cff.globalSubrIndex[i]!) },
          localSubrs: usedFds.map((fd) => {
            const subrs = subrsOf(fd);
            return { count: subrs.length, get: (i: number) => read(subrs[i]!) };
          }),
        })
      : null;
    // The UMD build of fontkit bundles its own Buffer, and its streams accept no other kind.
    const FontkitBuffer = cff.getCharString(0).constructor as unknown as { from?: (bytes: Uint8Array) => Uint8Array };
    const from = FontkitBuffer.from?.bind(FontkitBuffer);
    if (compacted && from) {
      this.charstrings = compacted.charstrings.map((b) => from(b));
      this.gsubrs = compacted.globalSubrs.map((b) => from(b));
      compactLocals = compacted.localSubrs.map((list) => list.map((b) => from(b)));
    } else {
      originalSubsetCharstrings.call(this);
      compactLocals = null;
    }
  };

  subset.subsetFontdict = function subsetFontdict(topDict) {
    const usedSubrs: Record<string, boolean>[] = usedFds.map(() => ({}));
    if (!compactLocals) {
      this.glyphs.forEach((gid, i) => {
        const glyph = this.font.getGlyph(gid);
        void glyph.path; // parsing the outline records the subroutines it calls
        Object.assign(usedSubrs[fds[i]!]!, glyph._usedSubrs);
      });
    }
    topDict.FDArray = usedFds.map((fd, i) => {
      const dict: FontDict = { ...sourceDicts[fd] };
      delete dict.FontName;
      if (dict.Private?.Subrs) {
        const subrs = compactLocals ? compactLocals[i]! : this.subsetSubrs(dict.Private.Subrs, usedSubrs[i]!);
        dict.Private = { ...dict.Private, Subrs: subrs.length > 0 ? subrs : null };
      }
      return dict;
    });
    topDict.FDSelect = { version: 0, fds };
  };
}

/**
 * Registers fontkit on `doc` and embeds Regular and Bold as subsets. Call once per document; the font
 * files are read and parsed once per process.
 */
export async function registerFonts(doc: PDFDocument): Promise<DocFonts> {
  const bytes = await loadFontBytes();
  doc.registerFontkit(cidSafeFontkit);
  const [regular, bold] = await Promise.all([
    doc.embedFont(bytes.regular, { subset: true }),
    doc.embedFont(bytes.bold, { subset: true }),
  ]);
  return { regular, bold };
}
