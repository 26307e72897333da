import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { monthKeyOf, monthsElapsed, monthsOf, parsePeriod } from './periods.ts';
import { apportion, monthlyTargets, progress } from './targets.ts';

describe('reporting periods (四(一) 月报、季报、年报)', () => {
  it('reads calendar months, quarters and years', () => {
    expect(parsePeriod('2020-06')).toMatchObject({ from: '2020-06-01', to: '2020-06-30', label: '2020年6月' });
    expect(parsePeriod('2020-02')).toMatchObject({ to: '2020-02-29' });
    expect(parsePeriod('2020-Q4')).toMatchObject({ from: '2020-10-01', to: '2020-12-31', label: '2020年第四季度' });
    expect(parsePeriod('2020')).toMatchObject({ from: '2020-01-01', to: '2020-12-31' });
  });
  it('reads months from the 21st to the 20th when set so', () => {
    expect(parsePeriod('2020-06', 'day21')).toMatchObject({ from: '2020-05-21', to: '2020-06-20' });
    expect(parsePeriod('2020-01', 'day21')).toMatchObject({ from: '2019-12-21', to: '2020-01-20' });
    expect(parsePeriod('2020', 'day21')).toMatchObject({ from: '2019-12-21', to: '2020-12-20' });
    expect(monthKeyOf('2020-06-21', 'day21')).toBe('2020-07');
    expect(monthKeyOf('2020-12-25', 'day21')).toBe('2021-01');
    expect(monthKeyOf('2020-06-20', 'day21')).toBe('2020-06');
  });
  it('tiles the year with no gap or overlap on either basis', () => {
    for (const basis of ['calendar', 'day21'] as const) {
      const ms = monthsOf(2020, basis);
      for (let i = 1; i < 12; i++) expect(new Date(`${ms[i]!.from}T00:00:00Z`).getTime() - new Date(`${ms[i - 1]!.to}T00:00:00Z`).getTime()).toBe(86_400_000);
    }
  });
  it('refuses what is not a period', () => {
    expect(() => parsePeriod('2020-13')).toThrow(RangeError);
    expect(() => parsePeriod('June')).toThrow(RangeError);
  });
});

describe('targets (二 目标任务, 四(一) 任务分解)', () => {
  it('decomposes exactly: integers that sum to the total', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000 }), fc.array(fc.integer({ min: 0, max: 1_000_000 }), { minLength: 1, maxLength: 14 }), (total, ws) => {
        if (ws.every((w) => w === 0)) return true;
        const r = apportion(total, Object.fromEntries(ws.map((w, i) => [`u${i}`, w])));
        const values = Object.values(r);
        const sum = ws.reduce((s, w) => s + w, 0);
        return values.reduce((s, v) => s + v, 0) === total && ws.every((w, i) => Math.abs(r[`u${i}`]! - (total * w) / sum) < 1);
      }),
    );
    expect(monthlyTargets(100_000).reduce((s, n) => s + n, 0)).toBe(100_000);
  });
  it('forecasts the year at the pace so far and flags a unit falling behind', () => {
    const target = 12_000;
    const onPace = monthlyTargets(target);
    expect(progress(target, [...onPace.slice(0, 6), 0, 0, 0, 0, 0, 0], 6)).toMatchObject({ forecast: target, behind: false, dueByNow: onPace.slice(0, 6).reduce((s, n) => s + n, 0) });
    const half = onPace.map((n, i) => (i < 6 ? Math.floor(n / 2) : 0));
    const p = progress(target, half, 6);
    expect(p.behind).toBe(true);
    expect(p.forecast).toBeLessThan(target * 0.6);
    expect(progress(target, Array(12).fill(1000), 12)).toMatchObject({ actual: 12_000, forecast: 12_000, perMille: 1000, behind: false });
  });

  it('judges nobody behind before a month of the year has passed', () => {
    expect(progress(12_000, Array(12).fill(0), 0)).toMatchObject({ forecast: 0, behind: false });
    expect(progress(12_000, Array(12).fill(0), 1).behind).toBe(true);
  });

  it('counts the complete months of a year by a Beijing date, on either month basis', () => {
    expect(monthsElapsed(2020, '2019-12-31')).toBe(0);
    expect(monthsElapsed(2020, '2020-01-31')).toBe(0);
    expect(monthsElapsed(2020, '2020-07-10')).toBe(6);
    expect(monthsElapsed(2020, '2021-01-01')).toBe(12);
    // 21st-to-20th months: 2020-07-10 is in the month ending 2020-07-20, so June's month is the last complete one.
    expect(monthsElapsed(2020, '2020-07-10', 'day21')).toBe(6);
    expect(monthsElapsed(2020, '2020-07-21', 'day21')).toBe(7);
  });
});
