import { describe, expect, it } from 'vitest';
import { CERTIFICATE_TYPE_CODES as CREDENTIAL_TYPES } from '../../credentials/credential.ts';
import { AppError } from '../errors.ts';
import { CERTIFICATE_TYPES, FUND_SOURCES, SKILL_LEVELS } from '../reference/catalog.ts';
import { FUNDING_ROUTES } from '../training/classFiling.ts';
import { KEY_GROUP_CATEGORIES } from '../training/enrolment.ts';
import {
  adjustRates,
  applyOverrides,
  certificateKindOf,
  CERTIFICATE_KINDS,
  CERTIFICATE_TYPE_CODES,
  changedSettings,
  DEFAULT_RULE_SETTINGS,
  FUND_CODES,
  OVERRIDE_KEYS,
  parseRuleSet,
  PAYMENT_KINDS,
  RULE_KINDS,
  ruleInForce,
  validateRuleSet,
  YUNCHENG_2020_14,
  type RuleSet,
  type SubsidyRule,
} from './rules.ts';

const set = YUNCHENG_2020_14;
const rule = (kind: SubsidyRule['kind'], rs: RuleSet = set) => rs.rules.find((r) => r.kind === kind)!;
const params = (kind: SubsidyRule['kind'], rs: RuleSet = set) => rule(kind, rs).params as Record<string, unknown>;

function validationError(fn: () => unknown): AppError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    expect((e as AppError).code).toBe('VALIDATION_FAILED');
    return e as AppError;
  }
  throw new Error('expected VALIDATION_FAILED');
}

