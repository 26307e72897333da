import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compactSubrs, encodeInt, fromArray, subrBias } from './cffSubrs.ts';

/** Decodes one Type 2 integer operand. */
function decodeInt(b: number[]): number {
  const [b0, b1 = 0, b2 = 0] = b;
  if (b0 === undefined) throw new Error('empty');
  if (b0 === 28) return ((b1 << 24) >> 16) | b2;
  if (b0 >= 32 && b0 <= 246) return b0 - 139;
  if (b0 >= 247 && b0 <= 250) return (b0 - 247) * 256 + b1 + 108;
  if (b0 >= 251 && b0 <= 254) return -(b0 - 251) * 256 - b1 - 108;
  throw new Error(`not an integer: ${b0}`);
}

const n = (v: number) => encodeInt(v);
const CALLSUBR = 10;
const CALLGSUBR = 29;
const RETURN = 11;
const ENDCHAR = 14;
const HSTEMHM = 18;
const HINTMASK = 19;
const RLINETO = 5;
const bytes = (...parts: (number | number[])[]) => Uint8Array.from(parts.flat());

describe('Type 2 charstring integers', () => {
  it('encode in the shortest form and decode back', () => {
    expect(n(0)).toEqual([139]);
    expect(n(107)).toEqual([246]);
    expect(n(108)).toHaveLength(2);
    expect(n(-1131)).toHaveLength(2);
    expect(n(1132)).toHaveLength(3);
    fc.assert(fc.property(fc.integer({ min: -32768, max: 32767 }), (v) => decodeInt(n(v)) === v));
  });

  it('bias depends on the number of subroutines', () => {
    expect([subrBias(0), subrBias(1239), subrBias(1240), subrBias(33899), subrBias(33900)]).toEqual([107, 107, 1131, 1131, 32768]);
  });
});

describe('compactSubrs', () => {
  // 300 local subroutines (bias 107) of which the glyph reaches #250 and, through it, global #3 of 5.
  const locals = Array.from({ length: 300 }, (_, i) => bytes(n(i), n(i), RLINETO, RETURN));
  locals[250] = bytes(n(1), n(2), RLINETO, n(3 - 107), CALLGSUBR, RETURN);
  const globals = Array.from({ length: 5 }, (_, i) => bytes(n(10 + i), n(0), RLINETO, RETURN));

  it('keeps only reachable subroutines and renumbers the calls', () => {
    const glyph = bytes(n(50), n(20), HSTEMHM, HINTMASK, [CALLSUBR], n(250 - 107), CALLSUBR, ENDCHAR);
    const out = compactSubrs({ charstrings: [glyph], fdOfGlyph: [0], globalSubrs: fromArray(globals), localSubrs: [fromArray(locals)] });
    expect(out).not.toBeNull();
    expect(out!.localSubrs[0]).toHaveLength(1);
    expect(out!.globalSubrs).toHaveLength(1);
    // One stem → one hintmask byte, which happens to be the callsubr opcode and must be left alone.
    expect([...out!.charstrings[0]!]).toEqual([...n(50), ...n(20), HSTEMHM, HINTMASK, CALLSUBR, ...n(0 - 107), CALLSUBR, ENDCHAR]);
    expect([...out!.localSubrs[0]![0]!]).toEqual([...n(1), ...n(2), RLINETO, ...n(0 - 107), CALLGSUBR, RETURN]);
    expect([...out!.globalSubrs[0]!]).toEqual([...globals[3]!]);
  });

  it('numbers the most called subroutines first', () => {
    const call = (i: number) => [...n(i - 107), CALLSUBR];
    const glyphs = [bytes(call(7), ENDCHAR), bytes(call(9), call(9), ENDCHAR), bytes(call(9), ENDCHAR)];
    const out = compactSubrs({ charstrings: glyphs, fdOfGlyph: [0, 0, 0], globalSubrs: fromArray([]), localSubrs: [fromArray(locals)] })!;
    expect(out.localSubrs[0]!.map((b) => [...b])).toEqual([[...locals[9]!], [...locals[7]!]]);
    expect([...out.charstrings[0]!]).toEqual([...n(1 - 107), CALLSUBR, ENDCHAR]);
  });

  it('keeps the subroutines of each font dict apart', () => {
    const a = [bytes(n(1), n(1), RLINETO, RETURN)];
    const b = [bytes(n(2), n(2), RLINETO, RETURN), bytes(n(3), n(3), RLINETO, RETURN)];
    const glyphs = [bytes(n(0 - 107), CALLSUBR, ENDCHAR), bytes(n(1 - 107), CALLSUBR, ENDCHAR)];
    const out = compactSubrs({ charstrings: glyphs, fdOfGlyph: [0, 1], globalSubrs: fromArray([]), localSubrs: [fromArray(a), fromArray(b)] })!;
    expect(out.localSubrs.map((l) => l.map((x) => [...x]))).toEqual([[[...a[0]!]], [[...b[1]!]]]);
    expect([...out.charstrings[1]!]).toEqual([...n(0 - 107), CALLSUBR, ENDCHAR]);
  });

  it('declines what it cannot analyse safely', () => {
    const run = (glyph: Uint8Array) => compactSubrs({ charstrings: [glyph], fdOfGlyph: [0], globalSubrs: fromArray(globals), localSubrs: [fromArray(locals)] });
    expect(run(bytes(n(1), n(2), [12, 10], ENDCHAR))).toBeNull(); // arithmetic (add)
    expect(run(bytes(n(400 - 107), CALLSUBR, ENDCHAR))).toBeNull(); // no such subroutine
    expect(run(bytes(CALLSUBR, ENDCHAR))).toBeNull(); // no operand
    expect(run(bytes(n(1), n(2), RLINETO, ENDCHAR))).not.toBeNull();
  });
});
