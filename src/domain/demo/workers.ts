/**
 * Demo workers (劳动者) for 运城市: a pure function of (seed, index, count, asOf), so any slice of a large
 * data set can be generated independently and in parallel.
 *
 * ID numbers are distinct by construction, without a dedupe pass:
 * 1. Indices are cut into blocks of 10,000. Inside a block, the position is shuffled by an affine bijection
 *    of 0 … 9,999, and the shuffled position falls into one unit's fixed share of the block (shares by
 *    population, the development zone 1.5 %). So index i ↦ (block, unit, offset) is one-to-one.
 * 2. Units that share an address code (盐湖区 and the zone, whose residents are registered in 盐湖区 140802)
 *    form one "pool"; pool index k = block × poolShare + offset is one-to-one within the pool.
 * 3. k is mapped by an affine bijection mod S onto the pool's S = (birth days in the 16–64 age range) × 1000
 *    (birth date, sequence code) slots. With at most 1,000 blocks and poolShare ≤ 10,000, k < 10,000,000,
 *    and S ≥ 17,897 days × 1000, so distinct workers of one pool get distinct (birth date, sequence),
 *    hence distinct ID numbers.
 * Phone numbers are distinct too: the 8-digit subscriber number is an affine bijection of the index mod 10^8.
 */
import { idCheckChar } from '../identity/idNumber.ts';
import { REPORTING_UNITS, TOWNSHIPS, YUNCHENG_ETDZ_CODE } from '../identity/divisions.ts';
import type { ReportingUnit } from '../identity/divisions.ts';
import { MOBILE_PREFIXES, mobileNumber, randomChineseName } from './people.ts';
import { createRng, rngFor } from './random.ts';
import type { Rng } from './random.ts';

export type DemoWorker = {
  idNumber: string;
  name: string;
  gender: 'M' | 'F';
  /** YYYY-MM-DD */
  birthDate: string;
  phone: string;
  /** One of the 14 reporting unit codes. */
  unitCode: string;
  /** 6-digit county of residence (= ID address code); 140802 for the development zone. */
  countyCode: string;
  townshipCode: string;
};

export const MAX_DEMO_WORKERS = 10_000_000;

const BLOCK = 10_000;
/** The development zone's share of every block (1.5 %); the counties share the rest by population. */
const ZONE_SHARE = 150;
const SEQUENCES_PER_DAY = 1000;
const PHONE_SUFFIXES = 100_000_000;
const MIN_AGE = 16;
const MAX_AGE = 64;
const DAY_MS = 86_400_000;

/** A unit's fixed share [start, start + size) of each block, and where it sits in its address-code pool. */
type Segment = {
  unitCode: string;
  countyCode: string;
  townshipCodes: readonly string[];
  start: number;
  size: number;
  poolOffset: number;
  poolSize: number;
};

const SEGMENTS: readonly Segment[] = buildSegments();

/** Parameters derived from (seed, asOf), shared by every index. */
type Plan = {
  seed: string;
  /** Day number (days since 1970-01-01) of the earliest birth date in the age range. */
  firstBirthDay: number;
  /** Affine bijection per pool (keyed by county code) from pool index to slot. */
  slotMaps: ReadonlyMap<string, Affine>;
  blockShuffle: Affine;
  /** Added to the block shuffle per block, so that blocks are not laid out identically. */
  blockStride: number;
  phoneMap: Affine;
};

type Affine = { a: number; c: number; m: number };

/**
 * Worker `index` of a data set of `count` workers (0 ≤ index < count ≤ MAX_DEMO_WORKERS), aged 16–64 on `asOf`
 * (YYYY-MM-DD). For a fixed (seed, asOf), ID numbers and phone numbers are pairwise distinct over all indices.
 * `count` only bounds the index: worker i is the same in every data set that contains it, so a data set can grow.
 */
