/**
 * Roles, named actions and the one permission check (ADR 0005; policy.md "Who uses it").
 *
 * Every permission is a named action granted to a role, and every grant is scoped: to the whole city,
 * to one reporting unit (a county or the development zone), to one organisation, or to one worker.
 * Deny by default: an action not granted, or a resource outside the scope, is refused — and callers
 * answer a refused read exactly like a missing record (`notFound()`).
 */
export const ROLES = [
  'sysadmin',
  'city_office',
  'county_office',
  'finance',
  'auditor',
  'institution',
  'enterprise',
  'worker',
] as const;
export type Role = (typeof ROLES)[number];

export const ACTIONS = [
  'home.view',
  'worker.read',
  /** Register or correct a worker, manage their categories. */
  'worker.write',
  /** See a full ID or phone number; asks for a reason and is audited. */
  'worker.reveal',
  /** Bulk import from Excel/CSV (workers, category lists). */
  'worker.import',
  'org.read',
  /** Register or edit institutions and enterprises (licences, capacity, contacts). */
  'org.write',
  /** Suspend, blacklist or reinstate an organisation (§17). */
  'org.status',
  /** An enterprise reports its own payroll and education-fund figures (§13). */
  'enterprise.fund.report',
  'reference.read',
  'reference.edit',
  /** Draft, review and publish the annual catalogs (§12). */
  'catalog.manage',
  /** See classes (开班) within scope: the runner's own, those an evaluation body is assigned to, a unit's, the city's. */
  'class.read',
  /** An institution or enterprise files, edits, starts, completes and closes its own classes (§7, §12). */
  'class.file',
  /** The county office approves or returns filings and reviews projects outside the catalog (§7, §12). */
  'class.review',
  /** Enrol and withdraw trainees by real name (§9). */
  'class.enrol',
  /** Show the rotating check-in QR code; enter manual marks with a reason (§9). */
  'attendance.manage',
  /** A county officer confirms or refuses manual marks. */
  'attendance.confirm',
  /** A trainee checks in and out by scanning the classroom QR code. */
  'attendance.scan',
  /** The evaluation body assigned to a class records results (§10). */
  'assessment.record',
  'certificate.read',
  /** Revoke a certificate with a reason (the issuer, or the HR office). */
  'certificate.revoke',
  /** See subsidy claims in scope (the claimant its own; officials their jurisdiction). */
  'claim.read',
  /** An institution or enterprise submits, resubmits or withdraws the claim of its own closed class (§15). */
  'claim.submit',
  /** County first review and city final review; refusing single lines; answering objections (§17). */
  'claim.review',
  /** Finance pays approved claims from their funds and reverses payments (§16). */
  'claim.pay',
  /** Grant yearly budgets to a fund for a unit (§16 分账核算). */
  'fund.manage',
  /** Fund balances and the disbursement ledger (补贴资金发放台账, §17). */
  'ledger.read',
  /** Targets, reports and dashboards in scope (四(一) 月报、季报、年报). */
  'report.read',
  /** Set targets by unit; freeze and approve reports (the city office). */
  'report.manage',
  /** Import employment and social-insurance records (§9). */
  'employment.import',
  'audit.read',
  'user.manage',
  'account.self',
] as const;
export type Action = (typeof ACTIONS)[number];

export const CITY_CODE = '140800';

