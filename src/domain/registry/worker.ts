/**
 * One worker (劳动者) of the real-name registry (实名制, §9): the rules shared by the web form
 * (validateWorker) and the streaming spreadsheet importer (validateWorkerRow). Identity is the resident ID
 * number (domain-facts §1): one person, one record.
 *
 * Both entry points return problems instead of throwing; a row is checked with a handful of regular
 * expressions and map look-ups, without Zod, so that millions of rows stay cheap.
 */
import { z } from 'zod';
import { findReportingUnit, isYunchengAddressCode, REPORTING_UNITS, TOWNSHIPS, YUNCHENG_ETDZ_CODE } from '../identity/divisions.ts';
import type { ReportingUnit, Township } from '../identity/divisions.ts';
import { convertLegacyIdNumber, isMainlandMobile, parseIdNumber } from '../identity/idNumber.ts';
import { CategoryPeriod, checkPeriods, ENTERPRISE_EMPLOYEE, parseCategoryNames } from './categories.ts';
import { codePointLength, isCalendarDate, problem, problemsFromZod, shown, type FieldCodes, type Problem } from './problems.ts';

export type { Problem } from './problems.ts';

// ---------------------------------------------------------------------------------------------------------
// Reference lists

export const EDUCATION_LEVELS = [
  { code: 'primary', name: '小学及以下', nameEn: 'Primary school or below' },
  { code: 'junior', name: '初中', nameEn: 'Junior secondary school' },
  { code: 'senior', name: '高中', nameEn: 'Senior secondary school' },
  { code: 'vocational', name: '中专/技校', nameEn: 'Secondary vocational or technical school' },
  { code: 'college', name: '大专', nameEn: 'Junior college' },
  { code: 'bachelor', name: '本科', nameEn: "Bachelor's degree" },
  { code: 'postgraduate', name: '研究生', nameEn: 'Postgraduate' },
] as const;

export const EDUCATION_CODES = ['primary', 'junior', 'senior', 'vocational', 'college', 'bachelor', 'postgraduate'] as const;
export type Education = (typeof EDUCATION_CODES)[number];

/** code → the Chinese label shown in the web and written in spreadsheets. */
export const EDUCATION_LABELS: Readonly<Record<Education, string>> = Object.fromEntries(EDUCATION_LEVELS.map((e) => [e.code, e.name])) as Record<
  Education,
  string
>;

/** Spreadsheet spellings of education levels besides the labels and the codes. */
const EDUCATION_ALIASES: Readonly<Record<string, Education>> = {
  小学: 'primary',
  文盲: 'primary',
  半文盲: 'primary',
  文盲或半文盲: 'primary',
  普通高中: 'senior',
  普高: 'senior',
  中专: 'vocational',
  技校: 'vocational',
  中技: 'vocational',
  中职: 'vocational',
  职高: 'vocational',
  职业高中: 'vocational',
  技工学校: 'vocational',
  中等专业学校: 'vocational',
  '中专/技校/职高': 'vocational',
  专科: 'college',
  大学专科: 'college',
  高职: 'college',
  高职高专: 'college',
  大学本科: 'bachelor',
  硕士: 'postgraduate',
  博士: 'postgraduate',
  硕士研究生: 'postgraduate',
  博士研究生: 'postgraduate',
  研究生及以上: 'postgraduate',
};

const EDUCATION_BY_TEXT: ReadonlyMap<string, Education> = new Map<string, Education>([
  ...EDUCATION_CODES.map((c) => [c, c] as const),
  ...EDUCATION_LEVELS.map((e) => [e.name, e.code] as const),
  ['中专／技校', 'vocational'],
  ...Object.entries(EDUCATION_ALIASES),
]);

export const NAME_MIN = 2;
export const NAME_MAX = 30;

/**
 * The spreadsheet template: stable Chinese headers in this order. Problems of a row name these headers, so
 * the rejected-rows report reads "行 12 · 公民身份号码 · 公民身份号码校验码错误".
 */
export const WORKER_COLUMNS = [
  { header: '姓名', field: 'name', required: true },
  { header: '公民身份号码', field: 'idNumber', required: true },
  { header: '手机号码', field: 'phone', required: false },
  { header: '县区代码', field: 'unitCode', required: true },
  { header: '乡镇（街道）', field: 'townshipCode', required: false },
  { header: '人员类别', field: 'categories', required: false },
  { header: '文化程度', field: 'education', required: false },
  { header: '是否残疾', field: 'disability', required: false },
  { header: '性别', field: 'gender', required: false },
  { header: '出生日期', field: 'birthDate', required: false },
] as const;

