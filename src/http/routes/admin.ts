import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ROLES } from '../../domain/auth/permissions.ts';
import {
  CreateUserInput,
  ListUsersQuery,
  makeCreateUser,
  makeListUsers,
  makeOrgOptions,
  makeResetPassword,
  makeSetUserDisabled,
  OrgOptionsQuery,
} from '../../usecases/admin/users.ts';
import type { AppDeps } from '../app.ts';
import { ErrorBody } from '../errors.ts';
import { IdParam, NoContent, Page } from '../schemas.ts';

const UserRow = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: z.enum(ROLES),
  unitCode: z.string().nullable(),
  unitName: z.string().nullable(),
  orgName: z.string().nullable(),
  disabled: z.boolean(),
  mustChangePassword: z.boolean(),
  createdAt: z.string(),
});

/** User management: the system administrator's only business (policy.md "Who uses it"). */
export function adminRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  const listUsers = makeListUsers(deps);
  const createUser = makeCreateUser(deps);
  const setDisabled = makeSetUserDisabled(deps);
  const resetPassword = makeResetPassword(deps);
  const orgOptions = makeOrgOptions(deps);
  const tags = ['admin'];
  return async (app) => {
    app.get(
      '/organisations',
      {
        schema: {
          tags,
          summary: 'Institutions or enterprises to attach an account to',
          querystring: OrgOptionsQuery,
          response: { 200: Page(z.object({ id: z.string(), name: z.string(), kind: z.enum(['institution', 'enterprise']), creditCode: z.string(), unitName: z.string() })), 404: ErrorBody },
        },
      },
      (req) => orgOptions(req.ctx, req.query),
    );
    app.get('/users', { schema: { tags, summary: 'List users', querystring: ListUsersQuery, response: { 200: Page(UserRow), 404: ErrorBody } } }, (req) =>
      listUsers(req.ctx, req.query),
    );
    app.post(
      '/users',
      {
        schema: {
          tags,
          summary: 'Create a user with a one-time initial password',
          body: CreateUserInput,
          response: { 201: z.object({ userId: z.string(), initialPassword: z.string() }), 400: ErrorBody, 409: ErrorBody },
        },
      },
      async (req, reply) => reply.code(201).send(await createUser(req.ctx, req.body)),
    );
    app.post('/users/:id/disable', { schema: { tags, summary: 'Disable a user; all its sessions end at once', params: IdParam, response: { 204: NoContent, 404: ErrorBody } } }, async (req, reply) => {
      await setDisabled(req.ctx, req.params.id, true);
      return reply.code(204).send(null);
    });
    app.post('/users/:id/enable', { schema: { tags, summary: 'Enable a user again', params: IdParam, response: { 204: NoContent, 404: ErrorBody } } }, async (req, reply) => {
      await setDisabled(req.ctx, req.params.id, false);
      return reply.code(204).send(null);
    });
    app.post(
      '/users/:id/reset-password',
      { schema: { tags, summary: 'Reset to a new one-time password; sessions end', params: IdParam, response: { 200: z.object({ initialPassword: z.string() }), 404: ErrorBody } } },
      (req) => resetPassword(req.ctx, req.params.id),
    );
  };
}
