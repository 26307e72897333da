/**
 * Filing a class (开班备案, §7, §12, §13, §保障(二)): the input schema and the pure validation that answers
 * every problem of one filing at once. The institution or enterprise files; the county office reviews
 * (classLifecycle.ts). What is checked:
 * - the project: occupation code (职业分类大典), level, training type, standard hours of the teaching plan (§7);
 *   a project outside the year's catalog only warns — it needs the local HR office's review (§7);
 * - the county, the venue and its coordinates (outside Yuncheng's rough bounding box only warns);
 * - the dates and the timetable: sessions inside the class dates, not overlapping, each between
 *   SESSION_MIN_MINUTES and SESSION_MAX_MINUTES, together at least the standard hours (§7 教学计划);
 * - capacity, teachers, the assessment plan (§10), the responsible department (§保障(二)), the funding route
 *   and whether it fits the training type (§3, §5, §13, §14, §15);
 * - the filer: never while suspended or blacklisted (§17); an institution only within its licensed
 *   occupations and levels (§6) and never an evaluation institution (§12); an enterprise only the training
 *   types it organises for its own employees (§1, §13).
 */
import { z } from 'zod';
import { AppError } from '../errors.ts';
import { findReportingUnit } from '../identity/divisions.ts';
import { TRAINING_TYPES } from '../reference/catalog.ts';
import {
  admissionRouteFor,
  assertLicensedFor,
  assertMayOpenClass,
  OCCUPATION_CODE_PATTERN,
  SKILL_LEVEL_CODES,
  type InstitutionKind,
  type OrgStanding,
} from '../registry/organisation.ts';
import { isCalendarDate, problem, problemsFromZod, shown, type FieldCodes, type Problem, type Validated } from '../registry/problems.ts';
import { beijingDateOf, beijingDateTimeOf, MINUTE_MS, parseInstant } from './calendar.ts';

// ---------------------------------------------------------------------------------------------------------
// Reference lists

export const TRAINING_TYPE_CODES = [
  'pre_job',
  'on_job',
  'off_job',
  'job_transfer',
  'safety_skill',
  'employment_skill',
  'skill_upgrade',
  'entrepreneurship',
  'labour_preparation',
  'new_apprenticeship',
  'high_skill',
] as const;
export type TrainingType = (typeof TRAINING_TYPE_CODES)[number];

/** The training types an enterprise files for its own employees (§1: 岗前、在岗、安全技能、转岗转业、企业新型学徒制; §13). */
export const ENTERPRISE_TRAINING_TYPES: readonly TrainingType[] = ['pre_job', 'on_job', 'safety_skill', 'job_transfer', 'new_apprenticeship'];

/**
 * Departments that lead training for their own groups (§保障(二); the lead units named after each item of
 * part 三). Each class records the one responsible for it.
 */