type FieldKey = (typeof WORKER_COLUMNS)[number]['field'];
type Labels = Readonly<Record<FieldKey, string>>;

const FORM_LABELS: Labels = Object.fromEntries(WORKER_COLUMNS.map((c) => [c.field, c.field])) as Record<FieldKey, string>;
const ROW_LABELS: Labels = Object.fromEntries(WORKER_COLUMNS.map((c) => [c.field, c.header])) as Record<FieldKey, string>;

// ---------------------------------------------------------------------------------------------------------
// The form schema and the normalised result

const UNIT_CODES = REPORTING_UNITS.map((u) => u.code);

/**
 * One worker as a form or an API sends it. The schema checks shapes and types only; validateWorker checks
 * the content and maps every problem to a catalogue code. null or '' in any field means "not given".
 */
export const WorkerInput = z.strictObject({
  name: z.string().describe('2–30 Chinese characters or Latin letters; "·" between parts of minority names'),
  idNumber: z.string().describe('18-character resident ID number (GB 11643); a 15-digit legacy number is converted'),
  phone: z.string().optional().describe('Mainland mobile number'),
  unitCode: z.string().describe(`Reporting unit: ${UNIT_CODES.join(', ')}`),
  townshipCode: z.string().optional().describe("9-digit township code inside the unit's county; the zone's township is 140802404 itself"),
  education: z.enum(EDUCATION_CODES).optional(),
  disability: z.boolean().optional(),
  gender: z.enum(['M', 'F']).optional().describe('If given, must agree with the ID number'),
  birthDate: z.string().optional().describe('YYYY-MM-DD; if given, must agree with the ID number'),
  categories: z.array(CategoryPeriod).optional(),
});
export type WorkerInput = z.infer<typeof WorkerInput>;

export type NormalizedWorker = {
  name: string;
  /** 18 characters, upper-case X; a 15-digit legacy number converted. */
  idNumber: string;
  /** Positions 1–6 of the ID: county of registered residence (may be outside Yuncheng or abolished). */
  addressCode: string;
  /** From the ID number. */
  gender: 'M' | 'F';
  /** YYYY-MM-DD, from the ID number. */
  birthDate: string;
  phone: string | null;
  /** One of the 14 reporting units. */
  unitCode: string;
  /** First 6 digits of the unit code: 140802 for the development zone. */
  countyCode: string;
  /** 140802404 for the development zone when not given. */
  townshipCode: string | null;
  education: Education | null;
  disability: boolean | null;
  categories: CategoryPeriod[];
};

export type WorkerResult = { ok: true; value: NormalizedWorker; warnings: Problem[] } | { ok: false; problems: Problem[] };

const WORKER_FIELD_CODES: Readonly<Record<string, FieldCodes>> = {
  name: { required: 'WORKER_NAME_REQUIRED', invalid: 'WORKER_NAME_INVALID', params: { min: NAME_MIN, max: NAME_MAX } },
  idNumber: { required: 'ID_REQUIRED', invalid: 'ID_FORMAT' },
  phone: { invalid: 'PHONE_INVALID' },
  unitCode: { required: 'WORKER_UNIT_REQUIRED', invalid: 'WORKER_UNIT_UNKNOWN', params: 'value' },
  townshipCode: { invalid: 'WORKER_TOWNSHIP_UNKNOWN', params: 'value' },
  education: { invalid: 'WORKER_EDUCATION_INVALID', params: 'value' },
  disability: { invalid: 'WORKER_DISABILITY_INVALID', params: 'value' },
  gender: { invalid: 'WORKER_GENDER_INVALID', params: 'value' },
  birthDate: { invalid: 'WORKER_BIRTH_DATE_INVALID', params: 'value' },
  categories: { invalid: 'WORKER_CATEGORIES_INVALID' },
  'categories.*': { invalid: 'WORKER_CATEGORIES_INVALID' },
  'categories.*.code': { invalid: 'CATEGORY_UNKNOWN', params: 'value' },
  'categories.*.validFrom': { invalid: 'CATEGORY_DATE_INVALID', params: 'value' },
  'categories.*.validTo': { invalid: 'CATEGORY_DATE_INVALID', params: 'value' },
  'categories.*.employerOrgId': { invalid: 'WORKER_CATEGORIES_INVALID' },
};

