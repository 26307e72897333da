import { z } from 'zod';
import { assertPasswordStrong } from '../../domain/auth/passwordPolicy.ts';
import { AppError } from '../../domain/errors.ts';
import { deleteUserSessions, findUserByUsername, updateUser } from '../../db/repositories/users.ts';
import { hashPassword, verifyPassword } from '../../security/passwords.ts';
import type { Clock, Db, RequestContext } from '../context.ts';
import { writeWithAudit } from '../tx.ts';
import { requireActor } from '../guards.ts';
import type { SessionCache } from './sessionCache.ts';

export const ChangePasswordInput = z.strictObject({
  currentPassword: z.string().min(1).max(200),
  newPassword: z.string().min(1).max(200),
});
export type ChangePasswordInput = z.infer<typeof ChangePasswordInput>;

/** Change one's own password; every other session of the user ends. */
export function makeChangePassword(deps: { db: Db; clock: Clock; sessions?: SessionCache }) {
  return async function changePassword(ctx: RequestContext, sessionId: string, input: ChangePasswordInput): Promise<void> {
    const actor = requireActor(ctx, 'account.self');
    const user = await findUserByUsername(deps.db, actor.username);
    if (!user || !(await verifyPassword(input.currentPassword, user.password_hash))) {
      throw new AppError('AUTH_WRONG_CURRENT_PASSWORD', {}, 'currentPassword');
    }
    assertPasswordStrong(input.newPassword);
    if (input.currentPassword === input.newPassword) throw new AppError('PASSWORD_REUSED', {}, 'newPassword');
    const hash = await hashPassword(input.newPassword);
    await writeWithAudit(deps, ctx, async (trx, now) => {
      await updateUser(trx, user.id, { password_hash: hash, must_change_password: false }, now);
      const ended = await deleteUserSessions(trx, user.id, sessionId);
      return { result: undefined, audit: { action: 'auth.password_change', targetType: 'user', targetId: user.id, summary: { otherSessionsEnded: ended } } };
    });
    deps.sessions?.forgetUser(user.id, sessionId);
  };
}
