/** Shapes of the classes, enrolment, attendance and assessment API (docs/api-training.md; OpenAPI at /docs). */

import type { LocalizedText } from '../../app/api';

export const CLASS_STATUSES = [
  'draft',
  'filed',
  'returned',
  'approved',
  'in_progress',
  'completed',
  'assessed',
  'closed',
  'cancelled',
] as const;
export type ClassStatus = (typeof CLASS_STATUSES)[number];

export const CLASS_ACTIONS = ['file', 'approve', 'return', 'refile', 'start', 'complete', 'assess', 'close', 'cancel'] as const;
export type ClassAction = (typeof CLASS_ACTIONS)[number];

/**
 * One problem or warning as the API words it: `message` in Chinese (or both languages as an object) and
 * `messageEn` in English.
 */
export type ApiProblem = {
  code: string;
  message?: string | LocalizedText;
  messageEn?: string;
  field?: string;
  clause?: string;
  params?: Record<string, unknown>;
};

export type ClassSummary = {
  id: string;
  code: string | null;
  name: string;
  status: ClassStatus;
  statusName?: string;
  orgId: string;
  orgName: string;
  unitCode: string;
  unitName: string;
  unitNameEn?: string | null;
  occupationCode: string;
  occupationName: string | null;
  levelCode: string;
  levelName: string | null;
  trainingType: string;
  trainingTypeName: string | null;
  startDate: string;
  endDate: string;
  capacity: number;
  enrolled: number;
  inCatalog: boolean;
  evaluatorOrgName: string | null;
};

export type Venue = { address: string; lat: number | null; lng: number | null };
export type Teacher = { name: string; qualification?: string | null };

export type ClassDetail = ClassSummary & {
  venue: Venue;
  teachers: Teacher[];
  assessmentPlan: string;
  responsibleDepartment: string;
  fundingRoute: string;
  certificateType: string | null;
  standardHours: number;
  subsidyFen: number | null;
  scheduledMinutes: number | null;
  scheduledDays: number | null;
  evaluatorOrgId: string | null;
  projectReviewNote: string | null;
  catalogProjectId: string | null;
};

export type ClassSession = { id: string; seq: number; start: string; end: string; minutes: number };

export type ClassDecision = {
  action: string;
  fromStatus: string | null;
  toStatus: string;
  reasons: unknown;
  actorName: string | null;
  at: string;
};

export type ClassActionOption = {
  action: ClassAction;
  to: ClassStatus;
  enabled: boolean;
  problems: ApiProblem[];
  needsReasons: boolean;
  clause: string;
};

export type TrainingSettings = { filingMinDays: number; scanToleranceMinutes: number; completionPercent: number };

/** GET /api/classes/:id */
export type ClassView = {
  class: ClassDetail;
  sessions: ClassSession[];
  decisions: ClassDecision[];
  actions: ClassActionOption[];
  warnings: ApiProblem[];
  settings: TrainingSettings;
};

/** POST/PUT /api/classes body. */
export type ClassFilingBody = {
  name: string;
  project: {
    catalogProjectId: string | null;
    occupationCode: string;
    levelCode: string;
    trainingType: string;
    standardHours: number;
  };
  unitCode: string;
  venue: { address: string; lat: number; lng: number };
  startDate: string;
  endDate: string;
  sessions: { start: string; end: string }[];
  capacity: number;
  teachers: { name: string; qualification?: string }[];
  assessmentPlan: string;
  responsibleDepartment: string;
  fundingRoute: string;
  evaluatorOrgId?: string;
  certificateType?: string;
};

export type SubsidyOutlook = {
  subsidised: boolean;
  livingAllowance: boolean;
  clause?: string | null;
  year?: number;
  reasons: ApiProblem[];
};

/** POST …/enrolments/preview and POST …/enrolments */
export type EnrolmentPreview = {
  worker: { id: string; name: string; idMasked: string; unitName: string | null };
  outlook: SubsidyOutlook;
  /** Preview only: what would refuse the enrolment outright (duplicate, capacity, timetable clash…). */
  problems?: ApiProblem[];
};

export type AssessmentResult = 'pass' | 'fail' | 'absent';

export type EnrolmentRow = {
  id: string;
  workerId: string;
  name: string;
  idMasked: string;
  status: 'active' | 'withdrawn';
  subsidised: boolean;
  livingAllowance: boolean;
  reasons: ApiProblem[];
  enrolledAt: string;
  withdrawnReason?: string | null;
  attendedMinutes: number;
  scheduledMinutes: number;
  ratePerMille: number | null;
  pendingManualMarks: number;
  completed: boolean | null;
  result: AssessmentResult | null;
  score: number | null;
  certificateId: string | null;
  certificateNumber: string | null;
};

export type EnrolmentList = { items: EnrolmentRow[]; capacity: number; enrolled: number };

export type MarkConfirmation = 'pending' | 'confirmed' | 'refused';

export type AttendanceMark = {
  kind: 'qr' | 'manual';
  in: string | null;
  out: string | null;
  confirmation?: MarkConfirmation;
  markId?: string;
  reasonCode?: string;
};

export type AttendanceCell = { sessionId: string; minutes: number; marks: AttendanceMark[] };

export type AttendanceRow = {
  enrolmentId: string;
  workerId: string;
  name: string;
  idMasked: string;
  cells: AttendanceCell[];
  attendedMinutes: number;
  ratePerMille: number | null;
};

export type AttendanceSheet = { sessions: ClassSession[]; rows: AttendanceRow[] };

export type QrCode = {
  token: string;
  kind: 'in' | 'out';
  slot: number;
  validUntil: string;
  slotSeconds: number;
  /** When the next token replaces this one. */
  refreshAt?: string;
  scanUrl: string;
  session?: { id: string; seq: number; start: string; end: string };
};

export const MANUAL_REASONS = ['device_failure', 'late_registration', 'phone_unavailable', 'other'] as const;
export type ManualReason = (typeof MANUAL_REASONS)[number];

export type ManualMarkRow = {
  id: string;
  classId: string;
  classCode: string | null;
  className: string;
  orgName: string;
  sessionSeq: number;
  sessionStart: string;
  workerName: string;
  idMasked: string;
  checkIn: string;
  checkOut: string;
  reasonCode: string;
  reasonName?: string | null;
  note: string | null;
  createdAt: string;
  decision: 'confirmed' | 'refused' | null;
  decidedAt: string | null;
};

export type ResultRow = {
  enrolmentId: string;
  name: string;
  idMasked: string;
  ratePerMille: number | null;
  completed: boolean | null;
  result: AssessmentResult | null;
  score: number | null;
};

export type ResultsSheet = { items: ResultRow[]; recorded: boolean };

/** GET /api/me/classes */
export type MyClass = {
  enrolmentId: string;
  classId: string;
  code: string | null;
  name: string;
  orgName: string;
  status: ClassStatus;
  statusName?: string;
  startDate: string;
  endDate: string;
  venue: Venue | string | null;
  sessions: { id: string; seq: number; start: string; end: string }[];
  attendedMinutes: number;
  scheduledMinutes: number;
  ratePerMille: number | null;
  subsidised: boolean;
  result: AssessmentResult | null;
};

/** POST /api/me/attendance */
export type ScanResult = { kind: 'in' | 'out'; at: string; classId: string; className: string; sessionId: string; seq: number };
