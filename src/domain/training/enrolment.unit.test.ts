import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ERROR_CATALOGUE } from '../errors.ts';
import { PERSON_CATEGORIES } from '../reference/catalog.ts';
import { categoriesOn } from '../registry/categories.ts';
import { TRAINING_TYPE_CODES, type TrainingType } from './classFiling.ts';
import {
  checkCapacity,
  DEFAULT_SUBSIDY_SETTINGS,
  findSessionOverlap,
  KEY_GROUP_CATEGORIES,
  remainingPlaces,
  sessionsOverlap,
  SUBSIDY_ELIGIBILITY,
  subsidyOutlook,
  timetableClashes,
  type PriorSubsidised,
  type SubsidyOutlookInput,
  type SubsidySettings,
} from './enrolment.ts';

const base: SubsidyOutlookInput = {
  classId: 'c-new',
  personCategoriesOnStart: ['rural_migrant'],
  trainingType: 'employment_skill',
  occupationCode: '6-31-01-03',
  levelCode: '5',
  startDate: '2020-06-15',
  priorSubsidised: [],
  settings: DEFAULT_SUBSIDY_SETTINGS,
};

function reasonCodes(input: Partial<SubsidyOutlookInput>): string[] {
  const outlook = subsidyOutlook({ ...base, ...input });
  for (const r of outlook.reasons) {
    for (const [, name] of ERROR_CATALOGUE[r.code].en.matchAll(/\{(\w+)\}/g)) expect(r.params, r.code).toHaveProperty(name!);
    expect(r.clause).toMatch(/^§/);
  }
  expect(outlook.subsidised).toBe(outlook.reasons.length === 0);
  return outlook.reasons.map((r) => r.code);
}

const prior = (year: number, occupationCode: string, levelCode: string, classId: string): PriorSubsidised => ({ year, occupationCode, levelCode, classId });

describe('subsidyOutlook: who is eligible, on the start date', () => {
  it('covers every training type', () => {
    expect(Object.keys(SUBSIDY_ELIGIBILITY).sort()).toEqual([...TRAINING_TYPE_CODES].sort());
    for (const c of KEY_GROUP_CATEGORIES) expect(PERSON_CATEGORIES.map((p) => p.code)).toContain(c);
  });

  it('subsidises the §2 key groups and the registered poor in employment and upgrade training (§14, §3)', () => {
    for (const c of KEY_GROUP_CATEGORIES)
      for (const trainingType of ['employment_skill', 'skill_upgrade', 'labour_preparation', 'entrepreneurship'] as TrainingType[])
        expect(reasonCodes({ personCategoriesOnStart: [c], trainingType }), `${c} ${trainingType}`).toEqual([]);
    expect(subsidyOutlook(base)).toMatchObject({ subsidised: true, livingAllowance: false, clause: '§2, §14', year: 2020, reasons: [] });
  });

  it('explains why a person outside the key groups is not subsidised', () => {
    for (const categories of [[], ['veteran'], ['enterprise_employee', 'professional_farmer']]) {
      expect(reasonCodes({ personCategoriesOnStart: categories })).toEqual(['SUBSIDY_CATEGORY_NOT_ELIGIBLE']);
    }
    const outlook = subsidyOutlook({ ...base, personCategoriesOnStart: ['veteran'] });
    expect(outlook.reasons[0]!.params).toMatchObject({ startDate: '2020-06-15', trainingType: '就业技能培训' });
    expect(String(outlook.reasons[0]!.params.eligible)).toContain('建档立卡贫困劳动力');
  });

  it('judges categories on the start date (with categoriesOn)', () => {
    const periods = [{ code: 'laid_off', validFrom: '2020-01-01', validTo: '2020-06-14' }];
    expect(reasonCodes({ personCategoriesOnStart: categoriesOn(periods, '2020-06-15') })).toEqual(['SUBSIDY_CATEGORY_NOT_ELIGIBLE']);
    expect(reasonCodes({ personCategoriesOnStart: categoriesOn(periods, '2020-06-14'), startDate: '2020-06-14' })).toEqual([]);
  });

  it('subsidises §13 types only for employees of the enterprise running the class', () => {
    for (const trainingType of ['pre_job', 'safety_skill', 'job_transfer'] as TrainingType[]) {
      expect(subsidyOutlook({ ...base, trainingType, personCategoriesOnStart: ['enterprise_employee'], isEmployeeOfFilingEnterprise: true })).toMatchObject({ subsidised: true, clause: '§13' });
      expect(reasonCodes({ trainingType, personCategoriesOnStart: ['enterprise_employee'], isEmployeeOfFilingEnterprise: false })).toEqual(['SUBSIDY_NOT_ENTERPRISE_EMPLOYEE']);
      expect(reasonCodes({ trainingType, personCategoriesOnStart: ['laid_off'] })).toEqual(['SUBSIDY_NOT_ENTERPRISE_EMPLOYEE']);
    }
    expect(reasonCodes({ trainingType: 'new_apprenticeship', isEmployeeOfFilingEnterprise: true })).toEqual([]);
  });

  it('needs no category for high-skill training (§5)', () => {
    expect(subsidyOutlook({ ...base, trainingType: 'high_skill', personCategoriesOnStart: [], levelCode: '3' })).toMatchObject({ subsidised: true, clause: '§5' });
  });

  it('grants the living allowance to the registered poor with a subsidised place (§3)', () => {
    expect(subsidyOutlook({ ...base, personCategoriesOnStart: ['registered_poor'] })).toMatchObject({ subsidised: true, livingAllowance: true });
    const full = [prior(2020, '4-10-01-06', '5', 'a'), prior(2020, '4-03-02-01', '5', 'b'), prior(2020, '6-18-02-04', '5', 'c')];
    expect(subsidyOutlook({ ...base, personCategoriesOnStart: ['registered_poor'], priorSubsidised: full })).toMatchObject({ subsidised: false, livingAllowance: false });
  });

  it('follows the class funding route', () => {
    expect(reasonCodes({ fundingRoute: 'unsubsidised' })).toEqual(['SUBSIDY_CLASS_NOT_SUBSIDISED']);
    expect(reasonCodes({ fundingRoute: 'poverty_project' })).toEqual(['SUBSIDY_CATEGORY_NOT_ELIGIBLE']);
    expect(subsidyOutlook({ ...base, fundingRoute: 'poverty_project', personCategoriesOnStart: ['registered_poor'] })).toMatchObject({ subsidised: true, livingAllowance: true, clause: '§3' });
  });
});

