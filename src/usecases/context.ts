import type { Kysely, Transaction } from 'kysely';
import type { Principal, Role } from '../domain/auth/permissions.ts';
import type { DB } from '../db/types.ts';

/** Injected time: no use case calls Date.now() (style.md). */
export interface Clock {
  now(): Date;
}
export const systemClock: Clock = { now: () => new Date() };

/** The signed-in user as use cases see it. */
export type Actor = Principal & { username: string; displayName: string; role: Role };

/** Who is asking, and under which request id (carried into every audit row). */
export type RequestContext = {
  actor: Actor | null;
  requestId: string;
  ip: string | null;
  userAgent: string | null;
};

export type Db = Kysely<DB>;
export type Tx = Transaction<DB>;

export function systemContext(requestId = 'cli'): RequestContext {
  return { actor: null, requestId, ip: null, userAgent: null };
}
