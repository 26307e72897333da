import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { createRng, rngFor } from './random.ts';

const draw = (seed: string, n: number): number[] => {
  const rng = createRng(seed);
  return Array.from({ length: n }, () => rng.next());
};

describe('createRng', () => {
  it('is deterministic per seed and differs between seeds', () => {
    fc.assert(
      fc.property(fc.string(), (seed) => {
        expect(draw(seed, 5)).toEqual(draw(seed, 5));
        expect(draw(seed, 5)).not.toEqual(draw(`${seed}x`, 5));
      }),
    );
  });

  it('draws floats in [0, 1) with a sensible mean', () => {
    const values = draw('mean', 50_000);
    expect(values.every((v) => v >= 0 && v < 1)).toBe(true);
    const mean = values.reduce((s, v) => s + v, 0) / values.length;
    expect(Math.abs(mean - 0.5)).toBeLessThan(0.01);
  });

  it('int stays within inclusive bounds and reaches both ends', () => {
    fc.assert(
      fc.property(fc.string(), fc.integer({ min: -1000, max: 1000 }), fc.nat({ max: 20 }), (seed, min, width) => {
        const rng = createRng(seed);
        const values = Array.from({ length: 400 }, () => rng.int(min, min + width));
        expect(values.every((v) => Number.isInteger(v) && v >= min && v <= min + width)).toBe(true);
        expect(new Set(values).size).toBe(width + 1);
      }),
    );
    expect(() => createRng('x').int(2, 1)).toThrow(RangeError);
    expect(() => createRng('x').int(0, 1.5)).toThrow(RangeError);
  });

  it('pick returns elements of the array', () => {
    const rng = createRng('pick');
    const items = ['a', 'b', 'c'] as const;
    const seen = new Set(Array.from({ length: 100 }, () => rng.pick(items)));
    expect([...seen].sort()).toEqual(['a', 'b', 'c']);
    expect(() => rng.pick([])).toThrow(RangeError);
  });

  it('weightedPick follows the weights and never picks a zero weight', () => {
    const rng = createRng('weights');
    const counts = { a: 0, b: 0, c: 0 };
    for (let i = 0; i < 30_000; i++) counts[rng.weightedPick(['a', 'b', 'c'] as const, [1, 0, 3])]++;
    expect(counts.b).toBe(0);
    expect(counts.c / counts.a).toBeGreaterThan(2.8);
    expect(counts.c / counts.a).toBeLessThan(3.2);
    expect(() => rng.weightedPick(['a'], [0])).toThrow(RangeError);
    expect(() => rng.weightedPick(['a', 'b'], [1])).toThrow(RangeError);
    expect(() => rng.weightedPick(['a', 'b'], [2, -1])).toThrow(RangeError);
  });
});

describe('rngFor', () => {
  it('depends only on (seed, index), not on what was drawn before', () => {
    fc.assert(
      fc.property(fc.string(), fc.nat(), fc.nat({ max: 50 }), (seed, index, noise) => {
        const before = rngFor(seed, index).next();
        const other = rngFor(seed, index + 1);
        for (let i = 0; i < noise; i++) other.next();
        expect(rngFor(seed, index).next()).toBe(before);
        expect(other.next()).not.toBe(before);
      }),
    );
  });
});