export const RESPONSIBLE_DEPARTMENTS = [
  { code: 'hrss', name: '人力资源社会保障部门', nameEn: 'Human resources and social security', clause: '§保障(二)' },
  { code: 'education', name: '教育部门', nameEn: 'Education', clause: '§保障(二), §5' },
  { code: 'agriculture', name: '农业农村部门', nameEn: 'Agriculture and rural affairs', clause: '§保障(二)' },
  { code: 'veterans', name: '退役军人事务部门', nameEn: 'Veterans affairs', clause: '§保障(二)' },
  { code: 'justice', name: '司法行政部门', nameEn: 'Justice', clause: '§保障(二)' },
  { code: 'culture_tourism', name: '文化和旅游部门', nameEn: 'Culture and tourism', clause: '§保障(二)' },
  { code: 'health', name: '卫生健康部门', nameEn: 'Health', clause: '§保障(二)' },
  { code: 'emergency', name: '应急管理部门', nameEn: 'Emergency management', clause: '§保障(二), §1' },
  { code: 'sasac', name: '国有资产监管部门', nameEn: 'State-owned assets supervision', clause: '§保障(二), §13' },
  { code: 'industry_it', name: '工业和信息化部门', nameEn: 'Industry and information technology', clause: '§保障(二)' },
  { code: 'housing', name: '住房和城乡建设部门', nameEn: 'Housing and urban-rural development', clause: '§保障(二)' },
  { code: 'development_reform', name: '发展改革部门', nameEn: 'Development and reform', clause: '§保障(二)' },
  { code: 'commerce', name: '商务部门', nameEn: 'Commerce', clause: '§8' },
  { code: 'poverty_alleviation', name: '扶贫部门', nameEn: 'Poverty alleviation', clause: '§3' },
  { code: 'trade_union', name: '总工会', nameEn: 'Federation of trade unions', clause: '§保障(二)' },
  { code: 'youth_league', name: '共青团', nameEn: 'Communist Youth League', clause: '§保障(二)' },
  { code: 'women_federation', name: '妇联', nameEn: "Women's federation", clause: '§保障(二), §8' },
  { code: 'disabled_federation', name: '残联', nameEn: "Disabled persons' federation", clause: '§2, §14' },
] as const;
export const DEPARTMENT_CODES = [
  'hrss',
  'education',
  'agriculture',
  'veterans',
  'justice',
  'culture_tourism',
  'health',
  'emergency',
  'sasac',
  'industry_it',
  'housing',
  'development_reform',
  'commerce',
  'poverty_alleviation',
  'trade_union',
  'youth_league',
  'women_federation',
  'disabled_federation',
] as const satisfies readonly (typeof RESPONSIBLE_DEPARTMENTS)[number]['code'][];
export type ResponsibleDepartment = (typeof DEPARTMENT_CODES)[number];

/**
 * How a class is paid for, and the training types each route fits. The certificate subsidy (§15) and the
 * high-skill rule "以取证为补贴申领依据" (§5) fit every type; unsubsidised classes (enterprise education
 * funds, §13, or fee-paying) are recorded too.
 */
export const FUNDING_ROUTES = [
  { code: 'enterprise_employee', name: '企业职工培训补贴', nameEn: 'Enterprise-employee training subsidy', clause: '§13', trainingTypes: ['pre_job', 'safety_skill', 'job_transfer'] },
  {
    code: 'key_group',
    name: '就业重点群体培训补贴',
    nameEn: 'Key-group training subsidy',
    clause: '§2, §14',
    trainingTypes: ['employment_skill', 'skill_upgrade', 'labour_preparation', 'entrepreneurship'],
  },
  {
    code: 'poverty_project',
    name: '贫困劳动力项目制培训',
    nameEn: 'Project-based training for the registered poor',
    clause: '§3',
    trainingTypes: ['employment_skill', 'skill_upgrade', 'labour_preparation', 'entrepreneurship'],
  },
  { code: 'certificate', name: '取证补贴', nameEn: 'Certificate subsidy', clause: '§5, §15', trainingTypes: TRAINING_TYPE_CODES },
  { code: 'unsubsidised', name: '非补贴性培训', nameEn: 'Not subsidised', clause: '§13', trainingTypes: TRAINING_TYPE_CODES },
] as const satisfies readonly { code: string; name: string; nameEn: string; clause: string; trainingTypes: readonly TrainingType[] }[];
export const FUNDING_ROUTE_CODES = ['enterprise_employee', 'key_group', 'poverty_project', 'certificate', 'unsubsidised'] as const;
export type FundingRoute = (typeof FUNDING_ROUTE_CODES)[number];

export function fundingRouteFits(route: FundingRoute, trainingType: TrainingType): boolean {
  return (FUNDING_ROUTES.find((r) => r.code === route)!.trainingTypes as readonly TrainingType[]).includes(trainingType);
}

/** Yuncheng's rough bounding box (WGS-84 / GCJ-02 alike at this precision); outside it a venue only warns. */
export const YUNCHENG_BOUNDS = { minLat: 34.6, maxLat: 35.8, minLng: 110.2, maxLng: 112.1 } as const;

export type ClassFilingSettings = {
  /** OPEN: minutes in one standard hour (学时) of the teaching plan; default 60 (some plans count 45-minute 课时). */
  minutesPerStandardHour: number;
  sessionMinMinutes: number;
  sessionMaxMinutes: number;
};
export const DEFAULT_CLASS_FILING_SETTINGS: Readonly<ClassFilingSettings> = { minutesPerStandardHour: 60, sessionMinMinutes: 30, sessionMaxMinutes: 600 };

