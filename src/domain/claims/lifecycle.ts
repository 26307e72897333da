/**
 * The lifecycle of a subsidy claim (补贴申领, issue #5; seed §15–§17), as one transition table:
 *
 *   submitted ─county_approve→ announcing ─city_approve→ approved ─pay→ paid
 *       │  ↑                      │   (公示: the class, the masked roster and the amounts, for an
 *  county_return│ resubmit   city_return   objection window; objections recorded and answered)
 *       ↓  │                      ↓
 *     returned ←──────────────────┘
 *   submitted, returned ─withdraw→ withdrawn          announcing, approved ─reject→ rejected
 *
 * Who: the claimant (the institution that ran the class, or the enterprise for §13) submits, resubmits and
 * withdraws its own claims; the county office of the class's unit does the first review; the city office the
 * final review (and may reject outright, e.g. on fraud, §17); finance pays. Nobody types amounts: the platform
 * prices the claim (src/domain/subsidy) and reviewers may only refuse single lines with reasons.
 */
import type { Role } from '../auth/permissions.ts';

export const CLAIM_STATUSES = ['submitted', 'returned', 'announcing', 'approved', 'paid', 'rejected', 'withdrawn'] as const;
export type ClaimStatus = (typeof CLAIM_STATUSES)[number];

export const CLAIM_STATUS_LABELS: Readonly<Record<ClaimStatus, { name: string; nameEn: string }>> = {
  submitted: { name: '待县区初审', nameEn: 'Awaiting county review' },
  returned: { name: '已退回', nameEn: 'Returned' },
  announcing: { name: '公示中', nameEn: 'Public announcement' },
  approved: { name: '待拨付', nameEn: 'Approved, awaiting payment' },
  paid: { name: '已拨付', nameEn: 'Paid' },
  rejected: { name: '不予补贴', nameEn: 'Rejected' },
  withdrawn: { name: '已撤回', nameEn: 'Withdrawn' },
};

export const CLAIM_ACTIONS = ['county_approve', 'county_return', 'resubmit', 'withdraw', 'city_approve', 'city_return', 'reject', 'pay'] as const;
export type ClaimAction = (typeof CLAIM_ACTIONS)[number];

export const CLAIM_ACTION_LABELS: Readonly<Record<ClaimAction, { name: string; nameEn: string }>> = {
  county_approve: { name: '初审通过并公示', nameEn: 'Approve and announce' },
  county_return: { name: '退回', nameEn: 'Return' },
  resubmit: { name: '重新提交', nameEn: 'Resubmit' },
  withdraw: { name: '撤回', nameEn: 'Withdraw' },
  city_approve: { name: '终审通过', nameEn: 'Final approval' },
  city_return: { name: '退回', nameEn: 'Return' },
  reject: { name: '不予补贴', nameEn: 'Reject' },
  pay: { name: '拨付', nameEn: 'Pay' },
};

/**
 * Guards: who — `claimant` (the acting organisation made the claim), `in_unit` (the official's jurisdiction covers
 * the claim's unit); when — `window_closed` (the announcement's objection window has ended), `objections_answered`
 * (every objection has an answer); input — `reasons`.
 */
export type ClaimGuard = 'claimant' | 'in_unit' | 'window_closed' | 'objections_answered' | 'reasons';

export type ClaimTransition = { from: ClaimStatus; to: ClaimStatus; action: ClaimAction; roles: readonly Role[]; guards: readonly ClaimGuard[]; clause: string };

const CLAIMANT: readonly Role[] = ['institution', 'enterprise'];

export const CLAIM_TRANSITIONS: readonly ClaimTransition[] = [
  { from: 'submitted', to: 'announcing', action: 'county_approve', roles: ['county_office'], guards: ['in_unit'], clause: '§17' },
  { from: 'submitted', to: 'returned', action: 'county_return', roles: ['county_office'], guards: ['in_unit', 'reasons'], clause: '§17' },
  { from: 'returned', to: 'submitted', action: 'resubmit', roles: CLAIMANT, guards: ['claimant'], clause: '§15' },
  { from: 'submitted', to: 'withdrawn', action: 'withdraw', roles: CLAIMANT, guards: ['claimant'], clause: '§15' },
  { from: 'returned', to: 'withdrawn', action: 'withdraw', roles: CLAIMANT, guards: ['claimant'], clause: '§15' },
  { from: 'announcing', to: 'approved', action: 'city_approve', roles: ['city_office'], guards: ['in_unit', 'window_closed', 'objections_answered'], clause: '§16, §17' },
  { from: 'announcing', to: 'returned', action: 'city_return', roles: ['city_office'], guards: ['in_unit', 'reasons'], clause: '§17' },
  { from: 'announcing', to: 'rejected', action: 'reject', roles: ['city_office'], guards: ['in_unit', 'reasons'], clause: '§17' },
  { from: 'approved', to: 'rejected', action: 'reject', roles: ['city_office'], guards: ['in_unit', 'reasons'], clause: '§17' },
  { from: 'approved', to: 'paid', action: 'pay', roles: ['finance'], guards: ['in_unit'], clause: '§16, §17' },
];

