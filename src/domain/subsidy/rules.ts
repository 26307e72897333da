/**
 * The subsidy policy as data (policy.md "Subsidies"; 运政办发〔2020〕14号 §3, §5, §13–§16): every row of the
 * subsidy table and every limit is one versioned rule with its clause, effective period, parameters (money in
 * integer fen), payee and fund. `evaluate.ts` prices an enrolment against a `RuleSet`; nothing here computes.
 *
 * Clause numbering. Part 三 of the document numbers its items 1–17 continuously across its three sub-parts, so
 * a clause is cited as part, sub-part and item: §3 = 三(一)3, §5 = 三(二)5, §13–§17 = 三(三)13–17. The document
 * itself mixes full-width “（三）” and half-width “(三)” parentheses (三(三) is printed “（三）”); citations here
 * always use the half-width form, e.g. '运政办发〔2020〕14号 三(三)15'.
 *
 * Effective periods (§16 现有培训补贴标准…可根据具体实施情况进行合理调整): a claim uses the rule version in
 * force on the class's start date. OPEN: the document names no effective date for its rates; every rule here
 * starts on its issue date, 2020-04-20 (印发 date), and has no end. A class that starts earlier finds no rule in
 * force (the trace says so) until the office records the earlier (晋政办发〔2019〕68号) rates as rule versions.
 *
 * Funds (§16 分账核算、专款专用; codes of FUND_SOURCES in reference/catalog.ts). The document names a fund for one
 * rule only (§3 living allowance: 从就业资金中 → employment_subsidy). For the others it says only 财政; each
 * choice below is marked OPEN, can be changed per rule (`<kind>.fund`) and is shown on every line:
 * - §13 enterprise-employee training → skills_account (职业技能提升行动专账): §16 says the unemployment-insurance
 *   balance put into the 专账 is 用于职工等人员职业技能培训 — enterprise employees first;
 * - §14 key-group training → employment_subsidy (就业补助资金): the classic 职业培训补贴 of the key groups;
 *   §4 and §保障(二) name 就业补助资金 as the training-subsidy fund (“就业补助资金等培训补助资金”);
 * - §15 certificate subsidies → skills_account: the 取证 incentive is the core measure of 职业技能提升行动, which
 *   §16 funds from the 专账, and most of it goes to enterprises for their employees (企业职工).
 */
import { z } from 'zod';
import { AppError } from '../errors.ts';
import { CERTIFICATE_TYPES, FUND_SOURCES } from '../reference/catalog.ts';
import { isCalendarDate } from '../registry/problems.ts';
import { KEY_GROUP_CATEGORIES, REGISTERED_POOR } from '../training/enrolment.ts';
import { FUNDING_ROUTES, TRAINING_TYPE_CODES, type TrainingType } from '../training/classFiling.ts';

// ---------------------------------------------------------------------------------------------------------
// Citations

export const DOCUMENT = '运政办发〔2020〕14号';
/** Full citations, as stored on every line and trace entry. */
export const CLAUSES = {
  s3: `${DOCUMENT} 三(一)3`,
  s5: `${DOCUMENT} 三(二)5`,
  s9: `${DOCUMENT} 三(二)9`,
  s13: `${DOCUMENT} 三(三)13`,
  s14: `${DOCUMENT} 三(三)14`,
  s15: `${DOCUMENT} 三(三)15`,
  s16: `${DOCUMENT} 三(三)16`,
  s17: `${DOCUMENT} 三(三)17`,
  /** Project-based training of the registered poor (§3) is priced as key-group training (§14): see key_group_training. */
  s3s14: `${DOCUMENT} 三(一)3、三(三)14`,
  /** One training, one training subsidy: §15 read with §16 分账核算、专款专用. */
  s15s16: `${DOCUMENT} 三(三)15、三(三)16`,
} as const;

/** The issue date of 运政办发〔2020〕14号: the first day of every rule's default effective period (OPEN, above). */
export const DOCUMENT_DATE = '2020-04-20';

// ---------------------------------------------------------------------------------------------------------
// Codes

export const PAYMENT_KINDS = [
  'enterprise_employee_training',
  'key_group_training',
  'living_allowance',
  'certificate_special',
  'certificate_level5',
  'certificate_level4',
  'certificate_level3',
  'certificate_level2',
  'certificate_level1',
] as const;
export type PaymentKind = (typeof PAYMENT_KINDS)[number];

/** What each kind of payment is called on official tables and in a worker's archive, with its clause. */
export const PAYMENT_KIND_NAMES: Readonly<Record<PaymentKind, { name: string; clause: string }>> = {
  enterprise_employee_training: { name: '企业职工培训补贴', clause: '§13' },
  key_group_training: { name: '培训补贴', clause: '§14' },
  living_allowance: { name: '生活费补贴', clause: '§3' },
  certificate_special: { name: '专项职业能力证书补贴', clause: '§15' },
  certificate_level5: { name: '初级工证书补贴', clause: '§15' },
  certificate_level4: { name: '中级工证书补贴', clause: '§15' },
  certificate_level3: { name: '高级工证书补贴', clause: '§15' },
  certificate_level2: { name: '技师证书补贴', clause: '§15' },
  certificate_level1: { name: '高级技师证书补贴', clause: '§15' },
};

