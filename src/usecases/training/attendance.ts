import { randomUUID, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { scopeOf } from '../../domain/auth/permissions.ts';
import { AppError, notFound, problemsError } from '../../domain/errors.ts';
import { checkManualMark, MANUAL_MARK_REASONS } from '../../domain/training/attendance.ts';
import { beijingDateTimeOf } from '../../domain/training/calendar.ts';
import { CLASS_STATUS_LABELS, type ClassStatus } from '../../domain/training/classLifecycle.ts';
import { decodeToken, encodeToken, slotOf, slotProblem, TOKEN_SLOT_SECONDS } from '../../domain/training/qrToken.ts';
import {
  findManualMark,
  findRunningSessionOf,
  getMarkDecision,
  listMarkQueue,
  recordManualMark,
  recordMarkDecision,
  recordScan,
} from '../../db/repositories/attendance.ts';
import { findClass, findSession } from '../../db/repositories/classes.ts';
import { findActiveEnrolmentById, listRoster } from '../../db/repositories/enrolments.ts';
import type { RequestContext } from '../context.ts';
import { requireActor, requireCan, requireVisible } from '../guards.ts';
import { writeWithAudit } from '../tx.ts';
import type { makeClasses } from './classes.ts';
import { classResource, coversUnit, iso, type TrainingDeps } from './shared.ts';

export const ScanBody = z.strictObject({ token: z.string().max(400).describe('The text of the classroom QR code (or the scan URL it holds)') });
export const ManualMarkBody = z.strictObject({
  enrolmentId: z.uuid(),
  sessionId: z.uuid(),
  checkIn: z.string().describe('ISO 8601 with offset'),
  checkOut: z.string().describe('ISO 8601 with offset'),
  reasonCode: z.string().describe(MANUAL_MARK_REASONS.map((r) => `${r.code} ${r.name}`).join('; ')),
  note: z.string().max(500).nullish(),
});
export const MarkDecisionBody = z.strictObject({ decision: z.enum(['confirmed', 'refused']), reason: z.string().trim().max(500).optional() });
export const MarkQueueQuery = z.strictObject({
  status: z.enum(['pending', 'decided']).default('pending'),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});

const macEquals = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

/** Attendance (§9 实名制): the rotating QR code, the trainee's scan, manual marks and their confirmation. */
export function makeAttendance(deps: TrainingDeps, classes: ReturnType<typeof makeClasses>) {
  const { db } = deps;
  const mac = (data: string) => deps.pii.tokenMac('attendance-qr', data);
  const tolerance = () => deps.training.scanToleranceMinutes;

  async function ownClass(ctx: RequestContext, classId: string) {
    const actor = requireActor(ctx, 'attendance.manage');
    const c = requireVisible(ctx, 'class.read', await findClass(db, classId), classResource);
    if (c.org_id !== actor.orgId) throw new AppError('CLASS_NOT_OWNER');
    return { actor, c };
  }

  return {
    /** The token the classroom screen shows now; a new one every 30 s. */
    async qr(ctx: RequestContext, classId: string, sessionId: string, kind: 'in' | 'out') {
      const { c } = await ownClass(ctx, classId);
      if (c.status !== 'in_progress') throw new AppError('ATTENDANCE_CLASS_NOT_RUNNING', { status: CLASS_STATUS_LABELS[c.status as ClassStatus].name });
      const session = await findSession(db, sessionId);
      if (!session || session.class_id !== classId) throw new AppError('ATTENDANCE_SESSION_UNKNOWN', {}, 'sessionId');
      const now = deps.clock.now();
      const slot = slotOf(now.getTime());
      const token = encodeToken({ classId, sessionId, slot, kind }, mac);
      return {
        token,
        kind,
        slot,
        slotSeconds: TOKEN_SLOT_SECONDS,
        /** Accepted in its own slot and the next one. */
        validUntil: new Date((slot + 2) * TOKEN_SLOT_SECONDS * 1000).toISOString(),
        refreshAt: new Date((slot + 1) * TOKEN_SLOT_SECONDS * 1000).toISOString(),
        scanUrl: `${deps.publicUrl}scan?t=${encodeURIComponent(token)}`,
        session: { id: session.id, seq: session.seq, start: iso(session.starts_at), end: iso(session.ends_at) },
      };
    },

    /**
     * A trainee's scan, signed in as themself. The token is believed only after its MAC, and only in its own
     * 30-second slot or the next one. Then one round trip: `jineng_scan` (migration 0008) locks the person's scans,
     * checks the session window (± tolerance), the enrolment, the class status and the last scan (replay, order)
     * and inserts. Refusals get their own codes; a token for a session other than the one the person has running
     * now is WRONG_SESSION. Not written to the audit chain: each scan is its own append-only row (ADR 0009).
     */
    async scan(ctx: RequestContext, rawToken: string, ip: string | null) {
      const actor = requireActor(ctx, 'attendance.scan');
      if (!actor.workerId) throw new AppError('FORBIDDEN');
      const workerId = actor.workerId;
      const token = tokenFrom(rawToken);
      const decoded = decodeToken(token);
      if (!decoded) throw new AppError('ATTENDANCE_TOKEN_MALFORMED', {}, 'token');
      if (!macEquals(mac(decoded.data), decoded.mac)) throw new AppError('ATTENDANCE_TOKEN_FORGED', {}, 'token');
      const now = deps.clock.now();
      const stale = slotProblem(decoded.slot, now.getTime());
      if (stale) throw new AppError(stale === 'expired' ? 'ATTENDANCE_TOKEN_EXPIRED' : 'ATTENDANCE_TOKEN_NOT_YET_VALID', {}, 'token');
      const row = await recordScan(db, {
        workerId,
        classId: decoded.classId,
        sessionId: decoded.sessionId,
        kind: decoded.kind,
        slot: decoded.slot,
        at: now,
        ip,
        toleranceMinutes: tolerance(),
        id: randomUUID(),
      });
      switch (row.result) {
        case 'ok':
          return { kind: decoded.kind, at: now.toISOString(), classId: decoded.classId, className: row.class_name ?? '', sessionId: decoded.sessionId, seq: row.seq ?? 0 };
        case 'replayed':
          throw new AppError('ATTENDANCE_TOKEN_REPLAYED', {}, 'token');
        case 'already_in':
          throw new AppError('ATTENDANCE_ALREADY_CHECKED_IN', { at: beijingDateTimeOf(new Date(row.last_at!).getTime()) });
        case 'not_in':
          throw new AppError('ATTENDANCE_NOT_CHECKED_IN');
        case 'wrong_session':
          throw new AppError('ATTENDANCE_TOKEN_WRONG_SESSION', {}, 'token');
      }
      if (row.result.startsWith('not_running:'))
        throw new AppError('ATTENDANCE_CLASS_NOT_RUNNING', { status: CLASS_STATUS_LABELS[row.result.slice(12) as ClassStatus]?.name ?? row.result.slice(12) });
      // A window or enrolment refusal: if the person has another session running now, the code was for the wrong one.
      const tolMs = tolerance() * 60_000;
      const running = await findRunningSessionOf(db, workerId, { from: new Date(now.getTime() - tolMs), to: new Date(now.getTime() + tolMs) }, decoded.sessionId);
      if (running) throw new AppError('ATTENDANCE_TOKEN_WRONG_SESSION', {}, 'token');
      if (row.result === 'not_enrolled') throw new AppError('ATTENDANCE_NOT_ENROLLED', {}, 'token');
      const window = { opens: beijingDateTimeOf(new Date(row.opens!).getTime()), closes: beijingDateTimeOf(new Date(row.closes!).getTime()) };
      if (row.result === 'not_open') throw new AppError('ATTENDANCE_SESSION_NOT_OPEN', { opens: window.opens }, 'token');
      throw new AppError('ATTENDANCE_OUTSIDE_WINDOW', window, 'token');
    },

    /** A manual mark (补签) with a reason code; flagged, and counted only once the county office confirms it. */
    async manualMark(ctx: RequestContext, classId: string, body: z.infer<typeof ManualMarkBody>) {
      const { actor, c } = await ownClass(ctx, classId);
      if (c.status !== 'in_progress') throw new AppError('ATTENDANCE_CLASS_NOT_RUNNING', { status: CLASS_STATUS_LABELS[c.status as ClassStatus].name });
      const session = await findSession(db, body.sessionId);
      if (!session || session.class_id !== classId) throw new AppError('ATTENDANCE_SESSION_UNKNOWN', {}, 'sessionId');
      const enrolment = await findActiveEnrolmentById(db, classId, body.enrolmentId);
      if (!enrolment) throw notFound();
      const window = { start: new Date(session.starts_at).getTime(), end: new Date(session.ends_at).getTime() };
      const problems = checkManualMark(window, body, tolerance());
      if (problems.length === 0 && Date.parse(body.checkIn) > deps.clock.now().getTime())
        problems.push({ field: 'checkIn', code: 'ATTENDANCE_SESSION_NOT_OPEN', params: { opens: beijingDateTimeOf(window.start - tolerance() * 60_000) } });
      if (problems.length) throw problemsError(problems);
      const id = randomUUID();
      await writeWithAudit(deps, ctx, async (trx, now) => {
        await recordManualMark(trx, {
          id,
          class_id: classId,
          session_id: session.id,
          worker_id: enrolment.worker_id,
          check_in_at: new Date(Date.parse(body.checkIn)),
          check_out_at: new Date(Date.parse(body.checkOut)),
          reason_code: body.reasonCode.trim(),
          note: body.note?.trim() || null,
          created_by: actor.id,
          created_at: now,
        });
        return { result: undefined, audit: { action: 'attendance.manual_mark', targetType: 'class', targetId: classId, summary: { markId: id, sessionSeq: session.seq, workerId: enrolment.worker_id, reasonCode: body.reasonCode } } };
      });
      return { id };
    },

    async decide(ctx: RequestContext, markId: string, body: z.infer<typeof MarkDecisionBody>) {
      const actor = requireActor(ctx, 'attendance.confirm');
      const m = await findManualMark(db, markId);
      if (!m || !coversUnit(actor, m.unit_code)) throw notFound();
      requireCan(ctx, 'attendance.confirm', { unitCode: m.unit_code });
      if (body.decision === 'refused' && !body.reason?.trim()) throw new AppError('ATTENDANCE_REFUSAL_REASON_REQUIRED', {}, 'reason');
      await writeWithAudit(deps, ctx, async (trx, now) => {
        if (!(await recordMarkDecision(trx, { mark_id: markId, decision: body.decision, reason: body.reason?.trim() || null, actor_id: actor.id, at: now }))) {
          const d = await getMarkDecision(trx, markId);
          throw new AppError('ATTENDANCE_MARK_DECIDED', { at: beijingDateTimeOf(new Date(d.at).getTime()), decision: d.decision === 'confirmed' ? '已确认' : '不予确认' });
        }
        return { result: undefined, audit: { action: `attendance.mark_${body.decision}`, targetType: 'class', targetId: m.class_id, summary: { markId, reason: body.reason ?? null } } };
      });
    },

    async queue(ctx: RequestContext, q: z.infer<typeof MarkQueueQuery>) {
      const actor = requireActor(ctx, 'attendance.confirm');
      const r = await listMarkQueue(db, scopeOf(actor), q);
      return {
        total: r.total,
        items: r.items.map((m) => ({
          id: m.id,
          classId: m.class_id,
          classCode: m.class_code ?? '',
          className: m.class_name ?? '',
          orgName: m.org_name,
          sessionSeq: m.session_seq,
          sessionStart: iso(m.session_start),
          workerName: m.worker_name,
          idMasked: m.id_masked,
          checkIn: iso(m.check_in_at),
          checkOut: iso(m.check_out_at),
          reasonCode: m.reason_code,
          reasonName: MANUAL_MARK_REASONS.find((r) => r.code === m.reason_code)?.name ?? m.reason_code,
          note: m.note,
          createdAt: iso(m.created_at),
          decision: m.decision,
          decidedAt: m.decided_at ? iso(m.decided_at) : null,
        })),
      };
    },

    /** The attendance sheet: sessions × trainees with minutes and every mark. */
    async sheet(ctx: RequestContext, classId: string) {
      requireVisible(ctx, 'class.read', await findClass(db, classId), classResource);
      const [att, roster] = await Promise.all([classes.attendanceOf(classId), listRoster(db, classId, { activeOnly: true })]);
      return {
        sessions: att.sessions.map((s) => ({ id: s.id, seq: s.seq, start: iso(s.starts_at), end: iso(s.ends_at), minutes: s.minutes })),
        rows: roster.map((r) => {
          const summary = att.summaryOf(r.worker_id);
          const marks = att.byWorker.get(r.worker_id) ?? [];
          const manual = att.marks.filter((m) => m.worker_id === r.worker_id);
          return {
            enrolmentId: r.id,
            workerId: r.worker_id,
            name: r.name,
            idMasked: r.id_masked,
            attendedMinutes: summary.attendedMinutes,
            scheduledMinutes: summary.scheduledMinutes,
            ratePerMille: summary.ratePerMille,
            cells: summary.perSession.map((p) => ({
              sessionId: p.sessionId,
              minutes: p.attendedMinutes,
              marks: marks
                .filter((m) => m.sessionId === p.sessionId)
                .map((m) => {
                  const mm = m.source === 'manual' ? manual.find((x) => x.session_id === m.sessionId && new Date(x.check_in_at).getTime() === m.checkIn) : undefined;
                  return {
                    kind: m.source,
                    in: m.checkIn === null ? null : new Date(m.checkIn).toISOString(),
                    out: m.checkOut === null ? null : new Date(m.checkOut).toISOString(),
                    confirmation: m.source === 'manual' ? (m.confirmation ?? 'pending') : null,
                    markId: mm?.id ?? null,
                    reasonCode: mm?.reason_code ?? null,
                  };
                }),
            })),
          };
        }),
      };
    },
  };
}

/** The token from what the phone scanned: the bare token or the scan URL (`…/scan?t=<token>`). */
export function tokenFrom(raw: string): string {
  const text = raw.trim();
  if (/^https?:\/\//i.test(text)) {
    try {
      return new URL(text).searchParams.get('t') ?? text;
    } catch {
      return text;
    }
  }
  return text;
}
