/**
 * Training institutions and enterprises of the registry (§1, §4–§6, §12, §13, §17): their kinds and admission
 * routes, input rules, the status lifecycle (active / suspended / blacklisted) as a transition table, the guards
 * that keep a barred organisation out of subsidised training, and the enterprise education-fund checks.
 */
import { z } from 'zod';
import type { Role } from '../auth/permissions.ts';
import { AppError } from '../errors.ts';
import { parseCreditCode } from '../identity/creditCode.ts';
import { findReportingUnit } from '../identity/divisions.ts';
import { isMainlandMobile } from '../identity/idNumber.ts';
import { SKILL_LEVELS } from '../reference/catalog.ts';
import { codePointLength, isCalendarDate, problem, problemsFromZod, shown, type FieldCodes, type Problem } from './problems.ts';
import { isValidPersonName, NAME_MAX, NAME_MIN, normalizeName, normalizePhone } from './worker.ts';

// ---------------------------------------------------------------------------------------------------------
// Kinds, admission routes, industries

export type AdmissionRoute = 'review_filing' | 'bidding';

export const ADMISSION_ROUTES = [
  { code: 'review_filing', name: '审核备案', nameEn: 'Review and filing', clause: '§12' },
  { code: 'bidding', name: '招投标', nameEn: 'Public bidding or competitive negotiation', clause: '§12' },
] as const;

/**
 * Institution kinds (policy.md "Institutions"). §12: enterprises', vocational colleges' (incl. technical
 * schools) and government training centres apply to the HR office of their level for review and filing; other
 * qualified institutions are selected by public bidding, competitive negotiation or consultation. Evaluation
 * institutions are not admitted to subsidised training at all.
 */
export const INSTITUTION_KINDS = [
  { code: 'enterprise_centre', name: '企业培训中心', nameEn: 'Enterprise training centre', admissionRoute: 'review_filing', clause: '§4, §12' },
  { code: 'vocational_college', name: '职业院校', nameEn: 'Vocational college', admissionRoute: 'review_filing', clause: '§4, §12' },
  { code: 'technical_school', name: '技工院校', nameEn: 'Technical school', admissionRoute: 'review_filing', clause: '§4, §12' },
  { code: 'government_centre', name: '政府培训中心', nameEn: 'Government training centre', admissionRoute: 'review_filing', clause: '§12' },
  { code: 'private', name: '民办培训机构', nameEn: 'Private training institution', admissionRoute: 'bidding', clause: '§6, §12' },
  { code: 'evaluation', name: '评价机构', nameEn: 'Evaluation institution', admissionRoute: null, clause: '§12' },
] as const satisfies readonly { code: string; name: string; nameEn: string; admissionRoute: AdmissionRoute | null; clause: string }[];

export const INSTITUTION_KIND_CODES = ['enterprise_centre', 'vocational_college', 'technical_school', 'government_centre', 'private', 'evaluation'] as const;
export type InstitutionKind = (typeof INSTITUTION_KIND_CODES)[number];

/** How an institution of this kind is admitted to subsidised training (§12); null for evaluation institutions. */
export function admissionRouteFor(kind: InstitutionKind): AdmissionRoute | null {
  return INSTITUTION_KINDS.find((k) => k.code === kind)?.admissionRoute ?? null;
}

/**
 * High-risk industries whose employees get safety-skills training (§1). `keywords` recognise them inside GB/T
 * 4754 industry names and free text: 煤炭开采和洗选业 → coal, 黑色金属冶炼和压延加工业 → metallurgy.
 */
