import { AppError } from '../../domain/errors.ts';
import { CLASS_STATUS_LABELS, type ClassStatus } from '../../domain/training/classLifecycle.ts';
import { listMyEnrolments } from '../../db/repositories/enrolments.ts';
import type { RequestContext } from '../context.ts';
import { requireActor } from '../guards.ts';
import type { makeClasses } from './classes.ts';
import { iso, type TrainingDeps } from './shared.ts';

/** The worker portal: my classes with their timetable and my attendance so far. */
export function makeMyTraining(deps: TrainingDeps, classes: ReturnType<typeof makeClasses>) {
  return {
    async classes(ctx: RequestContext) {
      const actor = requireActor(ctx, 'account.self');
      if (!actor.workerId) throw new AppError('FORBIDDEN');
      const rows = await listMyEnrolments(deps.db, actor.workerId);
      const items = [];
      for (const r of rows) {
        const att = await classes.attendanceOf(r.class_id);
        const s = att.summaryOf(actor.workerId);
        items.push({
          enrolmentId: r.enrolment_id,
          classId: r.class_id,
          code: r.code ?? '',
          name: r.name ?? '',
          orgName: r.org_name,
          status: r.status,
          statusName: CLASS_STATUS_LABELS[r.status as ClassStatus]?.name ?? r.status,
          startDate: r.start_date ?? '',
          endDate: r.end_date ?? '',
          venue: r.venue_address ?? '',
          sessions: att.sessions.map((x) => ({ id: x.id, seq: x.seq, start: iso(x.starts_at), end: iso(x.ends_at) })),
          attendedMinutes: s.attendedMinutes,
          scheduledMinutes: s.scheduledMinutes,
          ratePerMille: s.ratePerMille,
          subsidised: r.subsidised,
          completed: r.completed,
          result: r.result,
        });
      }
      return { items };
    },
  };
}
