import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ROLES, type Role } from '../auth/permissions.ts';
import { demoOrganisations } from '../demo/organisations.ts';
import { AppError, ERROR_CATALOGUE, renderError } from '../errors.ts';
import { SKILL_LEVELS } from '../reference/catalog.ts';
import {
  admissionRouteFor,
  allowedStatusChanges,
  assertLicensedFor,
  assertMayClaim,
  assertMayOpenClass,
  checkStatusChange,
  educationFundChecks,
  HIGH_RISK_INDUSTRIES,
  highRiskIndustryOf,
  INSTITUTION_KIND_CODES,
  INSTITUTION_KINDS,
  isHighRiskIndustry,
  normalizeContactPhone,
  ORG_STATUS_TRANSITIONS,
  ORG_STATUSES,
  SKILL_LEVEL_CODES,
  validateOrganisation,
  type OrgStatus,
  type StatusChangeInput,
} from './organisation.ts';
import type { Problem } from './problems.ts';

function expectRenderable(problems: readonly Problem[]) {
  // Every placeholder of the message has its parameter (the values themselves may contain anything).
  for (const p of problems) for (const [, name] of ERROR_CATALOGUE[p.code].en.matchAll(/\{(\w+)\}/g)) expect(p.params, p.code).toHaveProperty(name!);
}

function problemCodes(result: { ok: true } | { ok: false; problems: Problem[] }): [string, string][] {
  expect(result.ok).toBe(false);
  if (result.ok) return [];
  expectRenderable(result.problems);
  return result.problems.map((p) => [p.field, p.code]);
}

const institution = {
  name: '运城市华夏职业培训学校',
  creditCode: '52140800MJY123458Y',
  institutionKind: 'private',
  unitCode: '140802',
  capacity: 200,
  contacts: [{ name: '王老师', phone: '0359-1234567' }],
  licensedOccupations: [
    { occupationCode: '6-31-01-03', levels: ['4', '5'] },
    { occupationCode: '4-10-01-06', levels: ['special'] },
  ],
};

const enterprise = {
  name: '河津市金桥煤业有限公司',
  creditCode: '91140802MA0K123489',
  unitCode: '140882',
  industry: '煤炭开采和洗选业',
  employees: 1200,
  contacts: [{ name: '李强', phone: '13912345678' }],
};

describe('institution kinds and admission routes (§12)', () => {
  it('lists six kinds with Chinese and English labels', () => {
    expect(INSTITUTION_KINDS.map((k) => [k.code, k.name])).toEqual([
      ['enterprise_centre', '企业培训中心'],
      ['vocational_college', '职业院校'],
      ['technical_school', '技工院校'],
      ['government_centre', '政府培训中心'],
      ['private', '民办培训机构'],
      ['evaluation', '评价机构'],
    ]);
    expect(INSTITUTION_KINDS.map((k) => k.code)).toEqual([...INSTITUTION_KIND_CODES]);
    for (const k of INSTITUTION_KINDS) expect(k.nameEn).toMatch(/^[A-Z]/);
  });

  it('review and filing for enterprise centres, colleges, technical schools and government centres; bidding for private; none for evaluation', () => {
    expect(INSTITUTION_KIND_CODES.map((k) => [k, admissionRouteFor(k)])).toEqual([
      ['enterprise_centre', 'review_filing'],
      ['vocational_college', 'review_filing'],
      ['technical_school', 'review_filing'],
      ['government_centre', 'review_filing'],
      ['private', 'bidding'],
      ['evaluation', null],
    ]);
  });
});

