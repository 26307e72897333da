import { describe, expect, it } from 'vitest';
import { institutionFigures, PERFORMANCE_THRESHOLDS } from './performance.ts';

const base = { trainings: 40, completed: 40, certificates: 40, employment_base: 40, employed: 40, manual: 0, scanned: 400, org_status: 'active' };

describe('§9 institution performance', () => {
  it('raises no flag for a good institution', () => {
    expect(institutionFigures(base)).toMatchObject({ completionRatePerMille: 1000, certificationRatePerMille: 1000, employmentRatePerMille: 1000, manualSharePerMille: 0, flags: [] });
  });

  it('flags each rate on its own side of its threshold, with the figure and the threshold', () => {
    const f = institutionFigures({ ...base, completed: 31, certificates: 18, employment_base: 31, employed: 7, manual: 80, scanned: 400 });
    expect(f.flags).toEqual([
      { code: 'low_completion', valuePerMille: 775, thresholdPerMille: 800 },
      { code: 'low_certification', valuePerMille: 580, thresholdPerMille: 600 },
      { code: 'low_employment', valuePerMille: 225, thresholdPerMille: 250 },
      { code: 'high_manual_share', valuePerMille: 167, thresholdPerMille: 150 },
    ]);
  });

  it('rounds a share judged against a maximum up, so 150.1 ‰ is over 150 ‰', () => {
    // 1,501 of 10,000 is 150.1 ‰: floor would show 150 and not flag.
    expect(institutionFigures({ ...base, manual: 1_501, scanned: 8_499 }).flags).toEqual([{ code: 'high_manual_share', valuePerMille: 151, thresholdPerMille: 150 }]);
    expect(institutionFigures({ ...base, manual: 1_500, scanned: 8_500 }).flags).toEqual([]);
  });

  it('does not judge a sample smaller than the minimum, but always flags a blacklisted or suspended institution', () => {
    const small = { ...base, trainings: PERFORMANCE_THRESHOLDS.minSample - 1, completed: 1, certificates: 0, employment_base: 1, employed: 0, manual: 5, scanned: 5 };
    expect(institutionFigures(small).flags).toEqual([]);
    expect(institutionFigures({ ...small, org_status: 'blacklisted' }).flags).toEqual([{ code: 'blacklisted' }]);
    expect(institutionFigures({ ...base, trainings: 0, completed: 0, certificates: 0, employment_base: 0, employed: 0, manual: 0, scanned: 0, org_status: 'suspended' })).toMatchObject({
      completionRatePerMille: null,
      manualSharePerMille: null,
      flags: [{ code: 'suspended' }],
    });
  });
});