export function demoWorker(seed: string, index: number, count: number, asOf: string): DemoWorker {
  checkCount(count);
  if (!Number.isInteger(index) || index < 0 || index >= count) throw new RangeError(`index ${index} outside 0 … ${count - 1}`);
  return workerAt(planFor(seed, asOf), index);
}

/** Workers `from` … `to − 1` of a data set of `count`; the same values as demoWorker, computed with one shared plan. */
export function* demoWorkers(seed: string, count: number, asOf: string, from = 0, to = count): Generator<DemoWorker> {
  checkCount(count);
  if (!Number.isInteger(from) || !Number.isInteger(to) || from < 0 || from > to || to > count) {
    throw new RangeError(`range ${from} … ${to} outside 0 … ${count}`);
  }
  const plan = makePlan(seed, asOf);
  for (let index = from; index < to; index++) yield workerAt(plan, index);
}

function workerAt(plan: Plan, index: number): DemoWorker {
  const block = Math.floor(index / BLOCK);
  const position = (applyAffine(plan.blockShuffle, index % BLOCK) + block * plan.blockStride) % BLOCK;
  const segment = SEGMENTS.find((s) => position < s.start + s.size)!;
  const poolIndex = block * segment.poolSize + segment.poolOffset + (position - segment.start);

  const slot = applyAffine(plan.slotMaps.get(segment.countyCode)!, poolIndex);
  const birthDate = isoDate(plan.firstBirthDay + Math.floor(slot / SEQUENCES_PER_DAY));
  const sequence = slot % SEQUENCES_PER_DAY;
  const body = segment.countyCode + birthDate.replaceAll('-', '') + String(sequence).padStart(3, '0');
  const gender = sequence % 2 === 1 ? 'M' : 'F';

  const rng = rngFor(plan.seed, index);
  return {
    idNumber: body + idCheckChar(body),
    name: randomChineseName(rng, gender),
    gender,
    birthDate,
    phone: mobileNumber(rng.pick(MOBILE_PREFIXES), applyAffine(plan.phoneMap, index)),
    unitCode: segment.unitCode,
    countyCode: segment.countyCode,
    townshipCode: rng.pick(segment.townshipCodes),
  };
}

/**
 * The plan of the last (seed, asOf) seen. A plan is a pure function of its key, so reusing it changes no
 * result; it only spares demoWorker the set-up cost (≈ 15 µs) when called index by index.
 */
let lastPlan: { seed: string; asOf: string; plan: Plan } | undefined;

function planFor(seed: string, asOf: string): Plan {
  if (lastPlan?.seed !== seed || lastPlan.asOf !== asOf) lastPlan = { seed, asOf, plan: makePlan(seed, asOf) };
  return lastPlan.plan;
}

function makePlan(seed: string, asOf: string): Plan {
  if (Number.isNaN(dayNumber(asOf))) throw new RangeError(`asOf must be a YYYY-MM-DD date, got ${JSON.stringify(asOf)}`);
  // Born on or before the MIN_AGE-th birthday, and after the (MAX_AGE + 1)-th birthday (see ageOn in idNumber.ts).
  const lastBirthDay = birthdayAtAge(asOf, MIN_AGE);
  const firstBirthDay = birthdayAtAge(asOf, MAX_AGE + 1) + 1;
  const slotCount = (lastBirthDay - firstBirthDay + 1) * SEQUENCES_PER_DAY;

  const rng = createRng(`${seed}\u0000plan\u0000${asOf}`);
  const slotMaps = new Map<string, Affine>();
  for (const segment of SEGMENTS) {
    if (!slotMaps.has(segment.countyCode)) slotMaps.set(segment.countyCode, randomAffine(rng, slotCount));
  }
  return {
    seed,
    firstBirthDay,
    slotMaps,
    blockShuffle: randomAffine(rng, BLOCK),
    blockStride: rng.int(0, BLOCK - 1),
    phoneMap: randomAffine(rng, PHONE_SUFFIXES),
  };
}