export const HIGH_RISK_INDUSTRIES = [
  { code: 'mining', name: '采矿', nameEn: 'Mining', keywords: ['采矿', '矿采选', '开采'] },
  { code: 'coal', name: '煤炭', nameEn: 'Coal', keywords: ['煤炭', '煤矿', '煤业', '洗煤', '炼焦', '焦化'] },
  { code: 'chemicals', name: '化工', nameEn: 'Chemicals', keywords: ['化工', '化学'] },
  { code: 'hazardous_chemicals', name: '危险化学品', nameEn: 'Hazardous chemicals', keywords: ['危险化学品', '危化'] },
  { code: 'metallurgy', name: '冶金', nameEn: 'Metallurgy', keywords: ['冶金', '冶炼', '钢铁'] },
  { code: 'fireworks', name: '烟花爆竹', nameEn: 'Fireworks and firecrackers', keywords: ['烟花', '爆竹', '鞭炮'] },
  { code: 'construction', name: '建筑施工', nameEn: 'Construction', keywords: ['建筑施工', '建筑业', '建筑安装', '建筑工程'] },
] as const;
export type HighRiskIndustry = (typeof HIGH_RISK_INDUSTRIES)[number]['code'];

/** Most specific first: 危险化学品 before 化学, 煤炭开采 is coal before mining. */
const HIGH_RISK_MATCH_ORDER: readonly HighRiskIndustry[] = ['hazardous_chemicals', 'coal', 'mining', 'chemicals', 'metallurgy', 'fireworks', 'construction'];

/** The high-risk industry an industry code, name or description belongs to, or null. */
export function highRiskIndustryOf(industry: string): HighRiskIndustry | null {
  const text = industry.trim();
  if (text === '') return null;
  const exact = HIGH_RISK_INDUSTRIES.find((i) => i.code === text || i.name === text);
  if (exact) return exact.code;
  for (const code of HIGH_RISK_MATCH_ORDER) {
    const entry = HIGH_RISK_INDUSTRIES.find((i) => i.code === code)!;
    if (entry.keywords.some((k) => text.includes(k))) return code;
  }
  return null;
}

export function isHighRiskIndustry(industry: string): boolean {
  return highRiskIndustryOf(industry) !== null;
}

// ---------------------------------------------------------------------------------------------------------
// Input schemas and validation

export const SKILL_LEVEL_CODES = ['special', '5', '4', '3', '2', '1'] as const;
export type SkillLevelCode = (typeof SKILL_LEVEL_CODES)[number];

/** 职业分类大典 code, as the occupations table's CHECK: 6-31-01-03. */
export const OCCUPATION_CODE_PATTERN = /^[1-8]-\d{2}-\d{2}-\d{2}$/;
/** Landline with its area code: 0359-1234567, 03591234567, 010-12345678, optionally an extension -123. */
const LANDLINE = /^0\d{2,3}-?\d{7,8}(?:-\d{1,6})?$/;

export const ORG_NAME_MIN = 2;
export const ORG_NAME_MAX = 100;

const Contact = z.strictObject({ name: z.string(), phone: z.string().describe('Mainland mobile or landline with area code, e.g. 0359-1234567') });
export type Contact = z.infer<typeof Contact>;

export const LicensedOccupation = z.strictObject({
  occupationCode: z.string().regex(OCCUPATION_CODE_PATTERN).describe('职业分类大典 code, e.g. 6-31-01-03'),
  levels: z.array(z.enum(SKILL_LEVEL_CODES)).describe("'special' (专项职业能力) or level 5 … 1"),
});
export type LicensedOccupation = z.infer<typeof LicensedOccupation>;

export const InstitutionInput = z.strictObject({
  name: z.string(),
  creditCode: z.string().describe('Unified social credit code (GB 32100)'),
  institutionKind: z.enum(INSTITUTION_KIND_CODES),
  unitCode: z.string(),
  capacity: z.number().int().min(0).optional().describe('Training places per year'),
  contacts: z.array(Contact),
  licensedOccupations: z.array(LicensedOccupation).optional().describe('许可的职业（工种）范围 (§6)'),
  industry: z.string().optional().describe('For enterprise training centres: the industry of the enterprise'),
});
export type InstitutionInput = z.infer<typeof InstitutionInput>;

