import { describe, expect, it } from 'vitest';
import { analyticsRefreshDue, reportSettingsFrom } from './settings.ts';

describe('report settings', () => {
  it('reads the employment window and the refresh hour, with defaults, `off`, and clear errors', () => {
    expect(reportSettingsFrom({})).toEqual({ employmentMonths: 6, analyticsRefreshHour: 2 });
    expect(reportSettingsFrom({ JINENG_EMPLOYMENT_MONTHS: '12', JINENG_ANALYTICS_REFRESH_HOUR: 'off' })).toEqual({ employmentMonths: 12, analyticsRefreshHour: null });
    expect(reportSettingsFrom({ JINENG_ANALYTICS_REFRESH_HOUR: '23' }).analyticsRefreshHour).toBe(23);
    expect(() => reportSettingsFrom({ JINENG_ANALYTICS_REFRESH_HOUR: '24' })).toThrow(/JINENG_ANALYTICS_REFRESH_HOUR/);
    expect(() => reportSettingsFrom({ JINENG_EMPLOYMENT_MONTHS: 'six' })).toThrow(/JINENG_EMPLOYMENT_MONTHS/);
  });

  it('is due once in the set Beijing hour of each day', () => {
    const at = (iso: string) => Date.parse(iso);
    // 02:10 Beijing is 18:10 UTC the day before.
    expect(analyticsRefreshDue(at('2020-06-30T18:10:00Z'), 2, null)).toEqual({ due: true, day: '2020-07-01' });
    expect(analyticsRefreshDue(at('2020-06-30T18:40:00Z'), 2, '2020-07-01').due).toBe(false);
    expect(analyticsRefreshDue(at('2020-06-30T19:10:00Z'), 2, null).due).toBe(false);
    expect(analyticsRefreshDue(at('2020-07-01T18:05:00Z'), 2, '2020-07-01')).toEqual({ due: true, day: '2020-07-02' });
    expect(analyticsRefreshDue(at('2020-06-30T18:10:00Z'), null, null).due).toBe(false);
  });
});