// ---------------------------------------------------------------------------------------------------------
// Schema

export const ClassProject = z.strictObject({
  catalogProjectId: z.string().nullish().describe('The project in the year’s training-project catalog; null/absent = outside the catalog (§7)'),
  occupationCode: z.string().regex(OCCUPATION_CODE_PATTERN).describe('职业分类大典 code, e.g. 6-31-01-03'),
  levelCode: z.enum(SKILL_LEVEL_CODES).describe("'special' (专项职业能力) or level 5 … 1"),
  trainingType: z.enum(TRAINING_TYPE_CODES),
  standardHours: z.number().int().positive().describe('Standard hours of the teaching plan (§7)'),
});
export type ClassProject = z.infer<typeof ClassProject>;

export const ClassSession = z.strictObject({
  start: z.string().describe('ISO 8601 instant with offset, e.g. 2020-06-15T08:30:00+08:00'),
  end: z.string().describe('ISO 8601 instant with offset'),
});
export type ClassSession = z.infer<typeof ClassSession>;

export const ClassFilingInput = z.strictObject({
  project: ClassProject,
  unitCode: z.string().describe('Reporting unit (county, district, city or the development zone)'),
  venue: z.strictObject({ address: z.string(), lat: z.number(), lng: z.number() }),
  startDate: z.string().describe('YYYY-MM-DD, Asia/Shanghai'),
  endDate: z.string().describe('YYYY-MM-DD, Asia/Shanghai'),
  sessions: z.array(ClassSession),
  capacity: z.number().int().positive(),
  teachers: z.array(z.strictObject({ name: z.string().trim().min(1), qualification: z.string().optional() })),
  assessmentPlan: z.string(),
  responsibleDepartment: z.enum(DEPARTMENT_CODES),
  fundingRoute: z.enum(FUNDING_ROUTE_CODES),
});
export type ClassFilingInput = z.infer<typeof ClassFilingInput>;

const FILING_CODES: Readonly<Record<string, FieldCodes>> = {
  project: { invalid: 'CLASS_PROJECT_REQUIRED' },
  'project.occupationCode': { invalid: 'ORG_OCCUPATION_CODE_INVALID', params: 'value' },
  'project.levelCode': { invalid: 'ORG_OCCUPATION_LEVEL_INVALID', params: 'value' },
  'project.trainingType': { invalid: 'CLASS_TRAINING_TYPE_INVALID', params: 'value' },
  'project.standardHours': { invalid: 'CLASS_STANDARD_HOURS_INVALID' },
  unitCode: { required: 'ORG_UNIT_REQUIRED', invalid: 'ORG_UNIT_UNKNOWN', params: 'value' },
  venue: { invalid: 'CLASS_VENUE_ADDRESS_REQUIRED' },
  'venue.address': { invalid: 'CLASS_VENUE_ADDRESS_REQUIRED' },
  'venue.lat': { invalid: 'CLASS_VENUE_COORDINATES_INVALID' },
  'venue.lng': { invalid: 'CLASS_VENUE_COORDINATES_INVALID' },
  startDate: { required: 'CLASS_DATE_REQUIRED', invalid: 'CLASS_DATE_INVALID', params: 'value' },
  endDate: { required: 'CLASS_DATE_REQUIRED', invalid: 'CLASS_DATE_INVALID', params: 'value' },
  sessions: { invalid: 'CLASS_SESSIONS_REQUIRED' },
  'sessions.*': { invalid: 'CLASS_SESSION_TIME_INVALID', params: 'value' },
  'sessions.*.start': { invalid: 'CLASS_SESSION_TIME_INVALID', params: 'value' },
  'sessions.*.end': { invalid: 'CLASS_SESSION_TIME_INVALID', params: 'value' },
  capacity: { invalid: 'CLASS_CAPACITY_INVALID' },
  teachers: { invalid: 'CLASS_TEACHERS_REQUIRED' },
  'teachers.*': { invalid: 'CLASS_TEACHER_NAME_REQUIRED' },
  'teachers.*.name': { invalid: 'CLASS_TEACHER_NAME_REQUIRED' },
  assessmentPlan: { invalid: 'CLASS_ASSESSMENT_PLAN_REQUIRED' },
  responsibleDepartment: { required: 'CLASS_DEPARTMENT_REQUIRED', invalid: 'CLASS_DEPARTMENT_INVALID', params: 'value' },
  fundingRoute: { required: 'CLASS_FUNDING_ROUTE_REQUIRED', invalid: 'CLASS_FUNDING_ROUTE_INVALID', params: 'value' },
};

