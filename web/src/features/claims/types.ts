/** Shapes of the claims, funds and ledger API (src/http/routes/claims.ts; OpenAPI at /docs). Money is integer fen. */

import type { ApiProblem } from '../classes/types';

/** In the order of the flow: first review, announcement, payment, then the side exits. */
export const CLAIM_STATUSES = ['submitted', 'announcing', 'approved', 'paid', 'returned', 'rejected', 'withdrawn'] as const;
export type ClaimStatus = (typeof CLAIM_STATUSES)[number];

export const CLAIM_ACTIONS = ['county_approve', 'county_return', 'resubmit', 'withdraw', 'city_approve', 'city_return', 'reject', 'pay'] as const;
export type ClaimAction = (typeof CLAIM_ACTIONS)[number];

/** The kinds of subsidy line (src/domain/subsidy/rules.ts PAYMENT_KINDS). */
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

/** Rule kinds in a trace: the payment kinds and the limits. */
export const LIMIT_KINDS = [
  'limit_per_year',
  'limit_same_occupation_level',
  'limit_high_skill_on_certificate',
  'limit_living_allowance_days',
  'limit_one_training_subsidy',
] as const;
export type LimitKind = (typeof LIMIT_KINDS)[number];

/** GET /api/claims items, and `claim` of GET /api/claims/:id. */
export type ClaimSummary = {
  id: string;
  classId: string;
  classCode: string;
  className: string;
  orgId: string;
  orgName: string;
  unitCode: string;
  unitName: string;
  status: ClaimStatus;
  statusName: string;
  year: number;
  round: number;
  /** Sum of the lines not refused. */
  totalFen: number;
  submittedAt: string | null;
  announcedOn: string | null;
  /** The last day objections are accepted. */
  windowEnd: string | null;
};

export type ClaimLine = {
  id: string;
  workerId: string | null;
  workerName: string | null;
  idMasked: string | null;
  kind: string;
  ruleId: string;
  ruleVersion: string;
  clause: string;
  amountFen: number;
  payeeKind: 'organisation' | 'worker' | string;
  payeeName: string | null;
  fund: string;
  fundName: string;
  basis: string;
  basisEn?: string;
  refused: { reason: string; stage: string | null; at: string } | null;
};

export type TraceOutcome = 'applied' | 'refused' | 'not_applicable';

export type TraceEntry = {
  ruleId: string;
  ruleVersion: string | null;
  kind: string;
  clause: string;
  outcome: TraceOutcome;
  code: string;
  message: string;
  messageEn: string;
  params?: Record<string, unknown>;
};

export type PersonTrace = { workerId: string; name: string; idMasked: string; totalFen: number; trace: TraceEntry[] };

export type ClaimDecision = { action: string; fromStatus: string | null; toStatus: string; reasons: string | null; actorName: string | null; at: string };

export type Objection = {
  id: string;
  text: string;
  contact: string | null;
  submittedAt: string;
  answer: string | null;
  upheld: boolean | null;
  answeredAt: string | null;
};

export type ClaimActionOption = {
  action: ClaimAction;
  to: ClaimStatus;
  enabled: boolean;
  needsReasons: boolean;
  clause: string;
  problems: ApiProblem[];
};

/** GET /api/claims/:id */
export type ClaimView = {
  claim: ClaimSummary;
  lines: ClaimLine[];
  traces: PersonTrace[];
  decisions: ClaimDecision[];
  objections: Objection[];
  actions: ClaimActionOption[];
  mayRefuseLines: boolean;
};

/** GET /api/classes/:id/claim-preview (ClassPricing): nothing stored. */
export type PreviewLine = {
  kind: string;
  ruleId: string;
  ruleVersion: string;
  clause: string;
  amountFen: number;
  payee: { kind: 'enterprise' | 'institution' | 'trainee'; id: string };
  fund: string;
  basis: string;
  basisEn: string;
};
export type EnrolmentPricing = { personId: string; classId: string; year: number; lines: PreviewLine[]; trace: TraceEntry[]; totalFen: number };
export type ClassPricing = {
  classId: string;
  enrolments: EnrolmentPricing[];
  totalFen: number;
  byFund: { fund: string; amountFen: number }[];
  byPayee: { payee: { kind: string; id: string }; fund: string; amountFen: number }[];
};

/** POST /api/claims/:id/actions */
export type ActionResult = { status: ClaimStatus; voucher: string | null; replayed: boolean };
/** POST /api/claims/pay-batch */
export type BatchResult = { batch: string; paid: { claimId: string; voucher: string; replayed: boolean }[] };

/** Public announcement (公示), no sign-in. */
export type PublicAnnouncement = {
  id: string;
  classCode: string;
  className: string;
  orgName: string;
  unitName: string;
  startDate: string;
  endDate: string;
  totalFen: number;
  announcedOn: string | null;
  windowEnd: string | null;
  status: string;
  statusName: string;
};
export type PublicRosterRow = {
  name: string;
  idMasked: string;
  totalFen: number;
  items: { kind: string; amountFen: number; clause: string; fundName: string }[];
};
export type PublicAnnouncementView = { claim: PublicAnnouncement; roster: PublicRosterRow[]; objectionsOpen: boolean };

/** GET /api/funds/balances */
export type FundBalance = {
  fund: string;
  fundName: string;
  unitCode: string;
  unitName: string;
  year: number;
  granted: number;
  paid: number;
  available: number;
};

export type LedgerEntry = {
  account: string;
  fund: string;
  unitCode: string;
  year: number;
  debitFen: number | string;
  creditFen: number | string;
  claimLineId: string | null;
  payeeKind: 'organisation' | 'worker' | null;
  payeeId: string | null;
  memo: string | null;
};
export type LedgerKind = 'budget' | 'payment' | 'reversal';
export type LedgerTransaction = {
  seq: number;
  id: string;
  kind: LedgerKind;
  at: string;
  idempotencyKey: string;
  claimId: string | null;
  reversesTxnId: string | null;
  voucher: string;
  memo: string;
  prevHash: string;
  hash: string;
  entries: LedgerEntry[];
};

/** GET /api/ledger/verify */
export type LedgerVerification =
  | { ok: true; transactions: number; lastSeq: number }
  | { ok: false; transactions: number; problem: { seq: number; kind: string; expected?: number; detail?: string } };

/** POST /api/funds/budgets, POST /api/ledger/:seq/reverse */
export type Posted = { seq: number; id: string; voucher: string; replayed: boolean };

/** POST /api/subsidy/whatif */
export type WhatIfRow = { unitCode: string; fund: string; baseFen: number; whatIfFen: number; diffFen: number };
export type WhatIfResult = {
  year: number;
  enrolments: number;
  classes: number;
  rows: WhatIfRow[];
  total: { baseFen: number; whatIfFen: number; diffFen: number };
};