describe('high-risk industries (§1)', () => {
  it('recognises codes, names and GB/T 4754 names', () => {
    for (const i of HIGH_RISK_INDUSTRIES) {
      expect(highRiskIndustryOf(i.code)).toBe(i.code);
      expect(highRiskIndustryOf(i.name)).toBe(i.code);
    }
    expect(highRiskIndustryOf('煤炭开采和洗选业')).toBe('coal');
    expect(highRiskIndustryOf('有色金属矿采选业')).toBe('mining');
    expect(highRiskIndustryOf('石油和天然气开采业')).toBe('mining');
    expect(highRiskIndustryOf('化学原料和化学制品制造业')).toBe('chemicals');
    expect(highRiskIndustryOf('危险化学品经营')).toBe('hazardous_chemicals');
    expect(highRiskIndustryOf('黑色金属冶炼和压延加工业')).toBe('metallurgy');
    expect(highRiskIndustryOf('烟花爆竹制造')).toBe('fireworks');
    expect(highRiskIndustryOf('房屋建筑业')).toBe('construction');
    for (const other of ['农副食品加工业', '非金属矿物制品业', '医药制造业', '电力、热力生产和供应业', '道路运输业', '']) {
      expect(isHighRiskIndustry(other), other).toBe(false);
    }
  });

  it('agrees with the demo data set', () => {
    for (const o of demoOrganisations('registry-test')) if (o.industry) expect(isHighRiskIndustry(o.industry), o.industry).toBe(o.highRisk ?? false);
  });
});

