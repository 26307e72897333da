import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { scopeOf } from '../../domain/auth/permissions.ts';
import { AppError, notFound, problemsError } from '../../domain/errors.ts';
import { SKILL_LEVELS } from '../../domain/reference/catalog.ts';
import { assertMayOpenClass, type InstitutionKind, type OrgStatus } from '../../domain/registry/organisation.ts';
import { problem, type Problem } from '../../domain/registry/problems.ts';
import { attendanceSettled, attendanceSummary, meetsCompletion, type AttendanceMark } from '../../domain/training/attendance.ts';
import { beijingDateOf } from '../../domain/training/calendar.ts';
import {
  ClassFilingInput,
  validateClassFiling,
  type ClassFiler,
  type NormalizedClassFiling,
} from '../../domain/training/classFiling.ts';
import {
  allowedClassActions,
  checkClassAction,
  CLASS_STATUS_LABELS,
  type ClassAction,
  type ClassStatus,
  type ClassTransitionContext,
} from '../../domain/training/classLifecycle.ts';
import { CERTIFICATE_TYPE_CODES, type CertificateType } from '../../credentials/credential.ts';
import { countPendingMarks, listManualMarks, listScans } from '../../db/repositories/attendance.ts';
import { findPublishedCatalogProject, institutionListed, listActiveEvaluationInstitutions, publishedInstitutionCatalog } from '../../db/repositories/classFiling.ts';
import {
  findClass,
  insertClass,
  listClassDecisions,
  listClasses,
  listSessions,
  lockClass,
  nextClassCode,
  recordClassDecision,
  replaceClassSessions,
  updateClass,
  type ClassRow,
} from '../../db/repositories/classes.ts';
import { insertEnrolmentCompletions, listRoster } from '../../db/repositories/enrolments.ts';
import { findOrganisation, listLicences } from '../../db/repositories/organisations.ts';
import type { Actor, RequestContext, Tx } from '../context.ts';
import { requireActor, requireVisible } from '../guards.ts';
import { writeWithAudit } from '../tx.ts';
import { defaultCertificateType } from './certificateIssue.ts';
import { classResource, coversUnit, explain, explainProblem, iso, type TrainingDeps } from './shared.ts';

export const ClassBody = ClassFilingInput.extend({
  name: z.string().max(100).describe('The class name, e.g. 电工（四级）职业技能提升培训第3期'),
  evaluatorOrgId: z.uuid().nullish().describe('The evaluation body (§10); the county may assign it on approval'),
  certificateType: z.enum(CERTIFICATE_TYPE_CODES).nullish().describe('The certificate the class leads to; by default from the level'),
});
export type ClassBody = z.infer<typeof ClassBody>;

export const ActionBody = z.strictObject({
  action: z.enum(['file', 'approve', 'return', 'refile', 'start', 'complete', 'close', 'cancel']),
  reasons: z.string().trim().max(1000).optional().describe('Required to return a filing or cancel a filed class'),
  evaluatorOrgId: z.uuid().optional().describe('approve: the evaluation body assigned to the class'),
  projectReviewNote: z.string().trim().max(1000).optional().describe('approve: the review opinion on a project outside the catalog (§7)'),
});

export const ClassListQuery = z.strictObject({
  status: z.string().optional(),
  unitCode: z.string().optional(),
  q: z.string().max(50).optional(),
  view: z.enum(['review', 'assessment']).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});

function levelName(code: string) {
  return SKILL_LEVELS.find((l) => l.code === code)?.name ?? code;
}

export function presentSummary(c: ClassRow) {
  const status = c.status as ClassStatus;
  return {
    id: c.id,
    code: c.code ?? '',
    name: c.name ?? '',
    status,
    statusName: CLASS_STATUS_LABELS[status]?.name ?? c.status,
    orgId: c.org_id,
    orgName: c.org_name,
    unitCode: c.unit_code,
    unitName: c.unit_name,
    occupationCode: c.occupation_code ?? '',
    occupationName: c.occupation_name ?? '',
    levelCode: c.level_code ?? '',
    levelName: c.level_name ?? '',
    trainingType: c.training_type ?? '',
    trainingTypeName: c.training_type_name ?? '',
    startDate: c.start_date ?? '',
    endDate: c.end_date ?? '',
    capacity: c.capacity ?? 0,
    enrolled: Number(c.enrolled ?? 0),
    inCatalog: c.catalog_project_id !== null,
    evaluatorOrgName: c.evaluator_name,
  };
}