export const EnterpriseInput = z.strictObject({
  name: z.string(),
  creditCode: z.string().describe('Unified social credit code (GB 32100)'),
  unitCode: z.string(),
  industry: z.string().describe('GB/T 4754 industry name or a description'),
  employees: z.number().int().min(0).optional(),
  contacts: z.array(Contact),
});
export type EnterpriseInput = z.infer<typeof EnterpriseInput>;

type CreditCodeFacts = {
  name: string;
  creditCode: string;
  /** Positions 3–8 of the credit code: the registering office's division. */
  creditDivisionCode: string;
  unitCode: string;
  contacts: Contact[];
};

export type NormalizedInstitution = CreditCodeFacts & {
  kind: 'institution';
  institutionKind: InstitutionKind;
  admissionRoute: AdmissionRoute | null;
  capacity: number | null;
  /** Sorted levels, no duplicates. */
  licensedOccupations: LicensedOccupation[];
  industry: string | null;
  highRisk: boolean;
};

export type NormalizedEnterprise = CreditCodeFacts & {
  kind: 'enterprise';
  industry: string;
  highRisk: boolean;
  highRiskIndustry: HighRiskIndustry | null;
  employees: number | null;
};

export type OrganisationResult<T> = { ok: true; value: T; warnings: Problem[] } | { ok: false; problems: Problem[] };

const COMMON_CODES: Readonly<Record<string, FieldCodes>> = {
  name: { required: 'ORG_NAME_REQUIRED', invalid: 'ORG_NAME_INVALID', params: { min: ORG_NAME_MIN, max: ORG_NAME_MAX } },
  creditCode: { required: 'CREDIT_CODE_REQUIRED', invalid: 'CREDIT_CODE_FORMAT' },
  unitCode: { required: 'ORG_UNIT_REQUIRED', invalid: 'ORG_UNIT_UNKNOWN', params: 'value' },
  contacts: { invalid: 'ORG_CONTACTS_REQUIRED' },
  'contacts.*': { invalid: 'ORG_CONTACT_NAME_INVALID', params: { min: NAME_MIN, max: NAME_MAX } },
  'contacts.*.name': { invalid: 'ORG_CONTACT_NAME_INVALID', params: { min: NAME_MIN, max: NAME_MAX } },
  'contacts.*.phone': { invalid: 'ORG_CONTACT_PHONE_INVALID' },
};
const INSTITUTION_CODES: Readonly<Record<string, FieldCodes>> = {
  ...COMMON_CODES,
  institutionKind: { invalid: 'ORG_KIND_INVALID', params: 'value' },
  capacity: { invalid: 'ORG_CAPACITY_INVALID' },
  licensedOccupations: { invalid: 'ORG_OCCUPATION_CODE_INVALID', params: 'value' },
  'licensedOccupations.*': { invalid: 'ORG_OCCUPATION_CODE_INVALID', params: 'value' },
  'licensedOccupations.*.occupationCode': { invalid: 'ORG_OCCUPATION_CODE_INVALID', params: 'value' },
  'licensedOccupations.*.levels': { invalid: 'ORG_OCCUPATION_LEVEL_INVALID', params: 'value' },
  'licensedOccupations.*.levels.*': { invalid: 'ORG_OCCUPATION_LEVEL_INVALID', params: 'value' },
  industry: { invalid: 'ENTERPRISE_INDUSTRY_REQUIRED' },
};
const ENTERPRISE_CODES: Readonly<Record<string, FieldCodes>> = {
  ...COMMON_CODES,
  industry: { required: 'ENTERPRISE_INDUSTRY_REQUIRED', invalid: 'ENTERPRISE_INDUSTRY_REQUIRED' },
  employees: { invalid: 'ENTERPRISE_EMPLOYEES_INVALID' },
};

type OrgFields = Partial<InstitutionInput & EnterpriseInput>;

/**
 * Validates a training institution or an enterprise from a form or the API: the Zod schema checks shapes,
 * then the content rules run on every field whose shape was right, so one answer lists every problem.
 */
