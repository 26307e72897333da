/**
 * Drops the unused subroutines of a CFF font subset and renumbers the rest (Type 2 charstrings, Adobe
 * TN #5177). Noto Sans Hans has ~22 000 local subroutines in one font dict; a subset of a hundred glyphs
 * uses a few hundred of them, but keeping their numbers would mean keeping a stub for every other one
 * (~90 KB per font, ~55 KB compressed). Renumbering needs every charstring parsed the way a rasteriser
 * does (the length of a hintmask depends on how many stems came before it, across subroutine calls),
 * and every subroutine number operand rewritten.
 *
 * Pure and conservative: anything unexpected (arithmetic or storage operators, a call whose operand
 * cannot be traced to a literal, one literal needing two different new numbers, malformed bytes) makes
 * `compactSubrs` return null, and the caller keeps all subroutines instead.
 */

/** Subroutines read on demand (a CJK font has tens of thousands; a subset reaches a few hundred). */
export type SubrSource = { count: number; get(index: number): Uint8Array };

export type CharstringInput = {
  /** Charstrings of the subset's glyphs. */
  charstrings: Uint8Array[];
  /** Index into `localSubrs` for each glyph (its font dict). */
  fdOfGlyph: number[];
  globalSubrs: SubrSource;
  /** The local subroutines of each font dict (count 0 when it has none). */
  localSubrs: SubrSource[];
};

export type CompactedCharstrings = { charstrings: Uint8Array[]; globalSubrs: Uint8Array[]; localSubrs: Uint8Array[][] };

export const fromArray = (subrs: Uint8Array[]): SubrSource => ({ count: subrs.length, get: (i) => subrs[i]! });

/** Subroutine number bias for an INDEX of `count` subroutines. */
export function subrBias(count: number): number {
  return count < 1240 ? 107 : count < 33900 ? 1131 : 32768;
}

/** Type 2 charstring integer encoding. */
export function encodeInt(v: number): number[] {
  if (v >= -107 && v <= 107) return [v + 139];
  if (v >= 108 && v <= 1131) {
    const w = v - 108;
    return [(w >> 8) + 247, w & 0xff];
  }
  if (v >= -1131 && v <= -108) {
    const w = -v - 108;
    return [(w >> 8) + 251, w & 0xff];
  }
  return [28, (v >> 8) & 0xff, v & 0xff];
}

/** A literal number in a container: where it is, to rewrite it. */
type Origin = { container: number; start: number; end: number };
type StackItem = { value: number; origin: Origin | null };

const OP = { hstem: 1, vstem: 3, callsubr: 10, return: 11, escape: 12, endchar: 14, hstemhm: 18, hintmask: 19, cntrmask: 20, vstemhm: 23, callgsubr: 29 } as const;
/** Escaped operators that compute on the stack or use storage: not supported here. */
const ARITHMETIC = new Set([3, 4, 5, 9, 10, 11, 12, 14, 15, 18, 20, 21, 22, 23, 24, 26, 27, 28, 29, 30]);

class Unsupported extends Error {}

/**
 * The same charstrings with only the subroutines they reach, renumbered (most used first, so most calls
 * encode in one byte). Null when a charstring cannot be analysed safely.
 */
export function compactSubrs(input: CharstringInput): CompactedCharstrings | null {
  try {
    return compact(input);
  } catch (e) {
    if (e instanceof Unsupported) return null;
    throw e;
  }
}