/**
 * Validates one worker from a form or the API. `ctx.today` (YYYY-MM-DD, Asia/Shanghai) bounds the birth date.
 * Problems name fields by their input key (`idNumber`, `categories.1.validTo`).
 */
export function validateWorker(input: unknown, ctx: { today: string }): WorkerResult {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) return { ok: false, problems: [problem('', 'WORKER_INPUT_INVALID')] };
  const given: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(input)) if (value !== null && value !== '') given[key] = value;

  const parsed = WorkerInput.safeParse(given);
  if (parsed.success) return checkWorker(parsed.data, ctx.today, FORM_LABELS, false, []);
  const problems = problemsFromZod(parsed.error.issues, given, WORKER_FIELD_CODES);
  // Check the content of the fields whose shape was right, so that one answer lists everything.
  const failed = new Set(parsed.error.issues.map((i) => String(i.path[0] ?? '')));
  const fields: Fields = {};
  for (const { field } of WORKER_COLUMNS) if (!failed.has(field) && given[field] !== undefined) (fields as Record<string, unknown>)[field] = given[field];
  const rest = checkWorker(fields, ctx.today, FORM_LABELS, false, problems);
  return rest.ok ? { ok: false, problems } : rest;
}

export type WorkerRowContext = {
  /** YYYY-MM-DD, Asia/Shanghai. */
  today: string;
  /** Start of the category periods read from the 人员类别 cell (open-ended). */
  categoryFrom: string;
  /** The employer of enterprise_employee rows, when an enterprise imports its own staff. */
  employerOrgId?: string | null;
};

/**
 * Validates one spreadsheet row keyed by the WORKER_COLUMNS headers (cells trimmed; '' = empty). Problems
 * name the Chinese header. 县区代码 takes a 6/9-digit code or the unit's name; 乡镇（街道） a 9-digit code or a
 * township name of that county. Never throws for a bad row (only for a malformed `ctx`).
 */
export function validateWorkerRow(row: Readonly<Record<string, string>>, ctx: WorkerRowContext): WorkerResult {
  const problems: Problem[] = [];
  const f: Fields = {};
  const L = ROW_LABELS;

  const name = row[L.name] ?? '';
  if (name === '') problems.push(problem(L.name, 'WORKER_NAME_REQUIRED'));
  else f.name = name;

  const id = row[L.idNumber] ?? '';
  if (id === '') problems.push(problem(L.idNumber, 'ID_REQUIRED'));
  else f.idNumber = id;

  const phone = row[L.phone] ?? '';
  if (phone !== '') f.phone = phone;

  const unitText = row[L.unitCode] ?? '';
  let unit: ReportingUnit | undefined;
  if (unitText === '') problems.push(problem(L.unitCode, 'WORKER_UNIT_REQUIRED'));
  else {
    unit = resolveReportingUnit(unitText);
    f.unitCode = unit?.code ?? unitText;
  }

  const townshipText = row[L.townshipCode] ?? '';
  if (townshipText !== '') f.townshipCode = (unit && TOWNSHIP_BY_COUNTY_NAME.get(`${countyOf(unit)}|${townshipText}`)?.code) ?? townshipCodeOf(townshipText);

  const categoriesText = row[L.categories] ?? '';
  if (categoriesText !== '') {
    const { codes, unknown } = parseCategoryNames(categoriesText);
    for (const value of unknown) problems.push(problem(L.categories, 'CATEGORY_UNKNOWN', { value: shown(value) }));
    if (codes.length > 0) {
      if (!isCalendarDate(ctx.categoryFrom)) throw new RangeError(`categoryFrom must be YYYY-MM-DD, got ${JSON.stringify(ctx.categoryFrom)}`);
      f.categories = codes.map((code) =>
        code === ENTERPRISE_EMPLOYEE
          ? { code, validFrom: ctx.categoryFrom, validTo: null, employerOrgId: ctx.employerOrgId ?? null }
          : { code, validFrom: ctx.categoryFrom, validTo: null },
      );
    }
  }

  const educationText = row[L.education] ?? '';
  if (educationText !== '') {
    const education = EDUCATION_BY_TEXT.get(educationText);
    if (education) f.education = education;
    else problems.push(problem(L.education, 'WORKER_EDUCATION_INVALID', { value: shown(educationText) }));
  }

  const disabilityText = row[L.disability] ?? '';
  if (disabilityText === '是') f.disability = true;
  else if (disabilityText === '否') f.disability = false;
  else if (disabilityText !== '') problems.push(problem(L.disability, 'WORKER_DISABILITY_INVALID', { value: shown(disabilityText) }));

  const genderText = row[L.gender] ?? '';
  if (genderText !== '') {
    const gender = GENDER_BY_TEXT.get(genderText);
    if (gender) f.gender = gender;
    else problems.push(problem(L.gender, 'WORKER_GENDER_INVALID', { value: shown(genderText) }));
  }

  const birthText = row[L.birthDate] ?? '';
  if (birthText !== '') f.birthDate = normalizeDateCell(birthText) ?? birthText;

  const result = checkWorker(f, ctx.today, L, true, problems);
  // Report problems in column order (the sort is stable, so a column's own order is kept).
  if (!result.ok && result.problems.length > 1) result.problems.sort((a, b) => COLUMN_INDEX.get(a.field)! - COLUMN_INDEX.get(b.field)!);
  return result;
}

