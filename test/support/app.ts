import path from 'node:path';
import os from 'node:os';
import fs from 'node:fs';
import { randomBytes, randomUUID } from 'node:crypto';
import { buildApp, type App } from '../../src/http/app.ts';
import type { Role } from '../../src/domain/auth/permissions.ts';
import { makePiiCipher, type PiiCipher } from '../../src/security/pii.ts';
import { hashPassword } from '../../src/security/passwords.ts';
import type { Clock } from '../../src/usecases/context.ts';
import { openTestDatabase, type TestDatabase } from './db.ts';

/** A settable clock, so tests move time instead of sleeping. */
export class TestClock implements Clock {
  constructor(private t = new Date('2020-06-01T02:00:00.000Z')) {}
  now() {
    return new Date(this.t);
  }
  advance(ms: number) {
    this.t = new Date(this.t.getTime() + ms);
  }
}

export type TestApp = {
  app: App;
  database: TestDatabase;
  clock: TestClock;
  pii: PiiCipher;
  close(): Promise<void>;
};

export async function startTestApp(): Promise<TestApp> {
  const database = await openTestDatabase();
  const clock = new TestClock();
  const pii = makePiiCipher(randomBytes(32));
  const app = await buildApp({
    dataDir: fs.mkdtempSync(path.join(os.tmpdir(), 'jineng-test-')),
    db: database.db,
    clock,
    pii,
    sessionHours: 12,
    secureCookies: false,
    readiness: () => ({ ready: true, phase: 'ready', seeding: null }),
  });
  await app.ready();
  return {
    app,
    database,
    clock,
    pii,
    async close() {
      await app.close();
      await database.dispose();
    },
  };
}

let n = 0;
/** Insert a user directly (builders may write to the database; tests then go through HTTP). */
export async function createUser(
  t: TestApp,
  role: Role,
  scope: { unitCode?: string; orgId?: string; workerId?: string } = {},
): Promise<{ id: string; username: string; password: string }> {
  const username = `${role.replace('_', '')}${++n}${randomBytes(2).toString('hex')}`;
  const password = `Pw${randomBytes(6).toString('hex')}9`;
  const id = randomUUID();
  await t.database.db
    .insertInto('users')
    .values({
      id,
      username,
      display_name: username,
      role,
      unit_code: scope.unitCode ?? (role === 'city_office' ? '140800' : null),
      org_id: scope.orgId ?? null,
      worker_id: scope.workerId ?? null,
      password_hash: await hashPassword(password),
    })
    .execute();
  return { id, username, password };
}

/** Sign in through the API and return the cookie header to send on later requests. */
export async function login(t: TestApp, username: string, password: string): Promise<string> {
  const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
  if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.find((c) => c.name === 'jineng_session');
  if (!cookie) throw new Error('no session cookie');
  return `jineng_session=${cookie.value}`;
}

export async function countAudit(t: TestApp): Promise<number> {
  const r = await t.database.db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return r.n;
}