describe('subsidyOutlook: §15 limits', () => {
  const three = [prior(2020, '4-10-01-06', '5', 'a'), prior(2020, '4-03-02-01', '5', 'b'), prior(2020, '6-18-02-04', '5', 'c')];

  it('allows at most 3 a year, counted in the completion year', () => {
    expect(reasonCodes({ priorSubsidised: three.slice(0, 2) })).toEqual([]);
    expect(reasonCodes({ priorSubsidised: three })).toEqual(['SUBSIDY_YEARLY_LIMIT_REACHED']);
    expect(subsidyOutlook({ ...base, priorSubsidised: three }).reasons[0]!.params).toEqual({ year: 2020, count: 3, max: 3 });
    // Starts in December 2020 but completes in 2021: counted in 2021.
    expect(reasonCodes({ priorSubsidised: three, startDate: '2020-12-20', completionYear: 2021 })).toEqual([]);
    expect(reasonCodes({ priorSubsidised: three.map((p) => ({ ...p, year: 2021 })), startDate: '2020-12-20', completionYear: 2021 })).toEqual(['SUBSIDY_YEARLY_LIMIT_REACHED']);
    expect(reasonCodes({ priorSubsidised: three, settings: { ...DEFAULT_SUBSIDY_SETTINGS, maxPerYear: 4 } })).toEqual([]);
  });

  it('never subsidises the same occupation and level twice (default), or not within a year (setting)', () => {
    const done = [prior(2019, '6-31-01-03', '5', 'old')];
    expect(reasonCodes({ priorSubsidised: done })).toEqual(['SUBSIDY_SAME_OCCUPATION_LEVEL']);
    expect(subsidyOutlook({ ...base, priorSubsidised: done }).reasons[0]!.params).toEqual({ occupationCode: '6-31-01-03', level: '五级/初级工', year: 2019 });
    expect(reasonCodes({ priorSubsidised: done, settings: { maxPerYear: 3, sameOccupationLevel: 'within_year' } })).toEqual([]);
    expect(reasonCodes({ priorSubsidised: [prior(2020, '6-31-01-03', '5', 'x')], settings: { maxPerYear: 3, sameOccupationLevel: 'within_year' } })).toEqual(['SUBSIDY_SAME_OCCUPATION_LEVEL']);
    // The next level up is another training.
    expect(reasonCodes({ priorSubsidised: done, levelCode: '4' })).toEqual([]);
  });

  it('does not count the class itself against a re-enrolment', () => {
    expect(reasonCodes({ priorSubsidised: [prior(2020, '6-31-01-03', '5', 'c-new'), ...three.slice(0, 2)] })).toEqual([]);
  });

  it('lists every reason at once, and shows the settings applied', () => {
    const outlook = subsidyOutlook({ ...base, personCategoriesOnStart: ['veteran'], priorSubsidised: [...three, prior(2018, '6-31-01-03', '5', 'z')] });
    expect(outlook.reasons.map((r) => r.code)).toEqual(['SUBSIDY_CATEGORY_NOT_ELIGIBLE', 'SUBSIDY_YEARLY_LIMIT_REACHED', 'SUBSIDY_SAME_OCCUPATION_LEVEL']);
    expect(outlook.settings).toEqual({ maxPerYear: 3, sameOccupationLevel: 'never' });
  });

  // Simulate a person enrolling in many classes; whenever the outlook says "subsidised", the place is
  // recorded. Whatever the order, the recorded places respect §15.
  const enrolments = fc.array(
    fc.record({
      occupationCode: fc.constantFrom('6-31-01-03', '4-10-01-06', '6-18-02-04', '4-03-02-01'),
      levelCode: fc.constantFrom('special', '5', '4'),
      year: fc.integer({ min: 2019, max: 2021 }),
      categories: fc.subarray(['rural_migrant', 'registered_poor', 'veteran', 'laid_off']),
      trainingType: fc.constantFrom<TrainingType>('employment_skill', 'skill_upgrade', 'high_skill', 'pre_job'),
      employee: fc.boolean(),
    }),
    { maxLength: 40 },
  );
  const settingsArb = fc.record({ maxPerYear: fc.integer({ min: 0, max: 5 }), sameOccupationLevel: fc.constantFrom<SubsidySettings['sameOccupationLevel']>('never', 'within_year') });

  function simulate(
    list: { occupationCode: string; levelCode: string; year: number; categories: string[]; trainingType: TrainingType; employee: boolean }[],
    settings: SubsidySettings,
  ): PriorSubsidised[] {
    const granted: PriorSubsidised[] = [];
    list.forEach((e, i) => {
      const outlook = subsidyOutlook({
        classId: `c${i}`,
        personCategoriesOnStart: e.categories,
        trainingType: e.trainingType,
        occupationCode: e.occupationCode,
        levelCode: e.levelCode,
        startDate: `${e.year}-03-01`,
        isEmployeeOfFilingEnterprise: e.employee,
        priorSubsidised: granted,
        completionYear: e.year,
        settings,
      });
      if (outlook.subsidised) granted.push({ year: e.year, occupationCode: e.occupationCode, levelCode: e.levelCode, classId: `c${i}` });
    });
    return granted;
  }

  it('never grants more than 3 subsidised trainings in a year (property)', () => {
    fc.assert(
      fc.property(enrolments, (list) => {
        const granted = simulate(list, DEFAULT_SUBSIDY_SETTINGS);
        for (const year of [2019, 2020, 2021]) expect(granted.filter((g) => g.year === year).length).toBeLessThanOrEqual(3);
      }),
    );
  });

  it('never grants the same occupation and level twice (property)', () => {
    fc.assert(
      fc.property(enrolments, (list) => {
        const granted = simulate(list, DEFAULT_SUBSIDY_SETTINGS);
        const keys = granted.map((g) => `${g.occupationCode}/${g.levelCode}`);
        expect(new Set(keys).size).toBe(keys.length);
      }),
    );
  });

  it('respects any settings (property)', () => {
    fc.assert(
      fc.property(enrolments, settingsArb, (list, settings) => {
        const granted = simulate(list, settings);
        for (const year of [2019, 2020, 2021]) {
          const inYear = granted.filter((g) => g.year === year);
          expect(inYear.length).toBeLessThanOrEqual(settings.maxPerYear);
          const keys = inYear.map((g) => `${g.occupationCode}/${g.levelCode}`);
          expect(new Set(keys).size).toBe(keys.length);
        }
        if (settings.sameOccupationLevel === 'never') {
          const keys = granted.map((g) => `${g.occupationCode}/${g.levelCode}`);
          expect(new Set(keys).size).toBe(keys.length);
        }
      }),
    );
  });

  it('grants a place whenever no rule forbids it (property: the limits are not stricter than §15)', () => {
    fc.assert(
      fc.property(enrolments, (list) => {
        const granted = simulate(
          list.map((e) => ({ ...e, categories: ['rural_migrant'], trainingType: 'employment_skill' as const })),
          DEFAULT_SUBSIDY_SETTINGS,
        );
        // Greedy replay: each enrolment is granted iff the year has room and the pair is new.
        const expected: string[] = [];
        const perYear = new Map<number, number>();
        const seen = new Set<string>();
        for (const e of list) {
          const key = `${e.occupationCode}/${e.levelCode}`;
          if ((perYear.get(e.year) ?? 0) < 3 && !seen.has(key)) {
            perYear.set(e.year, (perYear.get(e.year) ?? 0) + 1);
            seen.add(key);
            expected.push(key);
          }
        }
        expect(granted.map((g) => `${g.occupationCode}/${g.levelCode}`)).toEqual(expected);
      }),
    );
  });
});

