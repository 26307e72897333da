/**
 * The annual catalogs (§12 目录清单管理): the training-project catalog — occupation × level × training
 * type with standard hours, teaching plan, syllabus and the subsidy standard per person — and the
 * institution catalog (which institutions may run which projects that year). Drafted, reviewed and
 * published by the city office; a published catalog never changes, a change is a new version.
 */
import { AppError } from '../errors.ts';
import { TRAINING_TYPES, SKILL_LEVELS } from '../reference/catalog.ts';
import { FUNDING_ROUTES } from '../training/classFiling.ts';

export const CATALOG_KINDS = ['projects', 'institutions'] as const;
export type CatalogKind = (typeof CATALOG_KINDS)[number];

export const CATALOG_STATUSES = ['draft', 'in_review', 'published', 'superseded'] as const;
export type CatalogStatus = (typeof CATALOG_STATUSES)[number];

export type CatalogTransition = { from: CatalogStatus; to: CatalogStatus; action: 'submit' | 'return' | 'publish'; clause: string; needsReason: boolean };

/**
 * The one table of catalog status changes, all by the city office (§12, §保障(二) 人社部门…制定年度工作计划).
 * Publishing a version supersedes the year's previously published one of the same kind.
 */
export const CATALOG_TRANSITIONS: readonly CatalogTransition[] = [
  { from: 'draft', to: 'in_review', action: 'submit', clause: '§12', needsReason: false },
  { from: 'in_review', to: 'draft', action: 'return', clause: '§12', needsReason: true },
  { from: 'in_review', to: 'published', action: 'publish', clause: '§12', needsReason: false },
];

export function catalogTransition(from: CatalogStatus, action: CatalogTransition['action'], reason?: string | null): CatalogTransition {
  const t = CATALOG_TRANSITIONS.find((x) => x.from === from && x.action === action);
  if (!t) throw new AppError('CATALOG_TRANSITION_INVALID', { from, action });
  if (t.needsReason && !reason?.trim()) throw new AppError('CATALOG_REASON_REQUIRED', {}, 'reason');
  return t;
}

export function allowedCatalogActions(status: CatalogStatus): CatalogTransition['action'][] {
  return CATALOG_TRANSITIONS.filter((t) => t.from === status).map((t) => t.action);
}

/** Only a draft can be edited; anything else is a new version. */
export function assertEditable(status: CatalogStatus): void {
  if (status !== 'draft') throw new AppError('CATALOG_NOT_EDITABLE', { status });
}

/** §14: key-group training (就业技能、职业技能提升、劳动预备…) is subsidised at most 1000 CNY a person. */
export const KEY_GROUP_TYPES: readonly string[] = FUNDING_ROUTES.find((r) => r.code === 'key_group')!.trainingTypes;
export const KEY_GROUP_CAP_FEN = 100_000;

export type ProjectInput = {
  occupationCode: string;
  levelCode: string;
  trainingType: string;
  standardHours: number;
  teachingPlanRef: string;
  syllabusRef: string;
  subsidyFen: number;
};

export type ProjectProblem = { field: keyof ProjectInput; code: 'CATALOG_PROJECT_INVALID' | 'CATALOG_SUBSIDY_OVER_CAP'; params: Record<string, string | number> };

/** Checks one project of the catalog; money is integer fen. */
export function checkProject(p: ProjectInput, knownOccupations: ReadonlySet<string>): ProjectProblem[] {
  const problems: ProjectProblem[] = [];
  const bad = (field: keyof ProjectInput, reason: string) => problems.push({ field, code: 'CATALOG_PROJECT_INVALID', params: { field, reason } });
  if (!knownOccupations.has(p.occupationCode)) bad('occupationCode', '不在职业目录中 / not in the occupation list');
  if (!SKILL_LEVELS.some((l) => l.code === p.levelCode)) bad('levelCode', '未知等级 / unknown level');
  if (!TRAINING_TYPES.some((t) => t.code === p.trainingType)) bad('trainingType', '未知培训类型 / unknown training type');
  if (!Number.isInteger(p.standardHours) || p.standardHours < 8 || p.standardHours > 2000) bad('standardHours', '8–2000 课时 / 8–2000 hours');
  if (!p.teachingPlanRef.trim()) bad('teachingPlanRef', '须注明教学计划 / a teaching plan is required (§7)');
  if (!p.syllabusRef.trim()) bad('syllabusRef', '须注明教学大纲 / a syllabus is required (§7)');
  if (!Number.isSafeInteger(p.subsidyFen) || p.subsidyFen < 0) bad('subsidyFen', '须为非负整数（分）/ a whole number of fen');
  else if (KEY_GROUP_TYPES.includes(p.trainingType) && p.subsidyFen > KEY_GROUP_CAP_FEN) {
    problems.push({ field: 'subsidyFen', code: 'CATALOG_SUBSIDY_OVER_CAP', params: { capYuan: KEY_GROUP_CAP_FEN / 100 } });
  }
  return problems;
}
