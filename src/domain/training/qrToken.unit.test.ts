import { createHmac, timingSafeEqual } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import fc from 'fast-check';
import { ERROR_CATALOGUE } from '../errors.ts';
import { constantTimeEquals, decodeToken, encodeToken, slotOf, TOKEN_SLOT_SECONDS, verifyToken, type TokenContext } from './qrToken.ts';

/** What the server injects: HMAC-SHA256, truncated to 16 bytes, base64url. */
const macWith = (key: string) => (data: string) => createHmac('sha256', key).update(data).digest().subarray(0, 16).toString('base64url');
const mac = macWith('test-key-not-a-secret');
const cryptoEquals = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

const CLASS = '0190f1a2-7c3e-7d4a-9b1e-2f5c8a9d0e11';
const SESSION = 'sess-20200615-am';
const window = { start: '2020-06-15T08:30:00+08:00', end: '2020-06-15T12:00:00+08:00' };
/** 09:00:00 Beijing is 1592182800 s: a multiple of 30, so a slot starts there. */
const NINE = Date.parse('2020-06-15T09:00:00+08:00');
const ctx = (now: number | string, over: Partial<TokenContext> = {}): TokenContext => ({ now, classId: CLASS, sessionId: SESSION, sessionWindow: window, ...over });
const tokenAt = (at: number, kind: 'in' | 'out' = 'in', over: Partial<{ classId: string; sessionId: string }> = {}) =>
  encodeToken({ classId: CLASS, sessionId: SESSION, slot: slotOf(at), kind, ...over }, mac);

function reason(result: ReturnType<typeof verifyToken>): string {
  if (result.ok) return 'ok';
  for (const p of result.problems) for (const [, name] of ERROR_CATALOGUE[p.code].en.matchAll(/\{(\w+)\}/g)) expect(p.params, p.code).toHaveProperty(name!);
  return result.reason;
}

describe('encode / decode', () => {
  it('produces a compact token that carries the payload', () => {
    const token = tokenAt(NINE, 'out');
    expect(token).toMatch(/^A1\.o\.[\w-]+\.[\w-]+\.[0-9a-z]+\.[\w-]{22}$/);
    expect(token.length).toBeLessThan(100);
    expect(decodeToken(token)).toMatchObject({ classId: CLASS, sessionId: SESSION, slot: NINE / 30_000, kind: 'out' });
  });

  it('slots are 30 seconds of epoch time', () => {
    expect(TOKEN_SLOT_SECONDS).toBe(30);
    expect(slotOf(NINE)).toBe(NINE / 30_000);
    expect(slotOf(NINE + 29_999)).toBe(NINE / 30_000);
    expect(slotOf(NINE + 30_000)).toBe(NINE / 30_000 + 1);
    expect(slotOf('2020-06-15T01:00:00Z')).toBe(NINE / 30_000);
  });

  it('refuses ids and MACs that would break the format', () => {
    expect(() => encodeToken({ classId: 'a.b', sessionId: SESSION, slot: 1, kind: 'in' }, mac)).toThrow(TypeError);
    expect(() => encodeToken({ classId: CLASS, sessionId: '', slot: 1, kind: 'in' }, mac)).toThrow(TypeError);
    expect(() => encodeToken({ classId: CLASS, sessionId: SESSION, slot: -1, kind: 'in' }, mac)).toThrow(TypeError);
    expect(() => encodeToken({ classId: CLASS, sessionId: SESSION, slot: 1.5, kind: 'in' }, mac)).toThrow(TypeError);
    expect(() => encodeToken({ classId: CLASS, sessionId: SESSION, slot: 1, kind: 'in' }, () => 'ab.cd')).toThrow(TypeError);
  });

  it('decodes only canonical tokens of this format', () => {
    const token = tokenAt(NINE);
    const [v, k, c, s, slot, tag] = token.split('.') as [string, string, string, string, string, string];
    for (const bad of ['', 'hello', `${token}.x`, [v, 'x', c, s, slot, tag].join('.'), ['A2', k, c, s, slot, tag].join('.'), [v, k, c, s, `0${slot}`, tag].join('.'), [v, k, c, s, slot.toUpperCase(), tag].join('.')])
      expect(decodeToken(bad), bad).toBeNull();
  });

  it('round-trips any payload (property)', () => {
    const id = fc.stringMatching(/^[A-Za-z0-9_-]{1,64}$/);
    fc.assert(
      fc.property(id, id, fc.integer({ min: 0, max: 2 ** 40 }), fc.constantFrom<'in' | 'out'>('in', 'out'), (classId, sessionId, slot, kind) => {
        expect(decodeToken(encodeToken({ classId, sessionId, slot, kind }, mac))).toMatchObject({ classId, sessionId, slot, kind });
      }),
    );
  });
});

