import { describe, expect, it } from 'vitest';
import { priceClaim, priceClass, priceEnrolment, type ClassFacts, type EnrolmentPricing, type PersonFacts } from './evaluate.ts';
import { formatYuan, ordinalEn, TRACE_MESSAGES } from './messages.ts';
import { adjustRates, applyOverrides, CLAUSES, RULE_KINDS, YUNCHENG_2020_14, type RuleSet } from './rules.ts';

const set = YUNCHENG_2020_14;
const ELECTRICIAN = '6-31-01-03';
const WELDER = '6-18-02-04';
const INSTITUTION = { kind: 'institution', id: 'inst-1' } as const;
const ENTERPRISE = { kind: 'enterprise', id: 'ent-1' } as const;

function klass(over: Partial<ClassFacts> = {}): ClassFacts {
  return {
    id: 'c-1',
    trainingType: 'employment_skill',
    fundingRoute: 'key_group',
    occupationCode: ELECTRICIAN,
    levelCode: '5',
    startDate: '2020-06-01',
    endDate: '2020-06-12',
    scheduledDays: 10,
    projectSubsidyFen: 80_000,
    organiser: INSTITUTION,
    ...over,
  };
}
function person(over: Partial<PersonFacts> = {}): PersonFacts {
  return {
    personId: 'p-1',
    categoriesOnStart: ['rural_migrant'],
    employeeOfOrganiser: false,
    attendance: { attendedDays: 10, completed: true },
    assessment: 'pass',
    certificate: { type: 'skill_level', levelCode: '5' },
    earlier: [],
    otherLinesInClaim: [],
    ...over,
  };
}
const price = (c: Partial<ClassFacts>, p: Partial<PersonFacts> = {}, rs: RuleSet = set) => priceEnrolment({ ...person(p), class: klass(c) }, rs);
const lineOf = (r: EnrolmentPricing) => r.lines.map((l) => ({ kind: l.kind, amountFen: l.amountFen, payee: l.payee, fund: l.fund, clause: l.clause }));
const outcomes = (r: EnrolmentPricing, kind: string) => r.trace.filter((t) => t.kind === kind).map((t) => `${t.outcome}:${t.code}`);
const refusal = (r: EnrolmentPricing, code: string) => r.trace.find((t) => t.outcome === 'refused' && t.code === code);

/** The enterprise's own employee in an enterprise class. */
const EMPLOYEE: Partial<PersonFacts> = { categoriesOnStart: ['enterprise_employee'], employeeOfOrganiser: true };
/** A class paid on the certificate (§15): on-the-job training run by the enterprise. */
const ON_JOB_CERTIFICATE: Partial<ClassFacts> = { trainingType: 'on_job', fundingRoute: 'certificate', organiser: ENTERPRISE, projectSubsidyFen: null };

// -------------------------------------------------------------------------------------------------------
// One test per row of the subsidy table (policy.md "Subsidies")

type Row = { name: string; cls: Partial<ClassFacts>; who: Partial<PersonFacts>; lines: ReturnType<typeof lineOf>; basis?: string[] };

