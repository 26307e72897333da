import { z } from 'zod';
import { LOGIN_MAX_FAILURES, LOGIN_WINDOW_MINUTES } from '../../domain/auth/passwordPolicy.ts';
import { AppError } from '../../domain/errors.ts';
import {
  clearFailures,
  countRecentFailures,
  findUserById,
  findUserByUsername,
  insertFailure,
  insertSession,
} from '../../db/repositories/users.ts';
import { dummyPasswordHash, verifyPassword } from '../../security/passwords.ts';
import type { Clock, Db, RequestContext } from '../context.ts';
import { writeWithAudit } from '../tx.ts';
import { newSessionToken, toMe, type Me } from './session.ts';

export const LoginInput = z.strictObject({
  username: z.string().trim().toLowerCase().min(1).max(40),
  password: z.string().min(1).max(200),
});
export type LoginInput = z.infer<typeof LoginInput>;

/** Per-address ceiling: many usernames tried from one address is refused too. */
const IP_MAX_FAILURES = LOGIN_MAX_FAILURES * 4;

/**
 * Sign in. Wrong username, wrong password and disabled account all answer the same generic
 * AUTH_INVALID_CREDENTIALS; after LOGIN_MAX_FAILURES failures in the window the username (or, after
 * more, the address) is refused with AUTH_RATE_LIMITED even when the password is right.
 */
export function makeLogin(deps: { db: Db; clock: Clock; sessionHours: number }) {
  return async function login(ctx: RequestContext, input: LoginInput): Promise<{ token: string; expiresAt: Date; user: Me }> {
    const now = deps.clock.now();
    const since = new Date(now.getTime() - LOGIN_WINDOW_MINUTES * 60_000);
    const [byUser, byIp] = await Promise.all([
      countRecentFailures(deps.db, { username: input.username }, since),
      ctx.ip ? countRecentFailures(deps.db, { ip: ctx.ip }, since) : Promise.resolve(0),
    ]);
    if (byUser >= LOGIN_MAX_FAILURES || byIp >= IP_MAX_FAILURES) {
      throw new AppError('AUTH_RATE_LIMITED', { minutes: LOGIN_WINDOW_MINUTES });
    }

    const user = await findUserByUsername(deps.db, input.username);
    // Spend the same scrypt time whether or not the user exists.
    const passwordOk = await verifyPassword(input.password, user?.password_hash ?? (await dummyPasswordHash()));
    if (!user || !passwordOk || user.disabled_at) {
      await writeWithAudit(deps, ctx, async (trx, at) => {
        await insertFailure(trx, input.username, ctx.ip, at);
        return {
          result: undefined,
          audit: {
            action: 'auth.login_failed',
            targetType: 'user',
            targetId: user?.id ?? null,
            summary: { username: input.username, reason: !user ? 'unknown_user' : user.disabled_at ? 'disabled' : 'wrong_password', ip: ctx.ip },
          },
        };
      });
      throw new AppError('AUTH_INVALID_CREDENTIALS');
    }

    const { token, id } = newSessionToken();
    const expiresAt = new Date(now.getTime() + deps.sessionHours * 3600_000);
    await writeWithAudit(
      deps,
      ctx,
      async (trx, at) => {
        await insertSession(trx, { id, userId: user.id, now: at, expiresAt, ip: ctx.ip, userAgent: ctx.userAgent });
        await clearFailures(trx, user.username);
        return { result: undefined, audit: { action: 'auth.login', targetType: 'user', targetId: user.id, summary: { ip: ctx.ip } } };
      },
      { id: user.id, username: user.username, role: user.role },
    );
    const withNames = await findUserById(deps.db, user.id);
    return { token, expiresAt, user: toMe(withNames!) };
  };
}