const COLUMN_INDEX: ReadonlyMap<string, number> = new Map(WORKER_COLUMNS.map((c, i) => [c.header, i]));

// ---------------------------------------------------------------------------------------------------------
// Shared content checks

type Fields = {
  name?: string;
  idNumber?: string;
  phone?: string;
  unitCode?: string;
  townshipCode?: string;
  education?: Education;
  disability?: boolean;
  gender?: 'M' | 'F';
  birthDate?: string;
  categories?: readonly CategoryPeriod[];
};

/** Excel's rendering of a long number, e.g. 1.40802E+17 (the digits after the 15th are gone for good). */
const SCIENTIFIC = /^[+-]?\d+(?:\.\d+)?[eE]\+?\d+$/;
const FULL_WIDTH = /[０-９Ｘｘ]/;
const LEGACY_ID = /^\d{15}$/;
/** GB/T 2260 province-level codes (first two digits of an address code). */
const PROVINCES: ReadonlySet<string> = new Set(
  '11 12 13 14 15 21 22 23 31 32 33 34 35 36 37 41 42 43 44 45 46 50 51 52 53 54 61 62 63 64 65 71 81 82 83'.split(' '),
);

/**
 * Runs the content rules on the fields present, appending to `problems`; required-field absence is the
 * caller's job (Zod for forms, empty cells for rows), so an absent field is simply skipped here.
 */