export function validateOrganisation(kind: 'institution', input: unknown): OrganisationResult<NormalizedInstitution>;
export function validateOrganisation(kind: 'enterprise', input: unknown): OrganisationResult<NormalizedEnterprise>;
export function validateOrganisation(kind: 'institution' | 'enterprise', input: unknown): OrganisationResult<NormalizedInstitution | NormalizedEnterprise>;
export function validateOrganisation(
  kind: 'institution' | 'enterprise',
  input: unknown,
): OrganisationResult<NormalizedInstitution | NormalizedEnterprise> {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) return { ok: false, problems: [problem('', 'ORG_INPUT_INVALID')] };
  const given: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(input)) if (value !== null && value !== '') given[key] = value;

  const schema = kind === 'institution' ? InstitutionInput : EnterpriseInput;
  const parsed = schema.safeParse(given);
  let problems: Problem[] = [];
  let fields: OrgFields;
  if (parsed.success) fields = parsed.data;
  else {
    problems = problemsFromZod(parsed.error.issues, given, kind === 'institution' ? INSTITUTION_CODES : ENTERPRISE_CODES);
    const failed = new Set(parsed.error.issues.map((i) => String(i.path[0] ?? '')));
    fields = Object.fromEntries(Object.entries(given).filter(([key]) => !failed.has(key) && key in schema.shape)) as OrgFields;
  }

  const name = fields.name === undefined ? undefined : fields.name.trim().replace(/\s+/g, ' ');
  if (name !== undefined) {
    if (name === '') problems.push(problem('name', 'ORG_NAME_REQUIRED'));
    else if (codePointLength(name) < ORG_NAME_MIN || codePointLength(name) > ORG_NAME_MAX)
      problems.push(problem('name', 'ORG_NAME_INVALID', { min: ORG_NAME_MIN, max: ORG_NAME_MAX }));
  }

  let credit: { value: string; divisionCode: string } | undefined;
  if (fields.creditCode !== undefined) {
    const raw = fields.creditCode.trim();
    const parsedCode = parseCreditCode(raw);
    if (raw === '') problems.push(problem('creditCode', 'CREDIT_CODE_REQUIRED'));
    else if (parsedCode.ok) credit = parsedCode;
    else
      problems.push(
        problem('creditCode', parsedCode.problem === 'format' ? 'CREDIT_CODE_FORMAT' : parsedCode.problem === 'org_code_check' ? 'CREDIT_CODE_ORG_CODE_CHECK' : 'CREDIT_CODE_CHECK_CHAR'),
      );
  }

  let unitCode: string | undefined;
  if (fields.unitCode !== undefined) {
    const code = fields.unitCode.trim();
    if (code === '') problems.push(problem('unitCode', 'ORG_UNIT_REQUIRED'));
    else if (findReportingUnit(code)) unitCode = code;
    else problems.push(problem('unitCode', 'ORG_UNIT_UNKNOWN', { value: shown(code) }));
  }

  const contacts: Contact[] = [];
  if (fields.contacts !== undefined) {
    if (fields.contacts.length === 0) problems.push(problem('contacts', 'ORG_CONTACTS_REQUIRED'));
    fields.contacts.forEach((c, i) => {
      const contactName = normalizeName(c.name);
      if (!isValidPersonName(contactName)) problems.push(problem(`contacts.${i}.name`, 'ORG_CONTACT_NAME_INVALID', { min: NAME_MIN, max: NAME_MAX }));
      const phone = normalizeContactPhone(c.phone);
      if (phone === null) problems.push(problem(`contacts.${i}.phone`, 'ORG_CONTACT_PHONE_INVALID'));
      contacts.push({ name: contactName, phone: phone ?? c.phone });
    });
  }

  const industry = fields.industry === undefined ? undefined : fields.industry.trim();
  const base = () => ({ name: name!, creditCode: credit!.value, creditDivisionCode: credit!.divisionCode, unitCode: unitCode!, contacts });

  if (kind === 'institution') {
    const licensedOccupations = checkLicensedOccupations(fields.licensedOccupations ?? [], problems);
    if (problems.length > 0) return { ok: false, problems };
    const institutionKind = fields.institutionKind!;
    return {
      ok: true,
      value: {
        kind: 'institution',
        ...base(),
        institutionKind,
        admissionRoute: admissionRouteFor(institutionKind),
        capacity: fields.capacity ?? null,
        licensedOccupations,
        industry: industry || null,
        highRisk: industry ? isHighRiskIndustry(industry) : false,
      },
      warnings: [],
    };
  }

  if (industry === '') problems.push(problem('industry', 'ENTERPRISE_INDUSTRY_REQUIRED'));
  if (problems.length > 0) return { ok: false, problems };
  const highRiskIndustry = highRiskIndustryOf(industry!);
  return {
    ok: true,
    value: { kind: 'enterprise', ...base(), industry: industry!, highRisk: highRiskIndustry !== null, highRiskIndustry, employees: fields.employees ?? null },
    warnings: [],
  };
}

