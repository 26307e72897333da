import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { AppError, notFound, problemsError, type ErrorCode } from '../../domain/errors.ts';
import { maskIdNumber, parseIdNumber } from '../../domain/identity/idNumber.ts';
import { categoriesOn } from '../../domain/registry/categories.ts';
import { problem, type Problem } from '../../domain/registry/problems.ts';
import { beijingDateOf } from '../../domain/training/calendar.ts';
import type { FundingRoute, TrainingType } from '../../domain/training/classFiling.ts';
import { CLASS_STATUS_LABELS, type ClassStatus } from '../../domain/training/classLifecycle.ts';
import { checkCapacity, subsidyOutlook, timetableClashes, type SubsidyOutlook } from '../../domain/training/enrolment.ts';
import { findClass, findWorkerByBlind, listSessions, listWorkerCategories, lockClass, type ClassRow } from '../../db/repositories/classes.ts';
import {
  countActiveEnrolments,
  findActiveEnrolment,
  insertEnrolment,
  listOtherClassSessions,
  listRoster,
  listSubsidisedPlaces,
  lockWorker,
  withdrawEnrolment,
} from '../../db/repositories/enrolments.ts';
import type { RequestContext, Tx } from '../context.ts';
import { requireActor, requireVisible } from '../guards.ts';
import { writeWithAudit } from '../tx.ts';
import type { makeClasses } from './classes.ts';
import { classResource, explain, iso, type TrainingDeps } from './shared.ts';

export const EnrolBody = z.strictObject({
  idNumber: z.string().max(40).describe('公民身份号码 (18 characters; a 15-digit legacy number is converted)'),
  acceptUnsubsidised: z.boolean().optional().describe('Enrol even though the place will not be subsidised (the person or the enterprise pays)'),
});
export const PreviewBody = z.strictObject({ idNumber: z.string().max(40) });
export const WithdrawBody = z.strictObject({ reason: z.string().trim().max(500) });

const ENROLMENT_OPEN: readonly string[] = ['approved', 'in_progress'];

function presentOutlook(o: SubsidyOutlook) {
  return {
    subsidised: o.subsidised,
    livingAllowance: o.livingAllowance,
    clause: o.clause,
    year: o.year,
    reasons: o.reasons.map((r) => ({ ...explain(r), clause: r.clause })),
  };
}