export const LIMIT_KINDS = [
  'limit_per_year',
  'limit_same_occupation_level',
  'limit_high_skill_on_certificate',
  'limit_living_allowance_days',
  'limit_one_training_subsidy',
] as const;
export type LimitKind = (typeof LIMIT_KINDS)[number];

export type RuleKind = PaymentKind | LimitKind;
export const RULE_KINDS: readonly RuleKind[] = [...PAYMENT_KINDS, ...LIMIT_KINDS];

export const CERTIFICATE_KINDS = ['certificate_special', 'certificate_level5', 'certificate_level4', 'certificate_level3', 'certificate_level2', 'certificate_level1'] as const;
export type CertificateKind = (typeof CERTIFICATE_KINDS)[number];
export function isCertificateKind(kind: string): kind is CertificateKind {
  return (CERTIFICATE_KINDS as readonly string[]).includes(kind);
}
export function isPaymentKind(kind: string): kind is PaymentKind {
  return (PAYMENT_KINDS as readonly string[]).includes(kind);
}

/** Codes of FUND_SOURCES (reference/catalog.ts), as a literal type. */
export const FUND_CODES = ['employment_subsidy', 'skills_account', 'local_talent', 'industry_development'] as const;
export type FundCode = (typeof FUND_CODES)[number];

/** Codes of CERTIFICATE_TYPES (reference/catalog.ts; the same list as credentials/credential.ts). */
export const CERTIFICATE_TYPE_CODES = ['special_ability', 'skill_level', 'qualification', 'training_completion'] as const;
export type CertificateTypeCode = (typeof CERTIFICATE_TYPE_CODES)[number];

/** Who a rule pays: 'organiser' = the enterprise or institution that ran the class (§15 对应企业或培训机构). */
export const PAYEES = ['enterprise', 'institution', 'trainee', 'organiser'] as const;
export type Payee = (typeof PAYEES)[number];

// ---------------------------------------------------------------------------------------------------------
// Rules

export type EnterpriseTrainingParams = {
  /** Per person, paid to the enterprise (§13 每人300元). */
  amountFen: number;
  /** §13 岗前培训、安全技能培训、转岗转业培训. */
  trainingTypes: readonly TrainingType[];
};
export type KeyGroupTrainingParams = {
  /** §14 培训补贴标准每人不超过1000元; the amount is the catalog project's standard, at most this. */
  capFen: number;
  trainingTypes: readonly TrainingType[];
  /** §2/§14 key groups (and the registered poor, §3), on the class start date. */
  categories: readonly string[];
  /** Who a 'poverty_project' class subsidises (§3 为贫困劳动力提供免费职业技能培训). */
  povertyCategories: readonly string[];
};
export type LivingAllowanceParams = {
  /** §3 每人每天15元. */
  perDayFen: number;
  categories: readonly string[];
};
export type CertificateParams = {
  /** Per person, to the organiser; null = the document names no amount: no line, the trace says why (OPEN). */
  amountFen: number | null;
  levelCode: string;
  /** §15 专项职业能力证书、职业资格证书或技能等级证书 (never a 培训合格证书). */
  certificateTypes: readonly CertificateTypeCode[];
};
export type PerYearParams = { maxPerYear: number };
export type HighSkillParams = { trainingTypes: readonly TrainingType[] };
export type NoParams = Record<string, never>;

export type ParamsOf = {
  enterprise_employee_training: EnterpriseTrainingParams;
  key_group_training: KeyGroupTrainingParams;
  living_allowance: LivingAllowanceParams;
  certificate_special: CertificateParams;
  certificate_level5: CertificateParams;
  certificate_level4: CertificateParams;
  certificate_level3: CertificateParams;
  certificate_level2: CertificateParams;
  certificate_level1: CertificateParams;
  limit_per_year: PerYearParams;
  limit_same_occupation_level: NoParams;
  limit_high_skill_on_certificate: HighSkillParams;
  limit_living_allowance_days: NoParams;
  limit_one_training_subsidy: NoParams;
};

type RuleBase<K extends RuleKind> = {
  /** Stable for the rule's lineage; (id, version) names one version. */
  id: string;
  /** '1', '2', … for official versions; '<v>+whatif.<hash>' for what-if re-pricing (applyOverrides). */
  version: string;
  kind: K;
  /** YYYY-MM-DD, inclusive. */
  effectiveFrom: string;
  /** YYYY-MM-DD, inclusive; null = open-ended. */
  effectiveTo: string | null;
  /** The full citation, e.g. '运政办发〔2020〕14号 三(三)15'. */
  clause: string;
  params: ParamsOf[K];
  description: { zh: string; en: string };
  /** Choices this rule makes where the document is silent (OPEN), in words. */
  open: readonly string[];
};
export type PaymentRule = { [K in PaymentKind]: RuleBase<K> & { payee: Payee; fund: FundCode } }[PaymentKind];
export type LimitRule = { [K in LimitKind]: RuleBase<K> & { payee: null; fund: null } }[LimitKind];
export type SubsidyRule = PaymentRule | LimitRule;
export type RuleOf<K extends RuleKind> = Extract<SubsidyRule, { kind: K }>;

