/** Shapes of the JSON API (see the server's OpenAPI at /docs). */

import type { LocalizedText } from './api';

export type Role =
  | 'sysadmin'
  | 'city_office'
  | 'county_office'
  | 'finance'
  | 'auditor'
  | 'institution'
  | 'enterprise'
  | 'worker';

export const ROLES: readonly Role[] = [
  'sysadmin',
  'city_office',
  'county_office',
  'finance',
  'auditor',
  'institution',
  'enterprise',
  'worker',
];

export type Me = {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  unitCode: string | null;
  unitName: string | null;
  orgId: string | null;
  orgName: string | null;
  workerId: string | null;
  actions: string[];
  mustChangePassword: boolean;
};

export type Paged<T> = { items: T[]; total: number };

export type PublicStatus = {
  ready: boolean;
  seeding: null | { phase: string; done: number; total: number };
};

export type ScopeKind = 'city' | 'county' | 'organisation' | 'worker' | 'system';

export type HomeSummary = {
  scope: { kind: ScopeKind; name: string; nameEn?: string | null };
  counts: {
    workers: number;
    institutions: number;
    enterprises: number;
    classes: number;
    claims: number;
    users?: number;
  };
};

export type Unit = { code: string; name: string; nameEn: string | null; kind: string };

export type WorkerRow = {
  id: string;
  name: string;
  gender: 'M' | 'F';
  birthDate: string;
  idNumberMasked: string;
  phoneMasked: string | null;
  unitCode: string;
  unitName: string;
  unitNameEn?: string | null;
  townshipName: string | null;
};

export type OrgKind = 'institution' | 'enterprise';
export type OrgStatus = 'active' | 'suspended' | 'blacklisted';

export type OrgRow = {
  id: string;
  name: string;
  creditCode: string;
  kind: OrgKind;
  institutionKind: string | null;
  /** How an institution was admitted to the programme (bidding, review_filing); absent for enterprises. */
  admissionRoute?: string | null;
  industry: string | null;
  highRisk: boolean;
  unitCode: string;
  unitName: string;
  unitNameEn?: string | null;
  status: OrgStatus;
};

export type OrgContact = { name: string; phoneMasked: string | null };
export type OrgLicence = { occupationCode: string; occupationName: string | null; levels: string[] };
export type OrgStatusChange = {
  fromStatus: OrgStatus;
  toStatus: OrgStatus;
  reason: string;
  decisionRef: string | null;
  effectiveDate: string;
  at: string;
  actorName: string | null;
};
export type FundWarning = { code: string; message: LocalizedText };
/** One year of an enterprise's staff education fund (§13); every amount is integer fen. */
export type EducationFund = {
  year: number;
  payrollFen: number;
  educationFundFen: number;
  frontLineFen: number;
  warnings: FundWarning[];
};
export type AllowedStatusChange = { to: OrgStatus; description: string };

/** GET /api/organisations/:id → organisation. */
export type OrgDetail = OrgRow & {
  contacts: OrgContact[];
  employees: number | null;
  capacity: number | null;
  statusReason: string | null;
  statusSince: string | null;
  statusDecisionRef: string | null;
  licences: OrgLicence[];
  statusHistory: OrgStatusChange[];
  educationFunds: EducationFund[];
  allowedStatusChanges: AllowedStatusChange[];
  canEdit: boolean;
  canReportFunds: boolean;
};

export type Occupation = { id: string | number; code: string; name: string; active: boolean; verified: boolean };

export type AuditEntry = {
  seq: number;
  at: string;
  actorUsername: string | null;
  actorRole: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  summary: Record<string, unknown> | null;
  requestId: string | null;
};

/** GET /api/audit/verify */
export type AuditVerification =
  | { ok: true; rows: number; lastSeq: number }
  | { ok: false; rows: number; problem: { kind: 'gap' | 'prev_hash' | 'hash'; seq: number; expectedSeq?: number } };

export type AdminUser = {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  unitCode: string | null;
  unitName: string | null;
  orgName: string | null;
  disabled: boolean;
  mustChangePassword?: boolean;
  createdAt: string;
};

/** POST /api/admin/users answers `{ userId, initialPassword }` (older drafts: `{ user, initialPassword }`). */
export type CreatedUser = { userId?: string; user?: AdminUser; initialPassword: string };

/** The city itself (市本级): a valid unit for city-level finance and audit accounts, not one of the 14 reporting units. */
export const CITY_CODE = '140800';

/** A coded reference entry (GET /api/reference/codes). */
export type RefCode = { code: string; name: string; nameEn: string | null; clause?: string | null };
export type ReferenceCodes = {
  trainingTypes: RefCode[];
  personCategories: RefCode[];
  fundSources: RefCode[];
  certificateTypes: RefCode[];
  skillLevels: (RefCode & { rank: number })[];
};

