import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../domain/errors.ts';
import { findUserById } from '../../db/repositories/users.ts';
import { ChangePasswordInput, makeChangePassword } from '../../usecases/auth/changePassword.ts';
import { LoginInput, makeLogin } from '../../usecases/auth/login.ts';
import { makeLogout } from '../../usecases/auth/logout.ts';
import { toMe } from '../../usecases/auth/session.ts';
import type { AppDeps } from '../app.ts';
import { ErrorBody } from '../errors.ts';
import { Me, NoContent } from '../schemas.ts';

export const SESSION_COOKIE = 'jineng_session';

export function authRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  const login = makeLogin(deps);
  const logout = makeLogout(deps);
  const changePassword = makeChangePassword(deps);
  return async (app) => {
    app.post(
      '/login',
      {
        schema: {
          tags: ['auth'],
          summary: 'Sign in; sets the HttpOnly session cookie',
          description: 'Wrong username, wrong password and disabled account all answer AUTH_INVALID_CREDENTIALS. After 5 failures in 15 minutes the username is refused with 429 AUTH_RATE_LIMITED.',
          body: LoginInput,
          response: { 200: z.object({ user: Me }), 401: ErrorBody, 429: ErrorBody },
        },
      },
      async (req, reply) => {
        const { token, expiresAt, user } = await login(req.ctx, req.body);
        reply.setCookie(SESSION_COOKIE, token, { path: '/', httpOnly: true, sameSite: 'lax', secure: deps.secureCookies, expires: expiresAt });
        return { user };
      },
    );
    app.post('/logout', { schema: { tags: ['auth'], summary: 'Sign out: ends this session', response: { 204: NoContent } } }, async (req, reply) => {
      if (req.sessionId) await logout(req.ctx, req.sessionId);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.code(204).send(null);
    });
    app.get('/me', { schema: { tags: ['auth'], summary: 'The signed-in user, with the actions they hold', response: { 200: z.object({ user: Me }), 401: ErrorBody } } }, async (req) => {
      const actor = req.ctx.actor;
      const user = actor ? await findUserById(deps.db, actor.id) : undefined;
      if (!user) throw new AppError('AUTH_REQUIRED');
      return { user: toMe(user) };
    });
    app.post(
      '/password',
      {
        schema: {
          tags: ['auth'],
          summary: "Change one's own password; other sessions end",
          body: ChangePasswordInput,
          response: { 204: NoContent, 400: ErrorBody, 401: ErrorBody },
        },
      },
      async (req, reply) => {
        await changePassword(req.ctx, req.sessionId ?? '', req.body);
        return reply.code(204).send(null);
      },
    );
  };
}