// ---------------------------------------------------------------------------------------------------------
// Validation

/** The organisation filing: its standing (§17) and, for institutions, kind and licensed scope (§6, §12). */
export type ClassFiler =
  | (OrgStanding & {
      kind: 'institution';
      institutionKind?: InstitutionKind | null;
      licensedOccupations: readonly { occupationCode: string; levels: readonly string[] }[];
    })
  | (OrgStanding & { kind: 'enterprise' });

export type TimetabledSession = { start: string; end: string; startMs: number; endMs: number; minutes: number };

export type NormalizedClassFiling = {
  project: Omit<ClassProject, 'catalogProjectId'> & { catalogProjectId: string | null };
  unitCode: string;
  venue: { address: string; lat: number; lng: number };
  startDate: string;
  endDate: string;
  /** Sorted by start. */
  sessions: TimetabledSession[];
  scheduledMinutes: number;
  /** Distinct Asia/Shanghai days with a session: the cap of the living allowance (§3). */
  scheduledDays: number;
  capacity: number;
  teachers: { name: string; qualification: string | null }[];
  assessmentPlan: string;
  responsibleDepartment: ResponsibleDepartment;
  fundingRoute: FundingRoute;
};

/**
 * Validates a class filing from a form or the API. The Zod schema checks shapes; the content rules then run on
 * every part whose shape was right, so one answer lists every problem. Warnings (venue outside the city box,
 * project outside the catalog) never block.
 */