export const EDUCATION_LEVELS = ['primary', 'junior', 'senior', 'vocational', 'college', 'bachelor', 'postgraduate'] as const;
export type Education = (typeof EDUCATION_LEVELS)[number];

/** Skill levels of an institution licence: special (专项职业能力), then 5 (初级工) … 1 (高级技师). */
export const SKILL_LEVELS = ['special', '5', '4', '3', '2', '1'] as const;
export type SkillLevel = (typeof SKILL_LEVELS)[number];

export type WorkerDetail = WorkerRow & {
  townshipCode: string | null;
  education: string | null;
  disability: boolean | null;
  registeredAt: string;
  updatedAt: string;
};

/** One person-category period; validTo inclusive, null = open-ended. */
export type CategoryPeriod = {
  id: string;
  code: string;
  name: string;
  nameEn: string | null;
  validFrom: string;
  validTo: string | null;
  employerOrgId: string | null;
  employerName: string | null;
  /** 'manual', or 'import:<batch id>'. */
  source: string;
};

/** Rows of the archive filled by later features (classes, assessment, certificates, subsidies). */
export type ArchiveClass = {
  className?: string;
  occupation?: string;
  level?: string;
  institution?: string;
  startDate?: string;
  endDate?: string;
  status?: string;
  attendanceRate?: string | null;
  hoursAttended?: string | null;
};
export type ArchiveResult = { className?: string; result?: string; score?: string | null; date?: string };
export type ArchiveCertificate = {
  number?: string;
  type?: string;
  occupation?: string;
  level?: string;
  issuer?: string;
  issuedOn?: string;
};
export type ArchiveSubsidy = {
  item?: string;
  amountYuan?: string;
  amountFen?: number;
  fund?: string;
  status?: string;
  paidOn?: string | null;
  /** Codes, where the server sends them: the line's kind, its payee, the claim's status, the class. */
  kind?: string;
  payeeKind?: 'worker' | 'organisation' | string;
  claimStatus?: string;
  claimId?: string;
  classId?: string;
  className?: string;
};

/** GET /api/workers/:id/archive — the electronic training archive (职业培训电子档案). */
export type WorkerArchive = {
  worker: WorkerDetail;
  categories: CategoryPeriod[];
  classes: ArchiveClass[];
  results: ArchiveResult[];
  certificates: ArchiveCertificate[];
  subsidies: ArchiveSubsidy[];
  canWrite: boolean;
  canReveal: boolean;
  viewerScope: string;
};

export type RevealField = 'idNumber' | 'phone';

export type ImportStatus = 'running' | 'committed' | 'rejected' | 'failed';
export type ImportPhase = 'reading' | 'checking' | 'report';

/** One import batch (GET /api/imports/:id). */
export type ImportBatch = {
  id: string;
  kind: string;
  fileName: string;
  mode: 'partial' | 'all_or_nothing';
  status: ImportStatus;
  total: number;
  stored: number;
  unchanged: number;
  rejected: number;
  hasReport: boolean;
  error: null | { code: string; message: LocalizedText };
  actorUsername: string | null;
  actorName: string | null;
  startedAt: string;
  finishedAt: string | null;
  progress: null | { rows: number; bytes: number; fileSize: number; phase: ImportPhase | string };
};

export type CatalogKind = 'projects' | 'institutions';
export type CatalogStatus = 'draft' | 'in_review' | 'published' | 'superseded';
export type CatalogAction = 'submit' | 'return' | 'publish';

/** One version of an annual catalog (§12 培训项目目录 / 培训和评价机构目录). */
export type Catalog = {
  id: string;
  kind: CatalogKind;
  year: number;
  version: number;
  title: string;
  status: CatalogStatus;
  basedOn: string | null;
  createdAt: string;
  publishedAt: string | null;
};

/** A training project of a catalog; subsidyFen is the subsidy standard per person in integer fen. */
export type CatalogProject = {
  id: string;
  occupationCode: string;
  occupationName: string;
  levelCode: string;
  levelName: string;
  trainingType: string;
  trainingTypeName: string;
  standardHours: number;
  teachingPlanRef: string;
  syllabusRef: string;
  subsidyFen: number;
};

export type CatalogInstitution = {
  orgId: string;
  orgName: string;
  creditCode: string;
  institutionKind: string | null;
  unitName: string;
  occupationCode: string;
  occupationName: string;
  levelCode: string;
  levelName: string;
};

export type CatalogDecision = {
  action: 'create' | 'submit' | 'return' | 'publish' | 'supersede' | string;
  reason: string | null;
  at: string;
  actorName: string | null;
};

/** GET /api/catalogs/:id and GET /api/public/catalogs/:id. */
export type CatalogDetail = {
  catalog: Catalog & { allowedActions: CatalogAction[] };
  projects: CatalogProject[];
  institutions: CatalogInstitution[];
  decisions: CatalogDecision[];
};
