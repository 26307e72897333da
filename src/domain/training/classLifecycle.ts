/**
 * The lifecycle of a training class (开班 → 结业 → 考核评价 → 归档), as one transition table (style.md,
 * "lifecycles as tables"): status → allowed next status × action × roles × guards × clause. The server
 * enforces it through checkClassTransition; the web shows the buttons allowedClassActions returns.
 *
 *   draft ─file→ filed ─approve→ approved ─start→ in_progress ─complete→ completed ─assess→ assessed ─close→ closed
 *                  │  ↑                    (the office: 审核备案, §12)
 *            return│  │refile
 *                  ↓  │
 *               returned
 *   draft, filed, returned, approved ─cancel→ cancelled
 *
 * Roles: the institution or enterprise that runs the class (its own classes only: guard `owner`); the county
 * office approves or returns filings of its own reporting unit (guard `in_unit`), and the city office those
 * filed with the city (§12: 向同级人社部门申请审核备案 — the caller passes inUnit = true for a city-wide
 * official); the assessment (§10 考核评价) is recorded by the evaluation body assigned to the class, which
 * acts with role 'institution' (an evaluation institution's account) — or 'enterprise' for an enterprise filed
 * for its own skill-level evaluation (§10 支持企业按规定自主开展职业技能等级评价) — and `isEvaluator = true`.
 */
import type { Role } from '../auth/permissions.ts';
import { problem, type Problem } from '../registry/problems.ts';
import { addDays } from './calendar.ts';

export const CLASS_STATUSES = ['draft', 'filed', 'returned', 'approved', 'in_progress', 'completed', 'assessed', 'closed', 'cancelled'] as const;
export type ClassStatus = (typeof CLASS_STATUSES)[number];

export const CLASS_STATUS_LABELS: Readonly<Record<ClassStatus, { name: string; nameEn: string }>> = {
  draft: { name: '草稿', nameEn: 'Draft' },
  filed: { name: '已备案待审核', nameEn: 'Filed, awaiting review' },
  returned: { name: '已退回', nameEn: 'Returned' },
  approved: { name: '审核通过', nameEn: 'Approved' },
  in_progress: { name: '培训中', nameEn: 'In progress' },
  completed: { name: '已结业', nameEn: 'Completed' },
  assessed: { name: '已考核', nameEn: 'Assessed' },
  closed: { name: '已归档', nameEn: 'Closed' },
  cancelled: { name: '已撤销', nameEn: 'Cancelled' },
};

export const CLASS_ACTIONS = ['file', 'approve', 'return', 'refile', 'start', 'complete', 'assess', 'close', 'cancel'] as const;
export type ClassAction = (typeof CLASS_ACTIONS)[number];

export const CLASS_ACTION_LABELS: Readonly<Record<ClassAction, { name: string; nameEn: string }>> = {
  file: { name: '提交备案', nameEn: 'File' },
  approve: { name: '审核通过', nameEn: 'Approve' },
  return: { name: '退回', nameEn: 'Return' },
  refile: { name: '重新备案', nameEn: 'Refile' },
  start: { name: '开班', nameEn: 'Start' },
  complete: { name: '结业', nameEn: 'Complete' },
  assess: { name: '录入考核结果', nameEn: 'Record assessment' },
  close: { name: '归档', nameEn: 'Close' },
  cancel: { name: '撤销', nameEn: 'Cancel' },
};

/**
 * Guards, in three families:
 * - who (a failing one hides the button): `owner` — the acting organisation runs this class; `in_unit` — the
 *   official's jurisdiction covers the class; `evaluator` — the acting organisation is the class's evaluation body.
 * - when (a failing one disables the button, with the problem as its explanation): `filing_deadline` — today is at
 *   least minDaysBeforeStart days before the start date; `not_after_start` — today is not after the start date;
 *   `start_date_reached` — today is on or after the start date; `attendance_complete` — every session is over
 *   and its attendance settled (no manual mark awaiting confirmation).
 * - input (given with the action, in its dialog): `return_reasons`, `cancel_reason`.
 */
export const CLASS_GUARDS = [
  'owner',
  'in_unit',
  'evaluator',
  'filing_deadline',
  'not_after_start',
  'start_date_reached',
  'attendance_complete',
  'return_reasons',
  'cancel_reason',
] as const;
export type ClassGuard = (typeof CLASS_GUARDS)[number];

const WHO: ReadonlySet<ClassGuard> = new Set(['owner', 'in_unit', 'evaluator']);
const INPUT: ReadonlySet<ClassGuard> = new Set(['return_reasons', 'cancel_reason']);

