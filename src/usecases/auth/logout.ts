import { deleteSession } from '../../db/repositories/users.ts';
import type { Clock, Db, RequestContext } from '../context.ts';
import { writeWithAudit } from '../tx.ts';
import type { SessionCache } from './sessionCache.ts';

export function makeLogout(deps: { db: Db; clock: Clock; sessions?: SessionCache }) {
  return async function logout(ctx: RequestContext, sessionId: string): Promise<void> {
    await writeWithAudit(deps, ctx, async (trx) => {
      await deleteSession(trx, sessionId);
      return { result: undefined, audit: { action: 'auth.logout', targetType: 'user', targetId: ctx.actor?.id ?? null } };
    });
    deps.sessions?.forgetSession(sessionId);
  };
}
