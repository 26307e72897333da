import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ERROR_CATALOGUE } from '../errors.ts';
import type { Problem } from '../registry/problems.ts';
import {
  attendanceSettled,
  attendanceSummary,
  attendedMinutes,
  checkManualMark,
  checkScanTime,
  DEFAULT_COMPLETION_THRESHOLD_PERCENT,
  DEFAULT_TOLERANCE_MINUTES,
  MANUAL_MARK_REASONS,
  markCounts,
  meetsCompletion,
  type AttendanceMark,
  type Session,
} from './attendance.ts';

function codes(problems: readonly Problem[]): [string, string][] {
  for (const p of problems) for (const [, name] of ERROR_CATALOGUE[p.code].en.matchAll(/\{(\w+)\}/g)) expect(p.params, p.code).toHaveProperty(name!);
  return problems.map((p) => [p.field, p.code]);
}

const t = (hhmm: string, day = 15) => `2020-06-${day}T${hhmm}+08:00`;
const ms = (hhmm: string, day = 15) => Date.parse(t(hhmm, day));
const morning: Session = { id: 's1', start: t('08:30:00'), end: t('12:00:00') };
const afternoon: Session = { id: 's2', start: t('14:00:00'), end: t('17:30:00') };
const nextDay: Session = { id: 's3', start: t('08:30:00', 16), end: t('12:00:00', 16) };

describe('checkScanTime: the session window ± tolerance (OPEN, default 15 minutes)', () => {
  it('defaults', () => {
    expect(DEFAULT_TOLERANCE_MINUTES).toBe(15);
    expect(DEFAULT_COMPLETION_THRESHOLD_PERCENT).toBe(80);
  });

  it('opens 15 minutes before the start and closes 15 minutes after the end, both inclusive', () => {
    expect(checkScanTime(morning, t('08:15:00'))).toEqual([]);
    expect(checkScanTime(morning, ms('08:15:00'))).toEqual([]);
    expect(checkScanTime(morning, t('10:00:00'))).toEqual([]);
    expect(checkScanTime(morning, t('12:15:00'))).toEqual([]);
    expect(checkScanTime(morning, ms('08:15:00') - 1)).toEqual([{ field: 'at', code: 'ATTENDANCE_SESSION_NOT_OPEN', params: { opens: '2020-06-15 08:15' } }]);
    expect(checkScanTime(morning, ms('12:15:00') + 1)).toEqual([{ field: 'at', code: 'ATTENDANCE_OUTSIDE_WINDOW', params: { opens: '2020-06-15 08:15', closes: '2020-06-15 12:15' } }]);
  });

  it('honours the setting', () => {
    expect(codes(checkScanTime(morning, t('08:29:59'), 0))).toEqual([['at', 'ATTENDANCE_SESSION_NOT_OPEN']]);
    expect(checkScanTime(morning, t('08:30:00'), 0)).toEqual([]);
    expect(checkScanTime(morning, t('12:00:00'), 0)).toEqual([]);
    expect(codes(checkScanTime(morning, t('12:00:01'), 0))).toEqual([['at', 'ATTENDANCE_OUTSIDE_WINDOW']]);
    expect(checkScanTime(morning, t('08:00:00'), 30)).toEqual([]);
  });

  it('accepts any offset for the same instant, and refuses malformed times', () => {
    expect(checkScanTime(morning, '2020-06-15T00:15:00Z')).toEqual([]);
    expect(codes(checkScanTime(morning, '2020-06-15 08:30'))).toEqual([['at', 'ATTENDANCE_TIME_INVALID']]);
  });

  it('agrees with the arithmetic definition (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: -120, max: 400 }), fc.integer({ min: 0, max: 60 }), (minute, tol) => {
        const at = ms('08:30:00') + minute * 60_000;
        const inside = minute >= -tol && minute <= 210 + tol;
        expect(checkScanTime(morning, at, tol).length === 0).toBe(inside);
      }),
    );
  });
});

