/**
 * The rotating attendance QR code (§9 实名制签到): the classroom screen shows a token for (class, session,
 * 30-second slot, check-in or check-out); the trainee's phone scans it and posts it with their own login.
 * A screenshot forwarded to someone at home is worth at most two slots (the current and the previous one,
 * i.e. between 30 and 60 seconds); a second check-in of the same person and session is refused by the
 * database's uniqueness, not here.
 *
 * Pure format only. The MAC is injected: the server passes e.g. HMAC-SHA256 over `data` with a secret key,
 * base64url-encoded (truncating to 16 bytes keeps the QR small). The server also generates every token — the
 * key never leaves it. Comparing MACs: pass `macEquals` built on crypto.timingSafeEqual; the default
 * `constantTimeEquals` below avoids early exit but, being plain JavaScript, cannot promise constant time.
 *
 * Token: `A1.<i|o>.<classId>.<sessionId>.<slot in base 36>.<mac>`, ids in [A-Za-z0-9_-] (UUIDs fit).
 */
import type { ErrorCode } from '../errors.ts';
import { problem, type Problem } from '../registry/problems.ts';
import { checkScanTime, DEFAULT_TOLERANCE_MINUTES, type SessionWindow } from './attendance.ts';
import { parseInstant, type Instant } from './calendar.ts';

export const TOKEN_VERSION = 'A1';
export const TOKEN_SLOT_SECONDS = 30;
const ID = /^[A-Za-z0-9_-]{1,64}$/;
const MAC = /^[A-Za-z0-9_-]{1,128}$/;
const SLOT = /^[0-9a-z]{1,12}$/;

export type TokenKind = 'in' | 'out';
export type TokenPayload = { classId: string; sessionId: string; slot: number; kind: TokenKind };
export type Mac = (data: string) => string;
export type MacEquals = (a: string, b: string) => boolean;

/** The slot an instant falls in: floor(epoch seconds / 30). */
export function slotOf(now: Instant): number {
  const t = parseInstant(now);
  if (t === null) throw new TypeError(`not an instant: ${String(now)}`);
  return Math.floor(t / (TOKEN_SLOT_SECONDS * 1000));
}

function dataOf(p: TokenPayload): string {
  return [TOKEN_VERSION, p.kind === 'in' ? 'i' : 'o', p.classId, p.sessionId, p.slot.toString(36)].join('.');
}

/** A token is good in its own slot and the next one only: 'expired' before, 'not_yet_valid' after. */
export function slotProblem(slot: number, now: Instant): 'expired' | 'not_yet_valid' | null {
  const current = slotOf(now);
  if (slot < current - 1) return 'expired';
  if (slot > current) return 'not_yet_valid';
  return null;
}

/** The compact token for a payload. Throws on ids outside [A-Za-z0-9_-]{1,64}, a bad slot, or a MAC that is not base64url. */
export function encodeToken(payload: TokenPayload, mac: Mac): string {
  if (!ID.test(payload.classId) || !ID.test(payload.sessionId)) throw new TypeError('class and session ids must match [A-Za-z0-9_-]{1,64}');
  if (!Number.isSafeInteger(payload.slot) || payload.slot < 0) throw new TypeError('slot must be a non-negative integer');
  if (payload.kind !== 'in' && payload.kind !== 'out') throw new TypeError("kind must be 'in' or 'out'");
  const data = dataOf(payload);
  const tag = mac(data);
  if (!MAC.test(tag)) throw new TypeError('the MAC must be base64url text (no dots)');
  return `${data}.${tag}`;
}

/** The payload a token claims, unauthenticated (null when it is not a token of this format). */
export function decodeToken(token: string): (TokenPayload & { data: string; mac: string }) | null {
  if (typeof token !== 'string' || token.length > 400) return null;
  const parts = token.trim().split('.');
  if (parts.length !== 6) return null;
  const [version, kind, classId, sessionId, slot36, tag] = parts as [string, string, string, string, string, string];
  if (version !== TOKEN_VERSION || (kind !== 'i' && kind !== 'o') || !ID.test(classId) || !ID.test(sessionId) || !SLOT.test(slot36) || !MAC.test(tag)) return null;
  const slot = parseInt(slot36, 36);
  if (!Number.isSafeInteger(slot)) return null;
  const payload: TokenPayload = { classId, sessionId, slot, kind: kind === 'i' ? 'in' : 'out' };
  // Canonical form only: the signed text must be exactly what encodeToken would produce.
  if (dataOf(payload) !== parts.slice(0, 5).join('.')) return null;
  return { ...payload, data: parts.slice(0, 5).join('.'), mac: tag };
}

/** Compares without an early exit (see the module note: the server should inject a crypto-based one). */
export function constantTimeEquals(a: string, b: string): boolean {
  let diff = a.length ^ b.length;
  const n = Math.max(a.length, b.length);
  for (let i = 0; i < n; i++) diff |= (a.charCodeAt(i) | 0) ^ (b.charCodeAt(i) | 0);
  return diff === 0;
}

export type TokenProblemKind = 'malformed' | 'forged' | 'wrong_class' | 'wrong_session' | 'expired' | 'not_yet_valid' | 'session_not_open' | 'outside_window';

export type TokenCheck = { ok: true; kind: TokenKind; slot: number } | { ok: false; reason: TokenProblemKind; problems: Problem[] };

export type TokenContext = {
  now: Instant;
  /** The class and session the scan is posted for. */
  classId: string;
  sessionId: string;
  sessionWindow: SessionWindow;
  /** OPEN setting, as in attendance.ts. */
  toleranceMinutes?: number;
};

const CODES: Readonly<Record<Exclude<TokenProblemKind, 'session_not_open' | 'outside_window'>, ErrorCode>> = {
  malformed: 'ATTENDANCE_TOKEN_MALFORMED',
  forged: 'ATTENDANCE_TOKEN_FORGED',
  wrong_class: 'ATTENDANCE_TOKEN_WRONG_SESSION',
  wrong_session: 'ATTENDANCE_TOKEN_WRONG_SESSION',
  expired: 'ATTENDANCE_TOKEN_EXPIRED',
  not_yet_valid: 'ATTENDANCE_TOKEN_NOT_YET_VALID',
};

/**
 * Verifies a scanned token, in this order: the format; the MAC (nothing else is believed before it); the class
 * and session; the slot (the current or the previous one only); the session's scan window at `now`.
 */
export function verifyToken(token: string, ctx: TokenContext, mac: Mac, macEquals: MacEquals = constantTimeEquals): TokenCheck {
  const fail = (reason: Exclude<TokenProblemKind, 'session_not_open' | 'outside_window'>): TokenCheck => ({ ok: false, reason, problems: [problem('token', CODES[reason])] });
  const decoded = decodeToken(token);
  if (!decoded) return fail('malformed');
  if (!macEquals(mac(decoded.data), decoded.mac)) return fail('forged');
  if (decoded.classId !== ctx.classId) return fail('wrong_class');
  if (decoded.sessionId !== ctx.sessionId) return fail('wrong_session');
  const stale = slotProblem(decoded.slot, ctx.now);
  if (stale) return fail(stale);
  const window = checkScanTime(ctx.sessionWindow, ctx.now, ctx.toleranceMinutes ?? DEFAULT_TOLERANCE_MINUTES);
  if (window.length > 0)
    return { ok: false, reason: window[0]!.code === 'ATTENDANCE_SESSION_NOT_OPEN' ? 'session_not_open' : 'outside_window', problems: window.map((p) => ({ ...p, field: 'token' })) };
  return { ok: true, kind: decoded.kind, slot: decoded.slot };
}
