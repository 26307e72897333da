import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { CITY_CODE, ROLES, type Role } from '../../domain/auth/permissions.ts';
import { AppError, notFound } from '../../domain/errors.ts';
import {
  deleteUserSessions,
  findUserById,
  findUserByUsername,
  insertUser,
  listUsers,
  updateUser,
} from '../../db/repositories/users.ts';
import { findOrganisation, listOrganisations } from '../../db/repositories/organisations.ts';
import { findWorker } from '../../db/repositories/workers.ts';
import { findReportingUnit } from '../../domain/identity/divisions.ts';
import { generatePassword, hashPassword } from '../../security/passwords.ts';
import type { Clock, Db, RequestContext, Tx } from '../context.ts';
import { requireCan } from '../guards.ts';
import { writeWithAudit } from '../tx.ts';
import type { SessionCache } from '../auth/sessionCache.ts';

const SYSTEM = { system: true } as const;

export const CreateUserInput = z.strictObject({
  username: z.string().trim().toLowerCase().regex(/^[a-z0-9][a-z0-9._-]{2,39}$/),
  displayName: z.string().trim().min(1).max(64),
  role: z.enum(ROLES),
  unitCode: z.string().regex(/^\d{6}(\d{3})?$/).nullish(),
  orgId: z.uuid().nullish(),
  workerId: z.uuid().nullish(),
});
export type CreateUserInput = z.infer<typeof CreateUserInput>;

type Scope = { unit_code: string | null; org_id: string | null; worker_id: string | null };

/** Check that the scope given fits the role (the database CHECK is the last line of defence). */
async function resolveScope(db: Db | Tx, role: Role, input: Pick<CreateUserInput, 'unitCode' | 'orgId' | 'workerId'>): Promise<Scope> {
  const none: Scope = { unit_code: null, org_id: null, worker_id: null };
  const bad = (scope: string) => new AppError('USER_SCOPE_INVALID', { role, scope }, scope.includes('unit') ? 'unitCode' : scope.includes('org') ? 'orgId' : 'workerId');
  switch (role) {
    case 'sysadmin':
      return none;
    case 'city_office':
      return { ...none, unit_code: CITY_CODE };
    case 'county_office':
      if (!input.unitCode || !findReportingUnit(input.unitCode)) throw bad('unitCode: one of the 14 reporting units');
      return { ...none, unit_code: input.unitCode };
    case 'finance':
    case 'auditor':
      if (input.unitCode !== CITY_CODE && !(input.unitCode && findReportingUnit(input.unitCode))) throw bad('unitCode: 140800 or a reporting unit');
      return { ...none, unit_code: input.unitCode! };
    case 'institution':
    case 'enterprise': {
      const org = input.orgId ? await findOrganisation(db, input.orgId) : undefined;
      if (!org || org.kind !== role) throw bad(`orgId: an ${role}`);
      return { ...none, org_id: org.id };
    }
    case 'worker': {
      const w = input.workerId ? await findWorker(db, input.workerId) : undefined;
      if (!w) throw bad('workerId: a registered worker');
      return { ...none, worker_id: w.id };
    }
  }
}

/** Create a user with a random initial password, shown once; the user must change it at first sign-in. */
export function makeCreateUser(deps: { db: Db; clock: Clock }) {
  return async function createUser(ctx: RequestContext, input: CreateUserInput): Promise<{ userId: string; initialPassword: string }> {
    requireCan(ctx, 'user.manage', SYSTEM);
    if (await findUserByUsername(deps.db, input.username)) throw new AppError('USERNAME_TAKEN', { username: input.username }, 'username');
    const scope = await resolveScope(deps.db, input.role, input);
    const initialPassword = generatePassword();
    const hash = await hashPassword(initialPassword);
    const id = randomUUID();
    await writeWithAudit(deps, ctx, async (trx, now) => {
      await insertUser(trx, { id, username: input.username, display_name: input.displayName, role: input.role, ...scope, password_hash: hash, must_change_password: true }, now);
      return { result: undefined, audit: { action: 'user.create', targetType: 'user', targetId: id, summary: { after: { username: input.username, role: input.role, ...scope } } } };
    });
    return { userId: id, initialPassword };
  };
}