export type ClassTransition = {
  from: ClassStatus;
  to: ClassStatus;
  action: ClassAction;
  roles: readonly Role[];
  /** All must hold. */
  guards: readonly ClassGuard[];
  clause: string;
};

const RUNNER: readonly Role[] = ['institution', 'enterprise'];
const OFFICE: readonly Role[] = ['county_office', 'city_office'];

/**
 * The one table. Anything not listed is refused. Several rows may share (from, to) for different roles
 * (cancel by the runner or by the office); for one role, (from, to) names at most one row.
 * The filing deadline is OPEN in the document: a setting, default DEFAULT_MIN_DAYS_BEFORE_START.
 */
export const CLASS_TRANSITIONS: readonly ClassTransition[] = [
  { from: 'draft', to: 'filed', action: 'file', roles: RUNNER, guards: ['owner', 'filing_deadline'], clause: '§7, §12' },
  { from: 'filed', to: 'approved', action: 'approve', roles: OFFICE, guards: ['in_unit', 'not_after_start'], clause: '§12' },
  { from: 'filed', to: 'returned', action: 'return', roles: OFFICE, guards: ['in_unit', 'return_reasons'], clause: '§12' },
  { from: 'returned', to: 'filed', action: 'refile', roles: RUNNER, guards: ['owner', 'filing_deadline'], clause: '§7, §12' },
  { from: 'approved', to: 'in_progress', action: 'start', roles: RUNNER, guards: ['owner', 'start_date_reached'], clause: '§9' },
  { from: 'in_progress', to: 'completed', action: 'complete', roles: RUNNER, guards: ['owner', 'attendance_complete'], clause: '§9, §10' },
  { from: 'completed', to: 'assessed', action: 'assess', roles: ['institution', 'enterprise'], guards: ['evaluator'], clause: '§10' },
  { from: 'assessed', to: 'closed', action: 'close', roles: RUNNER, guards: ['owner'], clause: '§9' },
  { from: 'draft', to: 'cancelled', action: 'cancel', roles: RUNNER, guards: ['owner'], clause: '§12' },
  { from: 'filed', to: 'cancelled', action: 'cancel', roles: RUNNER, guards: ['owner', 'cancel_reason'], clause: '§12' },
  { from: 'returned', to: 'cancelled', action: 'cancel', roles: RUNNER, guards: ['owner', 'cancel_reason'], clause: '§12' },
  { from: 'approved', to: 'cancelled', action: 'cancel', roles: RUNNER, guards: ['owner', 'cancel_reason'], clause: '§12' },
  { from: 'filed', to: 'cancelled', action: 'cancel', roles: OFFICE, guards: ['in_unit', 'cancel_reason'], clause: '§12, §17' },
  { from: 'approved', to: 'cancelled', action: 'cancel', roles: OFFICE, guards: ['in_unit', 'cancel_reason'], clause: '§12, §17' },
];

/** OPEN (the document sets no deadline): file at least this many days before the class starts. */
export const DEFAULT_MIN_DAYS_BEFORE_START = 7;

export type ClassTransitionContext = {
  role: Role;
  /** The acting organisation runs this class (institution or enterprise accounts). */
  isOwner: boolean;
  /** The official's jurisdiction covers the class (county: the class's reporting unit; city: always). */
  inUnit: boolean;
  /** The acting organisation is the evaluation body assigned to the class (§10). */
  isEvaluator: boolean;
  /** Asia/Shanghai calendar day, YYYY-MM-DD. */
  today: string;
  /** The class's first day, YYYY-MM-DD. */
  startDate: string;
  /** Setting (OPEN); DEFAULT_MIN_DAYS_BEFORE_START when omitted. */
  minDaysBeforeStart?: number;
  /** Every session is over and its attendance settled (see attendance.ts). */
  attendanceComplete?: boolean;
  /** The reasons for a return or a cancellation were given. */
  hasReasons?: boolean;
};

export type ClassTransitionCheck = { ok: true; transition: ClassTransition } | { ok: false; problems: Problem[] };

/** The latest day a class starting on `startDate` may be filed. */
export function latestFilingDate(startDate: string, minDaysBeforeStart = DEFAULT_MIN_DAYS_BEFORE_START): string {
  return addDays(startDate, -minDaysBeforeStart);
}