describe('validateOrganisation', () => {
  it('normalises an institution', () => {
    const r = validateOrganisation('institution', { ...institution, creditCode: ' 52140800mjy123458y ', contacts: [{ name: '王老师', phone: '(0359) 123 4567' }] });
    expect(r).toEqual({
      ok: true,
      value: {
        kind: 'institution',
        name: '运城市华夏职业培训学校',
        creditCode: '52140800MJY123458Y',
        creditDivisionCode: '140800',
        unitCode: '140802',
        contacts: [{ name: '王老师', phone: '0359-1234567' }],
        institutionKind: 'private',
        admissionRoute: 'bidding',
        capacity: 200,
        licensedOccupations: [
          { occupationCode: '6-31-01-03', levels: ['5', '4'] },
          { occupationCode: '4-10-01-06', levels: ['special'] },
        ],
        industry: null,
        highRisk: false,
      },
      warnings: [],
    });
  });

  it('normalises an enterprise and flags a high-risk industry', () => {
    expect(validateOrganisation('enterprise', enterprise)).toEqual({
      ok: true,
      value: {
        kind: 'enterprise',
        name: '河津市金桥煤业有限公司',
        creditCode: '91140802MA0K123489',
        creditDivisionCode: '140802',
        unitCode: '140882',
        contacts: [{ name: '李强', phone: '13912345678' }],
        industry: '煤炭开采和洗选业',
        highRisk: true,
        highRiskIndustry: 'coal',
        employees: 1200,
      },
      warnings: [],
    });
    expect(validateOrganisation('enterprise', { ...enterprise, industry: '农副食品加工业' })).toMatchObject({ ok: true, value: { highRisk: false, highRiskIndustry: null } });
  });

  it.each(['91140802MA0K123489', '52140800MJY123458Y', '12140800406100001H', '93140821MA0L2B3C4T', '92140881MA0M4N5P8F', '91350100M000100Y43'])(
    'accepts the credit code %s',
    (creditCode) => {
      expect(validateOrganisation('enterprise', { ...enterprise, creditCode }).ok).toBe(true);
    },
  );

  it('maps each credit-code problem to its own code', () => {
    expect(problemCodes(validateOrganisation('enterprise', { ...enterprise, creditCode: '91350100M000100Y4Z' }))).toEqual([['creditCode', 'CREDIT_CODE_FORMAT']]);
    expect(problemCodes(validateOrganisation('enterprise', { ...enterprise, creditCode: '91140802MA0K1234' }))).toEqual([['creditCode', 'CREDIT_CODE_FORMAT']]);
    expect(problemCodes(validateOrganisation('enterprise', { ...enterprise, creditCode: '91140802MA0K123479' }))).toEqual([['creditCode', 'CREDIT_CODE_ORG_CODE_CHECK']]);
    expect(problemCodes(validateOrganisation('enterprise', { ...enterprise, creditCode: '91140802MA0K123488' }))).toEqual([['creditCode', 'CREDIT_CODE_CHECK_CHAR']]);
    expect(problemCodes(validateOrganisation('enterprise', { ...enterprise, creditCode: '  ' }))).toEqual([['creditCode', 'CREDIT_CODE_REQUIRED']]);
    expect(problemCodes(validateOrganisation('enterprise', { ...enterprise, creditCode: undefined }))).toEqual([['creditCode', 'CREDIT_CODE_REQUIRED']]);
  });

  it('checks contacts: a person name and a mobile or a landline with its area code', () => {
    for (const phone of ['13912345678', '+86 139 1234 5678', '0359-1234567', '03591234567', '010-12345678', '0359-1234567-801', '（0359）1234567']) {
      expect(normalizeContactPhone(phone), phone).not.toBeNull();
    }
    for (const phone of ['1234567', '359-1234567', '0359-123', '12912345678', 'none']) expect(normalizeContactPhone(phone), phone).toBeNull();
    expect(problemCodes(validateOrganisation('enterprise', { ...enterprise, contacts: [{ name: '李', phone: '1234567' }] }))).toEqual([
      ['contacts.0.name', 'ORG_CONTACT_NAME_INVALID'],
      ['contacts.0.phone', 'ORG_CONTACT_PHONE_INVALID'],
    ]);
    expect(problemCodes(validateOrganisation('enterprise', { ...enterprise, contacts: [] }))).toEqual([['contacts', 'ORG_CONTACTS_REQUIRED']]);
    expect(problemCodes(validateOrganisation('enterprise', { ...enterprise, contacts: [{ name: '李强' }] }))).toEqual([['contacts.0.phone', 'ORG_CONTACT_PHONE_INVALID']]);
  });

  it('checks licensed occupations', () => {
    const bad = validateOrganisation('institution', {
      ...institution,
      licensedOccupations: [
        { occupationCode: '6-31-01-03', levels: ['5'] },
        { occupationCode: '6-31-01-03', levels: ['4'] },
        { occupationCode: '4-10-01-06', levels: [] },
      ],
    });
    expect(problemCodes(bad)).toEqual([
      ['licensedOccupations.1.occupationCode', 'ORG_OCCUPATION_DUPLICATE'],
      ['licensedOccupations.2.levels', 'ORG_OCCUPATION_LEVELS_REQUIRED'],
    ]);
    expect(problemCodes(validateOrganisation('institution', { ...institution, licensedOccupations: [{ occupationCode: '63101-03', levels: ['6'] }] }))).toEqual([
      ['licensedOccupations.0.occupationCode', 'ORG_OCCUPATION_CODE_INVALID'],
      ['licensedOccupations.0.levels.0', 'ORG_OCCUPATION_LEVEL_INVALID'],
    ]);
    expect(validateOrganisation('institution', { ...institution, licensedOccupations: undefined })).toMatchObject({ ok: true, value: { licensedOccupations: [] } });
  });

  it('names every bad field in one answer', () => {
    expect(
      problemCodes(validateOrganisation('institution', { ...institution, name: '校', institutionKind: 'school', unitCode: '140800', capacity: -1, website: 'x' })),
    ).toEqual([
      ['institutionKind', 'ORG_KIND_INVALID'],
      ['capacity', 'ORG_CAPACITY_INVALID'],
      ['website', 'UNKNOWN_FIELD'],
      ['name', 'ORG_NAME_INVALID'],
      ['unitCode', 'ORG_UNIT_UNKNOWN'],
    ]);
    expect(problemCodes(validateOrganisation('enterprise', { ...enterprise, employees: 1.5, industry: ' ' }))).toEqual([
      ['employees', 'ENTERPRISE_EMPLOYEES_INVALID'],
      ['industry', 'ENTERPRISE_INDUSTRY_REQUIRED'],
    ]);
    expect(problemCodes(validateOrganisation('enterprise', {}))).toEqual([
      ['name', 'ORG_NAME_REQUIRED'],
      ['creditCode', 'CREDIT_CODE_REQUIRED'],
      ['unitCode', 'ORG_UNIT_REQUIRED'],
      ['industry', 'ENTERPRISE_INDUSTRY_REQUIRED'],
      ['contacts', 'ORG_CONTACTS_REQUIRED'],
    ]);
    expect(problemCodes(validateOrganisation('institution', 'school'))).toEqual([['', 'ORG_INPUT_INVALID']]);
  });

  it('uses the catalogue skill levels', () => {
    expect([...SKILL_LEVEL_CODES]).toEqual(SKILL_LEVELS.map((l) => l.code));
  });

  it('accepts the demo organisations', () => {
    for (const o of demoOrganisations('registry-test')) {
      const common = { name: o.name, creditCode: o.creditCode, unitCode: o.unitCode, contacts: [{ name: o.contactName, phone: o.contactPhone }] };
      const r =
        o.kind === 'institution'
          ? validateOrganisation('institution', { ...common, institutionKind: o.institutionKind, capacity: o.capacity, industry: o.industry })
          : validateOrganisation('enterprise', { ...common, industry: o.industry, employees: o.employees });
      expect(r, o.name).toMatchObject({ ok: true });
      if (r.ok && r.value.kind === 'institution') expect(r.value.admissionRoute ?? undefined).toBe(o.admissionRoute);
    }
  });
});

