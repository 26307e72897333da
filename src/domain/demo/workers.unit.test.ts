import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { ageOn, isMainlandMobile, parseIdNumber } from '../identity/idNumber.ts';
import { REPORTING_UNITS, TOWNSHIPS, YUNCHENG_ETDZ_CODE } from '../identity/divisions.ts';
import { MAX_DEMO_WORKERS, demoWorker, demoWorkers } from './workers.ts';
import type { DemoWorker } from './workers.ts';

const AS_OF = '2024-06-01';
const UNIT_CODES = new Set(REPORTING_UNITS.map((u) => u.code));
const TOWNSHIP_COUNTY = new Map(TOWNSHIPS.map((t) => [t.code, t.countyCode]));

/** Every way in which a worker is inconsistent or out of range (an empty list when it is fine). */
function problems(w: DemoWorker, asOf: string): string[] {
  const found: string[] = [];
  const parsed = parseIdNumber(w.idNumber, asOf);
  if (!parsed.ok) found.push(`ID ${parsed.problem}`);
  else if (parsed.addressCode !== w.countyCode || parsed.birthDate !== w.birthDate || parsed.gender !== w.gender) found.push('ID disagrees');
  const age = ageOn(w.birthDate, asOf);
  if (age < 16 || age > 64) found.push(`age ${age}`);
  if (!UNIT_CODES.has(w.unitCode)) found.push('unit');
  if (w.unitCode === YUNCHENG_ETDZ_CODE) {
    if (w.countyCode !== '140802' || w.townshipCode !== YUNCHENG_ETDZ_CODE) found.push('zone residence');
  } else if (w.countyCode !== w.unitCode || TOWNSHIP_COUNTY.get(w.townshipCode) !== w.countyCode || w.townshipCode === YUNCHENG_ETDZ_CODE) {
    found.push('residence');
  }
  if (!isMainlandMobile(w.phone)) found.push('phone');
  if (!/^[\u4e00-\u9fff]{2,3}$/.test(w.name)) found.push('name');
  return found.map((problem) => `${w.idNumber}: ${problem}`);
}

describe('demoWorkers', () => {
  const workers = [...demoWorkers('test-seed', 20_000, AS_OF)];

  it('makes 20,000 valid, consistent workers', () => {
    expect(workers).toHaveLength(20_000);
    expect(workers.flatMap((w) => problems(w, AS_OF))).toEqual([]);
  });

  it('has a checker that notices a tampered worker', () => {
    const w = workers[0]!;
    expect(problems({ ...w, gender: w.gender === 'M' ? 'F' : 'M' }, AS_OF)).toHaveLength(1);
    expect(problems({ ...w, townshipCode: YUNCHENG_ETDZ_CODE, unitCode: '140821' }, AS_OF)).toHaveLength(1);
  });

  it('gives distinct ID numbers and phone numbers', () => {
    expect(new Set(workers.map((w) => w.idNumber)).size).toBe(20_000);
    expect(new Set(workers.map((w) => w.phone)).size).toBe(20_000);
  });

  it('spreads workers over units by population, 1.5 % in the development zone', () => {
    const perUnit = new Map<string, number>();
    for (const w of workers) perUnit.set(w.unitCode, (perUnit.get(w.unitCode) ?? 0) + 1);
    expect(perUnit.size).toBe(14);
    expect(perUnit.get(YUNCHENG_ETDZ_CODE)).toBe(300); // exactly 150 per full block of 10,000
    const countyTotal = REPORTING_UNITS.reduce((sum, u) => sum + (u.population ?? 0), 0);
    for (const unit of REPORTING_UNITS.filter((u) => !u.isDevelopmentZone)) {
      const expected = (20_000 * 0.985 * unit.population!) / countyTotal;
      expect(Math.abs(perUnit.get(unit.code)! - expected)).toBeLessThanOrEqual(2);
    }
  });

  it('has a plausible mix of genders and ages', () => {
    const men = workers.filter((w) => w.gender === 'M').length;
    expect(men / workers.length).toBeGreaterThan(0.45);
    expect(men / workers.length).toBeLessThan(0.55);
    const ages = new Set(workers.map((w) => ageOn(w.birthDate, AS_OF)));
    expect(ages.size).toBe(49); // every age 16 … 64 occurs
  });

  it('yields the same workers as demoWorker, for any sub-range', () => {
    const slice = [...demoWorkers('test-seed', 20_000, AS_OF, 12_345, 12_400)];
    expect(slice).toEqual(workers.slice(12_345, 12_400));
    expect(slice[0]).toEqual(demoWorker('test-seed', 12_345, 20_000, AS_OF));
  });

  it('keeps ages in range when asOf is a leap day', () => {
    const leap = [...demoWorkers('leap', 20_000, '2024-02-29')];
    expect(leap.flatMap((w) => problems(w, '2024-02-29'))).toEqual([]);
  });

  it('rejects bad arguments', () => {
    expect(() => demoWorker('s', 10, 10, AS_OF)).toThrow(RangeError);
    expect(() => demoWorker('s', -1, 10, AS_OF)).toThrow(RangeError);
    expect(() => demoWorker('s', 0, MAX_DEMO_WORKERS + 1, AS_OF)).toThrow(RangeError);
    expect(() => demoWorker('s', 0, 10, '2023-02-29')).toThrow(RangeError);
    expect(() => demoWorkers('s', 10, AS_OF, 5, 11).next()).toThrow(RangeError);
  });
});

describe('demoWorker', () => {
  it('is a pure function of its arguments', () => {
    fc.assert(
      fc.property(
        fc.string(),
        fc.integer({ min: 1, max: MAX_DEMO_WORKERS }).chain((count) => fc.tuple(fc.constant(count), fc.nat({ max: count - 1 }))),
        fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2035, 11, 31) }).map((ms) => new Date(ms).toISOString().slice(0, 10)),
        (seed, [count, index], asOf) => {
          const first = demoWorker(seed, index, count, asOf);
          demoWorker(`${seed}-other`, 0, 1, '2020-01-01'); // interleave another data set
          expect(demoWorker(seed, index, count, asOf)).toEqual(first);
          expect(problems(first, asOf)).toEqual([]);
        },
      ),
    );
  });

  it('depends on the seed', () => {
    expect(demoWorker('a', 0, 1, AS_OF).idNumber).not.toBe(demoWorker('b', 0, 1, AS_OF).idNumber);
  });

  it('keeps ID and phone numbers distinct at the 10,000,000 scale (strided sample and the last block)', () => {
    const ids = new Set<string>();
    const phones = new Set<string>();
    let sampled = 0;
    const visit = (index: number): void => {
      const w = demoWorker('scale', index, MAX_DEMO_WORKERS, AS_OF);
      ids.add(w.idNumber);
      phones.add(w.phone);
      sampled++;
    };
    for (let i = 0; i < MAX_DEMO_WORKERS; i += 97) visit(i);
    for (let i = MAX_DEMO_WORKERS - 10_000; i < MAX_DEMO_WORKERS; i++) if (i % 97 !== 0) visit(i);
    expect(sampled).toBeGreaterThan(110_000);
    expect(ids.size).toBe(sampled);
    expect(phones.size).toBe(sampled);
  });
});