const TABLE: Row[] = [
  ...(['pre_job', 'safety_skill', 'job_transfer'] as const).map(
    (trainingType): Row => ({
      name: `§13 三(三)13: an enterprise employee in ${trainingType} training → 300 CNY per person to the enterprise`,
      cls: { trainingType, fundingRoute: 'enterprise_employee', organiser: ENTERPRISE, projectSubsidyFen: null },
      who: { ...EMPLOYEE, certificate: null },
      lines: [{ kind: 'enterprise_employee_training', amountFen: 30_000, payee: { kind: 'enterprise', id: 'ent-1' }, fund: 'skills_account', clause: CLAUSES.s13 }],
      basis: ['每人 300 元（岗前培训）', '每人 300 元（安全技能培训）', '每人 300 元（转岗转业培训）'],
    }),
  ),
  {
    name: "§14 三(三)14: key-group training → the catalog project's actual standard (800 CNY, within 1000) to the institution",
    cls: {},
    who: {},
    lines: [{ kind: 'key_group_training', amountFen: 80_000, payee: { kind: 'institution', id: 'inst-1' }, fund: 'employment_subsidy', clause: CLAUSES.s14 }],
    basis: ['目录项目标准 800 元，上限 1000 元，核定 800 元'],
  },
  {
    name: '§3 三(一)3: a registered-poor trainee → 15 CNY per day attended, to the trainee, from 就业补助资金 (with the free §3 training priced as §14)',
    cls: { fundingRoute: 'poverty_project', projectSubsidyFen: 60_000 },
    who: { categoriesOnStart: ['registered_poor'], attendance: { attendedDays: 6, completed: true } },
    lines: [
      { kind: 'key_group_training', amountFen: 60_000, payee: { kind: 'institution', id: 'inst-1' }, fund: 'employment_subsidy', clause: CLAUSES.s14 },
      { kind: 'living_allowance', amountFen: 9_000, payee: { kind: 'trainee', id: 'p-1' }, fund: 'employment_subsidy', clause: CLAUSES.s3 },
    ],
    basis: ['目录项目标准 600 元，上限 1000 元，核定 600 元', '15 元/天 × 6 天'],
  },
  {
    name: '§15 三(三)15: a 专项职业能力证书 obtained in training organised free → 150 CNY to the organising enterprise',
    cls: { ...ON_JOB_CERTIFICATE, levelCode: 'special' },
    who: { ...EMPLOYEE, certificate: { type: 'special_ability', levelCode: null } },
    lines: [{ kind: 'certificate_special', amountFen: 15_000, payee: { kind: 'enterprise', id: 'ent-1' }, fund: 'skills_account', clause: CLAUSES.s15 }],
    basis: ['专项职业能力证书 每人 150 元'],
  },
  {
    name: '§15 三(三)15: a 初级工 (level 5) certificate obtained free → 300 CNY to the organiser',
    cls: ON_JOB_CERTIFICATE,
    who: EMPLOYEE,
    lines: [{ kind: 'certificate_level5', amountFen: 30_000, payee: { kind: 'enterprise', id: 'ent-1' }, fund: 'skills_account', clause: CLAUSES.s15 }],
    basis: ['初级工证书 每人 300 元'],
  },
  {
    name: '§15 三(三)15: a 高级工 (level 3) certificate obtained free → 600 CNY to the organising institution',
    cls: { trainingType: 'high_skill', fundingRoute: 'certificate', levelCode: '3', projectSubsidyFen: null },
    who: { categoriesOnStart: [], certificate: { type: 'qualification', levelCode: '3' } },
    lines: [{ kind: 'certificate_level3', amountFen: 60_000, payee: { kind: 'institution', id: 'inst-1' }, fund: 'skills_account', clause: CLAUSES.s15 }],
    basis: ['高级工证书 每人 600 元'],
  },
  ...(['4', '2', '1'] as const).map(
    (levelCode): Row => ({
      name: `§15 三(三)15 OPEN: a level ${levelCode} (中级工/技师/高级技师) certificate → no line until the office sets an amount`,
      cls: { ...ON_JOB_CERTIFICATE, levelCode, trainingType: levelCode === '4' ? 'on_job' : 'high_skill' },
      who: { ...EMPLOYEE, certificate: { type: 'skill_level', levelCode } },
      lines: [],
    }),
  ),
];