describe('status transitions (§17)', () => {
  /** The expected table, written out independently of ORG_STATUS_TRANSITIONS. */
  const ALLOWED: Record<string, readonly Role[]> = {
    'active>suspended': ['city_office', 'county_office'],
    'suspended>active': ['city_office', 'county_office'],
    'active>blacklisted': ['city_office'],
    'suspended>blacklisted': ['city_office'],
    'blacklisted>active': ['city_office'],
  };
  const complete = (org: StatusChangeInput['org'], actorUnitCode: string): StatusChangeInput => ({
    reason: '虚假培训套取补贴',
    decisionRef: '运人社发〔2021〕12号',
    effectiveDate: '2021-05-01',
    org,
    actorUnitCode,
  });
  const ownInstitution = { kind: 'institution' as const, unitCode: '140821' };
  const actorUnit = (role: Role) => (role === 'city_office' ? '140800' : '140821');

  it('allows exactly the listed changes, per role', () => {
    for (const from of ORG_STATUSES) {
      for (const to of ORG_STATUSES) {
        for (const role of ROLES) {
          const roles = ALLOWED[`${from}>${to}`];
          const r = checkStatusChange(from, to, role, complete(ownInstitution, actorUnit(role)));
          if (roles?.includes(role)) expect(r, `${role} ${from}>${to}`).toMatchObject({ ok: true, transition: { from, to } });
          else {
            const code = roles ? 'ORG_STATUS_FORBIDDEN' : 'ORG_STATUS_TRANSITION_INVALID';
            expect(problemCodes(r), `${role} ${from}>${to}`).toEqual([['status', code]]);
          }
        }
        expect(ORG_STATUS_TRANSITIONS.some((t) => t.from === from && t.to === to)).toBe(`${from}>${to}` in ALLOWED);
      }
    }
  });

  it('lets a county office suspend and reactivate only institutions of its own unit', () => {
    const role = 'county_office';
    expect(checkStatusChange('active', 'suspended', role, complete(ownInstitution, '140821')).ok).toBe(true);
    expect(checkStatusChange('suspended', 'active', role, complete(ownInstitution, '140821')).ok).toBe(true);
    expect(problemCodes(checkStatusChange('active', 'suspended', role, complete(ownInstitution, '140822')))).toEqual([['status', 'ORG_STATUS_OUT_OF_SCOPE']]);
    expect(problemCodes(checkStatusChange('active', 'suspended', role, complete({ kind: 'enterprise', unitCode: '140821' }, '140821')))).toEqual([
      ['status', 'ORG_STATUS_OUT_OF_SCOPE'],
    ]);
    expect(problemCodes(checkStatusChange('active', 'suspended', role, { ...complete(ownInstitution, '140821'), actorUnitCode: null }))).toEqual([
      ['status', 'ORG_STATUS_OUT_OF_SCOPE'],
    ]);
    // The city office acts on enterprises and institutions anywhere.
    expect(checkStatusChange('active', 'blacklisted', 'city_office', complete({ kind: 'enterprise', unitCode: '140882' }, '140800')).ok).toBe(true);
  });

  it('requires the reason, the decision reference and a real effective date', () => {
    const input = complete(ownInstitution, '140800');
    expect(problemCodes(checkStatusChange('active', 'suspended', 'city_office', { ...input, reason: ' ', decisionRef: null, effectiveDate: undefined }))).toEqual([
      ['reason', 'ORG_STATUS_REASON_REQUIRED'],
      ['decisionRef', 'ORG_STATUS_DECISION_REF_REQUIRED'],
      ['effectiveDate', 'ORG_STATUS_EFFECTIVE_DATE_REQUIRED'],
    ]);
    expect(problemCodes(checkStatusChange('active', 'suspended', 'city_office', { ...input, effectiveDate: '2021-02-30' }))).toEqual([
      ['effectiveDate', 'ORG_STATUS_EFFECTIVE_DATE_INVALID'],
    ]);
  });

  it('lifts a ban only by the city office with a decision reference', () => {
    const input = complete(ownInstitution, '140800');
    expect(checkStatusChange('blacklisted', 'active', 'city_office', input).ok).toBe(true);
    expect(problemCodes(checkStatusChange('blacklisted', 'active', 'city_office', { ...input, decisionRef: '' }))).toEqual([
      ['decisionRef', 'ORG_STATUS_DECISION_REF_REQUIRED'],
    ]);
    expect(problemCodes(checkStatusChange('blacklisted', 'active', 'county_office', complete(ownInstitution, '140821')))).toEqual([['status', 'ORG_STATUS_FORBIDDEN']]);
    expect(problemCodes(checkStatusChange('blacklisted', 'suspended', 'city_office', input))).toEqual([['status', 'ORG_STATUS_TRANSITION_INVALID']]);
  });

  it('offers the web only the allowed changes', () => {
    const scope = { org: ownInstitution, actorUnitCode: '140821' };
    const targets = (from: OrgStatus, role: Role, s?: typeof scope) => allowedStatusChanges(from, role, s).map((t) => t.to);
    expect(targets('active', 'city_office')).toEqual(['suspended', 'blacklisted']);
    expect(targets('suspended', 'city_office')).toEqual(['active', 'blacklisted']);
    expect(targets('blacklisted', 'city_office')).toEqual(['active']);
    expect(targets('active', 'county_office', scope)).toEqual(['suspended']);
    expect(targets('active', 'county_office', { ...scope, actorUnitCode: '140802' })).toEqual([]);
    expect(targets('blacklisted', 'county_office', scope)).toEqual([]);
    for (const role of ROLES.filter((r) => r !== 'city_office' && r !== 'county_office')) {
      for (const from of ORG_STATUSES) expect(targets(from, role)).toEqual([]);
    }
  });
});