/** Mobile (normalised to 11 digits) or landline with its area code ("(0359)1234567" → "0359-1234567"); null if neither. */
export function normalizeContactPhone(raw: string): string | null {
  const mobile = normalizePhone(raw);
  if (isMainlandMobile(mobile)) return mobile;
  const landline = raw.trim().replace(/^[(（](0\d{2,3})[)）]\s*/, '$1-').replace(/\s+/g, '');
  return LANDLINE.test(landline) ? landline : null;
}

const LEVEL_ORDER: ReadonlyMap<string, number> = new Map(SKILL_LEVEL_CODES.map((code, i) => [code, i]));

function checkLicensedOccupations(list: readonly LicensedOccupation[], problems: Problem[]): LicensedOccupation[] {
  const seen = new Set<string>();
  return list.map((o, i) => {
    if (seen.has(o.occupationCode)) problems.push(problem(`licensedOccupations.${i}.occupationCode`, 'ORG_OCCUPATION_DUPLICATE', { occupationCode: o.occupationCode }));
    seen.add(o.occupationCode);
    if (o.levels.length === 0) problems.push(problem(`licensedOccupations.${i}.levels`, 'ORG_OCCUPATION_LEVELS_REQUIRED', { occupationCode: o.occupationCode }));
    const levels = [...new Set(o.levels)].sort((a, b) => LEVEL_ORDER.get(a)! - LEVEL_ORDER.get(b)!);
    return { occupationCode: o.occupationCode, levels };
  });
}

// ---------------------------------------------------------------------------------------------------------
// Status lifecycle (§17: 禁止其再承担政府补贴性培训)

export const ORG_STATUSES = ['active', 'suspended', 'blacklisted'] as const;
export type OrgStatus = (typeof ORG_STATUSES)[number];

export const ORG_STATUS_LABELS: Readonly<Record<OrgStatus, { name: string; nameEn: string }>> = {
  active: { name: '正常', nameEn: 'Active' },
  suspended: { name: '暂停', nameEn: 'Suspended' },
  blacklisted: { name: '黑名单', nameEn: 'Blacklisted' },
};

export type StatusRequirement = 'reason' | 'decisionRef' | 'effectiveDate';

export type OrgStatusTransition = {
  from: OrgStatus;
  to: OrgStatus;
  /** Who may make the change. county_office acts only on institutions of its own reporting unit. */
  roles: readonly Role[];
  requires: readonly StatusRequirement[];
  clause: string;
  description: string;
};

const EVERYTHING: readonly StatusRequirement[] = ['reason', 'decisionRef', 'effectiveDate'];

/**
 * The one table of status changes. Anything not listed is refused; the server enforces it through
 * checkStatusChange and the web shows only the buttons allowedStatusChanges returns.
 */