/** Enrolment by real name (§9), with the subsidy outlook the clerk sees (§2, §3, §13, §14, §15). */
export function makeEnrolments(deps: TrainingDeps, classes: ReturnType<typeof makeClasses>) {
  const { db } = deps;
  const today = () => beijingDateOf(deps.clock.now().getTime());

  async function runnerClass(ctx: RequestContext, classId: string) {
    const actor = requireActor(ctx, 'class.enrol');
    const c = requireVisible(ctx, 'class.read', await findClass(db, classId), classResource);
    if (c.org_id !== actor.orgId) throw new AppError('CLASS_NOT_OWNER');
    return { actor, c };
  }

  async function person(idNumber: string) {
    const parsed = parseIdNumber(idNumber, today());
    if (!parsed.ok) throw new AppError(parsed.problem === 'check_char' ? 'ID_CHECK_CHAR' : 'ID_FORMAT', {}, 'idNumber');
    const w = await findWorkerByBlind(db, deps.pii.blindIndex('id', parsed.value));
    if (!w) throw new AppError('ENROLMENT_WORKER_UNKNOWN', { idMasked: maskIdNumber(parsed.value) }, 'idNumber');
    return w;
  }

  /**
   * Everything decided at enrolment, read inside the caller's transaction (after the class and the person are
   * locked): blocking problems (duplicate, capacity, employer, timetable clash) and the subsidy outlook.
   */
  async function assess(q: TrainingDeps['db'] | Tx, c: ClassRow, worker: { id: string; name: string }) {
    const blocking: Problem[] = [];
    if (!ENROLMENT_OPEN.includes(c.status)) blocking.push(problem('classId', 'ENROLMENT_CLOSED', { status: CLASS_STATUS_LABELS[c.status as ClassStatus].name }));
    if (await findActiveEnrolment(q, c.id, worker.id)) blocking.push(problem('idNumber', 'ENROLMENT_DUPLICATE', { name: worker.name }));
    blocking.push(...checkCapacity(c.capacity ?? 0, await countActiveEnrolments(q, c.id)));
    const periods = (await listWorkerCategories(q, worker.id)).map((p) => ({
      code: p.category_code,
      validFrom: p.valid_from as unknown as string,
      validTo: p.valid_to as unknown as string | null,
      employerOrgId: p.employer_org_id,
    }));
    const startDate = c.start_date!;
    const onStart = categoriesOn(periods, startDate);
    const isEmployee = periods.some((p) => p.code === 'enterprise_employee' && p.employerOrgId === c.org_id && p.validFrom <= startDate && (p.validTo === null || startDate <= p.validTo));
    if (c.org_kind === 'enterprise' && !isEmployee) blocking.push(problem('idNumber', 'ENROLMENT_NOT_EMPLOYEE', { name: worker.name, startDate }));
    const sessions = (await listSessions(q, c.id)).map((s) => ({ start: new Date(s.starts_at).getTime(), end: new Date(s.ends_at).getTime() }));
    const others = new Map<string, { classId: string; className: string; sessions: { start: number; end: number }[] }>();
    for (const s of await listOtherClassSessions(q, worker.id, c.id)) {
      const o = others.get(s.class_id) ?? { classId: s.class_id, className: s.class_name ?? s.class_id, sessions: [] };
      o.sessions.push({ start: new Date(s.starts_at).getTime(), end: new Date(s.ends_at).getTime() });
      others.set(s.class_id, o);
    }
    blocking.push(...timetableClashes(sessions, [...others.values()]));
    const prior = (await listSubsidisedPlaces(q, worker.id)).map((p) => ({ year: p.subsidy_year, occupationCode: p.occupation_code ?? '', levelCode: p.level_code ?? '', classId: p.class_id }));
    const outlook = subsidyOutlook({
      classId: c.id,
      personCategoriesOnStart: onStart,
      trainingType: c.training_type as TrainingType,
      occupationCode: c.occupation_code!,
      levelCode: c.level_code!,
      startDate,
      isEmployeeOfFilingEnterprise: isEmployee,
      fundingRoute: c.funding_route as FundingRoute,
      priorSubsidised: prior,
      completionYear: Number(c.end_date!.slice(0, 4)),
      settings: deps.training.subsidy,
    });
    return { blocking, outlook };
  }

  return {
    async preview(ctx: RequestContext, classId: string, idNumber: string) {
      const { c } = await runnerClass(ctx, classId);
      const w = await person(idNumber);
      const { blocking, outlook } = await assess(db, c, w);
      return {
        worker: { id: w.id, name: w.name, idMasked: w.id_masked, unitName: w.unit_name },
        outlook: presentOutlook(outlook),
        problems: blocking.map((p) => ({ field: p.field, ...explain(p) })),
      };
    },

    /**
     * Enrols a person. Refused, with nothing stored: blocking problems (each with its code), and a place that would
     * not be subsidised unless `acceptUnsubsidised` — then the first reason's code (SUBSIDY_YEARLY_LIMIT_REACHED,
     * SUBSIDY_SAME_OCCUPATION_LEVEL, …). The class row and then the person's row are locked, so concurrent
     * enrolments can neither overfill the class nor give one person overlapping or extra subsidised places.
     */
    async enrol(ctx: RequestContext, classId: string, body: z.infer<typeof EnrolBody>) {
      const { actor } = await runnerClass(ctx, classId);
      const w = await person(body.idNumber);
      return writeWithAudit(deps, ctx, async (trx, now) => {
        await lockClass(trx, classId);
        await lockWorker(trx, w.id);
        const fresh = (await findClass(trx, classId))!;
        const { blocking, outlook } = await assess(trx, fresh, w);
        if (blocking.length) throw problemsError(blocking);
        if (!outlook.subsidised && fresh.funding_route !== 'unsubsidised' && !body.acceptUnsubsidised)
          throw problemsError(outlook.reasons.map((r) => problem('idNumber', r.code as ErrorCode, r.params)));
        const id = randomUUID();
        await insertEnrolment(trx, {
          id,
          class_id: classId,
          worker_id: w.id,
          status: 'active',
          subsidised: outlook.subsidised,
          living_allowance: outlook.livingAllowance,
          subsidy_year: outlook.year,
          outlook: JSON.stringify(outlook),
          enrolled_by: actor.id,
          enrolled_at: now,
        });
        return {
          result: { id, worker: { id: w.id, name: w.name, idMasked: w.id_masked, unitName: w.unit_name }, outlook: presentOutlook(outlook) },
          audit: { action: 'class.enrol', targetType: 'class', targetId: classId, summary: { enrolmentId: id, workerId: w.id, subsidised: outlook.subsidised, reasons: outlook.reasons.map((r) => r.code) } },
        };
      });
    },

    async withdraw(ctx: RequestContext, classId: string, enrolmentId: string, reason: string) {
      const { c } = await runnerClass(ctx, classId);
      if (!reason.trim()) throw new AppError('ENROLMENT_WITHDRAW_REASON_REQUIRED', {}, 'reason');
      if (!['approved', 'in_progress'].includes(c.status)) throw new AppError('ENROLMENT_CLOSED', { status: CLASS_STATUS_LABELS[c.status as ClassStatus].name });
      await writeWithAudit(deps, ctx, async (trx, now) => {
        if (!(await withdrawEnrolment(trx, classId, enrolmentId, now, reason.trim()))) throw notFound();
        return { result: undefined, audit: { action: 'class.withdraw', targetType: 'class', targetId: classId, summary: { enrolmentId, reason: reason.trim() } } };
      });
    },

    /** The roster with each trainee's subsidy outlook, attendance so far, completion, result and certificate. */
    async roster(ctx: RequestContext, classId: string) {
      const c = requireVisible(ctx, 'class.read', await findClass(db, classId), classResource);
      const [rows, att] = await Promise.all([listRoster(db, classId), classes.attendanceOf(classId)]);
      return {
        capacity: c.capacity ?? 0,
        enrolled: rows.filter((r) => r.status === 'active').length,
        items: rows.map((r) => {
          const s = att.summaryOf(r.worker_id);
          const outlook = r.outlook as SubsidyOutlook;
          return {
            id: r.id,
            workerId: r.worker_id,
            name: r.name,
            idMasked: r.id_masked,
            status: r.status,
            subsidised: r.subsidised,
            livingAllowance: r.living_allowance,
            reasons: (outlook.reasons ?? []).map((x) => ({ ...explain(x), clause: x.clause })),
            enrolledAt: iso(r.enrolled_at),
            withdrawnReason: r.withdrawn_reason,
            attendedMinutes: r.completed_minutes ?? s.attendedMinutes,
            scheduledMinutes: s.scheduledMinutes,
            ratePerMille: r.completed_rate ?? s.ratePerMille,
            pendingManualMarks: s.pendingManualMarks,
            completed: r.completed,
            result: r.result,
            score: r.score,
            certificateId: r.certificate_id,
            certificateNumber: r.certificate_number,
          };
        }),
      };
    },
  };
}