describe('guards', () => {
  const suspended = { name: '运城市启航职业培训学校', status: 'suspended' as const, statusReason: '学员考勤造假', statusSince: '2021-05-01' };
  const blacklisted = { name: '运城市启航职业培训学校', status: 'blacklisted' as const, statusReason: '虚假培训套取补贴', statusSince: '2021-06-01' };

  function thrown(fn: () => void): AppError {
    try {
      fn();
    } catch (e) {
      expect(e).toBeInstanceOf(AppError);
      return e as AppError;
    }
    throw new Error('expected an AppError');
  }

  it('lets an active organisation open classes and claim', () => {
    expect(() => assertMayOpenClass({ name: 'x', status: 'active' })).not.toThrow();
    expect(() => assertMayClaim({ name: 'x', status: 'active' })).not.toThrow();
  });

  it('refuses a suspended or blacklisted organisation, with name, reason and date', () => {
    for (const assert of [assertMayOpenClass, assertMayClaim]) {
      const s = thrown(() => assert(suspended));
      expect([s.code, s.kind, s.params]).toEqual(['ORG_SUSPENDED', 'forbidden', { name: suspended.name, reason: '学员考勤造假', date: '2021-05-01' }]);
      const b = thrown(() => assert(blacklisted));
      expect([b.code, b.kind, b.params]).toEqual(['ORG_BLACKLISTED', 'forbidden', { name: blacklisted.name, reason: '虚假培训套取补贴', date: '2021-06-01' }]);
      expect(renderError(b.code, b.params, 'zh-CN')).toBe('“运城市启航职业培训学校”自 2021-06-01 起被列入黑名单，禁止再承担政府补贴性培训（原因：虚假培训套取补贴），不能开班或申领补贴');
    }
    const bare = thrown(() => assertMayClaim({ name: 'x', status: 'suspended' }));
    expect(bare.params).toEqual({ name: 'x', reason: '—', date: '—' });
  });

  it('refuses an occupation or level outside the licence (§6)', () => {
    const org = { name: '运城市华夏职业培训学校', licensedOccupations: institution.licensedOccupations };
    expect(() => assertLicensedFor(org, '6-31-01-03', '4')).not.toThrow();
    expect(() => assertLicensedFor(org, '4-10-01-06', 'special')).not.toThrow();
    const level = thrown(() => assertLicensedFor(org, '6-31-01-03', '3'));
    expect([level.code, level.params]).toEqual(['ORG_NOT_LICENSED', { name: org.name, occupationCode: '6-31-01-03', level: '三级/高级工' }]);
    expect(thrown(() => assertLicensedFor(org, '6-18-02-04', '5')).code).toBe('ORG_NOT_LICENSED');
  });
});

