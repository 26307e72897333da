/**
 * Property-based tests of the subsidy evaluator (fast-check): whatever the facts and the (what-if) rule set,
 * the §15 limits hold, no line exceeds its rule, totals add up, every line names its clause and fund, and all
 * money is integer fen.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PERSON_CATEGORIES } from '../reference/catalog.ts';
import { ENTERPRISE_TRAINING_TYPES, FUNDING_ROUTE_CODES, fundingRouteFits, TRAINING_TYPE_CODES, type FundingRoute } from '../training/classFiling.ts';
import { priceClaim, priceClass, priceEnrolment, type ClassFacts, type EarlierTraining, type EnrolmentPricing, type PersonFacts } from './evaluate.ts';
import { applyOverrides, FUND_CODES, isCertificateKind, PAYMENT_KINDS, YUNCHENG_2020_14, type CertificateParams, type OverrideValue, type RuleSet } from './rules.ts';

const OCCUPATIONS = ['6-31-01-03', '6-18-02-04', '4-10-01-06'];
const LEVELS = ['special', '5', '4', '3', '2', '1'];
const CATEGORY_CODES = PERSON_CATEGORIES.map((c) => c.code);
const DAY = 86_400_000;
/** Days from 2020-03-01: all start after the rates are in force (2019-01-01). */
const dayOf = (offset: number) => new Date(Date.UTC(2020, 2, 1) + offset * DAY).toISOString().slice(0, 10);

const overrides: fc.Arbitrary<Record<string, OverrideValue>> = fc.record(
  {
    'certificate_level4.amountFen': fc.option(fc.integer({ min: 0, max: 200_000 }), { nil: null }),
    'certificate_level5.amountFen': fc.option(fc.integer({ min: 0, max: 200_000 }), { nil: null }),
    'certificate_level2.amountFen': fc.option(fc.integer({ min: 0, max: 200_000 }), { nil: null }),
    'certificate_level1.amountFen': fc.option(fc.integer({ min: 0, max: 200_000 }), { nil: null }),
    'key_group_training.capFen': fc.integer({ min: 0, max: 200_000 }),
    'living_allowance.perDayFen': fc.integer({ min: 0, max: 10_000 }),
    'enterprise_employee_training.amountFen': fc.integer({ min: 0, max: 100_000 }),
    'limit_per_year.maxPerYear': fc.integer({ min: 1, max: 5 }),
    'settings.yearBasis': fc.constantFrom('completion', 'start'),
    'settings.sameOccupationLevel': fc.constantFrom('never', 'within_year'),
    'settings.livingAllowanceDays': fc.constantFrom('attended', 'scheduled'),
    'settings.livingAllowanceNeedsCompletion': fc.boolean(),
    'settings.certificateWithTrainingSubsidy': fc.constantFrom('exclusive', 'both'),
    'settings.trainingSubsidyNeedsPass': fc.boolean(),
  },
  { requiredKeys: [] },
);
const ruleSets: fc.Arbitrary<RuleSet> = fc.oneof({ weight: 1, arbitrary: fc.constant(YUNCHENG_2020_14) }, { weight: 3, arbitrary: overrides.map((o) => applyOverrides(YUNCHENG_2020_14, o)) });

/** Mostly a route that fits the training type, sometimes any. */
const typeAndRoute = fc.constantFrom(...TRAINING_TYPE_CODES).chain((trainingType) => {
  const fitting = FUNDING_ROUTE_CODES.filter((r) => fundingRouteFits(r, trainingType));
  return fc.record({
    trainingType: fc.constant(trainingType),
    fundingRoute: fc.oneof({ weight: 5, arbitrary: fc.constantFrom<FundingRoute>(...fitting) }, { weight: 1, arbitrary: fc.constantFrom<FundingRoute>(...FUNDING_ROUTE_CODES) }),
  });
});

