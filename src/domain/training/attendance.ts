/**
 * Attendance (§9 实名制 — the real-name system supervises training quality; §10 培训合格): when a check-in or
 * check-out is accepted, what a manual mark (补签) needs, how many minutes a person attended, and whether that
 * meets the completion threshold. Minutes are integers; the rate is kept as an exact fraction (attended /
 * scheduled minutes) and shown as integer per-mille — never a float in a stored value.
 *
 * OPEN settings (the document gives no numbers): the tolerance around a session (default 15 minutes) and the
 * completion threshold (default 80 % of the scheduled minutes).
 */
import { problem, type Problem } from '../registry/problems.ts';
import { beijingDateOf, beijingDateTimeOf, MINUTE_MS, parseInstant, type Instant } from './calendar.ts';

/** OPEN: minutes before a session starts and after it ends during which scans are accepted. */
export const DEFAULT_TOLERANCE_MINUTES = 15;
/** OPEN: share of the scheduled minutes a trainee must attend to complete the class (§10). */
export const DEFAULT_COMPLETION_THRESHOLD_PERCENT = 80;

export type SessionWindow = { start: Instant; end: Instant };
export type Session = SessionWindow & { id: string };

function ms(at: Instant, what: string): number {
  const v = parseInstant(at);
  if (v === null) throw new TypeError(`${what} is not an instant: ${String(at)}`);
  return v;
}

/** When scans open and close for a session: [start − tolerance, end + tolerance], both ends inclusive. */
export function scanWindow(session: SessionWindow, toleranceMinutes = DEFAULT_TOLERANCE_MINUTES): { opens: number; closes: number } {
  return { opens: ms(session.start, 'session start') - toleranceMinutes * MINUTE_MS, closes: ms(session.end, 'session end') + toleranceMinutes * MINUTE_MS };
}

/**
 * Problems of a check-in or check-out at `at`: ATTENDANCE_SESSION_NOT_OPEN before the window opens,
 * ATTENDANCE_OUTSIDE_WINDOW after it closes; none inside (boundaries included).
 */
export function checkScanTime(session: SessionWindow, at: Instant, toleranceMinutes = DEFAULT_TOLERANCE_MINUTES): Problem[] {
  const t = parseInstant(at);
  if (t === null) return [problem('at', 'ATTENDANCE_TIME_INVALID', { value: String(at) })];
  const w = scanWindow(session, toleranceMinutes);
  if (t < w.opens) return [problem('at', 'ATTENDANCE_SESSION_NOT_OPEN', { opens: beijingDateTimeOf(w.opens) })];
  if (t > w.closes) return [problem('at', 'ATTENDANCE_OUTSIDE_WINDOW', { opens: beijingDateTimeOf(w.opens), closes: beijingDateTimeOf(w.closes) })];
  return [];
}

// ---------------------------------------------------------------------------------------------------------
// Manual marks (补签)

export const MANUAL_MARK_REASONS = [
  { code: 'device_failure', name: '签到设备故障', nameEn: 'Check-in device failure' },
  { code: 'late_registration', name: '补录报名', nameEn: 'Late registration' },
  { code: 'phone_unavailable', name: '学员无法使用手机', nameEn: 'Trainee has no usable phone' },
  { code: 'other', name: '其他（须说明）', nameEn: 'Other (explain)' },
] as const;
export type ManualMarkReason = (typeof MANUAL_MARK_REASONS)[number]['code'];

export function isManualMarkReason(code: string): code is ManualMarkReason {
  return MANUAL_MARK_REASONS.some((r) => r.code === code);
}

export type ManualMarkInput = {
  checkIn: Instant | null | undefined;
  checkOut: Instant | null | undefined;
  reasonCode: string | null | undefined;
  /** Required when the reason is 'other'. */
  note?: string | null;
};

/**
 * Problems of a manual mark: a known reason (and a note for 'other'), both times given, inside the session's
 * scan window, check-out after check-in. A valid manual mark still counts only after the county office
 * confirms it (AttendanceMark.confirmation).
 */
export function checkManualMark(session: SessionWindow, mark: ManualMarkInput, toleranceMinutes = DEFAULT_TOLERANCE_MINUTES): Problem[] {
  const problems: Problem[] = [];
  const reason = mark.reasonCode?.trim() ?? '';
  if (reason === '') problems.push(problem('reasonCode', 'ATTENDANCE_MANUAL_REASON_REQUIRED'));
  else if (!isManualMarkReason(reason)) problems.push(problem('reasonCode', 'ATTENDANCE_MANUAL_REASON_UNKNOWN', { value: reason }));
  else if (reason === 'other' && !mark.note?.trim()) problems.push(problem('note', 'ATTENDANCE_MANUAL_NOTE_REQUIRED'));

  const times: (number | null)[] = [];
  for (const field of ['checkIn', 'checkOut'] as const) {
    const value = mark[field];
    if (value === null || value === undefined || value === '') {
      problems.push(problem(field, 'ATTENDANCE_TIME_REQUIRED'));
      times.push(null);
      continue;
    }
    const found = checkScanTime(session, value, toleranceMinutes).map((p) => ({ ...p, field }));
    problems.push(...found);
    times.push(found.length === 0 ? parseInstant(value) : null);
  }
  const [inMs, outMs] = times;
  if (inMs != null && outMs != null && outMs <= inMs) problems.push(problem('checkOut', 'ATTENDANCE_CHECKOUT_BEFORE_CHECKIN'));
  return problems;
}