describe('educationFundChecks (§13)', () => {
  const warn = (payrollFen: number, educationFundFen: number, frontLineFen: number) => {
    const r = educationFundChecks({ payrollFen, educationFundFen, frontLineFen });
    expect(r.ok).toBe(true);
    if (!r.ok) return [];
    expectRenderable(r.warnings);
    return r.warnings;
  };

  it('warns above 8 % of payroll, not at exactly 8 %', () => {
    expect(warn(1_000_000, 80_000, 48_000)).toEqual([]);
    expect(warn(1_000_000, 80_001, 48_001)).toEqual([{ field: 'educationFundFen', code: 'ENTERPRISE_EDUCATION_FUND_OVER_LIMIT', params: { percent: '8.01', limit: 8 } }]);
    expect(warn(0, 1, 1).map((w) => w.params)).toEqual([{ percent: '—', limit: 8 }]);
  });

  it('warns below 60 % for front-line workers, not at exactly 60 %', () => {
    expect(warn(1_000_000, 50_000, 30_000)).toEqual([]);
    expect(warn(1_000_000, 50_000, 29_999)).toEqual([{ field: 'frontLineFen', code: 'ENTERPRISE_FRONT_LINE_UNDER_MIN', params: { percent: '59.99', min: 60 } }]);
    expect(warn(1_000_000, 0, 0)).toEqual([]);
  });

  it('compares exactly at the boundary for any amount, even near the safe-integer limit', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: Math.floor(Number.MAX_SAFE_INTEGER / 100) }), (k) => {
        expect(warn(k * 100, k * 8, k * 8)).toEqual([]);
        expect(warn(k * 100, k * 8 + 1, k * 8 + 1).map((w) => w.code)).toEqual(['ENTERPRISE_EDUCATION_FUND_OVER_LIMIT']);
        expect(warn(k * 100, k * 5, k * 3)).toEqual([]);
        expect(warn(k * 100, k * 5, k * 3 - 1).map((w) => w.code)).toEqual(['ENTERPRISE_FRONT_LINE_UNDER_MIN']);
      }),
    );
    const max = Number.MAX_SAFE_INTEGER;
    // 8 % of 2^53 − 1 is 720575940379279.28: the largest compliant fund is …279, and …280 is above.
    expect(warn(max, 720_575_940_379_279, 720_575_940_379_279)).toEqual([]);
    expect(warn(max, 720_575_940_379_280, 720_575_940_379_280).map((w) => w.code)).toEqual(['ENTERPRISE_EDUCATION_FUND_OVER_LIMIT']);
  });

  it('refuses amounts that are not non-negative integer fen, and a front-line share above the fund', () => {
    const r = educationFundChecks({ payrollFen: -1, educationFundFen: 1.5, frontLineFen: Number.NaN });
    expect(problemCodes(r)).toEqual([
      ['payrollFen', 'ENTERPRISE_AMOUNT_INVALID'],
      ['educationFundFen', 'ENTERPRISE_AMOUNT_INVALID'],
      ['frontLineFen', 'ENTERPRISE_AMOUNT_INVALID'],
    ]);
    expect(problemCodes(educationFundChecks({ payrollFen: 2 ** 53, educationFundFen: 0, frontLineFen: 0 }))).toEqual([['payrollFen', 'ENTERPRISE_AMOUNT_INVALID']]);
    expect(problemCodes(educationFundChecks({ payrollFen: 100, educationFundFen: 5, frontLineFen: 6 }))).toEqual([['frontLineFen', 'ENTERPRISE_FRONT_LINE_EXCEEDS_FUND']]);
  });
});