/**
 * x ↦ (a·x + c) mod m with gcd(a, m) = 1, a bijection of 0 … m − 1. The multiplier is taken from the middle
 * of the range so that neighbouring inputs land far apart. All products stay below 2^53 for our m and x.
 */
function randomAffine(rng: Rng, m: number): Affine {
  let a = rng.int(Math.floor(m * 0.2), Math.floor(m * 0.8));
  while (gcd(a, m) !== 1) a++;
  return { a, c: rng.int(0, m - 1), m };
}

function applyAffine({ a, c, m }: Affine, x: number): number {
  return (a * x + c) % m;
}

function gcd(x: number, y: number): number {
  while (y !== 0) [x, y] = [y, x % y];
  return x;
}

/** Unit shares of a block: the zone gets ZONE_SHARE, counties split the rest by population (largest remainder). */
function buildSegments(): Segment[] {
  const counties = REPORTING_UNITS.filter((u) => !u.isDevelopmentZone);
  const zone = REPORTING_UNITS.find((u) => u.isDevelopmentZone)!;
  const population = (u: ReportingUnit): number => u.population ?? 0;
  const total = counties.reduce((sum, u) => sum + population(u), 0);
  const available = BLOCK - ZONE_SHARE;
  const exact = counties.map((u) => (population(u) * available) / total);
  const shares = exact.map(Math.floor);
  const byRemainder = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((p, q) => q[0] - p[0]);
  const missing = available - shares.reduce((sum, x) => sum + x, 0);
  for (let k = 0; k < missing; k++) shares[byRemainder[k]![1]]! += 1;

  // Lay the units out in order, the zone right after its parent 盐湖区 so that both share one pool.
  const layout: Array<{ unit: ReportingUnit; size: number }> = counties.flatMap((unit, i) => {
    const own = { unit, size: shares[i]! };
    return unit.code === zone.parentCode ? [own, { unit: zone, size: ZONE_SHARE }] : [own];
  });
  const segments: Segment[] = [];
  let start = 0;
  for (const { unit, size } of layout) {
    const countyCode = unit.isDevelopmentZone ? unit.parentCode : unit.code;
    const pool = layout.filter((l) => (l.unit.isDevelopmentZone ? l.unit.parentCode : l.unit.code) === countyCode);
    const poolOffset = segments.filter((s) => s.countyCode === countyCode).reduce((sum, s) => sum + s.size, 0);
    segments.push({
      unitCode: unit.code,
      countyCode,
      townshipCodes: unit.isDevelopmentZone
        ? [YUNCHENG_ETDZ_CODE]
        : TOWNSHIPS.filter((t) => t.countyCode === countyCode && t.code !== YUNCHENG_ETDZ_CODE).map((t) => t.code),
      start,
      size,
      poolOffset,
      poolSize: pool.reduce((sum, l) => sum + l.size, 0),
    });
    start += size;
  }
  return segments;
}

function checkCount(count: number): void {
  if (!Number.isInteger(count) || count < 0 || count > MAX_DEMO_WORKERS) {
    throw new RangeError(`count must be an integer in 0 … ${MAX_DEMO_WORKERS}, got ${count}`);
  }
}

/**
 * Day number of the latest birth date of someone at least `age` years old on `asOf`: the same month-day
 * `age` years earlier, with 29 February moved to 28 February in common years (consistent with ageOn).
 */
function birthdayAtAge(asOf: string, age: number): number {
  const year = Number(asOf.slice(0, 4)) - age;
  const monthDay = asOf.slice(5) === '02-29' && !isLeapYear(year) ? '02-28' : asOf.slice(5);
  return dayNumber(`${year}-${monthDay}`);
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Days since 1970-01-01 of a YYYY-MM-DD date; NaN unless it is a real calendar date. */
function dayNumber(iso: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!match) return Number.NaN;
  const ms = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  return isoDate(ms / DAY_MS) === iso ? ms / DAY_MS : Number.NaN;
}

function isoDate(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}
