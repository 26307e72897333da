/**
 * Small seeded PRNG for demo data: sfc32 (Chris Doty-Humphrey's Small Fast Counting generator, 32-bit)
 * seeded with the 128-bit cyrb128 hash of a string. Deterministic across platforms; not for security.
 */

export type Rng = {
  /** Uniform float in [0, 1). */
  next(): number;
  /** Uniform integer in [min, max], both inclusive. */
  int(min: number, max: number): number;
  /** Uniform element of a non-empty array. */
  pick<T>(items: readonly T[]): T;
  /** Element chosen with probability proportional to its weight (weights ≥ 0, not all 0). */
  weightedPick<T>(items: readonly T[], weights: readonly number[]): T;
};

/** A generator whose whole stream is determined by `seed`. */
export function createRng(seed: string): Rng {
  let [a, b, c, d] = cyrb128(seed);
  const nextUint32 = (): number => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  };
  // Discard the first outputs so that similar seeds diverge fully (recommended for sfc32).
  for (let i = 0; i < 12; i++) nextUint32();

  const next = (): number => nextUint32() / 4_294_967_296;
  return {
    next,
    int(min, max) {
      if (!Number.isInteger(min) || !Number.isInteger(max) || min > max) throw new RangeError(`bad range [${min}, ${max}]`);
      return min + Math.floor(next() * (max - min + 1));
    },
    pick(items) {
      if (items.length === 0) throw new RangeError('cannot pick from an empty array');
      return items[Math.floor(next() * items.length)]!;
    },
    weightedPick(items, weights) {
      if (items.length !== weights.length) throw new RangeError('items and weights differ in length');
      const total = weights.reduce((sum, w) => sum + w, 0);
      if (!(total > 0) || weights.some((w) => w < 0)) throw new RangeError('weights must be ≥ 0 with a positive total');
      let r = next() * total;
      for (let i = 0; i < items.length; i++) {
        r -= weights[i]!;
        if (r < 0) return items[i]!;
      }
      // Floating-point rounding can leave r ≥ 0 after the loop: fall back to the last item with weight.
      return items[weights.findLastIndex((w) => w > 0)]!;
    },
  };
}

/** The generator for item `index` of a data set: depends only on (seed, index), so items can be made in any order. */
export function rngFor(seed: string, index: number): Rng {
  return createRng(`${seed}\u0000${index}`);
}

/** cyrb128 (bryc, public domain): a fast non-cryptographic 128-bit string hash, as four 32-bit words. */
function cyrb128(text: string): [number, number, number, number] {
  let h1 = 1779033703;
  let h2 = 3144134277;
  let h3 = 1013904242;
  let h4 = 2773480762;
  for (let i = 0; i < text.length; i++) {
    const k = text.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
}