export type ClaimContext = {
  role: Role;
  isClaimant: boolean;
  inUnit: boolean;
  /** Asia/Shanghai day. */
  today: string;
  /** The last day objections are accepted (null before the announcement). */
  windowEnd: string | null;
  openObjections: number;
  hasReasons?: boolean;
};

export type ClaimProblem = { code: 'CLAIM_ACTION_NOT_AVAILABLE' | 'CLAIM_ACTION_FORBIDDEN' | 'CLAIM_NOT_CLAIMANT' | 'CLAIM_OUT_OF_SCOPE' | 'CLAIM_WINDOW_OPEN' | 'CLAIM_OBJECTIONS_OPEN' | 'CLAIM_REASON_REQUIRED'; params: Record<string, string | number> };

export type ClaimCheck = { ok: true; transition: ClaimTransition } | { ok: false; problems: ClaimProblem[] };

const WHO: ReadonlySet<ClaimGuard> = new Set(['claimant', 'in_unit']);

function guardProblem(g: ClaimGuard, ctx: ClaimContext): ClaimProblem | null {
  switch (g) {
    case 'claimant':
      return ctx.isClaimant ? null : { code: 'CLAIM_NOT_CLAIMANT', params: {} };
    case 'in_unit':
      return ctx.inUnit ? null : { code: 'CLAIM_OUT_OF_SCOPE', params: {} };
    case 'window_closed':
      return ctx.windowEnd !== null && ctx.today > ctx.windowEnd ? null : { code: 'CLAIM_WINDOW_OPEN', params: { windowEnd: ctx.windowEnd ?? '—' } };
    case 'objections_answered':
      return ctx.openObjections === 0 ? null : { code: 'CLAIM_OBJECTIONS_OPEN', params: { count: ctx.openObjections } };
    case 'reasons':
      return ctx.hasReasons ? null : { code: 'CLAIM_REASON_REQUIRED', params: {} };
  }
}

/** Checks an action against the table: the row, the role, then every guard ("who" failures alone, so nothing leaks). */
export function checkClaimAction(from: ClaimStatus, action: ClaimAction, ctx: ClaimContext): ClaimCheck {
  const rows = CLAIM_TRANSITIONS.filter((t) => t.from === from && t.action === action);
  if (rows.length === 0) return { ok: false, problems: [{ code: 'CLAIM_ACTION_NOT_AVAILABLE', params: { from, action } }] };
  const t = rows.find((r) => r.roles.includes(ctx.role));
  if (!t) return { ok: false, problems: [{ code: 'CLAIM_ACTION_FORBIDDEN', params: { role: ctx.role, action } }] };
  const who = t.guards.filter((g) => WHO.has(g)).map((g) => guardProblem(g, ctx)).filter((p): p is ClaimProblem => p !== null);
  if (who.length) return { ok: false, problems: who };
  const rest = t.guards.filter((g) => !WHO.has(g)).map((g) => guardProblem(g, ctx)).filter((p): p is ClaimProblem => p !== null);
  return rest.length ? { ok: false, problems: rest } : { ok: true, transition: t };
}

export type ClaimActionOption = { action: ClaimAction; to: ClaimStatus; enabled: boolean; problems: ClaimProblem[]; needsReasons: boolean; clause: string };

/** The buttons the web shows: rows the role may take whose "who" guards hold; "when" guards decide `enabled`. */
export function allowedClaimActions(status: ClaimStatus, ctx: Omit<ClaimContext, 'hasReasons'>): ClaimActionOption[] {
  const out: ClaimActionOption[] = [];
  for (const t of CLAIM_TRANSITIONS) {
    if (t.from !== status || !t.roles.includes(ctx.role)) continue;
    if (t.guards.some((g) => WHO.has(g) && guardProblem(g, { ...ctx, hasReasons: true }) !== null)) continue;
    const problems = t.guards
      .filter((g) => !WHO.has(g) && g !== 'reasons')
      .map((g) => guardProblem(g, { ...ctx, hasReasons: true }))
      .filter((p): p is ClaimProblem => p !== null);
    out.push({ action: t.action, to: t.to, enabled: problems.length === 0, problems, needsReasons: t.guards.includes('reasons'), clause: t.clause });
  }
  return out;
}
