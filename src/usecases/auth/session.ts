import { createHash, randomBytes } from 'node:crypto';
import { allowedActions, isRole, type Action } from '../../domain/auth/permissions.ts';
import { deleteSession, findSessionWithUser, touchSession, type UserWithNames } from '../../db/repositories/users.ts';
import type { Actor, Clock, Db } from '../context.ts';
import type { SessionCache } from './sessionCache.ts';

export function newSessionToken(): { token: string; id: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, id: sessionIdOf(token) };
}

/** Sessions are stored under the SHA-256 of the cookie token, never the token itself. */
export function sessionIdOf(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function toActor(u: UserWithNames | Omit<UserWithNames, 'unit_name' | 'org_name'>): Actor {
  if (!isRole(u.role)) throw new Error(`Unknown role ${u.role}`);
  return {
    id: u.id,
    username: u.username,
    displayName: u.display_name,
    role: u.role,
    unitCode: u.unit_code,
    orgId: u.org_id,
    workerId: u.worker_id,
  };
}

export type Me = {
  id: string;
  username: string;
  displayName: string;
  role: Actor['role'];
  unitCode: string | null;
  unitName: string | null;
  orgId: string | null;
  orgName: string | null;
  workerId: string | null;
  actions: Action[];
  mustChangePassword: boolean;
};

export function toMe(u: UserWithNames): Me {
  const actor = toActor(u);
  return {
    id: u.id,
    username: u.username,
    displayName: u.display_name,
    role: actor.role,
    unitCode: u.unit_code,
    unitName: u.unit_name,
    orgId: u.org_id,
    orgName: u.org_name,
    workerId: u.worker_id,
    actions: allowedActions(actor),
    mustChangePassword: u.must_change_password,
  };
}

/**
 * Resolve a cookie token to its user. Expired sessions and disabled users resolve to nothing.
 * Sessions slide: each use (at most once a minute) pushes the expiry `sessionHours` ahead.
 */
export function makeAuthenticate(deps: { db: Db; clock: Clock; sessionHours: number; sessions?: SessionCache }) {
  return async function authenticate(token: string): Promise<{ user: UserWithNames; sessionId: string } | null> {
    const id = sessionIdOf(token);
    const now = deps.clock.now();
    const cached = deps.sessions?.get(id, now.getTime());
    if (cached) return { user: cached, sessionId: id };
    const row = await findSessionWithUser(deps.db, id);
    if (!row) return null;
    if (new Date(row.session_expires_at) <= now) {
      await deleteSession(deps.db, id);
      return null;
    }
    const { session_expires_at, session_last_seen_at, ...user } = row;
    if (user.disabled_at) return null;
    let expiresAt = new Date(session_expires_at);
    if (now.getTime() - new Date(session_last_seen_at).getTime() > 60_000) {
      expiresAt = new Date(now.getTime() + deps.sessionHours * 3600_000);
      // Sliding expiry is bookkeeping: the request does not wait for it (a failure only shortens the session).
      touchSession(deps.db, id, now, expiresAt).catch(() => undefined);
    }
    deps.sessions?.put(id, user, expiresAt.getTime(), now.getTime());
    return { user, sessionId: id };
  };
}
