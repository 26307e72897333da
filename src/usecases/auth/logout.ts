import { deleteSession } from '../../db/repositories/users.ts';
import type { Clock, Db, RequestContext } from '../context.ts';
import { writeWithAudit } from '../tx.ts';

export function makeLogout(deps: { db: Db; clock: Clock }) {
  return async function logout(ctx: RequestContext, sessionId: string): Promise<void> {
    await writeWithAudit(deps, ctx, async (trx) => {
      await deleteSession(trx, sessionId);
      return { result: undefined, audit: { action: 'auth.logout', targetType: 'user', targetId: ctx.actor?.id ?? null } };
    });
  };
}