const classes = (id: string): fc.Arbitrary<ClassFacts> =>
  fc
    .record({
      tr: typeAndRoute,
      occupationCode: fc.constantFrom(...OCCUPATIONS),
      levelCode: fc.constantFrom(...LEVELS),
      start: fc.integer({ min: 0, max: 1_100 }),
      length: fc.integer({ min: 0, max: 60 }),
      scheduledDays: fc.integer({ min: 0, max: 30 }),
      projectSubsidyFen: fc.option(fc.integer({ min: 0, max: 200_000 }), { nil: null, freq: 5 }),
      plausibleOrganiser: fc.oneof({ weight: 4, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
      freeForTrainee: fc.constantFrom(undefined, undefined, undefined, true, false),
    })
    .map((x) => {
      // an enterprise runs its own employees' training types (§1, §13), an institution the rest; sometimes not
      const enterpriseKind = x.tr.fundingRoute === 'enterprise_employee' || ENTERPRISE_TRAINING_TYPES.includes(x.tr.trainingType);
      const organiser: 'institution' | 'enterprise' = enterpriseKind === x.plausibleOrganiser ? 'enterprise' : 'institution';
      return {
      id,
      ...x.tr,
      occupationCode: x.occupationCode,
      levelCode: x.levelCode,
      startDate: dayOf(x.start),
      endDate: dayOf(x.start + x.length),
      scheduledDays: x.scheduledDays,
      projectSubsidyFen: x.projectSubsidyFen,
      organiser: { kind: organiser, id: `org-${organiser}` },
      ...(x.freeForTrainee === undefined ? {} : { freeForTrainee: x.freeForTrainee }),
      };
    });

const earlierTrainings: fc.Arbitrary<EarlierTraining[]> = fc.array(
  fc.record({
    classId: fc.constantFrom('e1', 'e2', 'e3', 'e4', 'e5', 'e6'),
    year: fc.integer({ min: 2019, max: 2023 }),
    occupationCode: fc.constantFrom(...OCCUPATIONS),
    levelCode: fc.constantFrom(...LEVELS),
    paid: fc.boolean(),
  }),
  { maxLength: 6 },
);

const mostly = (value: boolean) => fc.oneof({ weight: 3, arbitrary: fc.constant(value) }, { weight: 1, arbitrary: fc.constant(!value) });

/** A person for a class of level `levelCode`: the certificate mostly matches the class. */
const people = (levelCode: string, withHistory: boolean): fc.Arbitrary<PersonFacts> =>
  fc.record({
    personId: fc.constant('p'),
    categoriesOnStart: fc.subarray(CATEGORY_CODES),
    employeeOfOrganiser: mostly(true),
    attendance: fc.record({ attendedDays: fc.integer({ min: 0, max: 40 }), completed: mostly(true) }),
    assessment: fc.constantFrom('pass', 'pass', 'pass', 'pass', 'fail', 'absent', null),
    certificate: fc.oneof(
      { weight: 3, arbitrary: fc.constant(levelCode === 'special' ? { type: 'special_ability' as const, levelCode: null } : { type: 'skill_level' as const, levelCode }) },
      { weight: 1, arbitrary: fc.constant(null) },
      {
        weight: 1,
        arbitrary: fc.record({ type: fc.constantFrom('special_ability', 'skill_level', 'qualification', 'training_completion'), levelCode: fc.constantFrom(null, ...LEVELS) }),
      },
    ),
    earlier: withHistory ? earlierTrainings : fc.constant([]),
    otherLinesInClaim: fc.constant([]),
  });

const enrolments = classes('c').chain((c) => fc.record({ cls: fc.constant(c), who: people(c.levelCode, true), rs: ruleSets }));

function checkLines(r: EnrolmentPricing, c: ClassFacts, rs: RuleSet): void {
  expect(r.totalFen).toBe(r.lines.reduce((s, l) => s + l.amountFen, 0));
  expect(Number.isSafeInteger(r.totalFen)).toBe(true);
  expect(new Set(r.lines.map((l) => l.kind)).size).toBe(r.lines.length);
  for (const l of r.lines) {
    expect(Number.isSafeInteger(l.amountFen) && l.amountFen > 0).toBe(true);
    expect(l.clause).toMatch(/^运政办发〔2020〕14号 三\(/);
    expect(FUND_CODES).toContain(l.fund);
    expect(l.basis.length > 0 && l.basisEn.length > 0).toBe(true);
    const rule = rs.rules.find((x) => x.id === l.ruleId && x.version === l.ruleVersion)!;
    expect(rule).toBeDefined();
    expect([rule.kind, rule.clause, rule.fund]).toEqual([l.kind, l.clause, l.fund]);
    expect(rule.effectiveFrom <= c.startDate && (rule.effectiveTo === null || c.startDate <= rule.effectiveTo)).toBe(true);
    if (rule.kind === 'enterprise_employee_training') expect(l.amountFen).toBe(rule.params.amountFen);
    if (rule.kind === 'key_group_training') expect(l.amountFen <= rule.params.capFen && l.amountFen <= c.projectSubsidyFen!).toBe(true);
    if (rule.kind === 'living_allowance') expect(l.amountFen <= rule.params.perDayFen * c.scheduledDays && l.amountFen % rule.params.perDayFen === 0).toBe(true);
    if (isCertificateKind(rule.kind)) expect(l.amountFen).toBe((rule.params as CertificateParams).amountFen);
  }
  for (const t of r.trace) expect(t.clause.length > 0 && t.message.length > 0 && t.messageEn.length > 0).toBe(true);
}

describe('subsidy evaluator properties', () => {
  it('every line is integer fen within its rule, names its clause and fund, and the total is their sum', () => {
    const seen = new Set<string>();
    fc.assert(
      fc.property(enrolments, ({ cls, who, rs }) => {
        const r = priceEnrolment({ ...who, class: cls }, rs);
        checkLines(r, cls, rs);
        const kinds = r.lines.map((l) => l.kind);
        for (const k of kinds) seen.add(k);
        if (cls.fundingRoute === 'unsubsidised') expect(kinds).toEqual([]);
        if (cls.trainingType === 'high_skill') for (const k of kinds) expect(isCertificateKind(k)).toBe(true);
        // one training, one training subsidy (default, conservative)
        if (rs.settings.certificateWithTrainingSubsidy === 'exclusive') expect(kinds.some((k) => k.endsWith('_training')) && kinds.some(isCertificateKind)).toBe(false);
        if (!who.attendance.completed) expect(kinds.filter((k) => k.endsWith('_training'))).toEqual([]);
        if (who.assessment !== 'pass') expect(kinds.filter(isCertificateKind)).toEqual([]);
        if (!who.categoriesOnStart.includes('registered_poor')) expect(kinds).not.toContain('living_allowance');
      }),
      { numRuns: 2_000 },
    );
    // not vacuous: the generators reach every kind of line the official rule set pays (the levels without an
    // official amount are rarer here; the table and what-if tests price them)
    expect([...seen]).toEqual(expect.arrayContaining(PAYMENT_KINDS.filter((k) => YUNCHENG_2020_14.rules.some((r) => r.kind === k && (r.params as { amountFen?: number | null }).amountFen !== null))));
  });

  it('§15: a subsidised training never exceeds the yearly limit nor repeats an occupation and level of the history', () => {
    fc.assert(
      fc.property(enrolments, ({ cls, who, rs }) => {
        const r = priceEnrolment({ ...who, class: cls }, rs);
        if (r.lines.length === 0) return;
        const others = new Map(who.earlier.filter((e) => e.classId !== cls.id).map((e) => [e.classId, e]));
        const max = (rs.rules.find((x) => x.kind === 'limit_per_year')!.params as { maxPerYear: number }).maxPerYear;
        expect([...others.values()].filter((e) => e.year === r.year).length).toBeLessThan(max);
        const repeats = [...others.values()].filter(
          (e) => e.occupationCode === cls.occupationCode && e.levelCode === cls.levelCode && (rs.settings.sameOccupationLevel === 'never' || e.year === r.year),
        );
        expect(repeats).toEqual([]);
        expect(who.earlier.some((e) => e.classId === cls.id && e.paid)).toBe(false);
      }),
      { numRuns: 1_000 },
    );
  });

  it('§15: over a whole claim a person never gets more than the yearly limit, nor the same occupation and level twice', () => {
    const claims = fc
      .record({ n: fc.integer({ min: 1, max: 8 }), rs: ruleSets, earlier: earlierTrainings })
      .chain(({ n, rs, earlier }) =>
        fc.record({
          rs: fc.constant(rs),
          earlier: fc.constant(earlier),
          items: fc.tuple(...Array.from({ length: n }, (_, i) => classes(`k${i}`).chain((c) => people(c.levelCode, false).map((p) => ({ class: c, people: [{ ...p, earlier }] }))))),
        }),
      );
    const refusals = new Set<string>();
    fc.assert(
      fc.property(claims, ({ rs, earlier, items }) => {
        const r = priceClaim(items, rs);
        for (const c of r.classes) for (const e of c.enrolments) for (const t of e.trace) if (t.outcome === 'refused') refusals.add(t.code);
        const max = (rs.rules.find((x) => x.kind === 'limit_per_year')!.params as { maxPerYear: number }).maxPerYear;
        const got = r.classes.flatMap((c) => c.enrolments.map((e) => e.subsidisedTraining).filter((t) => t !== null));
        const history = [...new Map(earlier.map((e) => [e.classId, e])).values()];
        for (const year of new Set(got.map((t) => t.year))) {
          const before = history.filter((e) => e.year === year).length;
          expect(got.filter((t) => t.year === year).length).toBeLessThanOrEqual(Math.max(0, max - before));
        }
        const key = (t: { occupationCode: string; levelCode: string; year: number }) =>
          `${t.occupationCode}|${t.levelCode}${rs.settings.sameOccupationLevel === 'within_year' ? `|${t.year}` : ''}`;
        const keys = got.map(key);
        expect(new Set(keys).size).toBe(keys.length);
        for (const e of history) expect(keys).not.toContain(key(e));
        // totals add up, in integer fen, by class, fund and payee
        expect(r.totalFen).toBe(r.classes.reduce((s, c) => s + c.totalFen, 0));
        expect(r.byFund.reduce((s, f) => s + f.amountFen, 0)).toBe(r.totalFen);
        expect(r.byPayee.reduce((s, p) => s + p.amountFen, 0)).toBe(r.totalFen);
        for (const c of r.classes) for (const e of c.enrolments) checkLines(e, items.find((i) => i.class.id === c.classId)!.class, rs);
      }),
      { numRuns: 300 },
    );
    // not vacuous: both §15 limits were hit
    expect(refusals).toContain('YEAR_LIMIT');
    expect(refusals).toContain('SAME_OCCUPATION_LEVEL');
  });

  it('prices a class as the sum of its people, and never changes the rule set it was given', () => {
    const classWithPeople = classes('c').chain((c) =>
      fc.record({ cls: fc.constant(c), who: fc.array(people(c.levelCode, true), { maxLength: 6 }).map((ps) => ps.map((p, i) => ({ ...p, personId: `p${i % 4}` }))), o: overrides }),
    );
    fc.assert(
      fc.property(classWithPeople, ({ cls, who, o }) => {
        const snapshot = JSON.stringify(YUNCHENG_2020_14);
        const rs = applyOverrides(YUNCHENG_2020_14, o);
        const r = priceClass(cls, who, rs);
        expect(JSON.stringify(YUNCHENG_2020_14)).toBe(snapshot);
        expect(r.totalFen).toBe(r.enrolments.reduce((s, e) => s + e.totalFen, 0));
        expect(r.byFund.reduce((s, f) => s + f.amountFen, 0)).toBe(r.totalFen);
        expect(r.byPayee.every((p) => Number.isSafeInteger(p.amountFen) && p.amountFen > 0)).toBe(true);
        // each person is paid at most once in the class
        const paidPeople = r.enrolments.filter((e) => e.lines.length > 0).map((e) => e.personId);
        expect(new Set(paidPeople).size).toBe(paidPeople.length);
        // lines priced by a what-if rule carry its what-if version
        for (const e of r.enrolments) for (const l of e.lines) if (rs.whatIf !== null && !YUNCHENG_2020_14.rules.some((x) => x.id === l.ruleId && x.version === l.ruleVersion)) expect(l.ruleVersion).toMatch(/\+whatif\./);
      }),
      { numRuns: 300 },
    );
  });
});
