import type { Selectable } from 'kysely';
import type { Db, Tx } from '../../usecases/context.ts';
import { paged } from './paged.ts';
import type { UserTable } from '../types.ts';

export type UserRow = Selectable<UserTable>;

/** A user with the names of its unit and organisation, as the API shows it. */
export async function findUserById(db: Db | Tx, id: string) {
  return db
    .selectFrom('users as u')
    .leftJoin('reporting_units as ru', 'ru.code', 'u.unit_code')
    .leftJoin('organisations as o', 'o.id', 'u.org_id')
    .selectAll('u')
    .select(['ru.name as unit_name', 'o.name as org_name'])
    .where('u.id', '=', id)
    .executeTakeFirst();
}
export type UserWithNames = NonNullable<Awaited<ReturnType<typeof findUserById>>>;

export async function findUserByUsername(db: Db | Tx, username: string) {
  return db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
}

export async function insertUser(trx: Tx, row: Omit<UserRow, 'created_at' | 'updated_at' | 'must_change_password' | 'disabled_at'> & { must_change_password?: boolean }, now: Date) {
  await trx.insertInto('users').values({ ...row, created_at: now, updated_at: now }).execute();
}

export async function updateUser(trx: Tx, id: string, patch: Partial<Pick<UserRow, 'password_hash' | 'must_change_password' | 'disabled_at' | 'display_name'>>, now: Date) {
  await trx.updateTable('users').set({ ...patch, updated_at: now }).where('id', '=', id).execute();
}

export async function listUsers(db: Db, f: { q?: string; page: number; pageSize: number }) {
  let q = db.selectFrom('users as u').leftJoin('reporting_units as ru', 'ru.code', 'u.unit_code').leftJoin('organisations as o', 'o.id', 'u.org_id');
  if (f.q) {
    const like = `%${f.q}%`;
    q = q.where((eb) => eb.or([eb('u.username', 'ilike', like), eb('u.display_name', 'ilike', like)]));
  }
  return paged(q.selectAll('u').select(['ru.name as unit_name', 'o.name as org_name']), (q) => q.orderBy('u.username'), f, { concurrently: true });
}

export async function countUsers(db: Db) {
  return (await db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n;
}

// --- sessions ---------------------------------------------------------------------------------

export async function insertSession(trx: Tx, s: { id: string; userId: string; now: Date; expiresAt: Date; ip: string | null; userAgent: string | null }) {
  await trx
    .insertInto('sessions')
    .values({ id: s.id, user_id: s.userId, created_at: s.now, expires_at: s.expiresAt, last_seen_at: s.now, ip: s.ip, user_agent: s.userAgent })
    .execute();
}

export async function findSession(db: Db, id: string) {
  return db.selectFrom('sessions').selectAll().where('id', '=', id).executeTakeFirst();
}

/** A session with its user (and the user's unit and organisation names) in one query. */
export async function findSessionWithUser(db: Db, id: string) {
  return db
    .selectFrom('sessions as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .leftJoin('reporting_units as ru', 'ru.code', 'u.unit_code')
    .leftJoin('organisations as o', 'o.id', 'u.org_id')
    .selectAll('u')
    .select(['ru.name as unit_name', 'o.name as org_name', 's.expires_at as session_expires_at', 's.last_seen_at as session_last_seen_at'])
    .where('s.id', '=', id)
    .executeTakeFirst();
}

export async function touchSession(db: Db, id: string, now: Date, expiresAt: Date) {
  await db.updateTable('sessions').set({ last_seen_at: now, expires_at: expiresAt }).where('id', '=', id).execute();
}

export async function deleteSession(db: Db | Tx, id: string) {
  await db.deleteFrom('sessions').where('id', '=', id).execute();
}

/** Ends every session of a user, except `keep` when given. Returns how many ended. */
export async function deleteUserSessions(trx: Tx, userId: string, keep?: string): Promise<number> {
  let q = trx.deleteFrom('sessions').where('user_id', '=', userId);
  if (keep) q = q.where('id', '<>', keep);
  const r = await q.executeTakeFirst();
  return Number(r.numDeletedRows ?? 0);
}

// --- sign-in failures ---------------------------------------------------------------------------

export async function countRecentFailures(db: Db, by: { username?: string; ip?: string }, since: Date): Promise<number> {
  let q = db.selectFrom('login_failures').select((eb) => eb.fn.countAll<number>().as('n')).where('at', '>=', since);
  if (by.username !== undefined) q = q.where('username', '=', by.username);
  if (by.ip !== undefined) q = q.where('ip', '=', by.ip);
  return (await q.executeTakeFirstOrThrow()).n;
}

export async function insertFailure(trx: Tx, username: string, ip: string | null, at: Date) {
  await trx.insertInto('login_failures').values({ username, ip, at }).execute();
}

export async function clearFailures(trx: Tx, username: string) {
  await trx.deleteFrom('login_failures').where('username', '=', username).execute();
}
