import { describe, expect, it } from 'vitest';
import { isWorkingDay, windowEnd } from './workingDays.ts';

describe('working days for the announcement window', () => {
  it('skips weekends', () => {
    expect(windowEnd('2020-06-05', 5)).toBe('2020-06-12'); // Friday → the next Friday
    expect(windowEnd('2020-06-08', 5)).toBe('2020-06-15'); // Monday → the next Monday
  });
  it('skips the Dragon Boat holiday and counts its make-up Sunday (2020-06-25…27, 06-28 worked)', () => {
    expect(isWorkingDay('2020-06-26')).toBe(false);
    expect(isWorkingDay('2020-06-28')).toBe(true);
    // From Wednesday 24 June: 28 (Sun, make-up), 29, 30, 1 July, 2 July.
    expect(windowEnd('2020-06-24', 5)).toBe('2020-07-02');
  });
  it('skips the National Day week', () => {
    expect(windowEnd('2020-09-30', 1)).toBe('2020-10-09');
  });
  it('refuses an empty window', () => {
    expect(() => windowEnd('2020-06-01', 0)).toThrow(RangeError);
  });
});
