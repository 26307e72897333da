/**
 * Enrolment rules (§2, §3, §13, §14, §15): what the clerk sees when a person joins a class — whether the place
 * will be subsidised and, if not, why — plus the timetable clash and capacity checks.
 *
 * Who is subsidised for which training type (SUBSIDY_ELIGIBILITY):
 * - 岗前 / 安全技能 / 转岗转业 (§13): employees of the enterprise that runs the class (300 CNY to the enterprise);
 * - 在岗 / 脱产 / 企业新型学徒制 (§1): the enterprise's own employees; paid on the certificate (§15);
 * - 就业技能 / 职业技能提升 / 劳动预备 / 创业 (§2, §14): the key groups — 农村转移就业劳动者, “两后生”, 高校毕业生,
 *   下岗失业人员, 就业困难人员 — and 建档立卡贫困劳动力 (§3 免费职业技能培训);
 * - 高技能人才培训 (§5): anyone; no 就业创业证, the subsidy is claimed on the certificate.
 * Categories are judged on the class start date (the caller passes categoriesOn(periods, startDate)).
 *
 * Limits (§15, both OPEN in part): at most `maxPerYear` (3) subsidised trainings per person per year, "year" =
 * the calendar year of the class's completion (default; the caller records each prior training's year on the
 * same basis); the same occupation at the same level never twice (`sameOccupationLevel: 'never'`, default)
 * or not twice within one year (`'within_year'`).
 * The registered-poor living allowance (§3, 15 CNY a day) goes with a subsidised place.
 */
import type { ErrorCode } from '../errors.ts';
import { PERSON_CATEGORIES, SKILL_LEVELS } from '../reference/catalog.ts';
import { problem, type Problem } from '../registry/problems.ts';
import { beijingDateTimeOf, parseInstant, type Instant } from './calendar.ts';
import { trainingTypeName, type FundingRoute, type TrainingType } from './classFiling.ts';

/** §2 / §14 key groups, and the registered poor (§3), who get free employment and upgrade training. */
export const KEY_GROUP_CATEGORIES: readonly string[] = ['rural_migrant', 'two_after', 'college_graduate', 'laid_off', 'employment_difficulty', 'registered_poor'];
export const REGISTERED_POOR = 'registered_poor';

export type EligibilityRule = { requires: 'enterprise_employee' | 'key_group' | 'anyone'; clause: string };

export const SUBSIDY_ELIGIBILITY: Readonly<Record<TrainingType, EligibilityRule>> = {
  pre_job: { requires: 'enterprise_employee', clause: '§13' },
  safety_skill: { requires: 'enterprise_employee', clause: '§13' },
  job_transfer: { requires: 'enterprise_employee', clause: '§13' },
  on_job: { requires: 'enterprise_employee', clause: '§1, §15' },
  off_job: { requires: 'enterprise_employee', clause: '§1, §15' },
  new_apprenticeship: { requires: 'enterprise_employee', clause: '§1, §15' },
  employment_skill: { requires: 'key_group', clause: '§2, §14' },
  skill_upgrade: { requires: 'key_group', clause: '§2, §14' },
  labour_preparation: { requires: 'key_group', clause: '§2, §14' },
  entrepreneurship: { requires: 'key_group', clause: '§2, §14' },
  high_skill: { requires: 'anyone', clause: '§5' },
};

export type SubsidySettings = {
  /** §15: 每人每年可参加补贴性培训不超过 3 次. */
  maxPerYear: number;
  /** §15 同一职业同一等级不可重复参加; OPEN whether across all years ('never', default) or within the year. */
  sameOccupationLevel: 'never' | 'within_year';
};
export const DEFAULT_SUBSIDY_SETTINGS: Readonly<SubsidySettings> = { maxPerYear: 3, sameOccupationLevel: 'never' };

export type PriorSubsidised = { year: number; occupationCode: string; levelCode: string; classId: string };

export type SubsidyOutlookInput = {
  /** The class enrolled in; a prior record of the same class is not counted against it (re-enrolment). */
  classId?: string;
  personCategoriesOnStart: readonly string[];
  trainingType: TrainingType;
  occupationCode: string;
  levelCode: string;
  /** YYYY-MM-DD. */
  startDate: string;
  /** The person is, on the start date, an employee of the enterprise that runs the class. */
  isEmployeeOfFilingEnterprise?: boolean;
  /** The class's funding route, when known: 'unsubsidised' classes subsidise nobody; 'poverty_project' only the registered poor. */
  fundingRoute?: FundingRoute;
  /** The person's subsidised trainings so far (each with its year on the same basis as completionYear). */
  priorSubsidised: readonly PriorSubsidised[];
  /** The calendar year the class completes (OPEN default basis); the start year when omitted. */
  completionYear?: number;
  settings: SubsidySettings;
};

export type SubsidyReason = { code: ErrorCode; params: Record<string, string | number>; clause: string };

export type SubsidyOutlook = {
  subsidised: boolean;
  /** §3: 15 CNY a day to a registered-poor trainee of a subsidised place. */
  livingAllowance: boolean;
  /** The clause the place is subsidised under, when it is. */
  clause: string | null;
  /** The year the limits were counted in. */
  year: number;
  /** Why not, every reason found (empty when subsidised). */
  reasons: SubsidyReason[];
  /** The settings applied, shown in the explanation (OPEN rules). */
  settings: SubsidySettings;
};