/** The OPEN choices of policy.md, as settings with the documented defaults. Shown in every explanation. */
export type RuleSettings = {
  /** §15 每人每年: 'completion' = calendar year of the class's end date (default), or of its start date. */
  yearBasis: 'completion' | 'start';
  /** §15 同一职业同一等级不可重复参加: 'never' across all years (default), or 'within_year'. */
  sameOccupationLevel: 'never' | 'within_year';
  /** §3 每人每天: days actually attended (default) or the scheduled days; never more than the scheduled days. */
  livingAllowanceDays: 'attended' | 'scheduled';
  /** §3 培训期间: whether the allowance waits for the trainee to complete (default false: paid per day attended). */
  livingAllowanceNeedsCompletion: boolean;
  /**
   * §13/§14 and §15 for one training: 'exclusive' (default, conservative) pays the class's own funding route only —
   * a class filed under §13 or §14 gets no §15 certificate subsidy for the same training — or 'both'.
   */
  certificateWithTrainingSubsidy: 'exclusive' | 'both';
  /** §15 参加财政补贴性培训，要按规定取得证书: whether the §13/§14 training subsidy also needs a passed assessment (default false). */
  trainingSubsidyNeedsPass: boolean;
};

export const DEFAULT_RULE_SETTINGS: Readonly<RuleSettings> = Object.freeze({
  yearBasis: 'completion',
  sameOccupationLevel: 'never',
  livingAllowanceDays: 'attended',
  livingAllowanceNeedsCompletion: false,
  certificateWithTrainingSubsidy: 'exclusive',
  trainingSubsidyNeedsPass: false,
});

export type OverrideValue = number | string | boolean | null;

export type RuleSet = {
  id: string;
  version: string;
  rules: readonly SubsidyRule[];
  settings: RuleSettings;
  /** The overrides of a what-if rule set (applyOverrides); null for an official one. Never price a real claim with a what-if set. */
  whatIf: Readonly<Record<string, OverrideValue>> | null;
};

// ---------------------------------------------------------------------------------------------------------
// The rules of 运政办发〔2020〕14号

const ENTERPRISE_TYPES = routeTypes('enterprise_employee');
const KEY_GROUP_TYPES = routeTypes('key_group');
const SPECIAL_TYPES: readonly CertificateTypeCode[] = ['special_ability'];
const LEVEL_TYPES: readonly CertificateTypeCode[] = ['skill_level', 'qualification'];

function routeTypes(code: 'enterprise_employee' | 'key_group'): readonly TrainingType[] {
  return FUNDING_ROUTES.find((r) => r.code === code)!.trainingTypes;
}

/**
 * OPEN: the document names no start date for its rates. It is the plan for the action of 2019年至2021年 (part 一),
 * issued on 2020-04-20 for the 2020 programme year; the rates apply to classes starting from 2019-01-01, so a
 * class of the 2020 year that started before the issue date is priced by the document that governs its year.
 */
export const RATES_FROM = '2019-01-01';
const base = { version: '1', effectiveFrom: RATES_FROM, effectiveTo: null } as const;
const EFFECTIVE_OPEN = 'Effective from 2019-01-01, the start of the 2019–2021 action the document implements: it names no start date for its rates (OPEN).';

function certificateRule(kind: CertificateKind, levelCode: string, amountFen: number | null, zhLevel: string, enLevel: string): RuleOf<CertificateKind> {
  const set = amountFen !== null;
  return {
    ...base,
    id: `yc2020-14.s15.${kind}`,
    kind,
    clause: CLAUSES.s15,
    params: { amountFen, levelCode, certificateTypes: levelCode === 'special' ? SPECIAL_TYPES : LEVEL_TYPES },
    payee: 'organiser',
    fund: 'skills_account',
    description: {
      zh: `企业或培训机构免费组织企业职工、培训学员考取${zhLevel}证书，按每人标准补贴对应企业或培训机构`,
      en: `${enLevel} certificate obtained in training organised free of charge: a standard amount per person to the organising enterprise or institution`,
    },
    open: [
      ...(set ? [] : [`OPEN: §15 names amounts for 专项职业能力、初级工、高级工 only; ${enLevel} is null (no line) until the office sets one (override '${kind}.amountFen').`]),
      'OPEN: fund — §15 says only 财政; the 职业技能提升行动专账 (skills_account) is used (§16).',
      EFFECTIVE_OPEN,
    ],
  } as RuleOf<CertificateKind>;
}