export function validateClassFiling(input: unknown, filer: ClassFiler, settings: Partial<ClassFilingSettings> = {}): Validated<NormalizedClassFiling> {
  const s = { ...DEFAULT_CLASS_FILING_SETTINGS, ...settings };
  if (input === null || typeof input !== 'object' || Array.isArray(input)) return { ok: false, problems: [problem('', 'CLASS_FILING_INPUT_INVALID')] };
  const given: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(input)) if (value !== null && value !== '') given[key] = value;

  const parsed = ClassFilingInput.safeParse(given);
  let problems: Problem[] = [];
  let f: Partial<ClassFilingInput>;
  if (parsed.success) f = parsed.data;
  else {
    problems = problemsFromZod(parsed.error.issues, given, FILING_CODES);
    const failed = new Set(parsed.error.issues.map((i) => String(i.path[0] ?? '')));
    f = Object.fromEntries(Object.entries(given).filter(([key]) => !failed.has(key) && key in ClassFilingInput.shape)) as Partial<ClassFilingInput>;
  }
  const warnings: Problem[] = [];

  // Project (§7)
  if (f.project && !f.project.catalogProjectId?.trim()) warnings.push(problem('project.catalogProjectId', 'CLASS_PROJECT_OUTSIDE_CATALOG'));

  // County
  if (f.unitCode !== undefined) {
    const code = f.unitCode.trim();
    if (code === '') problems.push(problem('unitCode', 'ORG_UNIT_REQUIRED'));
    else if (!findReportingUnit(code)) problems.push(problem('unitCode', 'ORG_UNIT_UNKNOWN', { value: shown(code) }));
  }

  // Venue
  if (f.venue) {
    if (f.venue.address.trim() === '') problems.push(problem('venue.address', 'CLASS_VENUE_ADDRESS_REQUIRED'));
    const { lat, lng } = f.venue;
    if (!Number.isFinite(lat) || !Number.isFinite(lng) || Math.abs(lat) > 90 || Math.abs(lng) > 180)
      problems.push(problem('venue', 'CLASS_VENUE_COORDINATES_INVALID'));
    else if (!insideYuncheng(lat, lng)) warnings.push(problem('venue', 'CLASS_VENUE_OUTSIDE_CITY', { lat: String(lat), lng: String(lng) }));
  }

  // Dates
  const startDate = checkDate(f.startDate, 'startDate', problems);
  const endDate = checkDate(f.endDate, 'endDate', problems);
  const datesOk = startDate !== undefined && endDate !== undefined && endDate >= startDate;
  if (startDate !== undefined && endDate !== undefined && endDate < startDate) problems.push(problem('endDate', 'CLASS_DATES_REVERSED', { startDate, endDate }));

  // Timetable
  const timetable = f.sessions ? checkSessions(f.sessions, datesOk ? { startDate: startDate!, endDate: endDate! } : null, s, problems) : null;
  if (f.sessions && f.project && timetable?.complete && timetable.minutes < f.project.standardHours * s.minutesPerStandardHour)
    problems.push(
      problem('sessions', 'CLASS_HOURS_BELOW_STANDARD', {
        hours: formatHours(timetable.minutes, s.minutesPerStandardHour),
        standardHours: f.project.standardHours,
        minutesPerHour: s.minutesPerStandardHour,
      }),
    );

  // People and texts
  if (f.teachers !== undefined && f.teachers.length === 0) problems.push(problem('teachers', 'CLASS_TEACHERS_REQUIRED'));
  if (f.assessmentPlan !== undefined && f.assessmentPlan.trim() === '') problems.push(problem('assessmentPlan', 'CLASS_ASSESSMENT_PLAN_REQUIRED'));

  // Funding route ↔ training type
  if (f.fundingRoute && f.project && !fundingRouteFits(f.fundingRoute, f.project.trainingType))
    problems.push(
      problem('fundingRoute', 'CLASS_FUNDING_ROUTE_MISMATCH', {
        route: FUNDING_ROUTES.find((r) => r.code === f.fundingRoute)!.name,
        trainingType: trainingTypeName(f.project.trainingType),
      }),
    );

  // The filer (§1, §6, §12, §13, §17)
  problems.push(...filerProblems(filer, f.project));

  if (problems.length > 0) return { ok: false, problems };
  const sessions = timetable!.sessions;
  return {
    ok: true,
    value: {
      project: { ...f.project!, catalogProjectId: f.project!.catalogProjectId?.trim() || null },
      unitCode: f.unitCode!.trim(),
      venue: { address: f.venue!.address.trim(), lat: f.venue!.lat, lng: f.venue!.lng },
      startDate: startDate!,
      endDate: endDate!,
      sessions,
      scheduledMinutes: timetable!.minutes,
      scheduledDays: new Set(sessions.map((x) => beijingDateOf(x.startMs))).size,
      capacity: f.capacity!,
      teachers: f.teachers!.map((t) => ({ name: t.name.trim(), qualification: t.qualification?.trim() || null })),
      assessmentPlan: f.assessmentPlan!.trim(),
      responsibleDepartment: f.responsibleDepartment!,
      fundingRoute: f.fundingRoute!,
    },
    warnings,
  };
}

/** The filer's own problems for a project: standing (§17), kind (§12), training type (§1, §13), licence (§6). */
export function filerProblems(filer: ClassFiler, project?: { occupationCode: string; levelCode: string; trainingType: TrainingType }): Problem[] {
  const out: Problem[] = [];
  const attempt = (field: string, check: () => void) => {
    try {
      check();
    } catch (e) {
      if (!(e instanceof AppError)) throw e;
      out.push(problem(field, e.code, e.params));
    }
  };
  attempt('filer', () => assertMayOpenClass(filer));
  if (filer.kind === 'enterprise') {
    if (project && !ENTERPRISE_TRAINING_TYPES.includes(project.trainingType))
      out.push(problem('project.trainingType', 'CLASS_TRAINING_TYPE_NOT_FOR_ENTERPRISE', { trainingType: trainingTypeName(project.trainingType) }));
    return out;
  }
  if (filer.institutionKind && admissionRouteFor(filer.institutionKind) === null) {
    out.push(problem('filer', 'CLASS_EVALUATION_BODY_CANNOT_FILE'));
    return out;
  }
  if (project) attempt('project', () => assertLicensedFor(filer, project.occupationCode, project.levelCode));
  return out;
}

export function insideYuncheng(lat: number, lng: number): boolean {
  const b = YUNCHENG_BOUNDS;
  return lat >= b.minLat && lat <= b.maxLat && lng >= b.minLng && lng <= b.maxLng;
}