/** Whether this person's place will be subsidised, and every reason why not. */
export function subsidyOutlook(input: SubsidyOutlookInput): SubsidyOutlook {
  const { settings } = input;
  const year = input.completionYear ?? Number(input.startDate.slice(0, 4));
  const categories = input.personCategoriesOnStart;
  const reasons: SubsidyReason[] = [];
  const typeName = trainingTypeName(input.trainingType);
  const rule = SUBSIDY_ELIGIBILITY[input.trainingType];

  // The class itself
  if (input.fundingRoute === 'unsubsidised') reasons.push({ code: 'SUBSIDY_CLASS_NOT_SUBSIDISED', params: {}, clause: '§13' });
  else if (input.fundingRoute === 'poverty_project' && !categories.includes(REGISTERED_POOR))
    reasons.push({ code: 'SUBSIDY_CATEGORY_NOT_ELIGIBLE', params: { startDate: input.startDate, trainingType: typeName, eligible: categoryNames([REGISTERED_POOR]) }, clause: '§3' });
  // The person, on the start date
  else if (rule.requires === 'enterprise_employee' && input.isEmployeeOfFilingEnterprise !== true)
    reasons.push({ code: 'SUBSIDY_NOT_ENTERPRISE_EMPLOYEE', params: { startDate: input.startDate, trainingType: typeName }, clause: rule.clause });
  else if (rule.requires === 'key_group' && !categories.some((c) => KEY_GROUP_CATEGORIES.includes(c)))
    reasons.push({
      code: 'SUBSIDY_CATEGORY_NOT_ELIGIBLE',
      params: { startDate: input.startDate, trainingType: typeName, eligible: categoryNames(KEY_GROUP_CATEGORIES) },
      clause: rule.clause,
    });

  // §15 limits
  const others = input.priorSubsidised.filter((p) => p.classId !== input.classId);
  const inYear = new Set(others.filter((p) => p.year === year).map((p) => p.classId));
  if (inYear.size >= settings.maxPerYear)
    reasons.push({ code: 'SUBSIDY_YEARLY_LIMIT_REACHED', params: { year, count: inYear.size, max: settings.maxPerYear }, clause: '§15' });
  const same = others.find(
    (p) => p.occupationCode === input.occupationCode && p.levelCode === input.levelCode && (settings.sameOccupationLevel === 'never' || p.year === year),
  );
  if (same)
    reasons.push({
      code: 'SUBSIDY_SAME_OCCUPATION_LEVEL',
      params: { occupationCode: input.occupationCode, level: levelName(input.levelCode), year: same.year },
      clause: '§15',
    });

  const subsidised = reasons.length === 0;
  return {
    subsidised,
    livingAllowance: subsidised && categories.includes(REGISTERED_POOR),
    clause: subsidised ? (input.fundingRoute === 'poverty_project' ? '§3' : rule.clause) : null,
    year,
    reasons,
    settings: { ...settings },
  };
}

function categoryNames(codes: readonly string[]): string {
  return codes.map((c) => PERSON_CATEGORIES.find((p) => p.code === c)?.name ?? c).join('、');
}

function levelName(code: string): string {
  return SKILL_LEVELS.find((l) => l.code === code)?.name ?? code;
}

// ---------------------------------------------------------------------------------------------------------
// Timetable clashes: a person cannot be in two classes at once

export type TimedSession = { start: Instant; end: Instant };

function intervals(list: readonly TimedSession[]): { start: number; end: number; index: number }[] {
  return list
    .map((s, index) => {
      const start = parseInstant(s.start);
      const end = parseInstant(s.end);
      if (start === null || end === null) throw new TypeError(`session ${index} has a malformed instant`);
      return { start, end, index };
    })
    .sort((x, y) => x.start - y.start);
}

/**
 * The first pair (by start time) of a session of `a` and one of `b` that share time, as indices into the
 * given arrays, or null. Half-open intervals: a session ending at 12:00 and one starting at 12:00 do not clash.
 * O(n log n): both lists sorted, then one merge-like pass.
 */
export function findSessionOverlap(a: readonly TimedSession[], b: readonly TimedSession[]): { a: number; b: number; start: number } | null {
  const x = intervals(a);
  const y = intervals(b);
  let i = 0;
  let j = 0;
  while (i < x.length && j < y.length) {
    const p = x[i]!;
    const q = y[j]!;
    if (p.end <= q.start) i++;
    else if (q.end <= p.start) j++;
    else return { a: p.index, b: q.index, start: Math.max(p.start, q.start) };
  }
  return null;
}

/** Whether two classes' timetables share any time (a person cannot be in both). */
export function sessionsOverlap(a: readonly TimedSession[], b: readonly TimedSession[]): boolean {
  return findSessionOverlap(a, b) !== null;
}

/** One problem per other class (of the person's current enrolments) whose timetable clashes with this one. */
export function timetableClashes(sessions: readonly TimedSession[], others: readonly { classId: string; className?: string; sessions: readonly TimedSession[] }[]): Problem[] {
  const out: Problem[] = [];
  for (const other of others) {
    const clash = findSessionOverlap(sessions, other.sessions);
    if (clash) out.push(problem('classId', 'ENROLMENT_SESSIONS_OVERLAP', { className: other.className ?? other.classId, start: beijingDateTimeOf(clash.start) }));
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// Capacity

/** Places left (never negative). `enrolled` counts active enrolments only (not withdrawn). */
export function remainingPlaces(capacity: number, enrolled: number): number {
  return Math.max(0, capacity - enrolled);
}

/** CLASS_FULL when `adding` more people would exceed the filed capacity. */
export function checkCapacity(capacity: number, enrolled: number, adding = 1): Problem[] {
  return enrolled + adding <= capacity ? [] : [problem('classId', 'CLASS_FULL', { capacity, remaining: remainingPlaces(capacity, enrolled) })];
}