export const YUNCHENG_2020_14_RULES: readonly SubsidyRule[] = [
  {
    ...base,
    id: 'yc2020-14.s13.enterprise_employee_training',
    kind: 'enterprise_employee_training',
    clause: CLAUSES.s13,
    params: { amountFen: 30_000, trainingTypes: ENTERPRISE_TYPES },
    payee: 'enterprise',
    fund: 'skills_account',
    description: {
      zh: '企业职工参加岗前培训、安全技能培训、转岗转业培训，按每人标准补贴企业',
      en: 'Enterprise employees in pre-job, safety-skill or job-transfer training: a standard amount per person to the enterprise',
    },
    open: [
      'OPEN: fund — §13 says only 财政; the 职业技能提升行动专账 (skills_account), which §16 puts to 职工等人员职业技能培训, is used.',
      'OPEN: §13 lists the types with 等; only the three named types are subsidised.',
      'OPEN: only when the enterprise itself runs the class for its own employees (the payee is that enterprise).',
      EFFECTIVE_OPEN,
    ],
  },
  {
    ...base,
    id: 'yc2020-14.s14.key_group_training',
    kind: 'key_group_training',
    clause: CLAUSES.s14,
    params: { capFen: 100_000, trainingTypes: KEY_GROUP_TYPES, categories: KEY_GROUP_CATEGORIES, povertyCategories: [REGISTERED_POOR] },
    payee: 'institution',
    fund: 'employment_subsidy',
    description: {
      zh: '就业重点群体职业培训补贴：按年度目录培训项目的补贴标准，每人不超过上限，补贴培训机构',
      en: "Key-group training: the catalog project's subsidy standard, at most the cap per person, to the training institution",
    },
    open: [
      'OPEN: fund — §14 says nothing; 就业补助资金 (employment_subsidy) is used (§4, §保障(二) 就业补助资金等培训补助资金).',
      'OPEN: a project outside the catalog (§7) has no standard and gets no line.',
      'OPEN: §3 project-based free training of the registered poor names no price; a poverty_project class is priced by this rule (clause 三(一)3、三(三)14).',
      EFFECTIVE_OPEN,
    ],
  },
  {
    ...base,
    id: 'yc2020-14.s3.living_allowance',
    kind: 'living_allowance',
    clause: CLAUSES.s3,
    params: { perDayFen: 1_500, categories: [REGISTERED_POOR] },
    payee: 'trainee',
    fund: 'employment_subsidy',
    description: {
      zh: '建档立卡贫困劳动力参加补贴性培训期间，按每人每天标准从就业补助资金中给予生活费补贴',
      en: 'Registered-poor trainees in subsidised training: a living allowance per day of training from the employment subsidy fund',
    },
    open: [
      'Fund from the text: 从就业资金中 is read as 就业补助资金 (employment_subsidy).',
      'OPEN: days actually attended (setting livingAllowanceDays), never more than the scheduled days.',
      'OPEN: paid per day attended, whether or not the trainee completes (setting livingAllowanceNeedsCompletion).',
      'OPEN: goes with any subsidised place (as enrolment.ts subsidyOutlook), whatever the funding route.',
      EFFECTIVE_OPEN,
    ],
  },
  certificateRule('certificate_special', 'special', 15_000, '专项职业能力', 'Special vocational ability'),
  certificateRule('certificate_level5', '5', 30_000, '初级工（五级）', 'Level 5 (junior worker)'),
  certificateRule('certificate_level4', '4', null, '中级工（四级）', 'Level 4 (intermediate worker)'),
  certificateRule('certificate_level3', '3', 60_000, '高级工（三级）', 'Level 3 (senior worker)'),
  certificateRule('certificate_level2', '2', null, '技师（二级）', 'Level 2 (technician)'),
  certificateRule('certificate_level1', '1', null, '高级技师（一级）', 'Level 1 (senior technician)'),
  {
    ...base,
    id: 'yc2020-14.s15.limit_per_year',
    kind: 'limit_per_year',
    clause: CLAUSES.s15,
    params: { maxPerYear: 3 },
    payee: null,
    fund: null,
    description: { zh: '原则上每人每年参加补贴性培训不超过规定次数', en: 'At most the set number of subsidised trainings per person per year' },
    open: [
      'OPEN: "year" = calendar year of the class completion (setting yearBasis).',
      'Every training with a subsidy line counts, whoever is paid (organiser or trainee), paid or still claimed.',
      EFFECTIVE_OPEN,
    ],
  },
  {
    ...base,
    id: 'yc2020-14.s15.limit_same_occupation_level',
    kind: 'limit_same_occupation_level',
    clause: CLAUSES.s15,
    params: {},
    payee: null,
    fund: null,
    description: { zh: '同一职业同一等级不可重复参加补贴性培训', en: 'The same occupation at the same level is never subsidised twice' },
    open: ['OPEN: across all years (setting sameOccupationLevel = never) or within the year.', EFFECTIVE_OPEN],
  },
  {
    ...base,
    id: 'yc2020-14.s5.limit_high_skill_on_certificate',
    kind: 'limit_high_skill_on_certificate',
    clause: CLAUSES.s5,
    params: { trainingTypes: ['high_skill'] },
    payee: null,
    fund: null,
    description: {
      zh: '高技能人才培训不需要办理就业创业证书，以取证为补贴申领依据：只按证书补贴',
      en: 'High-skill training needs no employment certificate and is subsidised on the certificate obtained only',
    },
    open: ['OPEN (conservative): no other line for high-skill training — neither a training subsidy nor the §3 living allowance.', EFFECTIVE_OPEN],
  },
  {
    ...base,
    id: 'yc2020-14.s3.limit_living_allowance_days',
    kind: 'limit_living_allowance_days',
    clause: CLAUSES.s3,
    params: {},
    payee: null,
    fund: null,
    description: {
      zh: '生活费补贴按培训期间的天数计，不超过培训班排课天数',
      en: "The living allowance counts days of training, never more than the class's scheduled days",
    },
    open: ['OPEN: days actually attended (default) or scheduled days (setting livingAllowanceDays).', EFFECTIVE_OPEN],
  },
  {
    ...base,
    id: 'yc2020-14.s15.limit_one_training_subsidy',
    kind: 'limit_one_training_subsidy',
    clause: CLAUSES.s15s16,
    params: {},
    payee: null,
    fund: null,
    description: {
      zh: '同一次培训只按其补贴渠道享受一项培训补贴：按 §13 或 §14 补贴的培训，不再按 §15 给予取证补贴',
      en: 'One training, one training subsidy: a class subsidised under §13 or §14 gets no §15 certificate subsidy as well',
    },
    open: [
      'OPEN: §15 pays for 免费组织…考取证书 and also asks every subsidised trainee to 按规定取得证书, so the certificate can be read as the outcome of the §13/§14 training already paid for. Default (conservative, setting certificateWithTrainingSubsidy = exclusive): never pay the same training twice from two funds (§16 分账核算、专款专用).',
      EFFECTIVE_OPEN,
    ],
  },
];

