import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { addDays, beijingDateOf, beijingDateTimeOf, beijingDayStart, daysBetween, parseInstant } from './calendar.ts';

describe('parseInstant', () => {
  it('reads ISO instants with an explicit offset, and safe-integer epoch ms', () => {
    expect(parseInstant('2020-06-15T08:30+08:00')).toBe(Date.parse('2020-06-15T00:30:00Z'));
    expect(parseInstant('2020-06-15T08:30:15.5+08:00')).toBe(Date.parse('2020-06-15T00:30:15.500Z'));
    expect(parseInstant('2020-06-15T00:30:00Z')).toBe(Date.parse('2020-06-15T00:30:00Z'));
    expect(parseInstant(1_592_181_000_000)).toBe(1_592_181_000_000);
  });

  it('refuses what Date.parse would silently roll over or read as local time', () => {
    for (const bad of ['2020-02-30T08:00+08:00', '2020-06-15T24:00+08:00', '2020-06-15T08:60+08:00', '2020-06-15T08:30', '2020-06-15 08:30+08:00', '2020-06-15', '', 'noon'])
      expect(parseInstant(bad), bad).toBeNull();
    expect(parseInstant(1.5)).toBeNull();
    expect(parseInstant(Number.NaN)).toBeNull();
  });
});

describe('Beijing days', () => {
  it('maps instants to Asia/Shanghai days', () => {
    expect(beijingDateOf(Date.parse('2020-06-14T16:00:00Z'))).toBe('2020-06-15');
    expect(beijingDateOf(Date.parse('2020-06-14T15:59:59Z'))).toBe('2020-06-14');
    expect(beijingDateTimeOf(Date.parse('2020-06-15T00:30:00Z'))).toBe('2020-06-15 08:30');
    expect(beijingDayStart('2020-06-15')).toBe(Date.parse('2020-06-14T16:00:00Z'));
  });

  it('adds and counts days across month, year and leap-day ends', () => {
    expect(addDays('2020-02-28', 1)).toBe('2020-02-29');
    expect(addDays('2020-03-01', -1)).toBe('2020-02-29');
    expect(addDays('2021-01-03', -7)).toBe('2020-12-27');
    expect(daysBetween('2020-12-27', '2021-01-03')).toBe(7);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 20_000 }), fc.integer({ min: -1000, max: 1000 }), (n, k) => {
        const d = addDays('2000-01-01', n);
        expect(daysBetween(d, addDays(d, k))).toBe(k);
      }),
    );
  });
});