describe('manual marks (补签)', () => {
  const mark = { checkIn: t('08:30:00'), checkOut: t('12:00:00'), reasonCode: 'device_failure' };

  it('has the reason list of the brief', () => {
    expect(MANUAL_MARK_REASONS.map((r) => r.code)).toEqual(['device_failure', 'late_registration', 'phone_unavailable', 'other']);
  });

  it('accepts a reasoned mark inside the window', () => {
    for (const r of MANUAL_MARK_REASONS) expect(checkManualMark(morning, { ...mark, reasonCode: r.code, note: '设备断电' }), r.code).toEqual([]);
  });

  it('needs a known reason, and a note for "other"', () => {
    expect(codes(checkManualMark(morning, { ...mark, reasonCode: null }))).toEqual([['reasonCode', 'ATTENDANCE_MANUAL_REASON_REQUIRED']]);
    expect(codes(checkManualMark(morning, { ...mark, reasonCode: ' ' }))).toEqual([['reasonCode', 'ATTENDANCE_MANUAL_REASON_REQUIRED']]);
    expect(codes(checkManualMark(morning, { ...mark, reasonCode: 'overslept' }))).toEqual([['reasonCode', 'ATTENDANCE_MANUAL_REASON_UNKNOWN']]);
    expect(codes(checkManualMark(morning, { ...mark, reasonCode: 'other' }))).toEqual([['note', 'ATTENDANCE_MANUAL_NOTE_REQUIRED']]);
    expect(codes(checkManualMark(morning, { ...mark, reasonCode: 'other', note: '  ' }))).toEqual([['note', 'ATTENDANCE_MANUAL_NOTE_REQUIRED']]);
  });

  it('needs both times, inside the window, check-out after check-in', () => {
    expect(codes(checkManualMark(morning, { ...mark, checkOut: null }))).toEqual([['checkOut', 'ATTENDANCE_TIME_REQUIRED']]);
    expect(codes(checkManualMark(morning, { ...mark, checkIn: t('07:00:00') }))).toEqual([['checkIn', 'ATTENDANCE_SESSION_NOT_OPEN']]);
    expect(codes(checkManualMark(morning, { ...mark, checkOut: t('13:00:00') }))).toEqual([['checkOut', 'ATTENDANCE_OUTSIDE_WINDOW']]);
    expect(codes(checkManualMark(morning, { ...mark, checkIn: t('11:00:00'), checkOut: t('10:00:00') }))).toEqual([['checkOut', 'ATTENDANCE_CHECKOUT_BEFORE_CHECKIN']]);
  });

  it('counts only once confirmed by the county office', () => {
    const m = (confirmation?: AttendanceMark['confirmation']): AttendanceMark => ({ sessionId: 's1', checkIn: mark.checkIn, checkOut: mark.checkOut, source: 'manual', confirmation });
    expect(markCounts(m())).toBe(false);
    expect(markCounts(m('pending'))).toBe(false);
    expect(markCounts(m('refused'))).toBe(false);
    expect(markCounts(m('confirmed'))).toBe(true);
    expect(markCounts({ ...m(), source: 'qr' })).toBe(true);
  });
});

describe('attendedMinutes', () => {
  it('clips to the session', () => {
    expect(attendedMinutes(morning, t('08:10:00'), t('12:14:00'))).toBe(210);
    expect(attendedMinutes(morning, t('09:00:00'), t('11:00:00'))).toBe(120);
    expect(attendedMinutes(morning, t('09:00:00'), t('12:10:00'))).toBe(180);
    expect(attendedMinutes(morning, t('12:05:00'), t('12:10:00'))).toBe(0);
    expect(attendedMinutes(morning, t('11:00:00'), t('10:00:00'))).toBe(0);
    expect(attendedMinutes(morning, t('09:00:00'), t('09:00:59'))).toBe(0);
    expect(attendedMinutes(morning, t('09:00:00'), t('09:01:59'))).toBe(1);
  });

  it('is an integer between 0 and the session length (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: -100, max: 400 }), fc.integer({ min: -100, max: 400 }), (a, b) => {
        const m = attendedMinutes(morning, ms('08:30:00') + a * 60_000, ms('08:30:00') + b * 60_000);
        expect(Number.isInteger(m)).toBe(true);
        expect(m).toBeGreaterThanOrEqual(0);
        expect(m).toBeLessThanOrEqual(210);
        if (a <= 0 && b >= 210) expect(m).toBe(210);
      }),
    );
  });
});