// ---------------------------------------------------------------------------------------------------------
// Loading and checking

const Fen = z.number().int().min(0).max(100_000_000);
const Date_ = z.string().refine(isCalendarDate, 'a real date YYYY-MM-DD');
const TrainingTypes = z.array(z.enum(TRAINING_TYPE_CODES)).min(1);
const Categories = z.array(z.string().min(1)).min(1);
const Text = z.string().trim().min(1);

const common = {
  id: Text,
  version: Text,
  effectiveFrom: Date_,
  effectiveTo: Date_.nullable(),
  clause: Text,
  description: z.strictObject({ zh: Text, en: Text }),
  open: z.array(z.string()),
};
const payment = { payee: z.enum(PAYEES), fund: z.enum(FUND_CODES) };
const limit = { payee: z.null(), fund: z.null() };
const certificateParams = z.strictObject({
  amountFen: Fen.nullable(),
  levelCode: z.enum(['special', '5', '4', '3', '2', '1']),
  certificateTypes: z.array(z.enum(CERTIFICATE_TYPE_CODES)).min(1),
});
const empty = z.strictObject({});

/** The schema of one rule (a rule set loaded from storage is parsed with it). */
export const SubsidyRuleSchema = z.discriminatedUnion('kind', [
  z.strictObject({ ...common, ...payment, kind: z.literal('enterprise_employee_training'), params: z.strictObject({ amountFen: Fen, trainingTypes: TrainingTypes }) }),
  z.strictObject({
    ...common,
    ...payment,
    kind: z.literal('key_group_training'),
    params: z.strictObject({ capFen: Fen, trainingTypes: TrainingTypes, categories: Categories, povertyCategories: Categories }),
  }),
  z.strictObject({ ...common, ...payment, kind: z.literal('living_allowance'), params: z.strictObject({ perDayFen: Fen, categories: Categories }) }),
  z.strictObject({ ...common, ...payment, kind: z.literal('certificate_special'), params: certificateParams }),
  z.strictObject({ ...common, ...payment, kind: z.literal('certificate_level5'), params: certificateParams }),
  z.strictObject({ ...common, ...payment, kind: z.literal('certificate_level4'), params: certificateParams }),
  z.strictObject({ ...common, ...payment, kind: z.literal('certificate_level3'), params: certificateParams }),
  z.strictObject({ ...common, ...payment, kind: z.literal('certificate_level2'), params: certificateParams }),
  z.strictObject({ ...common, ...payment, kind: z.literal('certificate_level1'), params: certificateParams }),
  z.strictObject({ ...common, ...limit, kind: z.literal('limit_per_year'), params: z.strictObject({ maxPerYear: z.number().int().min(1).max(100) }) }),
  z.strictObject({ ...common, ...limit, kind: z.literal('limit_same_occupation_level'), params: empty }),
  z.strictObject({ ...common, ...limit, kind: z.literal('limit_high_skill_on_certificate'), params: z.strictObject({ trainingTypes: TrainingTypes }) }),
  z.strictObject({ ...common, ...limit, kind: z.literal('limit_living_allowance_days'), params: empty }),
  z.strictObject({ ...common, ...limit, kind: z.literal('limit_one_training_subsidy'), params: empty }),
]);

export const RuleSettingsSchema = z.strictObject({
  yearBasis: z.enum(['completion', 'start']),
  sameOccupationLevel: z.enum(['never', 'within_year']),
  livingAllowanceDays: z.enum(['attended', 'scheduled']),
  livingAllowanceNeedsCompletion: z.boolean(),
  certificateWithTrainingSubsidy: z.enum(['exclusive', 'both']),
  trainingSubsidyNeedsPass: z.boolean(),
});

const RuleSetSchema = z.strictObject({
  id: Text,
  version: Text,
  rules: z.array(SubsidyRuleSchema),
  settings: RuleSettingsSchema,
  whatIf: z.record(z.string(), z.union([z.number(), z.string(), z.boolean(), z.null()])).nullable(),
});

function invalid(field: string, reason: string): AppError {
  return new AppError('VALIDATION_FAILED', { field, reason }, field);
}