describe('the subsidy table, row by row', () => {
  it.each(TABLE.map((row) => [row.name, row] as const))('%s', (_name, row) => {
    const r = price(row.cls, row.who);
    expect(lineOf(r)).toEqual(row.lines);
    expect(r.totalFen).toBe(row.lines.reduce((s, l) => s + l.amountFen, 0));
    if (row.basis) expect(row.basis).toContain(r.lines[0]!.basis);
    if (row.lines.length === 0) {
      const why = r.trace.find((t) => t.code === 'AMOUNT_NOT_SET')!;
      expect(why.clause).toBe(CLAUSES.s15);
      expect(why.message).toMatch(/文件未规定.*证书的补贴标准，市人社局设定前不予补贴（§15，待定事项）/);
      expect(why.messageEn).toMatch(/names no amount.*OPEN/);
      expect(r.subsidisedTraining).toBeNull();
    } else expect(r.subsidisedTraining).toEqual({ classId: 'c-1', year: 2020, occupationCode: ELECTRICIAN, levelCode: row.cls.levelCode ?? '5' });
  });

  it('§15 三(三)15 what-if: 中级工 set to 450 CNY pays with the what-if rule version', () => {
    const what = applyOverrides(set, { 'certificate_level4.amountFen': 45_000 });
    const r = price({ ...ON_JOB_CERTIFICATE, levelCode: '4' }, { ...EMPLOYEE, certificate: { type: 'skill_level', levelCode: '4' } }, what);
    expect(lineOf(r)).toEqual([{ kind: 'certificate_level4', amountFen: 45_000, payee: { kind: 'enterprise', id: 'ent-1' }, fund: 'skills_account', clause: CLAUSES.s15 }]);
    expect(r.lines[0]!.ruleVersion).toMatch(/^1\+whatif\./);
    expect(r.ruleSet).toEqual({ id: 'yuncheng-2020-14', version: what.version, whatIf: true });
    // the official set still pays nothing for it
    expect(price({ ...ON_JOB_CERTIFICATE, levelCode: '4' }, { ...EMPLOYEE, certificate: { type: 'skill_level', levelCode: '4' } }).lines).toEqual([]);
  });
});

// -------------------------------------------------------------------------------------------------------
// One test per limit