export const ORG_STATUS_TRANSITIONS: readonly OrgStatusTransition[] = [
  { from: 'active', to: 'suspended', roles: ['city_office', 'county_office'], requires: EVERYTHING, clause: '§17', description: '暂停承担补贴性培训' },
  { from: 'suspended', to: 'active', roles: ['city_office', 'county_office'], requires: EVERYTHING, clause: '§17', description: '恢复' },
  { from: 'active', to: 'blacklisted', roles: ['city_office'], requires: EVERYTHING, clause: '§17', description: '列入黑名单' },
  { from: 'suspended', to: 'blacklisted', roles: ['city_office'], requires: EVERYTHING, clause: '§17', description: '列入黑名单' },
  { from: 'blacklisted', to: 'active', roles: ['city_office'], requires: EVERYTHING, clause: '§17', description: '解除黑名单' },
];

export type StatusChangeInput = {
  reason?: string | null;
  /** The decision's document number (决定文号). */
  decisionRef?: string | null;
  /** YYYY-MM-DD. */
  effectiveDate?: string | null;
  /** The organisation being changed. */
  org: { kind: 'institution' | 'enterprise'; unitCode: string };
  /** The acting official's reporting unit ('140800' for the city office). */
  actorUnitCode?: string | null;
};

/** The changes `role` may make from `from` (for an organisation and actor, if given: county offices' scope). */
export function allowedStatusChanges(
  from: OrgStatus,
  role: Role,
  scope?: { org: StatusChangeInput['org']; actorUnitCode?: string | null },
): OrgStatusTransition[] {
  return ORG_STATUS_TRANSITIONS.filter((t) => t.from === from && t.roles.includes(role) && (!scope || inCountyScope(role, scope)));
}

/** Checks one status change against the table: the row exists, the role (and its scope) may make it, and the reason, decision reference and effective date are given. */
export function checkStatusChange(
  from: OrgStatus,
  to: OrgStatus,
  role: Role,
  input: StatusChangeInput,
): { ok: true; transition: OrgStatusTransition } | { ok: false; problems: Problem[] } {
  const transition = ORG_STATUS_TRANSITIONS.find((t) => t.from === from && t.to === to);
  if (!transition) return { ok: false, problems: [problem('status', 'ORG_STATUS_TRANSITION_INVALID', { from, to })] };
  if (!transition.roles.includes(role)) return { ok: false, problems: [problem('status', 'ORG_STATUS_FORBIDDEN', { role, from, to })] };
  if (!inCountyScope(role, input)) return { ok: false, problems: [problem('status', 'ORG_STATUS_OUT_OF_SCOPE')] };

  const problems: Problem[] = [];
  if (transition.requires.includes('reason') && !input.reason?.trim()) problems.push(problem('reason', 'ORG_STATUS_REASON_REQUIRED'));
  if (transition.requires.includes('decisionRef') && !input.decisionRef?.trim()) problems.push(problem('decisionRef', 'ORG_STATUS_DECISION_REF_REQUIRED'));
  if (transition.requires.includes('effectiveDate')) {
    const date = input.effectiveDate?.trim() ?? '';
    if (date === '') problems.push(problem('effectiveDate', 'ORG_STATUS_EFFECTIVE_DATE_REQUIRED'));
    else if (!isCalendarDate(date)) problems.push(problem('effectiveDate', 'ORG_STATUS_EFFECTIVE_DATE_INVALID', { value: shown(date) }));
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, transition };
}

function inCountyScope(role: Role, scope: { org: StatusChangeInput['org']; actorUnitCode?: string | null }): boolean {
  return role !== 'county_office' || (scope.org.kind === 'institution' && !!scope.actorUnitCode && scope.actorUnitCode === scope.org.unitCode);
}

// ---------------------------------------------------------------------------------------------------------
// Guards

export type OrgStanding = {
  name: string;
  status: OrgStatus;
  /** Reason and effective date of the decision that set the current status. */
  statusReason?: string | null;
  statusSince?: string | null;
};

/** Throws ORG_SUSPENDED / ORG_BLACKLISTED unless the organisation is active (§17). */
export function assertMayOpenClass(org: OrgStanding): void {
  assertActive(org);
}