/** Parses a rule set from storage or JSON; throws VALIDATION_FAILED naming the first problem. */
export function parseRuleSet(input: unknown): RuleSet {
  const parsed = RuleSetSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw invalid(`ruleSet.${issue.path.join('.')}`, issue.message);
  }
  return validateRuleSet(parsed.data as RuleSet);
}

/**
 * The cross-rule checks of a rule set (the shapes are the schema's): (id, version) unique, one lineage id per
 * kind, periods well ordered and never overlapping within a kind, amounts integer fen, funds and certificate
 * types known, each certificate rule's level matching its kind. Returns the set; throws VALIDATION_FAILED.
 */
export function validateRuleSet(ruleSet: RuleSet): RuleSet {
  const knownFunds = new Set(FUND_SOURCES.map((f) => f.code));
  const knownCertificates = new Set(CERTIFICATE_TYPES.map((c) => c.code));
  const seen = new Set<string>();
  const idOfKind = new Map<RuleKind, string>();
  ruleSet.rules.forEach((rule, i) => {
    const at = `ruleSet.rules.${i}`;
    const shape = SubsidyRuleSchema.safeParse(rule);
    if (!shape.success) throw invalid(`${at}.${shape.error.issues[0]!.path.join('.')}`, shape.error.issues[0]!.message);
    const key = `${rule.id}@${rule.version}`;
    if (seen.has(key)) throw invalid(at, `rule ${key} appears twice`);
    seen.add(key);
    const lineage = idOfKind.get(rule.kind);
    if (lineage !== undefined && lineage !== rule.id) throw invalid(`${at}.id`, `kind ${rule.kind} has two ids (${lineage}, ${rule.id})`);
    idOfKind.set(rule.kind, rule.id);
    if (rule.effectiveTo !== null && rule.effectiveTo < rule.effectiveFrom) throw invalid(`${at}.effectiveTo`, `ends (${rule.effectiveTo}) before it starts (${rule.effectiveFrom})`);
    if (rule.fund !== null && !knownFunds.has(rule.fund)) throw invalid(`${at}.fund`, `unknown fund ${rule.fund}`);
    if (isCertificateKind(rule.kind)) {
      const p = rule.params as CertificateParams;
      if (rule.kind !== certificateKindOf(p.levelCode)) throw invalid(`${at}.params.levelCode`, `level ${p.levelCode} does not belong to ${rule.kind}`);
      for (const t of p.certificateTypes) if (!knownCertificates.has(t) || t === 'training_completion') throw invalid(`${at}.params.certificateTypes`, `${t} is not a §15 certificate`);
    }
  });
  for (const kind of RULE_KINDS) {
    const periods = ruleSet.rules.filter((r) => r.kind === kind).sort((a, b) => (a.effectiveFrom < b.effectiveFrom ? -1 : 1));
    for (let i = 1; i < periods.length; i++) {
      const prev = periods[i - 1]!;
      if (prev.effectiveTo === null || prev.effectiveTo >= periods[i]!.effectiveFrom)
        throw invalid(`ruleSet.rules(${kind})`, `versions ${prev.version} and ${periods[i]!.version} of ${kind} overlap`);
    }
  }
  return ruleSet;
}

/** The certificate rule kind of a skill level code ('special', '5' … '1'), or null. */
export function certificateKindOf(levelCode: string): CertificateKind | null {
  const kind = levelCode === 'special' ? 'certificate_special' : `certificate_level${levelCode}`;
  return isCertificateKind(kind) ? kind : null;
}

/** The version of `kind` in force on `date` (the class start date), or null. */
export function ruleInForce<K extends RuleKind>(ruleSet: RuleSet, kind: K, date: string): RuleOf<K> | null {
  const rule = ruleSet.rules.find((r) => r.kind === kind && r.effectiveFrom <= date && (r.effectiveTo === null || date <= r.effectiveTo));
  return (rule as RuleOf<K> | undefined) ?? null;
}

/** The lineage id of `kind` in the set (any version), or null when the set has no rule of that kind. */
export function ruleIdOf(ruleSet: RuleSet, kind: RuleKind): string | null {
  return ruleSet.rules.find((r) => r.kind === kind)?.id ?? null;
}

// ---------------------------------------------------------------------------------------------------------
// Overrides: what-if re-pricing and dated adjustments (§16 现有培训补贴标准…可根据具体实施情况进行合理调整)

type OverrideSpec = { key: string; description: string; apply: (set: MutableSet, value: OverrideValue, field: string) => void };
type MutableSet = { rules: SubsidyRule[]; settings: RuleSettings; touched: Set<number> };

const AMOUNT_REASON = 'a whole number of fen from 0 to 100000000 (30000 = 300 CNY)';

function fenValue(value: OverrideValue, field: string, nullable: boolean): number | null {
  if (value === null && nullable) return null;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0 || value > 100_000_000)
    throw invalid(field, `${JSON.stringify(value)} is not ${AMOUNT_REASON}${nullable ? ', or null (not subsidised)' : ''}`);
  return value;
}

function oneOf<T extends string>(value: OverrideValue, field: string, allowed: readonly T[]): T {
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) throw invalid(field, `${JSON.stringify(value)} is not one of ${allowed.join(', ')}`);
  return value as T;
}

