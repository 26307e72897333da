import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { AppError, notFound, problemsError } from '../../domain/errors.ts';
import { problem, type Problem } from '../../domain/registry/problems.ts';
import { beijingDateOf } from '../../domain/training/calendar.ts';
import { checkClassAction, type ClassStatus } from '../../domain/training/classLifecycle.ts';
import type { CertificateType } from '../../credentials/credential.ts';
import { insertCertificate, listCertificateHolders } from '../../db/repositories/certificates.ts';
import { findClass, lockClass, recordClassDecision, updateClass } from '../../db/repositories/classes.ts';
import { insertAssessmentResults, listRoster } from '../../db/repositories/enrolments.ts';
import { findOrganisation } from '../../db/repositories/organisations.ts';
import type { RequestContext } from '../context.ts';
import { requireActor } from '../guards.ts';
import { makeSigningKeys } from '../signingKeys.ts';
import { writeWithAudit } from '../tx.ts';
import { nextCertificateNumber, signedCertificateRow, type CertificateSubject } from './certificateIssue.ts';
import type { TrainingDeps } from './shared.ts';

export const ResultsBody = z.strictObject({
  results: z
    .array(
      z.strictObject({
        enrolmentId: z.uuid(),
        result: z.enum(['pass', 'fail', 'absent']),
        score: z.number().nullish().describe('0–100; none for absent'),
      }),
    )
    .max(1000),
});

/**
 * Assessment (§10): the evaluation body assigned to the class records every completer's result at once; the
 * class becomes 已考核 and each pass gets a signed electronic certificate (§9) in the same transaction.
 */