export function trainingTypeName(code: string): string {
  return TRAINING_TYPES.find((t) => t.code === code)?.name ?? code;
}

function checkDate(value: string | undefined, field: string, problems: Problem[]): string | undefined {
  if (value === undefined) return undefined;
  const date = value.trim();
  if (isCalendarDate(date)) return date;
  problems.push(problem(field, 'CLASS_DATE_INVALID', { value: shown(value) }));
  return undefined;
}

/**
 * Parses and checks the timetable; `complete` is false when any session could not be read, so the total is
 * not compared with the standard hours (the unreadable session is already a problem).
 */
function checkSessions(
  list: readonly ClassSession[],
  dates: { startDate: string; endDate: string } | null,
  s: ClassFilingSettings,
  problems: Problem[],
): { sessions: TimetabledSession[]; minutes: number; complete: boolean } {
  if (list.length === 0) {
    problems.push(problem('sessions', 'CLASS_SESSIONS_REQUIRED'));
    return { sessions: [], minutes: 0, complete: false };
  }
  const read: (TimetabledSession & { index: number })[] = [];
  let complete = true;
  list.forEach((session, index) => {
    const at = `sessions.${index}`;
    const startMs = parseInstant(session.start);
    const endMs = parseInstant(session.end);
    if (startMs === null) problems.push(problem(`${at}.start`, 'CLASS_SESSION_TIME_INVALID', { value: shown(session.start) }));
    if (endMs === null) problems.push(problem(`${at}.end`, 'CLASS_SESSION_TIME_INVALID', { value: shown(session.end) }));
    if (startMs === null || endMs === null) {
      complete = false;
      return;
    }
    const shownStart = beijingDateTimeOf(startMs);
    const shownEnd = beijingDateTimeOf(endMs);
    if (endMs <= startMs) {
      problems.push(problem(`${at}.end`, 'CLASS_SESSION_REVERSED', { start: shownStart, end: shownEnd }));
      complete = false;
      return;
    }
    const minutes = Math.floor((endMs - startMs) / MINUTE_MS);
    if (minutes < s.sessionMinMinutes) problems.push(problem(at, 'CLASS_SESSION_TOO_SHORT', { start: shownStart, minutes, min: s.sessionMinMinutes }));
    if (minutes > s.sessionMaxMinutes)
      problems.push(problem(at, 'CLASS_SESSION_TOO_LONG', { start: shownStart, hours: formatHours(minutes, 60), max: formatHours(s.sessionMaxMinutes, 60) }));
    if (dates && (beijingDateOf(startMs) < dates.startDate || beijingDateOf(endMs - 1) > dates.endDate))
      problems.push(problem(at, 'CLASS_SESSION_OUTSIDE_DATES', { start: shownStart, end: shownEnd, startDate: dates.startDate, endDate: dates.endDate }));
    read.push({ start: session.start, end: session.end, startMs, endMs, minutes, index });
  });
  read.sort((a, b) => a.startMs - b.startMs || a.endMs - b.endMs);
  let latest: (typeof read)[number] | undefined;
  for (const x of read) {
    if (latest && x.startMs < latest.endMs)
      problems.push(problem(`sessions.${x.index}`, 'CLASS_SESSIONS_OVERLAP', { start: beijingDateTimeOf(x.startMs), other: beijingDateTimeOf(latest.startMs) }));
    if (!latest || x.endMs > latest.endMs) latest = x;
  }
  const sessions = read.map(({ start, end, startMs, endMs, minutes }) => ({ start, end, startMs, endMs, minutes }));
  return { sessions, minutes: sessions.reduce((sum, x) => sum + x.minutes, 0), complete };
}

/** Minutes as hours with up to two decimals, computed in integers: 2250 min at 60 → "37.5". */
export function formatHours(minutes: number, minutesPerHour: number): string {
  const hundredths = Math.floor((minutes * 100) / minutesPerHour);
  const whole = Math.floor(hundredths / 100);
  const frac = hundredths % 100;
  if (frac === 0) return String(whole);
  return `${whole}.${String(frac).padStart(2, '0').replace(/0$/, '')}`;
}