function checkWorker(f: Fields, today: string, L: Labels, flatCategories: boolean, problems: Problem[]): WorkerResult {
  const warnings: Problem[] = [];

  let name = '';
  if (f.name !== undefined) {
    name = normalizeName(f.name);
    if (name === '') problems.push(problem(L.name, 'WORKER_NAME_REQUIRED'));
    else if (!isValidPersonName(name)) problems.push(problem(L.name, 'WORKER_NAME_INVALID', { min: NAME_MIN, max: NAME_MAX }));
  }

  let id: { value: string; addressCode: string; birthDate: string; gender: 'M' | 'F' } | undefined;
  if (f.idNumber !== undefined) {
    let raw = f.idNumber.trim();
    if (FULL_WIDTH.test(raw)) raw = toHalfWidth(raw);
    if (raw.startsWith("'")) raw = raw.slice(1); // Excel's text marker, when a CSV keeps it
    if (/\s/.test(raw)) raw = raw.replace(/\s+/g, '');
    if (raw === '') problems.push(problem(L.idNumber, 'ID_REQUIRED'));
    else if (SCIENTIFIC.test(raw)) problems.push(problem(L.idNumber, 'ID_EXCEL_SCIENTIFIC', { value: shown(raw) }));
    else {
      const parsed = parseIdNumber(raw, today);
      if (parsed.ok) {
        id = parsed;
        if (LEGACY_ID.test(raw)) warnings.push(problem(L.idNumber, 'ID_LEGACY_CONVERTED'));
        const a = parsed.addressCode;
        // Abolished and other provinces' codes stay valid (domain-facts §1.5); 9… is a foreigner's permanent residence ID (§1.4).
        if (!isYunchengAddressCode(a) && !PROVINCES.has(a.slice(0, 2)) && a[0] !== '9') warnings.push(problem(L.idNumber, 'ID_ADDRESS_CODE_UNKNOWN', { code: a }));
      } else if (parsed.problem === 'format') problems.push(problem(L.idNumber, 'ID_FORMAT'));
      else if (parsed.problem === 'check_char') problems.push(problem(L.idNumber, 'ID_CHECK_CHAR'));
      else {
        const id18 = LEGACY_ID.test(raw) ? convertLegacyIdNumber(raw) : raw;
        const date = `${id18.slice(6, 10)}-${id18.slice(10, 12)}-${id18.slice(12, 14)}`;
        problems.push(problem(L.idNumber, parsed.problem === 'birth_date' ? 'ID_BIRTH_DATE_INVALID' : 'ID_BIRTH_DATE_FUTURE', { date }));
      }
    }
  }

  let phone: string | null = null;
  if (f.phone !== undefined && f.phone.trim() !== '') {
    const raw = f.phone.trim();
    if (SCIENTIFIC.test(raw)) problems.push(problem(L.phone, 'PHONE_EXCEL_SCIENTIFIC', { value: shown(raw) }));
    else {
      phone = normalizePhone(raw);
      if (!isMainlandMobile(phone)) problems.push(problem(L.phone, 'PHONE_INVALID'));
    }
  }

  let unit: ReportingUnit | undefined;
  if (f.unitCode !== undefined) {
    const code = f.unitCode.trim();
    if (code === '') problems.push(problem(L.unitCode, 'WORKER_UNIT_REQUIRED'));
    else {
      unit = findReportingUnit(code);
      if (!unit) problems.push(problem(L.unitCode, 'WORKER_UNIT_UNKNOWN', { value: shown(code) }));
    }
  }

  let townshipCode: string | null = null;
  if (f.townshipCode !== undefined && f.townshipCode.trim() !== '') {
    const code = f.townshipCode.trim();
    const township = TOWNSHIP_BY_CODE.get(code);
    if (!township) problems.push(problem(L.townshipCode, 'WORKER_TOWNSHIP_UNKNOWN', { value: shown(code) }));
    else if (unit) {
      townshipCode = township.code;
      const problemCode = townshipProblem(unit, township);
      if (problemCode === 'WORKER_TOWNSHIP_IS_ZONE')
        problems.push(problem(L.townshipCode, problemCode, { township: township.code, zone: YUNCHENG_ETDZ_CODE }));
      else if (problemCode) problems.push(problem(L.townshipCode, problemCode, { township: township.code, unit: unit.name }));
    }
  } else if (unit?.isDevelopmentZone) townshipCode = YUNCHENG_ETDZ_CODE;

  if (f.gender !== undefined && id && f.gender !== id.gender) problems.push(problem(L.gender, 'WORKER_GENDER_MISMATCH'));

  if (f.birthDate !== undefined && f.birthDate.trim() !== '') {
    const date = f.birthDate.trim();
    if (!isCalendarDate(date)) problems.push(problem(L.birthDate, 'WORKER_BIRTH_DATE_INVALID', { value: shown(date) }));
    else if (id && date !== id.birthDate) problems.push(problem(L.birthDate, 'WORKER_BIRTH_DATE_MISMATCH', { value: date, expected: id.birthDate }));
  }

  const categories = f.categories ?? [];
  if (categories.length > 0) {
    for (const p of checkPeriods(categories, L.categories)) problems.push(flatCategories ? problem(L.categories, p.code, p.params) : p);
  }

  if (problems.length > 0 || !id || !unit) return { ok: false, problems };
  return {
    ok: true,
    value: {
      name,
      idNumber: id.value,
      addressCode: id.addressCode,
      gender: id.gender,
      birthDate: id.birthDate,
      phone,
      unitCode: unit.code,
      countyCode: unit.code.slice(0, 6),
      townshipCode,
      education: f.education ?? null,
      disability: f.disability ?? null,
      categories: Array.from(categories),
    },
    warnings,
  };
}

/** The zone's only township is itself; a county's townships are its own, except the zone inside 盐湖区. */
function townshipProblem(unit: ReportingUnit, township: Township): 'WORKER_TOWNSHIP_OUTSIDE_UNIT' | 'WORKER_TOWNSHIP_IS_ZONE' | null {
  if (unit.isDevelopmentZone) return township.code === unit.code ? null : 'WORKER_TOWNSHIP_OUTSIDE_UNIT';
  if (township.countyCode !== unit.code) return 'WORKER_TOWNSHIP_OUTSIDE_UNIT';
  return township.code === YUNCHENG_ETDZ_CODE ? 'WORKER_TOWNSHIP_IS_ZONE' : null;
}

// ---------------------------------------------------------------------------------------------------------
// Names, phones, units, townships, dates