export function makeAssessment(deps: TrainingDeps) {
  const { db } = deps;
  const keys = makeSigningKeys(deps);

  /** The class, for its assigned evaluator only. Another evaluation institution hears CLASS_NOT_EVALUATOR; anyone else, not found. */
  async function evaluatorClass(ctx: RequestContext, classId: string) {
    const actor = requireActor(ctx, 'assessment.record');
    const c = await findClass(db, classId);
    if (!c || !actor.orgId) throw notFound();
    if (c.evaluator_org_id !== actor.orgId) {
      const own = await findOrganisation(db, actor.orgId);
      if (c.org_id === actor.orgId || own?.institution_kind === 'evaluation') throw new AppError('CLASS_NOT_EVALUATOR');
      throw notFound();
    }
    return { actor, c };
  }

  return {
    async get(ctx: RequestContext, classId: string) {
      const { c } = await evaluatorClass(ctx, classId);
      const roster = await listRoster(db, classId, { activeOnly: true });
      return {
        recorded: c.status === 'assessed' || c.status === 'closed',
        items: roster.map((r) => ({
          enrolmentId: r.id,
          name: r.name,
          idMasked: r.id_masked,
          ratePerMille: r.completed_rate ?? 0,
          completed: r.completed ?? false,
          result: r.result,
          score: r.score,
          certificateNumber: r.certificate_number,
        })),
      };
    },

    async record(ctx: RequestContext, classId: string, body: z.infer<typeof ResultsBody>) {
      const { actor, c } = await evaluatorClass(ctx, classId);
      if (c.status === 'assessed' || c.status === 'closed') throw new AppError('ASSESSMENT_ALREADY_RECORDED');
      const check = checkClassAction(c.status as ClassStatus, 'assess', {
        role: actor.role,
        isOwner: actor.orgId === c.org_id,
        inUnit: false,
        isEvaluator: true,
        today: beijingDateOf(deps.clock.now().getTime()),
        startDate: c.start_date ?? '',
      });
      if (!check.ok) throw problemsError(check.problems);

      const roster = await listRoster(db, classId, { activeOnly: true });
      const byId = new Map(roster.map((r) => [r.id, r]));
      const problems: Problem[] = [];
      const given = new Map<string, (typeof body.results)[number]>();
      body.results.forEach((r, i) => {
        const row = i + 1;
        const e = byId.get(r.enrolmentId);
        if (!e) return problems.push(problem(`results.${i}.enrolmentId`, 'ASSESSMENT_UNKNOWN_ENROLMENT', { row }));
        if (!e.completed) return problems.push(problem(`results.${i}.enrolmentId`, 'ASSESSMENT_NOT_COMPLETED', { name: e.name }));
        if (r.result !== 'absent' && (r.score === null || r.score === undefined || !Number.isInteger(r.score) || r.score < 0 || r.score > 100))
          return problems.push(problem(`results.${i}.score`, 'ASSESSMENT_SCORE_INVALID', { row }));
        given.set(r.enrolmentId, r);
      });
      const missing = roster.filter((r) => r.completed && !given.has(r.id));
      if (missing.length) problems.push(problem('results', 'ASSESSMENT_RESULT_MISSING', { count: missing.length, name: missing[0]!.name }));
      if (problems.length) throw problemsError(problems);

      const issuer = (await findOrganisation(db, actor.orgId!))!;
      const key = await keys.active();
      const issuedOn = beijingDateOf(deps.clock.now().getTime());
      const passes = roster.filter((r) => given.get(r.id)?.result === 'pass');
      const people = await listCertificateHolders(
        db,
        passes.map((p) => p.worker_id),
      );
      const personOf = new Map(people.map((p) => [p.id, p]));
      const runner = c.org_name;

      const issued = await writeWithAudit(deps, ctx, async (trx, now) => {
        const locked = await lockClass(trx, classId);
        if (locked?.status !== 'completed') throw new AppError('ASSESSMENT_ALREADY_RECORDED');
        await insertAssessmentResults(
          trx,
          [...given.values()].map((r) => ({
            enrolment_id: r.enrolmentId,
            class_id: classId,
            worker_id: byId.get(r.enrolmentId)!.worker_id,
            result: r.result,
            score: r.result === 'absent' ? null : (r.score ?? null),
            evaluator_org_id: actor.orgId!,
            recorded_by: actor.id,
            recorded_at: now,
          })),
        );
        await updateClass(trx, classId, { status: 'assessed', updated_at: now });
        await recordClassDecision(trx, { id: randomUUID(), class_id: classId, action: 'assess', from_status: 'completed', to_status: 'assessed', actor_id: actor.id, at: now });
        const numbers: string[] = [];
        for (const p of passes) {
          const w = personOf.get(p.worker_id)!;
          const subject: CertificateSubject = {
            id: randomUUID(),
            classId,
            enrolmentId: p.id,
            worker: { id: w.id, name: w.name, idNumber: deps.pii.decrypt(w.id_cipher), idMasked: w.id_masked },
            type: (c.certificate_type ?? 'training_completion') as CertificateType,
            occupation: { code: c.occupation_code ?? '', name: c.occupation_name ?? '' },
            level: c.level_code && c.level_code !== 'special' ? { code: c.level_code, name: c.level_name ?? '' } : null,
            issuedOn,
            issuer: { orgId: issuer.id, name: issuer.name, creditCode: issuer.credit_code, unitCode: issuer.unit_code, kind: issuer.kind as 'institution' | 'enterprise' },
            ...(c.certificate_type === 'training_completion' ? { training: { className: c.name ?? '', institution: runner, hours: c.standard_hours ?? 1 } } : {}),
          };
          const number = await nextCertificateNumber(trx, subject);
          await insertCertificate(trx, await signedCertificateRow(subject, number, key, { publicUrl: deps.publicUrl, now, pii: deps.pii }));
          numbers.push(number);
        }
        return {
          result: numbers,
          audit: {
            action: 'class.assess',
            targetType: 'class',
            targetId: classId,
            summary: { code: c.code, results: given.size, passes: passes.length, certificates: numbers, clause: '§10' },
          },
        };
      });
      return { certificates: issued.length, numbers: issued };
    },
  };
}