/** Throws ORG_SUSPENDED / ORG_BLACKLISTED unless the organisation is active (§17). */
export function assertMayClaim(org: OrgStanding): void {
  assertActive(org);
}

function assertActive(org: OrgStanding): void {
  if (org.status === 'active') return;
  const params = { name: org.name, reason: org.statusReason?.trim() || '—', date: org.statusSince?.trim() || '—' };
  throw new AppError(org.status === 'blacklisted' ? 'ORG_BLACKLISTED' : 'ORG_SUSPENDED', params, 'status');
}

/** Throws ORG_NOT_LICENSED unless the occupation at that level is within the licensed scope (§6). */
export function assertLicensedFor(
  org: { name: string; licensedOccupations: readonly { occupationCode: string; levels: readonly string[] }[] },
  occupationCode: string,
  level: string,
): void {
  if (org.licensedOccupations.some((o) => o.occupationCode === occupationCode && o.levels.includes(level))) return;
  const levelName = SKILL_LEVELS.find((l) => l.code === level)?.name ?? level;
  throw new AppError('ORG_NOT_LICENSED', { name: org.name, occupationCode, level: levelName });
}

// ---------------------------------------------------------------------------------------------------------
// Enterprise education funds (§13)

/** §13: deductible up to 8 % of the payroll (工资薪金总额). */
export const EDUCATION_FUND_MAX_PERCENT = 8;
/** §13: at least 60 % of the fund for front-line workers (一线职工). */
export const FRONT_LINE_MIN_PERCENT = 60;

export type EducationFund = { payrollFen: number; educationFundFen: number; frontLineFen: number };

/**
 * §13 checks on an enterprise's reported education fund. The ratios only warn (the enterprise reports, the
 * platform flags); amounts that are not non-negative integer fen, or a front-line share above the fund, are
 * problems. All comparisons are in integers (BigInt, so no product can lose precision).
 */
export function educationFundChecks(fund: EducationFund): { ok: true; warnings: Problem[] } | { ok: false; problems: Problem[] } {
  const problems: Problem[] = [];
  for (const key of ['payrollFen', 'educationFundFen', 'frontLineFen'] as const) {
    const v = fund[key];
    if (!Number.isSafeInteger(v) || v < 0) problems.push(problem(key, 'ENTERPRISE_AMOUNT_INVALID'));
  }
  if (problems.length > 0) return { ok: false, problems };
  const payroll = BigInt(fund.payrollFen);
  const total = BigInt(fund.educationFundFen);
  const frontLine = BigInt(fund.frontLineFen);
  if (frontLine > total) return { ok: false, problems: [problem('frontLineFen', 'ENTERPRISE_FRONT_LINE_EXCEEDS_FUND')] };

  const warnings: Problem[] = [];
  if (total * 100n > payroll * BigInt(EDUCATION_FUND_MAX_PERCENT))
    warnings.push(
      problem('educationFundFen', 'ENTERPRISE_EDUCATION_FUND_OVER_LIMIT', {
        percent: payroll === 0n ? '—' : percentOf(total, payroll, 'up'),
        limit: EDUCATION_FUND_MAX_PERCENT,
      }),
    );
  if (frontLine * 100n < total * BigInt(FRONT_LINE_MIN_PERCENT))
    warnings.push(problem('frontLineFen', 'ENTERPRISE_FRONT_LINE_UNDER_MIN', { percent: percentOf(frontLine, total, 'down'), min: FRONT_LINE_MIN_PERCENT }));
  return { ok: true, warnings };
}

/** part / whole as a percentage with two decimals, rounded away from the threshold it is compared with. */
function percentOf(part: bigint, whole: bigint, round: 'up' | 'down'): string {
  const scaled = part * 10_000n;
  const basisPoints = round === 'up' ? (scaled + whole - 1n) / whole : scaled / whole;
  return `${basisPoints / 100n}.${(basisPoints % 100n).toString().padStart(2, '0')}`;
}