function bool(value: OverrideValue, field: string): boolean {
  if (typeof value !== 'boolean') throw invalid(field, `${JSON.stringify(value)} is not true or false`);
  return value;
}

/** Sets `param` of every version of `kind` in the set (applyOverrides) or of the ones marked (adjustRates). */
function setParam(kind: RuleKind, param: string, read: (value: OverrideValue, field: string) => unknown): OverrideSpec['apply'] {
  return (set, value, field) => {
    const v = read(value, field);
    set.rules.forEach((rule, i) => {
      if (rule.kind !== kind || !set.touched.has(i)) return;
      if ((rule.params as Record<string, unknown>)[param] === v) return;
      set.rules[i] = { ...rule, params: { ...rule.params, [param]: v } } as SubsidyRule;
      set.rules[i] = { ...set.rules[i]!, version: `${rule.version}*` };
    });
  };
}

function setFund(kind: PaymentKind): OverrideSpec['apply'] {
  return (set, value, field) => {
    const fund = oneOf(value, field, FUND_CODES);
    set.rules.forEach((rule, i) => {
      if (rule.kind !== kind || !set.touched.has(i) || rule.fund === fund) return;
      set.rules[i] = { ...rule, fund, version: `${rule.version}*` } as SubsidyRule;
    });
  };
}

function setSetting<K extends keyof RuleSettings>(name: K, read: (value: OverrideValue, field: string) => RuleSettings[K]): OverrideSpec['apply'] {
  return (set, value, field) => {
    set.settings = { ...set.settings, [name]: read(value, field) };
  };
}

/** Every override key, with what it changes. Keys are `<rule kind>.<param>` or `settings.<name>`. */
export const OVERRIDE_KEYS: readonly OverrideSpec[] = [
  { key: 'enterprise_employee_training.amountFen', description: '§13 per person, fen', apply: setParam('enterprise_employee_training', 'amountFen', (v, f) => fenValue(v, f, false)) },
  { key: 'key_group_training.capFen', description: '§14 cap per person, fen', apply: setParam('key_group_training', 'capFen', (v, f) => fenValue(v, f, false)) },
  { key: 'living_allowance.perDayFen', description: '§3 per day, fen', apply: setParam('living_allowance', 'perDayFen', (v, f) => fenValue(v, f, false)) },
  ...CERTIFICATE_KINDS.map((kind) => ({
    key: `${kind}.amountFen`,
    description: '§15 per person, fen; null = not subsidised',
    apply: setParam(kind, 'amountFen', (v, f) => fenValue(v, f, true)),
  })),
  ...PAYMENT_KINDS.map((kind) => ({ key: `${kind}.fund`, description: `fund code (${FUND_CODES.join(', ')})`, apply: setFund(kind) })),
  {
    key: 'limit_per_year.maxPerYear',
    description: '§15 subsidised trainings per person per year (1–100)',
    apply: setParam('limit_per_year', 'maxPerYear', (v, f) => {
      if (typeof v !== 'number' || !Number.isInteger(v) || v < 1 || v > 100) throw invalid(f, `${JSON.stringify(v)} is not a whole number from 1 to 100`);
      return v;
    }),
  },
  { key: 'settings.yearBasis', description: "'completion' | 'start'", apply: setSetting('yearBasis', (v, f) => oneOf(v, f, ['completion', 'start'] as const)) },
  { key: 'settings.sameOccupationLevel', description: "'never' | 'within_year'", apply: setSetting('sameOccupationLevel', (v, f) => oneOf(v, f, ['never', 'within_year'] as const)) },
  { key: 'settings.livingAllowanceDays', description: "'attended' | 'scheduled'", apply: setSetting('livingAllowanceDays', (v, f) => oneOf(v, f, ['attended', 'scheduled'] as const)) },
  { key: 'settings.livingAllowanceNeedsCompletion', description: 'true | false', apply: setSetting('livingAllowanceNeedsCompletion', bool) },
  { key: 'settings.certificateWithTrainingSubsidy', description: "'exclusive' | 'both'", apply: setSetting('certificateWithTrainingSubsidy', (v, f) => oneOf(v, f, ['exclusive', 'both'] as const)) },
  { key: 'settings.trainingSubsidyNeedsPass', description: 'true | false', apply: setSetting('trainingSubsidyNeedsPass', bool) },
];

function specOf(key: string): OverrideSpec {
  const spec = OVERRIDE_KEYS.find((s) => s.key === key);
  if (!spec) throw invalid(`overrides.${key}`, `unknown override key; known keys: ${OVERRIDE_KEYS.map((s) => s.key).join(', ')}`);
  return spec;
}