/** The filing organisation as the pure rules see it. */
async function filerOf(db: TrainingDeps['db'] | Tx, orgId: string): Promise<{ filer: ClassFiler; org: NonNullable<Awaited<ReturnType<typeof findOrganisation>>> }> {
  const org = await findOrganisation(db, orgId);
  if (!org) throw notFound();
  const standing = { name: org.name, status: org.status as OrgStatus, statusReason: org.status_reason, statusSince: org.status_since };
  if (org.kind === 'enterprise') return { org, filer: { ...standing, kind: 'enterprise' } };
  const byCode = new Map<string, string[]>();
  for (const l of await listLicences(db, org.id)) byCode.set(l.occupation_code, [...(byCode.get(l.occupation_code) ?? []), l.level_code]);
  return {
    org,
    filer: {
      ...standing,
      kind: 'institution',
      institutionKind: org.institution_kind as InstitutionKind | null,
      licensedOccupations: [...byCode].map(([occupationCode, levels]) => ({ occupationCode, levels })),
    },
  };
}

/** Classes: filing, review and the lifecycle (§7, §9, §10, §12). */
export function makeClasses(deps: TrainingDeps) {
  const { db } = deps;
  const today = () => beijingDateOf(deps.clock.now().getTime());

  /** Validates a filing: the pure rules, the name, the catalog (§7, §12), the evaluation body. */
  async function validate(actor: Actor, body: ClassBody) {
    const { name, evaluatorOrgId, certificateType, ...filing } = body;
    const { filer, org } = await filerOf(db, actor.orgId!);
    const checked = validateClassFiling(filing, filer, { minutesPerStandardHour: 60 });
    const problems: Problem[] = checked.ok ? [] : [...checked.problems];
    if (!name?.trim()) problems.push(problem('name', 'CLASS_NAME_REQUIRED'));
    let subsidyFen: number | null = null;
    if (checked.ok) {
      const f = checked.value;
      const year = Number(f.startDate.slice(0, 4));
      if (f.project.catalogProjectId) {
        const p = await findPublishedCatalogProject(db, f.project.catalogProjectId, year);
        if (!p) problems.push(problem('project.catalogProjectId', 'CLASS_CATALOG_PROJECT_UNKNOWN', { year }));
        else if (p.occupation_code !== f.project.occupationCode || p.level_code !== f.project.levelCode || p.training_type !== f.project.trainingType || p.standard_hours !== f.project.standardHours)
          problems.push(
            problem('project', 'CLASS_CATALOG_PROJECT_MISMATCH', { expected: `${p.occupation_code} / ${levelName(p.level_code)} / ${p.training_type} / ${p.standard_hours} 学时` }),
          );
        else subsidyFen = p.subsidy_fen;
      }
      // §12: when the year's institution catalog is published, an institution runs only what it lists it for.
      if (org.kind === 'institution') {
        const catalog = await publishedInstitutionCatalog(db, year);
        if (catalog) {
          const listed = await institutionListed(db, catalog.id, org.id, f.project.occupationCode, f.project.levelCode);
          if (!listed)
            problems.push(
              problem('project', 'CLASS_INSTITUTION_NOT_IN_CATALOG', { name: org.name, year, occupationCode: f.project.occupationCode, level: levelName(f.project.levelCode) }),
            );
        }
      }
    }
    if (evaluatorOrgId) {
      const p = await evaluatorProblem(evaluatorOrgId, actor.orgId!);
      if (p) problems.push(p);
    }
    if (problems.length > 0 || !checked.ok) throw problemsError(problems);
    const f = checked.value;
    return {
      filing: f,
      name: name.trim(),
      evaluatorOrgId: evaluatorOrgId ?? null,
      certificateType: (certificateType ?? defaultCertificateType(f.project.levelCode)) as CertificateType,
      subsidyFen,
      warnings: checked.warnings,
    };
  }

  /** An evaluation body: a registered evaluation institution in good standing, or the filing enterprise itself (§10). */
  async function evaluatorProblem(evaluatorOrgId: string, runnerOrgId: string): Promise<Problem | null> {
    const ev = await findOrganisation(db, evaluatorOrgId);
    if (!ev) return problem('evaluatorOrgId', 'CLASS_EVALUATOR_INVALID', { name: evaluatorOrgId });
    const ok = (ev.kind === 'institution' && ev.institution_kind === 'evaluation') || (ev.kind === 'enterprise' && ev.id === runnerOrgId);
    if (!ok || ev.status !== 'active') return problem('evaluatorOrgId', 'CLASS_EVALUATOR_INVALID', { name: ev.name });
    return null;
  }

  function classValues(v: Awaited<ReturnType<typeof validate>>) {
    const f: NormalizedClassFiling = v.filing;
    return {
      name: v.name,
      catalog_project_id: f.project.catalogProjectId,
      occupation_code: f.project.occupationCode,
      level_code: f.project.levelCode,
      training_type: f.project.trainingType,
      standard_hours: f.project.standardHours,
      subsidy_fen: v.subsidyFen,
      unit_code: f.unitCode,
      venue_address: f.venue.address,
      venue_lat: f.venue.lat,
      venue_lng: f.venue.lng,
      start_date: f.startDate,
      end_date: f.endDate,
      capacity: f.capacity,
      teachers: JSON.stringify(f.teachers),
      assessment_plan: f.assessmentPlan,
      responsible_department: f.responsibleDepartment,
      funding_route: f.fundingRoute,
      certificate_type: v.certificateType,
      scheduled_minutes: f.scheduledMinutes,
      scheduled_days: f.scheduledDays,
      evaluator_org_id: v.evaluatorOrgId,
    };
  }

  async function writeSessions(trx: Tx, classId: string, f: NormalizedClassFiling) {
    await replaceClassSessions(
      trx,
      classId,
      f.sessions.map((s, i) => ({ id: randomUUID(), class_id: classId, seq: i + 1, starts_at: new Date(s.startMs), ends_at: new Date(s.endMs), minutes: s.minutes })),
    );
  }

  async function loadVisible(ctx: RequestContext, id: string) {
    const c = await findClass(db, id);
    return requireVisible(ctx, 'class.read', c, classResource);
  }

  function transitionContext(actor: Actor, c: ClassRow, extra: Partial<ClassTransitionContext> = {}): ClassTransitionContext {
    return {
      role: actor.role,
      isOwner: actor.orgId !== null && actor.orgId === c.org_id,
      inUnit: (actor.role === 'county_office' || actor.role === 'city_office') && coversUnit(actor, c.unit_code),
      isEvaluator: actor.orgId !== null && actor.orgId === c.evaluator_org_id,
      today: today(),
      startDate: c.start_date ?? '',
      minDaysBeforeStart: deps.training.filingMinDays,
      ...extra,
    };
  }

  /** Attendance per enrolment of a class, from the scans and the confirmed manual marks. */
  async function attendanceOf(classId: string) {
    const [sessions, scans, marks] = await Promise.all([listSessions(db, classId), listScans(db, classId), listManualMarks(db, classId)]);
    const byWorker = new Map<string, AttendanceMark[]>();
    const add = (workerId: string, m: AttendanceMark) => byWorker.set(workerId, [...(byWorker.get(workerId) ?? []), m]);
    // Pair each check-in with the next check-out of the same person and session.
    const open = new Map<string, Date>();
    for (const s of scans) {
      const key = `${s.worker_id}/${s.session_id}`;
      if (s.kind === 'in') {
        if (!open.has(key)) open.set(key, new Date(s.at));
      } else {
        const since = open.get(key);
        if (since) {
          add(s.worker_id, { sessionId: s.session_id, checkIn: since.getTime(), checkOut: new Date(s.at).getTime(), source: 'qr' });
          open.delete(key);
        }
      }
    }
    for (const [key, since] of open) {
      const [workerId, sessionId] = key.split('/') as [string, string];
      add(workerId, { sessionId, checkIn: since.getTime(), checkOut: null, source: 'qr' });
    }
    for (const m of marks)
      add(m.worker_id, {
        sessionId: m.session_id,
        checkIn: new Date(m.check_in_at).getTime(),
        checkOut: new Date(m.check_out_at).getTime(),
        source: 'manual',
        confirmation: (m.decision ?? 'pending') as 'pending' | 'confirmed' | 'refused',
      });
    const windows = sessions.map((s) => ({ id: s.id, start: new Date(s.starts_at).getTime(), end: new Date(s.ends_at).getTime() }));
    return { sessions, windows, scans, marks, byWorker, summaryOf: (workerId: string) => attendanceSummary(windows, byWorker.get(workerId) ?? []) };
  }

  return {
    attendanceOf,

    /** The evaluation bodies a class may be assigned to (§10, §12): active evaluation institutions city-wide. */
    async evaluators(ctx: RequestContext) {
      const actor = requireActor(ctx, 'class.read');
      const rows = await listActiveEvaluationInstitutions(db);
      const items = rows.map((r) => ({ id: r.id, name: r.name, unitCode: r.unit_code, unitName: r.unit_name, kind: 'institution' as const }));
      // An enterprise evaluates its own employees (§10 企业自主评价).
      if (actor.role === 'enterprise' && actor.orgId) {
        const own = await findOrganisation(db, actor.orgId);
        if (own) items.unshift({ id: own.id, name: own.name, unitCode: own.unit_code, unitName: own.unit_name, kind: 'institution' as const });
      }
      return { items };
    },

    async list(ctx: RequestContext, q: z.infer<typeof ClassListQuery>) {
      const actor = requireActor(ctx, 'class.read');
      const scope = scopeOf(actor);
      const f = { status: q.status, unitCode: q.unitCode, q: q.q, page: q.page, pageSize: q.pageSize } as Parameters<typeof listClasses>[2];
      if (q.view === 'review') f.status = 'filed';
      if (q.view === 'assessment') {
        f.status = 'completed';
        if (actor.orgId) f.evaluatorOrgId = actor.orgId;
      }
      const r = await listClasses(db, scope, f);
      return { items: r.items.map(presentSummary), total: r.total };
    },

    async get(ctx: RequestContext, id: string) {
      const c = await loadVisible(ctx, id);
      const actor = ctx.actor!;
      const [sessions, decisions] = await Promise.all([listSessions(db, id), listClassDecisions(db, id)]);
      let attendanceComplete = false;
      if (c.status === 'in_progress') {
        const pending = await countPendingMarks(db, id);
        attendanceComplete = attendanceSettled(
          sessions.map((s) => ({ start: new Date(s.starts_at).getTime(), end: new Date(s.ends_at).getTime() })),
          pending,
          deps.clock.now().getTime(),
          deps.training.scanToleranceMinutes,
        );
      }
      const actions = allowedClassActions(c.status as ClassStatus, transitionContext(actor, c, { attendanceComplete })).map((a) => ({
        action: a.action,
        to: a.to,
        clause: a.clause,
        enabled: a.enabled,
        needsReasons: a.needsReasons,
        problems: a.problems.map(explain),
      }));
      return {
        class: {
          ...presentSummary(c),
          venue: { address: c.venue_address ?? '', lat: c.venue_lat ?? 0, lng: c.venue_lng ?? 0 },
          teachers: c.teachers ?? [],
          assessmentPlan: c.assessment_plan ?? '',
          responsibleDepartment: c.responsible_department ?? '',
          fundingRoute: c.funding_route ?? '',
          certificateType: c.certificate_type ?? '',
          standardHours: c.standard_hours ?? 0,
          subsidyFen: c.subsidy_fen,
          scheduledMinutes: c.scheduled_minutes ?? 0,
          scheduledDays: c.scheduled_days ?? 0,
          evaluatorOrgId: c.evaluator_org_id,
          projectReviewNote: c.project_review_note,
          catalogProjectId: c.catalog_project_id,
        },
        sessions: sessions.map((s) => ({ id: s.id, seq: s.seq, start: iso(s.starts_at), end: iso(s.ends_at), minutes: s.minutes })),
        decisions: decisions.map((d) => ({ action: d.action, fromStatus: d.from_status, toStatus: d.to_status, reasons: (d.reasons as string | null) ?? null, actorName: d.actor_name, at: iso(d.at) })),
        actions,
        warnings: c.catalog_project_id === null ? [explain({ code: 'CLASS_PROJECT_OUTSIDE_CATALOG', params: {} })] : [],
        settings: { filingMinDays: deps.training.filingMinDays, scanToleranceMinutes: deps.training.scanToleranceMinutes, completionPercent: deps.training.completionPercent },
      };
    },

    /** A new draft. Its number is given at once; filing is a separate action (with the deadline check). */
    async create(ctx: RequestContext, body: ClassBody) {
      const actor = requireActor(ctx, 'class.file');
      if (!actor.orgId) throw new AppError('FORBIDDEN');
      const v = await validate(actor, body);
      const id = randomUUID();
      const code = await writeWithAudit(deps, ctx, async (trx, now) => {
        const code = await nextClassCode(trx, v.filing.unitCode, Number(v.filing.startDate.slice(0, 4)));
        await insertClass(trx, { id, org_id: actor.orgId!, status: 'draft', code, created_by: actor.id, created_at: now, updated_at: now, ...classValues(v) });
        await writeSessions(trx, id, v.filing);
        await recordClassDecision(trx, { id: randomUUID(), class_id: id, action: 'create', from_status: null, to_status: 'draft', actor_id: actor.id, at: now });
        return { result: code, audit: { action: 'class.create', targetType: 'class', targetId: id, summary: { code, name: v.name, unitCode: v.filing.unitCode, startDate: v.filing.startDate } } };
      });
      return { id, code, warnings: v.warnings.map(explainProblem) };
    },

    async update(ctx: RequestContext, id: string, body: ClassBody) {
      const actor = requireActor(ctx, 'class.file');
      const c = await loadVisible(ctx, id);
      if (c.org_id !== actor.orgId) throw new AppError('CLASS_NOT_OWNER');
      if (c.status !== 'draft' && c.status !== 'returned') throw new AppError('CLASS_NOT_EDITABLE', { status: CLASS_STATUS_LABELS[c.status as ClassStatus].name });
      const v = await validate(actor, body);
      await writeWithAudit(deps, ctx, async (trx, now) => {
        const locked = await lockClass(trx, id);
        if (locked?.status !== c.status) throw new AppError('CLASS_NOT_EDITABLE', { status: locked?.status ?? '' });
        await updateClass(trx, id, { ...classValues(v), updated_at: now });
        await writeSessions(trx, id, v.filing);
        return { result: undefined, audit: { action: 'class.update', targetType: 'class', targetId: id, summary: { code: c.code, name: v.name, startDate: v.filing.startDate } } };
      });
      return { id, code: c.code ?? '', warnings: v.warnings.map(explainProblem) };
    },

    /** One lifecycle step, checked against the transition table (classLifecycle.ts). */
    async act(ctx: RequestContext, id: string, body: z.infer<typeof ActionBody>) {
      const actor = requireActor(ctx, body.action === 'approve' || body.action === 'return' ? 'class.review' : 'class.read');
      const c = await loadVisible(ctx, id);
      const action = body.action as ClassAction;
      const hasReasons = !!body.reasons?.trim();
      let attendanceComplete = false;
      let sessionsForCompletion: Awaited<ReturnType<typeof attendanceOf>> | null = null;
      if (action === 'complete') {
        sessionsForCompletion = await attendanceOf(id);
        const pending = sessionsForCompletion.marks.filter((m) => m.decision === null).length;
        attendanceComplete = attendanceSettled(sessionsForCompletion.windows, pending, deps.clock.now().getTime(), deps.training.scanToleranceMinutes);
      }
      const check = checkClassAction(c.status as ClassStatus, action, transitionContext(actor, c, { hasReasons, attendanceComplete }));
      if (!check.ok) throw problemsError(check.problems);
      const t = check.transition;

      // Action-specific conditions beyond the table.
      const extra: Problem[] = [];
      let evaluatorOrgId = c.evaluator_org_id;
      if (action === 'file' || action === 'refile') {
        const { filer } = await filerOf(db, c.org_id);
        // §17: a suspended or blacklisted organisation files nothing, whatever its drafts say.
        assertMayOpenClass(filer);
      }
      if (action === 'approve') {
        if (body.evaluatorOrgId) {
          const p = await evaluatorProblem(body.evaluatorOrgId, c.org_id);
          if (p) extra.push(p);
          evaluatorOrgId = body.evaluatorOrgId;
        }
        if (!evaluatorOrgId) extra.push(problem('evaluatorOrgId', 'CLASS_EVALUATOR_REQUIRED'));
        if (c.catalog_project_id === null && !body.projectReviewNote?.trim()) extra.push(problem('projectReviewNote', 'CLASS_PROJECT_REVIEW_REQUIRED'));
      }
      if (extra.length) throw problemsError(extra);

      await writeWithAudit(deps, ctx, async (trx, now) => {
        const locked = await lockClass(trx, id);
        if (locked?.status !== c.status) throw new AppError('CLASS_TRANSITION_INVALID', { from: locked?.status ?? '', to: t.to });
        await updateClass(trx, id, {
          status: t.to,
          updated_at: now,
          ...(action === 'approve' ? { evaluator_org_id: evaluatorOrgId, project_review_note: body.projectReviewNote?.trim() || c.project_review_note } : {}),
        });
        const reasons = body.reasons?.trim() || (action === 'approve' && body.projectReviewNote?.trim() ? `项目审核意见：${body.projectReviewNote.trim()}` : null);
        await recordClassDecision(trx, { id: randomUUID(), class_id: id, action, from_status: c.status, to_status: t.to, reasons: reasons === null ? null : JSON.stringify(reasons), actor_id: actor.id, at: now });
        let completions: { completed: number; total: number } | undefined;
        if (action === 'complete' && sessionsForCompletion) completions = await recordCompletions(trx, id, sessionsForCompletion, now);
        return {
          result: undefined,
          audit: {
            action: `class.${action}`,
            targetType: 'class',
            targetId: id,
            summary: { code: c.code, before: { status: c.status }, after: { status: t.to }, reasons, clause: t.clause, ...(completions ? { completions } : {}), ...(action === 'approve' ? { evaluatorOrgId } : {}) },
          },
        };
      });
      return { status: t.to };
    },
  };

  /** §10: fix each trainee's attendance at completion; completed = attended ≥ the threshold. */
  async function recordCompletions(trx: Tx, classId: string, att: Awaited<ReturnType<typeof attendanceOf>>, now: Date) {
    const roster = await listRoster(trx, classId, { activeOnly: true });
    let completed = 0;
    const rows = roster.map((e) => {
      const s = att.summaryOf(e.worker_id);
      const ok = meetsCompletion(s.rate, deps.training.completionPercent);
      if (ok) completed++;
      return {
        enrolment_id: e.id,
        class_id: classId,
        scheduled_minutes: s.scheduledMinutes,
        attended_minutes: s.attendedMinutes,
        rate_per_mille: s.ratePerMille,
        attended_days: s.attendedDays,
        completed: ok,
        at: now,
      };
    });
    await insertEnrolmentCompletions(trx, rows);
    return { completed, total: rows.length };
  }
}