describe('the rule set of 运政办发〔2020〕14号 (policy as data)', () => {
  it('has exactly one version of every kind, each citing its clause in the seed numbering 三(一)…三(三)', () => {
    expect(set.rules.map((r) => r.kind).sort()).toEqual([...RULE_KINDS].sort());
    const expected: Record<string, string> = {
      enterprise_employee_training: '三(三)13',
      key_group_training: '三(三)14',
      living_allowance: '三(一)3',
      limit_per_year: '三(三)15',
      limit_same_occupation_level: '三(三)15',
      limit_high_skill_on_certificate: '三(二)5',
      limit_living_allowance_days: '三(一)3',
      limit_one_training_subsidy: '三(三)15、三(三)16',
    };
    for (const k of CERTIFICATE_KINDS) expected[k] = '三(三)15';
    for (const r of set.rules) expect(r.clause, r.kind).toBe(`运政办发〔2020〕14号 ${expected[r.kind]}`);
  });

  it('holds the subsidy table of policy.md in integer fen (§3, §13, §14, §15)', () => {
    expect(params('enterprise_employee_training').amountFen).toBe(30_000);
    expect(params('key_group_training').capFen).toBe(100_000);
    expect(params('living_allowance').perDayFen).toBe(1_500);
    expect(params('certificate_special').amountFen).toBe(15_000);
    expect(params('certificate_level5').amountFen).toBe(30_000);
    expect(params('certificate_level3').amountFen).toBe(60_000);
    // OPEN: the document names no amount for 中级工, 技师, 高级技师
    for (const k of ['certificate_level4', 'certificate_level2', 'certificate_level1'] as const) expect(params(k).amountFen, k).toBeNull();
    expect(params('limit_per_year').maxPerYear).toBe(3);
  });

  it('pays whom the table says, from a fund of FUND_SOURCES (§16 分账核算)', () => {
    expect([...FUND_CODES].sort()).toEqual(FUND_SOURCES.map((f) => f.code).sort());
    const payees = Object.fromEntries(set.rules.map((r) => [r.kind, r.payee]));
    expect(payees).toMatchObject({ enterprise_employee_training: 'enterprise', key_group_training: 'institution', living_allowance: 'trainee', certificate_level5: 'organiser' });
    const funds = Object.fromEntries(set.rules.map((r) => [r.kind, r.fund]));
    expect(funds).toMatchObject({ enterprise_employee_training: 'skills_account', key_group_training: 'employment_subsidy', living_allowance: 'employment_subsidy', certificate_level3: 'skills_account' });
    for (const r of set.rules) {
      if ((PAYMENT_KINDS as readonly string[]).includes(r.kind)) expect(FUND_CODES).toContain(r.fund);
      else expect([r.payee, r.fund]).toEqual([null, null]);
    }
  });

  it('takes its eligibility lists from the training tables, so they cannot drift', () => {
    expect(params('enterprise_employee_training').trainingTypes).toEqual(FUNDING_ROUTES.find((r) => r.code === 'enterprise_employee')!.trainingTypes);
    expect(params('key_group_training').trainingTypes).toEqual(FUNDING_ROUTES.find((r) => r.code === 'key_group')!.trainingTypes);
    expect(params('key_group_training').categories).toEqual(KEY_GROUP_CATEGORIES);
    expect(params('living_allowance').categories).toEqual(['registered_poor']);
  });

  it('names the certificate types of the reference list and of the credential, never 培训合格证书 for §15', () => {
    expect([...CERTIFICATE_TYPE_CODES]).toEqual(CERTIFICATE_TYPES.map((c) => c.code));
    expect([...CERTIFICATE_TYPE_CODES]).toEqual([...CREDENTIAL_TYPES]);
    for (const k of CERTIFICATE_KINDS) expect(params(k).certificateTypes).not.toContain('training_completion');
    for (const l of SKILL_LEVELS) expect(params(certificateKindOf(l.code)!).levelCode).toBe(l.code);
  });

  it('documents every OPEN choice on the rule that makes it', () => {
    for (const r of set.rules) expect(r.open.join(' '), r.kind).toMatch(/OPEN|from the text/);
    expect(rule('certificate_level4').open.join(' ')).toMatch(/null/);
    expect(set.settings).toEqual(DEFAULT_RULE_SETTINGS);
    expect(DEFAULT_RULE_SETTINGS).toEqual({
      yearBasis: 'completion',
      sameOccupationLevel: 'never',
      livingAllowanceDays: 'attended',
      livingAllowanceNeedsCompletion: false,
      certificateWithTrainingSubsidy: 'exclusive',
      trainingSubsidyNeedsPass: false,
    });
  });

  it('§16: finds the version in force on a date (from 2019-01-01, the start of the 2019–2021 action, open-ended)', () => {
    expect(ruleInForce(set, 'certificate_level5', '2018-12-31')).toBeNull();
    expect(ruleInForce(set, 'certificate_level5', '2019-01-01')?.version).toBe('1');
    expect(ruleInForce(set, 'certificate_level5', '2031-01-01')?.version).toBe('1');
  });

  it('loads from JSON and refuses a broken set with the field named', () => {
    expect(parseRuleSet(JSON.parse(JSON.stringify(set)))).toEqual(JSON.parse(JSON.stringify(set)));
    const json = JSON.parse(JSON.stringify(set)) as { rules: Record<string, unknown>[] };
    json.rules[0]!.fund = 'petty_cash';
    expect(validationError(() => parseRuleSet(json)).params.field).toBe('ruleSet.rules.0.fund');
    const fractional = JSON.parse(JSON.stringify(set)) as { rules: { kind: string; params: Record<string, unknown> }[] };
    fractional.rules.find((r) => r.kind === 'certificate_level5')!.params.amountFen = 300.5;
    expect(validationError(() => parseRuleSet(fractional)).params.field).toMatch(/params\.amountFen$/);
    const overlapping: RuleSet = { ...set, rules: [...set.rules, { ...rule('certificate_level5'), version: '2', effectiveFrom: '2021-01-01' } as SubsidyRule] };
    expect(validationError(() => validateRuleSet(overlapping)).params.reason).toMatch(/overlap/);
  });
});