function compact(input: CharstringInput): CompactedCharstrings {
  const { charstrings, fdOfGlyph, globalSubrs, localSubrs } = input;
  // Containers: glyphs first, then subroutines as they are reached. Keyed 'g:i' or 'l:fd:i'.
  const containers: { bytes: Uint8Array; key: string }[] = charstrings.map((bytes, i) => ({ bytes, key: `c:${i}` }));
  const containerOf = new Map<string, number>();
  const uses = new Map<string, number>(); // subroutine key → calls
  // Rewrites: container → start offset → { end, key of the called subroutine }.
  const rewrites = new Map<number, Map<number, { end: number; key: string }>>();
  const gBias = subrBias(globalSubrs.count);
  // Literals in subroutines that some call consumed as drawing operands (a subroutine runs many times,
  // so its literals could in principle serve both as an operand and as a subroutine number).
  const consumed = new Set<string>();

  const containerFor = (key: string, read: () => Uint8Array) => {
    let c = containerOf.get(key);
    if (c === undefined) {
      c = containers.length;
      containers.push({ bytes: read(), key });
      containerOf.set(key, c);
    }
    return c;
  };

  charstrings.forEach((_, glyph) => {
    const fd = fdOfGlyph[glyph] ?? 0;
    const locals = localSubrs[fd] ?? fromArray([]);
    const lBias = subrBias(locals.count);
    const stack: StackItem[] = [];
    let stems = 0;
    let depth = 0;
    const clear = () => {
      for (const item of stack) if (item.origin && item.origin.container >= charstrings.length) consumed.add(`${item.origin.container}:${item.origin.start}`);
      stack.length = 0;
    };

    /** Runs a container; returns true at endchar. */
    const run = (c: number): boolean => {
      if (++depth > 12) throw new Unsupported('subroutine nesting too deep');
      const bytes = containers[c]!.bytes;
      let i = 0;
      while (i < bytes.length) {
        const b0 = bytes[i]!;
        const start = i;
        if (b0 >= 32 || b0 === 28) {
          let value: number;
          if (b0 === 28) {
            if (i + 3 > bytes.length) throw new Unsupported('truncated number');
            value = ((bytes[i + 1]! << 24) >> 16) | bytes[i + 2]!;
            i += 3;
          } else if (b0 <= 246) {
            value = b0 - 139;
            i += 1;
          } else if (b0 <= 250) {
            value = (b0 - 247) * 256 + bytes[i + 1]! + 108;
            i += 2;
          } else if (b0 <= 254) {
            value = -(b0 - 251) * 256 - bytes[i + 1]! - 108;
            i += 2;
          } else {
            value = NaN; // 16.16 fixed: never a subroutine number
            i += 5;
          }
          if (i > bytes.length) throw new Unsupported('truncated number');
          stack.push({ value, origin: { container: c, start, end: i } });
          if (stack.length > 513) throw new Unsupported('stack overflow');
          continue;
        }
        i += 1;
        switch (b0) {
          case OP.callsubr:
          case OP.callgsubr: {
            const top = stack.pop();
            if (!top?.origin || !Number.isInteger(top.value)) throw new Unsupported('subroutine number is not a literal');
            const global = b0 === OP.callgsubr;
            const index = top.value + (global ? gBias : lBias);
            const source = global ? globalSubrs : locals;
            if (index < 0 || index >= source.count) throw new Unsupported(`subroutine ${index} out of range`);
            const key = global ? `g:${index}` : `l:${fd}:${index}`;
            uses.set(key, (uses.get(key) ?? 0) + 1);
            let at = rewrites.get(top.origin.container);
            if (!at) rewrites.set(top.origin.container, (at = new Map()));
            const prev = at.get(top.origin.start);
            if (prev && prev.key !== key) throw new Unsupported('one literal calls two subroutines');
            at.set(top.origin.start, { end: top.origin.end, key });
            if (run(containerFor(key, () => source.get(index)))) return true;
            break;
          }
          case OP.return:
            depth--;
            return false;
          case OP.endchar:
            clear();
            return true;
          case OP.hstem:
          case OP.vstem:
          case OP.hstemhm:
          case OP.vstemhm:
            stems += stack.length >> 1;
            clear();
            break;
          case OP.hintmask:
          case OP.cntrmask:
            stems += stack.length >> 1; // implicit vstem
            clear();
            i += (stems + 7) >> 3;
            break;
          case OP.escape: {
            const b1 = bytes[i];
            i += 1;
            if (b1 === undefined || ARITHMETIC.has(b1)) throw new Unsupported(`escape operator ${b1}`);
            clear();
            break;
          }
          default:
            clear();
        }
      }
      depth--;
      return false; // ran off the end (a subroutine without return: allowed)
    };
    run(glyph);
  });

  for (const [c, at] of rewrites) {
    for (const start of at.keys()) if (consumed.has(`${c}:${start}`)) throw new Unsupported('a literal is both an operand and a subroutine number');
  }

  // New numbers: per INDEX, most used first.
  const order = (prefix: string) =>
    [...uses.entries()]
      .filter(([k]) => k.startsWith(prefix))
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .map(([k]) => k);
  const newIndex = new Map<string, number>();
  const globalOrder = order('g:');
  globalOrder.forEach((k, i) => newIndex.set(k, i));
  const localOrder = localSubrs.map((_, fd) => order(`l:${fd}:`));
  localOrder.forEach((keys) => keys.forEach((k, i) => newIndex.set(k, i)));
  const newGBias = subrBias(globalOrder.length);
  const newLBias = localOrder.map((keys) => subrBias(keys.length));

  const rewritten = containers.map(({ bytes }, c) => {
    const at = rewrites.get(c);
    if (!at) return bytes;
    const out: number[] = [];
    let pos = 0;
    for (const [start, { end, key }] of [...at.entries()].sort((a, b) => a[0] - b[0])) {
      for (let j = pos; j < start; j++) out.push(bytes[j]!);
      const bias = key.startsWith('g:') ? newGBias : newLBias[Number(key.split(':')[1])]!;
      out.push(...encodeInt(newIndex.get(key)! - bias));
      pos = end;
    }
    for (let j = pos; j < bytes.length; j++) out.push(bytes[j]!);
    return Uint8Array.from(out);
  });
  const bytesOf = (key: string) => rewritten[containerOf.get(key)!]!;
  return {
    charstrings: rewritten.slice(0, charstrings.length),
    globalSubrs: globalOrder.map(bytesOf),
    localSubrs: localOrder.map((keys) => keys.map(bytesOf)),
  };
}