const NAME_DOTS = /[•・･‧∙⋅．.]/g;
/** Han or Latin letters; a space only between Latin letters; "·" only between two letters. */
const NAME_PATTERN = /^(?:[\p{Script=Han}A-Za-z]|(?<=[A-Za-z]) (?=[A-Za-z])|(?<=[\p{Script=Han}A-Za-z])·(?=[\p{Script=Han}A-Za-z]))+$/u;

const SPACE_BY_HAN = /(?<=\p{Script=Han}) | (?=\p{Script=Han})/gu;

/**
 * Trims, collapses spaces, drops spaces next to Chinese characters ("张 三" → "张三"), and turns the dots
 * people type in minority names (• ・ . …) into "·".
 */
export function normalizeName(raw: string): string {
  return raw.trim().replace(/\s+/g, ' ').replace(NAME_DOTS, '·').replace(/ ?· ?/g, '·').replace(SPACE_BY_HAN, '');
}

/** A normalised person name: 2–30 code points of Han or Latin letters, "·" or a space between parts. */
export function isValidPersonName(name: string): boolean {
  const n = codePointLength(name);
  return n >= NAME_MIN && n <= NAME_MAX && NAME_PATTERN.test(name);
}

/** Drops spaces and hyphens and a leading +86 / 86 country code: "+86 138-1234-5678" → "13812345678". */
export function normalizePhone(raw: string): string {
  const p = raw.replace(/[\s-]/g, '');
  if (p.length === 14 && p.startsWith('+86')) return p.slice(3);
  if (p.length === 13 && p.startsWith('86')) return p.slice(2);
  return p;
}

function toHalfWidth(text: string): string {
  return text.replace(/[０-９Ｘｘ]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
}

const ZONE_NAMES = ['运城经济技术开发区', '运城开发区', '运城经开区', '开发区', '经开区', '运城经济开发区'];

const UNIT_BY_TEXT: ReadonlyMap<string, ReportingUnit> = (() => {
  const map = new Map<string, ReportingUnit>();
  for (const unit of REPORTING_UNITS) {
    map.set(unit.code, unit);
    map.set(unit.name, unit);
    if (unit.isDevelopmentZone) for (const name of ZONE_NAMES) map.set(name, unit);
    else {
      // 临猗县 → 临猗, 河津市 → 河津; one-character stems (绛, 夏) are too ambiguous to accept.
      const stem = unit.name.slice(0, -1);
      if (stem.length >= 2) map.set(stem, unit);
    }
  }
  return map;
})();

/** The reporting unit named by a code (6 or 9 digits, or the NBS 12-digit form) or a Chinese name. */
export function resolveReportingUnit(text: string): ReportingUnit | undefined {
  const t = text.trim();
  const direct = UNIT_BY_TEXT.get(t);
  if (direct) return direct;
  if (/^\d{12}$/.test(t)) return UNIT_BY_TEXT.get(t.endsWith('000000') ? t.slice(0, 6) : t.endsWith('000') ? t.slice(0, 9) : t);
  return undefined;
}

const TOWNSHIP_BY_CODE: ReadonlyMap<string, Township> = new Map(TOWNSHIPS.map((t) => [t.code, t]));
const TOWNSHIP_BY_COUNTY_NAME: ReadonlyMap<string, Township> = new Map(TOWNSHIPS.map((t) => [`${t.countyCode}|${t.name}`, t]));

function countyOf(unit: ReportingUnit): string {
  return unit.code.slice(0, 6);
}

/** A 9-digit township code, accepting the NBS 12-digit form ending in 000. */
function townshipCodeOf(text: string): string {
  return /^\d{9}000$/.test(text) ? text.slice(0, 9) : text;
}

const GENDER_BY_TEXT: ReadonlyMap<string, 'M' | 'F'> = new Map([
  ['男', 'M'],
  ['女', 'F'],
  ['男性', 'M'],
  ['女性', 'F'],
  ['M', 'M'],
  ['F', 'F'],
]);

const DATE_CELL = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?Z?)?$/;
const COMPACT_DATE = /^(\d{4})(\d{2})(\d{2})$/;

/** 1985-6-15, 1985/06/15, 1985.6.15, 1985年6月15日, 19850615 → 1985-06-15; a time after the date is ignored. */
function normalizeDateCell(text: string): string | undefined {
  const m = DATE_CELL.exec(text) ?? COMPACT_DATE.exec(text);
  return m ? `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}` : undefined;
}