// ---------------------------------------------------------------------------------------------------------
// Minutes, summary, completion

/** Whole minutes of [checkIn, checkOut] inside the session (0 when they do not meet or out ≤ in). */
export function attendedMinutes(session: SessionWindow, checkIn: Instant, checkOut: Instant): number {
  const from = Math.max(ms(session.start, 'session start'), ms(checkIn, 'check-in'));
  const to = Math.min(ms(session.end, 'session end'), ms(checkOut, 'check-out'));
  return to > from ? Math.floor((to - from) / MINUTE_MS) : 0;
}

export type AttendanceMark = {
  sessionId: string;
  /** An open check-in (no check-out) counts nothing until completed. */
  checkIn: Instant | null;
  checkOut: Instant | null;
  source: 'qr' | 'manual';
  /** Manual marks count only once the county office confirmed them; ignored for QR scans. */
  confirmation?: 'pending' | 'confirmed' | 'refused';
};

/** Whether a mark counts towards the attended minutes. */
export function markCounts(mark: AttendanceMark): boolean {
  return mark.source === 'qr' || mark.confirmation === 'confirmed';
}

/** An exact rate: attended over scheduled minutes. */
export type AttendanceRate = { numerator: number; denominator: number };

export type AttendanceSummary = {
  scheduledMinutes: number;
  attendedMinutes: number;
  rate: AttendanceRate;
  /** floor(1000 × attended / scheduled); 0 when nothing is scheduled. */
  ratePerMille: number;
  perSession: { sessionId: string; scheduledMinutes: number; attendedMinutes: number }[];
  /** Asia/Shanghai days with any attended minute: the living-allowance days (§3; OPEN: days actually attended). */
  attendedDays: number;
  /** Asia/Shanghai days with a session: the living allowance never exceeds them (§3). */
  scheduledDays: number;
  /** Manual marks awaiting the county office's confirmation (they do not count yet). */
  pendingManualMarks: number;
};

/**
 * One person's attendance over a class. Several counted marks of one session (left and came back) are merged,
 * so no minute counts twice; marks of unknown sessions are ignored.
 */
export function attendanceSummary(sessions: readonly Session[], marks: readonly AttendanceMark[]): AttendanceSummary {
  const perSession: AttendanceSummary['perSession'] = [];
  const scheduledDays = new Set<string>();
  const attendedDays = new Set<string>();
  let scheduled = 0;
  let attended = 0;
  for (const s of sessions) {
    const start = ms(s.start, 'session start');
    const end = ms(s.end, 'session end');
    const day = beijingDateOf(start);
    scheduledDays.add(day);
    const sessionMinutes = Math.floor(Math.max(0, end - start) / MINUTE_MS);
    const pieces: [number, number][] = [];
    for (const m of marks) {
      if (m.sessionId !== s.id || !markCounts(m) || m.checkIn === null || m.checkOut === null) continue;
      const from = Math.max(start, ms(m.checkIn, 'check-in'));
      const to = Math.min(end, ms(m.checkOut, 'check-out'));
      if (to > from) pieces.push([from, to]);
    }
    const minutes = Math.floor(unionLength(pieces) / MINUTE_MS);
    if (minutes > 0) attendedDays.add(day);
    scheduled += sessionMinutes;
    attended += minutes;
    perSession.push({ sessionId: s.id, scheduledMinutes: sessionMinutes, attendedMinutes: minutes });
  }
  const known = new Set(sessions.map((s) => s.id));
  return {
    scheduledMinutes: scheduled,
    attendedMinutes: attended,
    rate: { numerator: attended, denominator: scheduled },
    ratePerMille: scheduled === 0 ? 0 : Math.floor((attended * 1000) / scheduled),
    perSession,
    attendedDays: attendedDays.size,
    scheduledDays: scheduledDays.size,
    pendingManualMarks: marks.filter((m) => known.has(m.sessionId) && m.source === 'manual' && (m.confirmation ?? 'pending') === 'pending').length,
  };
}

function unionLength(pieces: [number, number][]): number {
  pieces.sort((a, b) => a[0] - b[0]);
  let total = 0;
  let curFrom = -Infinity;
  let curTo = -Infinity;
  for (const [from, to] of pieces) {
    if (from > curTo) {
      if (curTo > curFrom) total += curTo - curFrom;
      curFrom = from;
      curTo = to;
    } else if (to > curTo) curTo = to;
  }
  if (curTo > curFrom) total += curTo - curFrom;
  return total;
}

/** §10: attended at least `thresholdPercent` % of the scheduled minutes (exact integer comparison). */
export function meetsCompletion(rate: AttendanceRate, thresholdPercent = DEFAULT_COMPLETION_THRESHOLD_PERCENT): boolean {
  return rate.denominator > 0 && rate.numerator * 100 >= thresholdPercent * rate.denominator;
}

/**
 * The class lifecycle's `attendanceComplete`: every session's scan window has closed at `now`, and no manual
 * mark of the class awaits the county office's confirmation.
 */
export function attendanceSettled(sessions: readonly SessionWindow[], pendingManualMarks: number, now: Instant, toleranceMinutes = DEFAULT_TOLERANCE_MINUTES): boolean {
  const t = ms(now, 'now');
  return pendingManualMarks === 0 && sessions.every((s) => scanWindow(s, toleranceMinutes).closes < t);
}