describe('the limits', () => {
  const earlier = (classId: string, year: number, occupationCode = WELDER, levelCode = '5', paid = true) => ({ classId, year, occupationCode, levelCode, paid });

  it('§15 三(三)15 limit_per_year: a 4th subsidised training in a year is refused, with the clause and reason in words', () => {
    const three = [earlier('a', 2020, WELDER, '5'), earlier('b', 2020, WELDER, '4', false), earlier('c', 2020, '4-10-01-06', 'special')];
    const r = price({}, { earlier: three });
    expect(r.lines).toEqual([]);
    const entry = r.trace.find((t) => t.kind === 'limit_per_year')!;
    expect(entry).toMatchObject({ outcome: 'refused', clause: CLAUSES.s15, code: 'YEAR_LIMIT', params: { year: 2020, nth: 4, max: 3 } });
    expect(entry.message).toBe('2020 年第 4 次补贴性培训，超过每人每年 3 次（§15）');
    expect(entry.messageEn).toBe('4th subsidised training in 2020, above the limit of 3 a year (§15)');
    // every line that would have been paid names the same reason
    expect(outcomes(r, 'key_group_training')).toEqual(['refused:YEAR_LIMIT']);
    // the 3rd is fine; other years, and re-pricing this very class, do not count
    expect(price({}, { earlier: three.slice(0, 2) }).totalFen).toBe(80_000);
    expect(price({}, { earlier: [...three.slice(0, 2), earlier('x', 2019), earlier('c-1', 2020, ELECTRICIAN, '5', false)] }).totalFen).toBe(80_000);
    // the current claim's other classes count too
    const claimed = { classId: 'd', kind: 'key_group_training' as const, year: 2020, occupationCode: '4-03-02-01', levelCode: '5' };
    expect(price({}, { earlier: three.slice(0, 2), otherLinesInClaim: [claimed] }).lines).toEqual([]);
  });

  it('§15 三(三)15 OPEN: the year is the calendar year of completion by default, of the start by setting', () => {
    const crossing = { startDate: '2020-12-20', endDate: '2021-01-08' };
    const full2020 = [earlier('a', 2020), earlier('b', 2020, WELDER, '4'), earlier('c', 2020, WELDER, '3')];
    const r = price(crossing, { earlier: full2020 });
    expect([r.year, r.totalFen]).toEqual([2021, 80_000]);
    const byStart = price(crossing, { earlier: full2020 }, applyOverrides(set, { 'settings.yearBasis': 'start' }));
    expect([byStart.year, byStart.totalFen]).toEqual([2020, 0]);
  });

  it('§15 三(三)15 limit_same_occupation_level: never the same occupation and level twice (all years by default; within the year by setting)', () => {
    const r = price({}, { earlier: [earlier('a', 2018, ELECTRICIAN, '5')] });
    expect(r.lines).toEqual([]);
    const entry = refusal(r, 'SAME_OCCUPATION_LEVEL')!;
    expect(entry.clause).toBe(CLAUSES.s15);
    expect(entry.message).toBe('已于 2018 年享受过职业（工种）6-31-01-03（五级/初级工）的补贴性培训，同一职业同一等级不可重复（§15）');
    // another level or occupation is fine
    expect(price({}, { earlier: [earlier('a', 2020, ELECTRICIAN, '4'), earlier('b', 2020, WELDER, '5')] }).totalFen).toBe(80_000);
    const withinYear = applyOverrides(set, { 'settings.sameOccupationLevel': 'within_year' });
    expect(price({}, { earlier: [earlier('a', 2018, ELECTRICIAN, '5')] }, withinYear).totalFen).toBe(80_000);
    expect(price({}, { earlier: [earlier('a', 2020, ELECTRICIAN, '5')] }, withinYear).totalFen).toBe(0);
  });

  it('§5 三(二)5 limit_high_skill_on_certificate: high-skill training is subsidised on the certificate only', () => {
    const high = { trainingType: 'high_skill' as const, fundingRoute: 'certificate' as const, levelCode: '3', projectSubsidyFen: 100_000 };
    const r = price(high, { categoriesOnStart: ['registered_poor'], certificate: { type: 'skill_level', levelCode: '3' } });
    expect(lineOf(r).map((l) => l.kind)).toEqual(['certificate_level3']);
    expect(outcomes(r, 'limit_high_skill_on_certificate')).toEqual(['applied:LIMIT_HIGH_SKILL']);
    expect(outcomes(r, 'living_allowance')).toEqual(['refused:HIGH_SKILL_CERTIFICATE_ONLY']);
    expect(outcomes(r, 'key_group_training')).toEqual(['not_applicable:ROUTE_OTHER']);
    // no certificate → nothing at all
    expect(price(high, { assessment: 'fail', certificate: null }).lines).toEqual([]);
  });

  it('§3 三(一)3 limit_living_allowance_days: days actually attended, never more than the scheduled days', () => {
    const poor = { categoriesOnStart: ['registered_poor'] };
    const living = (r: EnrolmentPricing) => r.lines.find((l) => l.kind === 'living_allowance')?.amountFen ?? 0;
    expect(living(price({ scheduledDays: 10 }, { ...poor, attendance: { attendedDays: 7, completed: true } }))).toBe(10_500);
    expect(living(price({ scheduledDays: 10 }, { ...poor, attendance: { attendedDays: 12, completed: true } }))).toBe(15_000);
    const scheduled = applyOverrides(set, { 'settings.livingAllowanceDays': 'scheduled' });
    expect(living(price({ scheduledDays: 10 }, { ...poor, attendance: { attendedDays: 7, completed: true } }, scheduled))).toBe(15_000);
    const r = price({ scheduledDays: 10 }, { ...poor, attendance: { attendedDays: 0, completed: false } });
    expect(refusal(r, 'NO_DAYS_ATTENDED')!.clause).toBe(CLAUSES.s3);
    // not registered poor: no allowance, not a refusal
    expect(outcomes(price({}, {}), 'living_allowance')).toEqual(['not_applicable:NOT_IN_CATEGORY']);
  });

  it('§14 三(三)14 cap: at most 1000 CNY and at most the catalog standard; outside the catalog no line', () => {
    expect(price({ projectSubsidyFen: 150_000 }).lines[0]).toMatchObject({ amountFen: 100_000, basis: '目录项目标准 1500 元，上限 1000 元，核定 1000 元' });
    expect(price({ projectSubsidyFen: 45_050 }).lines[0]!.amountFen).toBe(45_050);
    const outside = price({ projectSubsidyFen: null });
    expect(outside.lines).toEqual([]);
    expect(refusal(outside, 'NO_CATALOG_STANDARD')!.message).toMatch(/不在年度培训项目目录内/);
  });

  it('§15、§16 limit_one_training_subsidy (OPEN, conservative): a §14 class gets no §15 certificate subsidy as well, unless the setting allows both', () => {
    const r = price({}, { certificate: { type: 'skill_level', levelCode: '5' } });
    expect(lineOf(r).map((l) => l.kind)).toEqual(['key_group_training']);
    const why = refusal(r, 'DOUBLE_FUNDING')!;
    expect([why.kind, why.clause]).toEqual(['certificate_level5', CLAUSES.s15s16]);
    const both = price({}, {}, applyOverrides(set, { 'settings.certificateWithTrainingSubsidy': 'both' }));
    expect(lineOf(both).map((l) => [l.kind, l.amountFen, l.fund])).toEqual([
      ['key_group_training', 80_000, 'employment_subsidy'],
      ['certificate_level5', 30_000, 'skills_account'],
    ]);
    // §13 likewise
    const enterprise = price({ trainingType: 'safety_skill', fundingRoute: 'enterprise_employee', organiser: ENTERPRISE }, EMPLOYEE);
    expect(lineOf(enterprise).map((l) => l.kind)).toEqual(['enterprise_employee_training']);
  });

  it('§16 三(三)16: a claim uses the rates in force on the class start date', () => {
    const before = price({ startDate: '2018-12-31', endDate: '2019-01-10' });
    expect(before.lines).toEqual([]);
    expect(before.trace.filter((t) => t.code === 'NO_RULE_IN_FORCE').length).toBe(RULE_KINDS.length);
    expect(before.trace[0]!.message).toBe('开班日 2018-12-31 没有生效的该项补贴标准（§16）');
    const raised = adjustRates(set, '2021-03-01', { 'key_group_training.capFen': 150_000 }, '2');
    const big = { projectSubsidyFen: 120_000 };
    expect(price({ ...big, startDate: '2021-02-28', endDate: '2021-03-20' }, {}, raised).lines[0]).toMatchObject({ amountFen: 100_000, ruleVersion: '1' });
    expect(price({ ...big, startDate: '2021-03-01', endDate: '2021-03-20' }, {}, raised).lines[0]).toMatchObject({ amountFen: 120_000, ruleVersion: '2' });
  });
});