describe('attendanceSummary', () => {
  const sessions = [morning, afternoon, nextDay];
  const qr = (sessionId: string, checkIn: string | null, checkOut: string | null): AttendanceMark => ({ sessionId, checkIn, checkOut, source: 'qr' });

  it('sums minutes per session, merging repeated marks so no minute counts twice', () => {
    const summary = attendanceSummary(sessions, [
      qr('s1', t('08:20:00'), t('10:00:00')),
      qr('s1', t('09:30:00'), t('12:10:00')),
      qr('s2', t('14:00:00'), t('15:00:00')),
      qr('s2', t('16:00:00'), t('17:00:00')),
    ]);
    expect(summary.perSession).toEqual([
      { sessionId: 's1', scheduledMinutes: 210, attendedMinutes: 210 },
      { sessionId: 's2', scheduledMinutes: 210, attendedMinutes: 120 },
      { sessionId: 's3', scheduledMinutes: 210, attendedMinutes: 0 },
    ]);
    expect(summary).toMatchObject({
      scheduledMinutes: 630,
      attendedMinutes: 330,
      rate: { numerator: 330, denominator: 630 },
      ratePerMille: 523,
      attendedDays: 1,
      scheduledDays: 2,
      pendingManualMarks: 0,
    });
  });

  it('counts confirmed manual marks only, reports pending ones, ignores open check-ins and unknown sessions', () => {
    const summary = attendanceSummary(sessions, [
      { sessionId: 's1', checkIn: t('08:30:00'), checkOut: t('12:00:00'), source: 'manual', confirmation: 'pending' },
      { sessionId: 's2', checkIn: t('14:00:00'), checkOut: t('17:30:00'), source: 'manual', confirmation: 'refused' },
      { sessionId: 's3', checkIn: t('08:30:00', 16), checkOut: t('12:00:00', 16), source: 'manual', confirmation: 'confirmed' },
      qr('s1', t('08:30:00'), null),
      qr('elsewhere', t('08:30:00'), t('12:00:00')),
    ]);
    expect(summary).toMatchObject({ attendedMinutes: 210, attendedDays: 1, pendingManualMarks: 1 });
  });

  it('keeps stored values integers (property)', () => {
    const mark = fc.record({
      sessionId: fc.constantFrom('s1', 's2', 's3'),
      from: fc.integer({ min: -60, max: 300 }),
      len: fc.integer({ min: 0, max: 300 }),
      source: fc.constantFrom<'qr' | 'manual'>('qr', 'manual'),
      confirmation: fc.constantFrom<'pending' | 'confirmed' | 'refused'>('pending', 'confirmed', 'refused'),
    });
    fc.assert(
      fc.property(fc.array(mark, { maxLength: 20 }), (list) => {
        const marks: AttendanceMark[] = list.map((m) => {
          const s = sessions.find((x) => x.id === m.sessionId)!;
          const start = Date.parse(s.start as string) + m.from * 60_000;
          return { sessionId: m.sessionId, checkIn: start, checkOut: start + m.len * 60_000, source: m.source, confirmation: m.confirmation };
        });
        const summary = attendanceSummary(sessions, marks);
        for (const v of [summary.attendedMinutes, summary.scheduledMinutes, summary.ratePerMille, summary.attendedDays]) expect(Number.isSafeInteger(v)).toBe(true);
        expect(summary.attendedMinutes).toBeLessThanOrEqual(summary.scheduledMinutes);
        expect(summary.ratePerMille).toBeLessThanOrEqual(1000);
        expect(summary.attendedDays).toBeLessThanOrEqual(summary.scheduledDays);
        expect(summary.attendedMinutes).toBe(summary.perSession.reduce((a, p) => a + p.attendedMinutes, 0));
      }),
    );
  });
});

describe('meetsCompletion (§10; OPEN threshold, default 80 %)', () => {
  it('compares exactly at the boundary', () => {
    expect(meetsCompletion({ numerator: 504, denominator: 630 })).toBe(true); // exactly 80 %
    expect(meetsCompletion({ numerator: 503, denominator: 630 })).toBe(false);
    expect(meetsCompletion({ numerator: 630, denominator: 630 })).toBe(true);
    expect(meetsCompletion({ numerator: 0, denominator: 0 })).toBe(false);
    expect(meetsCompletion({ numerator: 441, denominator: 630 }, 70)).toBe(true);
    expect(meetsCompletion({ numerator: 440, denominator: 630 }, 70)).toBe(false);
  });

  it('agrees with rational arithmetic (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100_000 }), fc.integer({ min: 1, max: 100_000 }), fc.integer({ min: 0, max: 100 }), (n, d, p) => {
        expect(meetsCompletion({ numerator: n, denominator: d }, p)).toBe(BigInt(n) * 100n >= BigInt(p) * BigInt(d));
      }),
    );
  });
});

describe('attendanceSettled (the lifecycle guard attendance_complete)', () => {
  it('needs every window closed and no manual mark pending', () => {
    expect(attendanceSettled([morning, afternoon], 0, t('17:45:00'))).toBe(false);
    expect(attendanceSettled([morning, afternoon], 0, t('17:45:01'))).toBe(true);
    expect(attendanceSettled([morning, afternoon], 1, t('20:00:00'))).toBe(false);
  });
});