describe('sessionsOverlap', () => {
  const s = (day: number, from: string, to: string) => ({ start: `2020-06-${day}T${from}:00+08:00`, end: `2020-06-${day}T${to}:00+08:00` });

  it('finds shared time, not touching ends', () => {
    expect(sessionsOverlap([s(15, '08:30', '12:00')], [s(15, '12:00', '14:00')])).toBe(false);
    expect(sessionsOverlap([s(15, '08:30', '12:00')], [s(15, '11:59', '14:00')])).toBe(true);
    expect(sessionsOverlap([s(15, '08:30', '12:00')], [s(15, '09:00', '10:00')])).toBe(true);
    expect(sessionsOverlap([s(15, '08:30', '12:00')], [s(16, '08:30', '12:00')])).toBe(false);
    expect(sessionsOverlap([], [s(16, '08:30', '12:00')])).toBe(false);
    // Unsorted input, epoch milliseconds and other offsets.
    const a = [s(17, '08:00', '09:00'), s(15, '08:00', '09:00')];
    const b = [{ start: Date.parse('2020-06-17T00:30:00Z'), end: Date.parse('2020-06-17T01:30:00Z') }];
    expect(findSessionOverlap(a, b)).toEqual({ a: 0, b: 0, start: Date.parse('2020-06-17T08:30:00+08:00') });
  });

  it('agrees with a pairwise check (property)', () => {
    const interval = fc.tuple(fc.integer({ min: 0, max: 500 }), fc.integer({ min: 1, max: 60 })).map(([from, len]) => ({ start: from * 60_000, end: (from + len) * 60_000 }));
    fc.assert(
      fc.property(fc.array(interval, { maxLength: 12 }), fc.array(interval, { maxLength: 12 }), (a, b) => {
        const brute = a.some((x) => b.some((y) => x.start < y.end && y.start < x.end));
        expect(sessionsOverlap(a, b)).toBe(brute);
        expect(sessionsOverlap(b, a)).toBe(brute);
      }),
    );
  });

  it('names the clashing class', () => {
    const mine = [s(15, '08:30', '12:00')];
    const problems = timetableClashes(mine, [
      { classId: 'c1', className: '电工初级班', sessions: [s(15, '10:00', '11:00')] },
      { classId: 'c2', sessions: [s(16, '10:00', '11:00')] },
    ]);
    expect(problems).toEqual([{ field: 'classId', code: 'ENROLMENT_SESSIONS_OVERLAP', params: { className: '电工初级班', start: '2020-06-15 10:00' } }]);
  });

  it('throws on a malformed instant (a programming error, not user input)', () => {
    expect(() => sessionsOverlap([{ start: 'noon', end: 'later' }], [])).toThrow(TypeError);
  });
});

describe('capacity', () => {
  it('counts places left and refuses the one too many', () => {
    expect(remainingPlaces(50, 48)).toBe(2);
    expect(remainingPlaces(50, 60)).toBe(0);
    expect(checkCapacity(50, 49)).toEqual([]);
    expect(checkCapacity(50, 50)).toEqual([{ field: 'classId', code: 'CLASS_FULL', params: { capacity: 50, remaining: 0 } }]);
    expect(checkCapacity(50, 45, 5)).toEqual([]);
    expect(checkCapacity(50, 45, 6)).toHaveLength(1);
  });
});