/** role → the actions it is granted. Scope is decided by the user's unit / organisation / worker. */
export const GRANTS: Readonly<Record<Role, readonly Action[]>> = {
  // Reference data (units, codes) is public; the administrator needs it to scope new accounts.
  sysadmin: ['user.manage', 'reference.read', 'account.self'],
  city_office: [
    'home.view',
    'worker.read',
    'worker.write',
    'worker.reveal',
    'worker.import',
    'org.read',
    'org.write',
    'org.status',
    'reference.read',
    'reference.edit',
    'catalog.manage',
    'class.read',
    'class.review',
    'attendance.confirm',
    'certificate.read',
    'certificate.revoke',
    'audit.read',
    'claim.read', 'claim.review', 'fund.manage', 'ledger.read', 'report.read', 'report.manage', 'employment.import', 'account.self',
  ],
  county_office: [
    'home.view',
    'worker.read',
    'worker.write',
    'worker.reveal',
    'worker.import',
    'org.read',
    'org.write',
    'org.status',
    'reference.read',
    'class.read',
    'class.review',
    'attendance.confirm',
    'certificate.read',
    'certificate.revoke',
    'claim.read', 'claim.review', 'ledger.read', 'report.read', 'account.self',
  ],
  finance: ['home.view', 'org.read', 'reference.read', 'class.read', 'certificate.read', 'claim.read', 'claim.pay', 'fund.manage', 'ledger.read', 'report.read', 'account.self'],
  auditor: ['home.view', 'worker.read', 'worker.reveal', 'org.read', 'reference.read', 'class.read', 'certificate.read', 'audit.read', 'claim.read', 'ledger.read', 'report.read', 'account.self'],
  institution: [
    'home.view',
    'worker.read',
    'org.read',
    'reference.read',
    'class.read',
    'class.file',
    'class.enrol',
    'attendance.manage',
    'assessment.record',
    'certificate.read',
    'certificate.revoke',
    'claim.read', 'claim.submit', 'account.self',
  ],
  enterprise: [
    'home.view',
    'worker.read',
    'org.read',
    'enterprise.fund.report',
    'reference.read',
    'class.read',
    'class.file',
    'class.enrol',
    'attendance.manage',
    'assessment.record',
    'certificate.read',
    'claim.read', 'claim.submit', 'account.self',
  ],
  worker: ['worker.read', 'worker.reveal', 'reference.read', 'attendance.scan', 'certificate.read', 'account.self'],
};

export type Principal = {
  id: string;
  role: Role;
  /** '140800' for city-wide officials; a reporting-unit code for county-level ones. */
  unitCode: string | null;
  orgId: string | null;
  workerId: string | null;
};

/**
 * What an action is about. `unitCode` is where it lives ('140800' for city-level things such as the
 * audit trail or the occupation list); `orgId` the organisation that owns it; `relatedOrgIds` the
 * organisations a worker trains with or works for; `workerId` the person.
 */
export type Resource = {
  unitCode?: string | null;
  orgId?: string | null;
  relatedOrgIds?: readonly string[];
  workerId?: string | null;
  /** Things that belong to nobody's jurisdiction (user accounts): only system scope reaches them. */
  system?: boolean;
};

export type Scope =
  | { kind: 'system' }
  | { kind: 'city' }
  | { kind: 'unit'; unitCode: string }
  | { kind: 'organisation'; orgId: string }
  | { kind: 'worker'; workerId: string }
  | { kind: 'none' };

export function scopeOf(p: Principal): Scope {
  switch (p.role) {
    case 'sysadmin':
      return { kind: 'system' };
    case 'city_office':
    case 'county_office':
    case 'finance':
    case 'auditor':
      if (!p.unitCode) return { kind: 'none' };
      return p.unitCode === CITY_CODE ? { kind: 'city' } : { kind: 'unit', unitCode: p.unitCode };
    case 'institution':
    case 'enterprise':
      return p.orgId ? { kind: 'organisation', orgId: p.orgId } : { kind: 'none' };
    case 'worker':
      return p.workerId ? { kind: 'worker', workerId: p.workerId } : { kind: 'none' };
  }
}

export function inScope(scope: Scope, r: Resource): boolean {
  switch (scope.kind) {
    case 'system':
      return true;
    case 'city':
      return !r.system;
    case 'unit':
      return !r.system && r.unitCode != null && r.unitCode === scope.unitCode;
    case 'organisation':
      return !r.system && (r.orgId === scope.orgId || (r.relatedOrgIds ?? []).includes(scope.orgId));
    case 'worker':
      return !r.system && r.workerId != null && r.workerId === scope.workerId;
    case 'none':
      return false;
  }
}

export function isGranted(role: Role, action: Action): boolean {
  return GRANTS[role].includes(action);
}

/** The one permission check. Pure; deny by default. */
export function can(p: Principal, action: Action, resource: Resource): boolean {
  return isGranted(p.role, action) && inScope(scopeOf(p), resource);
}

/** Bulk form: the subset of `items` the principal may act on. */
export function filterAllowed<T>(p: Principal, action: Action, items: readonly T[], resourceOf: (t: T) => Resource): T[] {
  if (!isGranted(p.role, action)) return [];
  const scope = scopeOf(p);
  return items.filter((t) => inScope(scope, resourceOf(t)));
}

export function allowedActions(p: Principal): Action[] {
  return [...GRANTS[p.role]];
}

export function isRole(x: string): x is Role {
  return (ROLES as readonly string[]).includes(x);
}