/** Checks one status change against the table: the row exists, the role may take it, every guard holds. */
export function checkClassTransition(from: ClassStatus, to: ClassStatus, ctx: ClassTransitionContext): ClassTransitionCheck {
  const rows = CLASS_TRANSITIONS.filter((t) => t.from === from && t.to === to);
  if (rows.length === 0) return { ok: false, problems: [problem('status', 'CLASS_TRANSITION_INVALID', { from, to })] };
  const transition = rows.find((t) => t.roles.includes(ctx.role));
  if (!transition) return { ok: false, problems: [problem('status', 'CLASS_ACTION_FORBIDDEN', { role: ctx.role, action: rows[0]!.action })] };
  const problems = transition.guards.flatMap((g) => guardProblems(g, ctx));
  // A refused "who" guard is the whole answer: telling a stranger about dates would leak the class.
  const who = problems.filter((p) => WHO_CODES.has(p.code));
  if (who.length > 0) return { ok: false, problems: who };
  return problems.length > 0 ? { ok: false, problems } : { ok: true, transition };
}

/** Checks an action (rather than a target status) from `from`. */
export function checkClassAction(from: ClassStatus, action: ClassAction, ctx: ClassTransitionContext): ClassTransitionCheck {
  const rows = CLASS_TRANSITIONS.filter((t) => t.from === from && t.action === action);
  if (rows.length === 0) return { ok: false, problems: [problem('status', 'CLASS_ACTION_NOT_AVAILABLE', { from, action })] };
  return checkClassTransition(from, (rows.find((t) => t.roles.includes(ctx.role)) ?? rows[0]!).to, ctx);
}

export type ClassActionOption = {
  action: ClassAction;
  to: ClassStatus;
  clause: string;
  /** false: show the button disabled, with `problems` as the reason (a deadline passed, attendance open). */
  enabled: boolean;
  problems: Problem[];
  /** The dialog must ask for reasons (return, cancel after filing). */
  needsReasons: boolean;
};

/**
 * The actions the web may offer on a class in `status`: rows whose role matches and whose "who" guards hold.
 * "When" guards decide `enabled`; "input" guards only set `needsReasons` (the reasons come with the action).
 */
export function allowedClassActions(status: ClassStatus, ctx: Omit<ClassTransitionContext, 'hasReasons'>): ClassActionOption[] {
  const out: ClassActionOption[] = [];
  for (const t of CLASS_TRANSITIONS) {
    if (t.from !== status || !t.roles.includes(ctx.role)) continue;
    if (t.guards.some((g) => WHO.has(g) && guardProblems(g, ctx).length > 0)) continue;
    const problems = t.guards.filter((g) => !WHO.has(g) && !INPUT.has(g)).flatMap((g) => guardProblems(g, ctx));
    out.push({ action: t.action, to: t.to, clause: t.clause, enabled: problems.length === 0, problems, needsReasons: t.guards.some((g) => INPUT.has(g)) });
  }
  return out;
}

const WHO_CODES: ReadonlySet<string> = new Set(['CLASS_NOT_OWNER', 'CLASS_OUT_OF_SCOPE', 'CLASS_NOT_EVALUATOR']);

function guardProblems(guard: ClassGuard, ctx: Omit<ClassTransitionContext, 'hasReasons'> & { hasReasons?: boolean }): Problem[] {
  switch (guard) {
    case 'owner':
      return ctx.isOwner ? [] : [problem('status', 'CLASS_NOT_OWNER')];
    case 'in_unit':
      return ctx.inUnit ? [] : [problem('status', 'CLASS_OUT_OF_SCOPE')];
    case 'evaluator':
      return ctx.isEvaluator ? [] : [problem('status', 'CLASS_NOT_EVALUATOR')];
    case 'filing_deadline': {
      const days = ctx.minDaysBeforeStart ?? DEFAULT_MIN_DAYS_BEFORE_START;
      const latest = latestFilingDate(ctx.startDate, days);
      return ctx.today <= latest ? [] : [problem('startDate', 'CLASS_FILED_TOO_LATE', { days, startDate: ctx.startDate, latest, today: ctx.today })];
    }
    case 'not_after_start':
      return ctx.today <= ctx.startDate ? [] : [problem('startDate', 'CLASS_APPROVAL_AFTER_START', { startDate: ctx.startDate })];
    case 'start_date_reached':
      return ctx.today >= ctx.startDate ? [] : [problem('startDate', 'CLASS_NOT_STARTED', { startDate: ctx.startDate })];
    case 'attendance_complete':
      return ctx.attendanceComplete === true ? [] : [problem('attendance', 'CLASS_ATTENDANCE_INCOMPLETE')];
    case 'return_reasons':
      return ctx.hasReasons === true ? [] : [problem('reasons', 'CLASS_RETURN_REASON_REQUIRED')];
    case 'cancel_reason':
      return ctx.hasReasons === true ? [] : [problem('reasons', 'CLASS_CANCEL_REASON_REQUIRED')];
  }
}