describe('verifyToken', () => {
  it('accepts a fresh token inside the session window, telling in from out', () => {
    expect(verifyToken(tokenAt(NINE), ctx(NINE), mac)).toEqual({ ok: true, kind: 'in', slot: NINE / 30_000 });
    expect(verifyToken(tokenAt(NINE, 'out'), ctx(NINE + 10_000), mac, cryptoEquals)).toMatchObject({ ok: true, kind: 'out' });
  });

  it('refuses a forged token: bad MAC, another key, or an edited payload', () => {
    const token = tokenAt(NINE);
    const last = token.at(-1) === 'A' ? 'B' : 'A';
    expect(reason(verifyToken(token.slice(0, -1) + last, ctx(NINE), mac))).toBe('forged');
    expect(reason(verifyToken(encodeToken({ classId: CLASS, sessionId: SESSION, slot: slotOf(NINE), kind: 'in' }, macWith('guessed')), ctx(NINE), mac))).toBe('forged');
    // Turning a check-out code into a check-in one, or moving it to a later slot, breaks the MAC.
    const out = tokenAt(NINE, 'out');
    expect(reason(verifyToken(out.replace('A1.o.', 'A1.i.'), ctx(NINE), mac))).toBe('forged');
    const parts = token.split('.');
    parts[4] = (slotOf(NINE) + 1).toString(36);
    expect(reason(verifyToken(parts.join('.'), ctx(NINE + 30_000), mac))).toBe('forged');
    expect(verifyToken(token, ctx(NINE), mac, () => false)).toMatchObject({ ok: false, reason: 'forged', problems: [{ code: 'ATTENDANCE_TOKEN_FORGED' }] });
  });

  it('any single-character change is refused (property)', () => {
    const token = tokenAt(NINE);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: token.length - 1 }), fc.constantFrom(...'0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_.'), (i, ch) => {
        fc.pre(token[i] !== ch);
        const mutated = token.slice(0, i) + ch + token.slice(i + 1);
        expect(verifyToken(mutated, ctx(NINE), mac).ok).toBe(false);
      }),
    );
  });

  it('accepts the current and the previous slot only: a replay 60 seconds later is expired', () => {
    const token = tokenAt(NINE); // slot starting 09:00:00
    expect(verifyToken(token, ctx(NINE + 29_999), mac).ok).toBe(true);
    expect(verifyToken(token, ctx(NINE + 30_000), mac).ok).toBe(true);
    expect(verifyToken(token, ctx(NINE + 59_999), mac).ok).toBe(true);
    expect(verifyToken(token, ctx(NINE + 60_000), mac)).toEqual({ ok: false, reason: 'expired', problems: [{ field: 'token', code: 'ATTENDANCE_TOKEN_EXPIRED', params: {} }] });
    expect(reason(verifyToken(token, ctx(NINE + 3_600_000), mac))).toBe('expired');
    // A token shown at the very end of its slot lives just over 30 seconds.
    const late = tokenAt(NINE + 29_999);
    expect(verifyToken(late, ctx(NINE + 59_999), mac).ok).toBe(true);
    expect(reason(verifyToken(late, ctx(NINE + 60_000), mac))).toBe('expired');
  });

  it('refuses a slot from the future', () => {
    expect(reason(verifyToken(tokenAt(NINE + 30_000), ctx(NINE + 29_999), mac))).toBe('not_yet_valid');
  });

  it('refuses a token of another session or class', () => {
    expect(reason(verifyToken(tokenAt(NINE, 'in', { sessionId: 'sess-20200615-pm' }), ctx(NINE), mac))).toBe('wrong_session');
    expect(reason(verifyToken(tokenAt(NINE, 'in', { classId: 'another-class' }), ctx(NINE), mac))).toBe('wrong_class');
    expect(verifyToken(tokenAt(NINE), ctx(NINE, { sessionId: 'sess-20200616-am' }), mac)).toMatchObject({ ok: false, problems: [{ code: 'ATTENDANCE_TOKEN_WRONG_SESSION' }] });
  });

  it('refuses a future session, and a session whose window has closed', () => {
    const tomorrow = { start: '2020-06-16T08:30:00+08:00', end: '2020-06-16T12:00:00+08:00' };
    const result = verifyToken(tokenAt(NINE), ctx(NINE, { sessionWindow: tomorrow }), mac);
    expect(result).toEqual({ ok: false, reason: 'session_not_open', problems: [{ field: 'token', code: 'ATTENDANCE_SESSION_NOT_OPEN', params: { opens: '2020-06-16 08:15' } }] });
    const yesterday = { start: '2020-06-14T08:30:00+08:00', end: '2020-06-14T12:00:00+08:00' };
    expect(reason(verifyToken(tokenAt(NINE), ctx(NINE, { sessionWindow: yesterday }), mac))).toBe('outside_window');
    // The tolerance applies: 12:15 is the last accepted moment of the morning session.
    const closing = Date.parse('2020-06-15T12:15:00+08:00');
    expect(verifyToken(tokenAt(closing), ctx(closing), mac).ok).toBe(true);
    expect(reason(verifyToken(tokenAt(closing + 1000), ctx(closing + 1000), mac))).toBe('outside_window');
    expect(verifyToken(tokenAt(closing + 1000), ctx(closing + 1000, { toleranceMinutes: 20 }), mac).ok).toBe(true);
  });

  it('refuses garbage before computing anything', () => {
    const spy = vi.fn(mac);
    expect(reason(verifyToken('https://example.com/?q=1', ctx(NINE), spy))).toBe('malformed');
    expect(spy).not.toHaveBeenCalled();
  });

  it('uses the injected comparison', () => {
    const eq = vi.fn(cryptoEquals);
    verifyToken(tokenAt(NINE), ctx(NINE), mac, eq);
    expect(eq).toHaveBeenCalledOnce();
  });
});

describe('constantTimeEquals', () => {
  it('compares strings', () => {
    expect(constantTimeEquals('abc', 'abc')).toBe(true);
    expect(constantTimeEquals('abc', 'abd')).toBe(false);
    expect(constantTimeEquals('abc', 'abcd')).toBe(false);
    expect(constantTimeEquals('', '')).toBe(true);
    fc.assert(
      fc.property(fc.string(), fc.string(), (a, b) => {
        expect(constantTimeEquals(a, b)).toBe(a === b);
      }),
    );
  });
});
