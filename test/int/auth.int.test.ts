import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOGIN_MAX_FAILURES } from '../../src/domain/auth/passwordPolicy.ts';
import { testDbKind } from '../support/db.ts';
import { countAudit, createUser, login, startTestApp, type TestApp } from '../support/app.ts';

describe(`sign-in and sessions on ${testDbKind()}`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('signs in with an HttpOnly SameSite cookie, shows the user, and signs out', async () => {
    const u = await createUser(t, 'county_office', { unitCode: '140821' });
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: u.username, password: u.password } });
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === 'jineng_session')!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    const headers = { cookie: `jineng_session=${cookie.value}` };
    const me = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers });
    expect(me.json().user).toMatchObject({ username: u.username, role: 'county_office', unitCode: '140821', unitName: '临猗县' });
    expect(me.json().user.actions).toContain('worker.read');
    expect(me.json().user.actions).not.toContain('audit.read');
    // The session token is stored only as its hash.
    const stored = await t.database.db.selectFrom('sessions').select('id').execute();
    expect(stored.map((s) => s.id)).not.toContain(cookie.value);
    expect((await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers })).statusCode).toBe(204);
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers })).statusCode).toBe(401);
  });

  it('answers one generic message for a wrong password and an unknown user', async () => {
    const u = await createUser(t, 'finance', { unitCode: '140800' });
    const wrong = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: u.username, password: 'nope-123456' } });
    const unknown = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'nobody.here', password: 'nope-123456' } });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json().error.code).toBe('AUTH_INVALID_CREDENTIALS');
    expect(unknown.json().error.message).toEqual(wrong.json().error.message);
    expect(wrong.json().error.message).toEqual({ 'zh-CN': '用户名或密码错误', en: 'Wrong username or password' });
  });

  it('rate-limits a username after repeated failures, even with the right password, until the window passes', async () => {
    const u = await createUser(t, 'auditor', { unitCode: '140800' });
    for (let i = 0; i < LOGIN_MAX_FAILURES; i++) {
      const r = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: u.username, password: `wrong-${i}xx` } });
      expect(r.statusCode).toBe(401);
    }
    const blocked = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: u.username, password: u.password } });
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json().error.code).toBe('AUTH_RATE_LIMITED');
    t.clock.advance(16 * 60_000);
    await login(t, u.username, u.password);
  });

  it('changes a password: the old one stops working, other sessions end, this one stays', async () => {
    const u = await createUser(t, 'city_office');
    const a = await login(t, u.username, u.password);
    const b = await login(t, u.username, u.password);
    const weak = await t.app.inject({ method: 'POST', url: '/api/auth/password', headers: { cookie: a }, payload: { currentPassword: u.password, newPassword: 'short1' } });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().error).toMatchObject({ code: 'PASSWORD_TOO_WEAK', field: 'newPassword' });
    const wrongCurrent = await t.app.inject({ method: 'POST', url: '/api/auth/password', headers: { cookie: a }, payload: { currentPassword: 'wrong-pass1', newPassword: 'NewPassword2020' } });
    expect(wrongCurrent.json().error).toMatchObject({ code: 'AUTH_WRONG_CURRENT_PASSWORD', field: 'currentPassword' });
    const ok = await t.app.inject({ method: 'POST', url: '/api/auth/password', headers: { cookie: a }, payload: { currentPassword: u.password, newPassword: 'NewPassword2020' } });
    expect(ok.statusCode).toBe(204);
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: a } })).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: b } })).statusCode).toBe(401);
    await expect(login(t, u.username, u.password)).rejects.toThrow(/401/);
    await login(t, u.username, 'NewPassword2020');
  });

  it('disabling a user ends its sessions at once and blocks sign-in; the admin manages users and nothing else', async () => {
    const admin = await createUser(t, 'sysadmin');
    const adminCookie = await login(t, admin.username, admin.password);
    const victim = await createUser(t, 'county_office', { unitCode: '140882' });
    const victimCookie = await login(t, victim.username, victim.password);
    const before = await countAudit(t);
    const res = await t.app.inject({ method: 'POST', url: `/api/admin/users/${victim.id}/disable`, headers: { cookie: adminCookie } });
    expect(res.statusCode).toBe(204);
    expect(await countAudit(t)).toBe(before + 1);
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: victimCookie } })).statusCode).toBe(401);
    const again = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: victim.username, password: victim.password } });
    expect(again.json().error.code).toBe('AUTH_INVALID_CREDENTIALS');
    // The administrator sees no programme data.
    const workers = await t.app.inject({ method: 'GET', url: '/api/workers', headers: { cookie: adminCookie } });
    expect(workers.statusCode).toBe(403);
    // And other roles cannot manage users.
    const city = await createUser(t, 'city_office');
    const cityCookie = await login(t, city.username, city.password);
    expect((await t.app.inject({ method: 'GET', url: '/api/admin/users', headers: { cookie: cityCookie } })).statusCode).toBe(404);
  });

  it('creates a user with a one-time password that must be changed', async () => {
    const admin = await createUser(t, 'sysadmin');
    const cookie = await login(t, admin.username, admin.password);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/admin/users',
      headers: { cookie },
      payload: { username: 'new.county', displayName: '新绛县人社局', role: 'county_office', unitCode: '140825' },
    });
    expect(res.statusCode).toBe(201);
    const { initialPassword } = res.json();
    const userCookie = await login(t, 'new.county', initialPassword);
    const me = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: userCookie } });
    expect(me.json().user).toMatchObject({ mustChangePassword: true, unitName: '新绛县' });
    const dup = await t.app.inject({ method: 'POST', url: '/api/admin/users', headers: { cookie }, payload: { username: 'new.county', displayName: 'x', role: 'city_office' } });
    expect(dup.json().error).toMatchObject({ code: 'USERNAME_TAKEN', field: 'username' });
    const badScope = await t.app.inject({ method: 'POST', url: '/api/admin/users', headers: { cookie }, payload: { username: 'bad.scope', displayName: 'x', role: 'county_office', unitCode: '110105' } });
    expect(badScope.statusCode).toBe(400);
    expect(badScope.json().error).toMatchObject({ code: 'USER_SCOPE_INVALID', field: 'unitCode' });
  });
});
