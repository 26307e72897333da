/** Shapes of the JSON API (see the server's OpenAPI at /docs). */

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

export type OrgDetail = OrgRow & {
  contactName: string | null;
  contactPhoneMasked: string | null;
  employees: number | null;
  capacity: number | null;
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