/** FNV-1a (32 bit) of the canonical overrides: a short, stable tag for what-if versions. */
function tagOf(overrides: Readonly<Record<string, OverrideValue>>): string {
  const text = JSON.stringify(Object.keys(overrides).sort().map((k) => [k, overrides[k]]));
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

/**
 * What-if re-pricing (§16: standards may be adjusted): a new rule set with the overrides applied to every version
 * of the rules they name, e.g. `applyOverrides(set, { 'certificate_level4.amountFen': 45000 })`. Each changed rule
 * and the set get a new version `<old>+whatif.<tag>` (the tag is a hash of the overrides, so the same overrides
 * give the same ids); unchanged rules keep theirs. The set records its overrides in `whatIf`. Unknown keys and
 * invalid values throw VALIDATION_FAILED naming the key. The input set is not changed.
 */
export function applyOverrides(ruleSet: RuleSet, overrides: Readonly<Record<string, OverrideValue>>): RuleSet {
  const set: MutableSet = { rules: [...ruleSet.rules], settings: { ...ruleSet.settings }, touched: new Set(ruleSet.rules.map((_, i) => i)) };
  for (const [key, value] of Object.entries(overrides)) specOf(key).apply(set, value, `overrides.${key}`);
  const tag = `whatif.${tagOf(overrides)}`;
  const rules = set.rules.map((r) => (r.version.endsWith('*') ? ({ ...r, version: `${r.version.replace(/\*+$/, '')}+${tag}` } as SubsidyRule) : r));
  const settingsChanged = (Object.keys(set.settings) as (keyof RuleSettings)[]).some((k) => set.settings[k] !== ruleSet.settings[k]);
  if (!settingsChanged && rules.every((r, i) => r === ruleSet.rules[i])) return ruleSet;
  return validateRuleSet({ id: ruleSet.id, version: `${ruleSet.version}+${tag}`, rules, settings: set.settings, whatIf: { ...(ruleSet.whatIf ?? {}), ...overrides } });
}

/**
 * A dated adjustment of the standards (§16): for every rule the overrides name, the version in force on
 * `effectiveFrom` ends the day before and a new version (next integer) starts that day with the new values.
 * Classes starting earlier keep the old rates. Only the latest version of a kind can be adjusted, and settings
 * are not dated (use applyOverrides). The set's version becomes `newVersion`.
 */
export function adjustRates(ruleSet: RuleSet, effectiveFrom: string, overrides: Readonly<Record<string, OverrideValue>>, newVersion: string): RuleSet {
  if (!isCalendarDate(effectiveFrom)) throw invalid('effectiveFrom', `${JSON.stringify(effectiveFrom)} is not a real date YYYY-MM-DD`);
  if (!newVersion.trim() || newVersion === ruleSet.version) throw invalid('newVersion', 'give the rule set a new version');
  const rules = [...ruleSet.rules];
  const kinds = new Set<RuleKind>();
  for (const key of Object.keys(overrides)) {
    if (key.startsWith('settings.')) throw invalid(`overrides.${key}`, 'settings are not dated; use applyOverrides');
    specOf(key);
    kinds.add(key.slice(0, key.indexOf('.')) as RuleKind);
  }
  const touched = new Set<number>();
  for (const kind of kinds) {
    const i = rules.findIndex((r) => r.kind === kind && r.effectiveFrom <= effectiveFrom && (r.effectiveTo === null || effectiveFrom <= r.effectiveTo));
    if (i < 0) throw invalid(`overrides.${kind}`, `no version of ${kind} is in force on ${effectiveFrom}`);
    const current = rules[i]!;
    if (current.effectiveTo !== null || current.effectiveFrom === effectiveFrom)
      throw invalid(`overrides.${kind}`, `only the open-ended version of ${kind} can be adjusted, from a day after it starts (${current.effectiveFrom})`);
    const next = 1 + Math.max(...rules.filter((r) => r.kind === kind).map((r) => Number.parseInt(r.version, 10) || 0));
    rules[i] = { ...current, effectiveTo: dayBefore(effectiveFrom) } as SubsidyRule;
    rules.push({ ...current, version: String(next), effectiveFrom, effectiveTo: null } as SubsidyRule);
    touched.add(rules.length - 1);
  }
  const set: MutableSet = { rules, settings: { ...ruleSet.settings }, touched };
  for (const [key, value] of Object.entries(overrides)) specOf(key).apply(set, value, `overrides.${key}`);
  const out = set.rules.map((r) => (r.version.endsWith('*') ? ({ ...r, version: r.version.replace(/\*+$/, '') } as SubsidyRule) : r));
  return validateRuleSet({ id: ruleSet.id, version: newVersion, rules: out, settings: set.settings, whatIf: ruleSet.whatIf });
}

function dayBefore(date: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d - 1)).toISOString().slice(0, 10);
}

/** The settings of a rule set that differ from the documented defaults (for explanations). */
export function changedSettings(settings: RuleSettings): Partial<RuleSettings> {
  const out: Partial<RuleSettings> = {};
  for (const k of Object.keys(DEFAULT_RULE_SETTINGS) as (keyof RuleSettings)[]) if (settings[k] !== DEFAULT_RULE_SETTINGS[k]) (out as Record<string, unknown>)[k] = settings[k];
  return out;
}

// ---------------------------------------------------------------------------------------------------------

/** The official rule set of 运政办发〔2020〕14号 with the documented defaults (validated when the module loads). */
export const YUNCHENG_2020_14: RuleSet = validateRuleSet({
  id: 'yuncheng-2020-14',
  version: '1',
  rules: YUNCHENG_2020_14_RULES,
  settings: { ...DEFAULT_RULE_SETTINGS },
  whatIf: null,
});