describe('applyOverrides: what-if re-pricing (§16 标准可合理调整)', () => {
  it('sets 中级工 to 450 CNY in a new rule set with new version ids, leaving the official set untouched', () => {
    const what = applyOverrides(set, { 'certificate_level4.amountFen': 45_000 });
    const changed = rule('certificate_level4', what);
    expect(changed.params).toMatchObject({ amountFen: 45_000 });
    expect(changed.version).toMatch(/^1\+whatif\.[0-9a-f]{8}$/);
    expect(changed.id).toBe(rule('certificate_level4').id);
    expect(what.version).toMatch(/^1\+whatif\.[0-9a-f]{8}$/);
    expect(what.whatIf).toEqual({ 'certificate_level4.amountFen': 45_000 });
    // unchanged rules keep their version; the official set is not touched
    expect(rule('certificate_level5', what)).toBe(rule('certificate_level5'));
    expect(params('certificate_level4').amountFen).toBeNull();
    expect(set.whatIf).toBeNull();
    // the same overrides give the same ids
    expect(applyOverrides(set, { 'certificate_level4.amountFen': 45_000 }).version).toBe(what.version);
    expect(applyOverrides(set, { 'certificate_level4.amountFen': 46_000 }).version).not.toBe(what.version);
  });

  it('changes limits, funds and OPEN settings by their documented keys', () => {
    const what = applyOverrides(set, {
      'limit_per_year.maxPerYear': 4,
      'key_group_training.fund': 'skills_account',
      'certificate_level5.amountFen': null,
      'settings.sameOccupationLevel': 'within_year',
      'settings.certificateWithTrainingSubsidy': 'both',
    });
    expect(params('limit_per_year', what).maxPerYear).toBe(4);
    expect(rule('key_group_training', what).fund).toBe('skills_account');
    expect(params('certificate_level5', what).amountFen).toBeNull();
    expect(changedSettings(what.settings)).toEqual({ sameOccupationLevel: 'within_year', certificateWithTrainingSubsidy: 'both' });
  });

  it('returns the same set when nothing changes', () => {
    expect(applyOverrides(set, {})).toBe(set);
    expect(applyOverrides(set, { 'certificate_level5.amountFen': 30_000, 'settings.yearBasis': 'completion' })).toBe(set);
  });

  it('refuses unknown keys and invalid values with a clear error naming the key', () => {
    const unknown = validationError(() => applyOverrides(set, { 'certificate_level6.amountFen': 1 }));
    expect(unknown.params.field).toBe('overrides.certificate_level6.amountFen');
    expect(unknown.params.reason).toMatch(/unknown override key; known keys: .*certificate_level4\.amountFen/);
    for (const [key, value] of [
      ['certificate_level4.amountFen', 450.5],
      ['certificate_level4.amountFen', -1],
      ['certificate_level4.amountFen', '45000'],
      ['enterprise_employee_training.amountFen', null],
      ['key_group_training.capFen', Number.MAX_SAFE_INTEGER + 1],
      ['living_allowance.fund', 'petty_cash'],
      ['limit_per_year.maxPerYear', 0],
      ['settings.yearBasis', 'fiscal'],
      ['settings.trainingSubsidyNeedsPass', 'yes'],
    ] as const) {
      const e = validationError(() => applyOverrides(set, { [key]: value }));
      expect(e.params.field).toBe(`overrides.${key}`);
      expect(String(e.params.reason)).toContain(JSON.stringify(value) ?? 'undefined');
    }
  });

  it('lists every key with a description', () => {
    const keys = OVERRIDE_KEYS.map((k) => k.key);
    expect(new Set(keys).size).toBe(keys.length);
    for (const k of CERTIFICATE_KINDS) expect(keys).toContain(`${k}.amountFen`);
    for (const k of PAYMENT_KINDS) expect(keys).toContain(`${k}.fund`);
    for (const k of Object.keys(DEFAULT_RULE_SETTINGS)) expect(keys).toContain(`settings.${k}`);
  });
});

describe('adjustRates: a dated change of the standards (§16)', () => {
  it('ends the version in force the day before and starts a new one, so earlier classes keep the old rate', () => {
    const next = adjustRates(set, '2021-03-01', { 'certificate_level5.amountFen': 40_000, 'living_allowance.perDayFen': 2_000 }, '2');
    expect(next.version).toBe('2');
    const v1 = ruleInForce(next, 'certificate_level5', '2021-02-28')!;
    const v2 = ruleInForce(next, 'certificate_level5', '2021-03-01')!;
    expect([v1.version, v1.effectiveTo, v1.params]).toEqual(['1', '2021-02-28', expect.objectContaining({ amountFen: 30_000 })]);
    expect([v2.version, v2.effectiveFrom, v2.effectiveTo, v2.params]).toEqual(['2', '2021-03-01', null, expect.objectContaining({ amountFen: 40_000 })]);
    expect(ruleInForce(next, 'living_allowance', '2021-03-01')!.params.perDayFen).toBe(2_000);
    expect(ruleInForce(next, 'certificate_level3', '2021-03-01')!.version).toBe('1');
    expect(next.whatIf).toBeNull();
  });

  it('refuses dated settings, a closed version and a repeated set version', () => {
    expect(validationError(() => adjustRates(set, '2021-03-01', { 'settings.yearBasis': 'start' }, '2')).params.reason).toMatch(/applyOverrides/);
    const next = adjustRates(set, '2021-03-01', { 'certificate_level5.amountFen': 40_000 }, '2');
    expect(validationError(() => adjustRates(next, '2021-01-01', { 'certificate_level5.amountFen': 1 }, '3')).params.reason).toMatch(/open-ended/);
    expect(validationError(() => adjustRates(set, '2021-03-01', { 'certificate_level5.amountFen': 1 }, '1')).params.field).toBe('newVersion');
    expect(validationError(() => adjustRates(set, '2021-02-30', { 'certificate_level5.amountFen': 1 }, '2')).params.field).toBe('effectiveFrom');
  });
});