// -------------------------------------------------------------------------------------------------------
// Conditions and precedence

describe('conditions of each line', () => {
  it('§13/§14: not completed → no training subsidy (the living allowance per day attended stays, OPEN)', () => {
    const r = price({}, { categoriesOnStart: ['registered_poor'], attendance: { attendedDays: 4, completed: false } });
    expect(lineOf(r).map((l) => [l.kind, l.amountFen])).toEqual([['living_allowance', 6_000]]);
    expect(refusal(r, 'NOT_COMPLETED')).toMatchObject({ kind: 'key_group_training', clause: CLAUSES.s14, message: '未结业（出勤未达到结业要求），不予培训补贴（§14）' });
    const strict = applyOverrides(set, { 'settings.livingAllowanceNeedsCompletion': true });
    expect(price({}, { categoriesOnStart: ['registered_poor'], attendance: { attendedDays: 4, completed: false } }, strict).lines).toEqual([]);
  });

  it('§15 OPEN: by setting, the §13/§14 training subsidy may also need the assessment passed', () => {
    expect(price({}, { assessment: 'fail', certificate: null }).totalFen).toBe(80_000);
    const strict = applyOverrides(set, { 'settings.trainingSubsidyNeedsPass': true });
    expect(refusal(price({}, { assessment: 'fail', certificate: null }, strict), 'NOT_PASSED_TRAINING')).toBeDefined();
  });

  it('§15: failed or missed assessment, no certificate, the wrong certificate or a charged trainee → no certificate subsidy', () => {
    const cert = (p: Partial<PersonFacts>, c: Partial<ClassFacts> = {}) => price({ ...ON_JOB_CERTIFICATE, ...c }, { ...EMPLOYEE, ...p });
    expect(refusal(cert({ assessment: 'fail', certificate: null }), 'NOT_PASSED')!.message).toBe('考核结果为“不合格”，未取得证书，不予取证补贴（§15）');
    expect(refusal(cert({ assessment: 'absent', certificate: null }), 'NOT_PASSED')!.messageEn).toMatch(/missed/);
    expect(refusal(cert({ assessment: null, certificate: null }), 'NOT_PASSED')).toBeDefined();
    expect(refusal(cert({ certificate: null }), 'NO_CERTIFICATE')).toBeDefined();
    expect(refusal(cert({ certificate: { type: 'training_completion', levelCode: null } }), 'CERTIFICATE_TYPE_NOT_COVERED')).toBeDefined();
    expect(refusal(cert({ certificate: { type: 'skill_level', levelCode: '4' } }), 'CERTIFICATE_LEVEL_MISMATCH')).toBeDefined();
    expect(refusal(cert({ certificate: { type: 'skill_level', levelCode: '5', occupationCode: WELDER } }), 'CERTIFICATE_OCCUPATION_MISMATCH')).toBeDefined();
    expect(refusal(cert({}, { freeForTrainee: false }), 'NOT_FREE')).toBeDefined();
    expect(cert({}).totalFen).toBe(30_000);
  });

  it('§13: only the enterprise’s own employees, in a class the enterprise runs', () => {
    const r = price({ trainingType: 'pre_job', fundingRoute: 'enterprise_employee', organiser: ENTERPRISE }, { categoriesOnStart: ['enterprise_employee'], employeeOfOrganiser: false });
    expect(r.lines).toEqual([]);
    expect(refusal(r, 'NOT_EMPLOYEE')!.clause).toBe(CLAUSES.s13);
    const byInstitution = price({ trainingType: 'pre_job', fundingRoute: 'enterprise_employee' }, EMPLOYEE);
    expect(refusal(byInstitution, 'ORGANISER_NOT_ENTERPRISE')).toBeDefined();
  });

  it('§14: only the key groups on the start date; §3 poverty_project: only the registered poor', () => {
    const r = price({}, { categoriesOnStart: ['veteran'] });
    expect(refusal(r, 'NOT_ELIGIBLE_CATEGORY')).toMatchObject({ clause: CLAUSES.s14 });
    expect(refusal(r, 'NOT_ELIGIBLE_CATEGORY')!.message).toMatch(/^开班日（2020-06-01）该人员不属于“就业技能培训”的补贴对象（须为：农村转移就业劳动者/);
    expect(refusal(price({ fundingRoute: 'poverty_project' }, { categoriesOnStart: ['rural_migrant'] }), 'NOT_ELIGIBLE_CATEGORY')).toMatchObject({ clause: CLAUSES.s3 });
  });

  it('a route that does not fit the training type subsidises nothing; an unsubsidised class is not applicable throughout', () => {
    expect(refusal(price({ trainingType: 'on_job', fundingRoute: 'key_group' }), 'ROUTE_TYPE_MISMATCH')).toBeDefined();
    const none = price({ fundingRoute: 'unsubsidised' }, { categoriesOnStart: ['registered_poor'] });
    expect(none.lines).toEqual([]);
    expect(new Set(none.trace.map((t) => t.outcome))).toEqual(new Set(['not_applicable']));
  });

  it('§17: what was paid is never paid again, and a claim never holds the same line twice', () => {
    const paid = price({}, { earlier: [{ classId: 'c-1', year: 2020, occupationCode: ELECTRICIAN, levelCode: '5', paid: true }] });
    expect(paid.lines).toEqual([]);
    expect(refusal(paid, 'ALREADY_PAID')!.clause).toBe(CLAUSES.s17);
    const dup = price({}, { otherLinesInClaim: [{ classId: 'c-1', kind: 'key_group_training', year: 2020, occupationCode: ELECTRICIAN, levelCode: '5' }] });
    expect(dup.lines).toEqual([]);
    expect(refusal(dup, 'DUPLICATE_IN_CLAIM')).toBeDefined();
  });

  it('explains every rule in force, each entry with a clause and both languages on every entry', () => {
    const r = price({ fundingRoute: 'poverty_project' }, { categoriesOnStart: ['registered_poor'] });
    for (const kind of RULE_KINDS) expect(r.trace.filter((t) => t.kind === kind).length, kind).toBeGreaterThanOrEqual(1);
    for (const t of r.trace) {
      expect(t.clause).toMatch(/^运政办发〔2020〕14号 三\(/);
      expect(t.message.length).toBeGreaterThan(0);
      expect(t.messageEn.length).toBeGreaterThan(0);
      expect(TRACE_MESSAGES).toHaveProperty(t.code);
    }
    expect(r.settings).toEqual(set.settings);
  });

  it('refuses malformed facts with the field named', () => {
    expect(() => price({ scheduledDays: 1.5 })).toThrow(/class\.scheduledDays/);
    expect(() => price({ projectSubsidyFen: 800.5 })).toThrow(/class\.projectSubsidyFen/);
    expect(() => price({ endDate: '2020-05-01' })).toThrow(/class\.endDate/);
    expect(() => price({}, { attendance: { attendedDays: -1, completed: true } })).toThrow(/attendedDays/);
  });
});

// -------------------------------------------------------------------------------------------------------
// Whole classes and claims

describe('priceClass and priceClaim', () => {
  it('prices a class consistently and totals it by fund and by payee', () => {
    const people = [
      person({ personId: 'a' }),
      person({ personId: 'b', categoriesOnStart: ['registered_poor'], attendance: { attendedDays: 8, completed: true } }),
      person({ personId: 'c', attendance: { attendedDays: 3, completed: false } }),
      person({ personId: 'a' }),
    ];
    const r = priceClass(klass(), people, set);
    expect(r.enrolments.map((e) => e.totalFen)).toEqual([80_000, 92_000, 0, 0]);
    expect(refusal(r.enrolments[3]!, 'DUPLICATE_PERSON')!.clause).toBe(CLAUSES.s9);
    expect(r.totalFen).toBe(172_000);
    expect(r.byFund).toEqual([{ fund: 'employment_subsidy', amountFen: 172_000 }]);
    expect(r.byPayee).toEqual([
      { payee: { kind: 'institution', id: 'inst-1' }, fund: 'employment_subsidy', amountFen: 160_000 },
      { payee: { kind: 'trainee', id: 'b' }, fund: 'employment_subsidy', amountFen: 12_000 },
    ]);
  });

  it('§15: runs each person’s count across the classes of one claim, in start-date order', () => {
    const occupations = ['4-10-01-06', '6-18-02-04', '4-03-02-01', '6-31-01-03'];
    const classes = [3, 0, 2, 1].map((i) => ({
      class: klass({ id: `k${i}`, occupationCode: occupations[i]!, startDate: `2020-0${5 + i}-01`, endDate: `2020-0${5 + i}-20` }),
      people: [person({ personId: 'p' })],
    }));
    const r = priceClaim(classes, set);
    expect(r.classes.map((c) => c.classId)).toEqual(['k3', 'k0', 'k2', 'k1']);
    expect(r.classes.map((c) => c.totalFen)).toEqual([0, 80_000, 80_000, 80_000]);
    expect(refusal(r.classes[0]!.enrolments[0]!, 'YEAR_LIMIT')!.message).toBe('2020 年第 4 次补贴性培训，超过每人每年 3 次（§15）');
    expect(r.totalFen).toBe(240_000);
    // the same class twice in one claim is priced once
    const twice = priceClaim([classes[1]!, classes[1]!], set);
    expect(twice.classes.map((c) => c.totalFen)).toEqual([80_000, 0]);
  });
});

describe('money in messages', () => {
  it('shows integer fen as yuan without floating point', () => {
    expect([formatYuan(0), formatYuan(7), formatYuan(150), formatYuan(30_000), formatYuan(45_050), formatYuan(-1_500)]).toEqual(['0', '0.07', '1.5', '300', '450.5', '-15']);
    expect(formatYuan(Number.MAX_SAFE_INTEGER)).toBe('90071992547409.91');
    expect(() => formatYuan(1.5)).toThrow();
    expect([1, 2, 3, 4, 11, 12, 13, 21, 22, 101].map(ordinalEn)).toEqual(['1st', '2nd', '3rd', '4th', '11th', '12th', '13th', '21st', '22nd', '101st']);
  });
});