/** Disable (ending every session at once) or re-enable a user. */
export function makeSetUserDisabled(deps: { db: Db; clock: Clock; sessions?: SessionCache }) {
  return async function setUserDisabled(ctx: RequestContext, userId: string, disabled: boolean): Promise<void> {
    const actor = requireCan(ctx, 'user.manage', SYSTEM);
    if (disabled && actor.id === userId) throw new AppError('CANNOT_DISABLE_SELF');
    const user = await findUserById(deps.db, userId);
    if (!user) throw notFound();
    await writeWithAudit(deps, ctx, async (trx, now) => {
      await updateUser(trx, userId, { disabled_at: disabled ? now : null }, now);
      const ended = disabled ? await deleteUserSessions(trx, userId) : 0;
      return {
        result: undefined,
        audit: {
          action: disabled ? 'user.disable' : 'user.enable',
          targetType: 'user',
          targetId: userId,
          summary: { before: { disabled: user.disabled_at !== null }, after: { disabled }, sessionsEnded: ended },
        },
      };
    });
    deps.sessions?.forgetUser(userId);
  };
}

/** Reset a user's password to a new random one (shown once), ending its sessions. */
export function makeResetPassword(deps: { db: Db; clock: Clock; sessions?: SessionCache }) {
  return async function resetPassword(ctx: RequestContext, userId: string): Promise<{ initialPassword: string }> {
    requireCan(ctx, 'user.manage', SYSTEM);
    const user = await findUserById(deps.db, userId);
    if (!user) throw notFound();
    const initialPassword = generatePassword();
    const hash = await hashPassword(initialPassword);
    await writeWithAudit(deps, ctx, async (trx, now) => {
      await updateUser(trx, userId, { password_hash: hash, must_change_password: true }, now);
      const ended = await deleteUserSessions(trx, userId);
      return { result: undefined, audit: { action: 'user.reset_password', targetType: 'user', targetId: userId, summary: { sessionsEnded: ended } } };
    });
    deps.sessions?.forgetUser(userId);
    return { initialPassword };
  };
}

export const ListUsersQuery = z.strictObject({
  q: z.string().trim().max(40).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});

export function makeListUsers(deps: { db: Db }) {
  return async function listAllUsers(ctx: RequestContext, query: z.infer<typeof ListUsersQuery>) {
    requireCan(ctx, 'user.manage', SYSTEM);
    const { items, total } = await listUsers(deps.db, query);
    return {
      total,
      items: items.map((u) => ({
        id: u.id,
        username: u.username,
        displayName: u.display_name,
        role: u.role as Role,
        unitCode: u.unit_code,
        unitName: u.unit_name,
        orgName: u.org_name,
        disabled: u.disabled_at !== null,
        mustChangePassword: u.must_change_password,
        createdAt: new Date(u.created_at).toISOString(),
      })),
    };
  };
}

export const OrgOptionsQuery = z.strictObject({ kind: z.enum(['institution', 'enterprise']), q: z.string().trim().max(60).optional() });

/** Organisations to attach an institution or enterprise account to (names only; no programme data). */
export function makeOrgOptions(deps: { db: Db }) {
  return async function orgOptions(ctx: RequestContext, query: z.infer<typeof OrgOptionsQuery>) {
    requireCan(ctx, 'user.manage', SYSTEM);
    const { items, total } = await listOrganisations(deps.db, { kind: 'city' }, { ...query, page: 1, pageSize: 20 });
    return { total, items: items.map((o) => ({ id: o.id, name: o.name, kind: o.kind, creditCode: o.credit_code, unitName: o.unit_name })) };
  };
}
