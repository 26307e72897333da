import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { can, scopeOf } from '../../domain/auth/permissions.ts';
import { AppError, notFound, problemsError } from '../../domain/errors.ts';
import { maskIdNumber, maskPhone } from '../../domain/identity/idNumber.ts';
import type { CategoryPeriod} from '../../domain/registry/categories.ts';
import { checkPeriods } from '../../domain/registry/categories.ts';
import { EDUCATION_LEVELS, validateWorker, WorkerInput, type NormalizedWorker } from '../../domain/registry/worker.ts';
import { renderArchivePdf } from '../../pdf/archive.ts';
import { certificateTypeName, type CertificateType } from '../../credentials/credential.ts';
import { listArchiveTraining } from '../../db/repositories/classes.ts';
import { listPersonSubsidies } from '../../db/repositories/claims.ts';
import { CLAIM_STATUS_LABELS, type ClaimStatus } from '../../domain/claims/lifecycle.ts';
import { fundName } from '../funds.ts';
import { PAYMENT_KIND_NAMES, type PaymentKind } from '../../domain/subsidy/rules.ts';
import { findOrganisation } from '../../db/repositories/organisations.ts';
import { relatedOrgIdsOf } from '../../db/repositories/workers.ts';
import { CLASS_STATUS_LABELS, type ClassStatus } from '../../domain/training/classLifecycle.ts';
import { beijingDate } from '../../domain/time.ts';
import {
  endCategoryPeriod,
  findCategoryPeriod,
  findWorkerDetail,
  findWorkerIdByBlind,
  findWorkerSecrets,
  insertCategoryPeriod,
  insertWorkerRow,
  listWorkerCategories,
  updateWorkerRow,
} from '../../db/repositories/workerWrites.ts';
import type { PiiCipher } from '../../security/pii.ts';
import type { Actor, Clock, Db, RequestContext } from '../context.ts';
import { requireActor } from '../guards.ts';
import { writeWithAudit } from '../tx.ts';

type Deps = { db: Db; clock: Clock; pii: PiiCipher };

/** The worker's unit decides who may act on them (ADR 0005); out of scope reads as not found. */
function visibleWorker<W extends { id: string; unit_code: string }>(actor: Actor, action: Parameters<typeof can>[1], w: W | undefined): W {
  if (!w || !can(actor, action, { unitCode: w.unit_code, workerId: w.id })) throw notFound();
  return w;
}

function piiColumns(pii: PiiCipher, w: NormalizedWorker) {
  return {
    id_cipher: pii.encrypt(w.idNumber),
    id_blind: pii.blindIndex('id', w.idNumber),
    id_masked: maskIdNumber(w.idNumber),
    ...phoneColumns(pii, w.phone),
  };
}

function phoneColumns(pii: PiiCipher, phone: string | null) {
  return {
    phone_cipher: phone ? pii.encrypt(phone) : null,
    phone_blind: phone ? pii.blindIndex('phone', phone) : null,
    phone_masked: phone ? maskPhone(phone) : null,
  };
}

/** Register one person (实名制: one person, one record). */
export function makeRegisterWorker(deps: Deps) {
  return async function registerWorker(ctx: RequestContext, input: WorkerInput): Promise<{ id: string; warnings: { field: string; code: string }[] }> {
    const actor = requireActor(ctx, 'worker.write');
    const checked = validateWorker(input, { today: beijingDate(deps.clock.now()) });
    if (!checked.ok) throw problemsError(checked.problems);
    const w = checked.value;
    if (!can(actor, 'worker.write', { unitCode: w.unitCode })) throw new AppError('WORKER_OUT_OF_SCOPE', { unit: actor.unitCode ?? '' }, 'unitCode');
    const blind = deps.pii.blindIndex('id', w.idNumber);
    if (await findWorkerIdByBlind(deps.db, blind)) throw new AppError('WORKER_ALREADY_REGISTERED', {}, 'idNumber');
    const id = randomUUID();
    await writeWithAudit(deps, ctx, async (trx, now) => {
      await insertWorkerRow(
        trx,
        {
          id,
          name: w.name,
          gender: w.gender,
          birth_date: w.birthDate,
          ...piiColumns(deps.pii, w),
          unit_code: w.unitCode,
          county_code: w.countyCode,
          township_code: w.townshipCode,
          education: w.education,
          disability: w.disability,
        },
        now,
      );
      for (const c of w.categories) {
        await insertCategoryPeriod(trx, { id: randomUUID(), workerId: id, code: c.code, validFrom: c.validFrom, validTo: c.validTo, employerOrgId: c.employerOrgId ?? null, source: 'manual' }, now);
      }
      return {
        result: undefined,
        audit: {
          action: 'worker.register',
          targetType: 'worker',
          targetId: id,
          summary: { after: { name: w.name, idNumber: maskIdNumber(w.idNumber), unitCode: w.unitCode, categories: w.categories.map((c) => c.code) } },
        },
      };
    });
    return { id, warnings: checked.warnings.map((p) => ({ field: p.field, code: p.code })) };
  };
}

export const UpdateWorkerInput = WorkerInput.pick({ name: true, phone: true, unitCode: true, townshipCode: true, education: true, disability: true }).partial();

/** Correct a worker's details. The ID number (identity) never changes; it is re-checked with the rest. */
export function makeUpdateWorker(deps: Deps) {
  return async function updateWorker(ctx: RequestContext, id: string, patch: z.infer<typeof UpdateWorkerInput>): Promise<void> {
    const actor = requireActor(ctx, 'worker.write');
    const secrets = visibleWorker(actor, 'worker.write', await findWorkerSecrets(deps.db, id));
    const before = (await findWorkerDetail(deps.db, id))!;
    const merged = {
      name: patch.name ?? before.name,
      idNumber: deps.pii.decrypt(secrets.id_cipher),
      phone: patch.phone !== undefined ? patch.phone : secrets.phone_cipher ? deps.pii.decrypt(secrets.phone_cipher) : undefined,
      unitCode: patch.unitCode ?? before.unit_code,
      townshipCode: patch.townshipCode !== undefined ? patch.townshipCode : (before.township_code ?? undefined),
      education: patch.education !== undefined ? patch.education : (before.education ?? undefined),
      disability: patch.disability !== undefined ? patch.disability : (before.disability ?? undefined),
    };
    const checked = validateWorker(merged, { today: beijingDate(deps.clock.now()) });
    if (!checked.ok) throw problemsError(checked.problems);
    const w = checked.value;
    if (!can(actor, 'worker.write', { unitCode: w.unitCode })) throw new AppError('WORKER_OUT_OF_SCOPE', { unit: actor.unitCode ?? '' }, 'unitCode');
    const changed = Object.keys(patch).filter((k) => patch[k as keyof typeof patch] !== undefined);
    await writeWithAudit(deps, ctx, async (trx, now) => {
      await updateWorkerRow(
        trx,
        id,
        {
          name: w.name,
          ...phoneColumns(deps.pii, w.phone),
          unit_code: w.unitCode,
          county_code: w.countyCode,
          township_code: w.townshipCode,
          education: w.education,
          disability: w.disability,
        },
        now,
      );
      return {
        result: undefined,
        audit: {
          action: 'worker.update',
          targetType: 'worker',
          targetId: id,
          summary: {
            fields: changed,
            before: { name: before.name, phone: before.phone_masked, unitCode: before.unit_code, townshipCode: before.township_code, education: before.education, disability: before.disability },
            after: { name: w.name, phone: w.phone ? maskPhone(w.phone) : null, unitCode: w.unitCode, townshipCode: w.townshipCode, education: w.education, disability: w.disability },
          },
        },
      };
    });
  };
}

/** Add a category period; periods of one category may not overlap (policy.md "People"). */
export function makeAddCategory(deps: Deps) {
  return async function addCategory(ctx: RequestContext, workerId: string, period: CategoryPeriod): Promise<{ id: string }> {
    const actor = requireActor(ctx, 'worker.write');
    visibleWorker(actor, 'worker.write', await findWorkerSecrets(deps.db, workerId));
    const existing = await listWorkerCategories(deps.db, workerId);
    const all: CategoryPeriod[] = [
      ...existing.map((c) => ({ code: c.category_code, validFrom: c.valid_from, validTo: c.valid_to, employerOrgId: c.employer_org_id })),
      period,
    ];
    const problems = checkPeriods(all).filter((p) => p.field.startsWith(`categories.${all.length - 1}`) || p.code === 'CATEGORY_PERIOD_OVERLAP');
    if (problems.length) throw problemsError(problems.map((p) => ({ ...p, field: p.field.replace(`categories.${all.length - 1}.`, '') })));
    if (period.employerOrgId) {
      const org = await findOrganisation(deps.db, period.employerOrgId);
      if (!org || org.kind !== 'enterprise') throw new AppError('CATEGORY_EMPLOYER_REQUIRED', {}, 'employerOrgId');
    }
    const id = randomUUID();
    await writeWithAudit(deps, ctx, async (trx, now) => {
      await insertCategoryPeriod(trx, { id, workerId, code: period.code, validFrom: period.validFrom, validTo: period.validTo, employerOrgId: period.employerOrgId ?? null, source: 'manual' }, now);
      return { result: undefined, audit: { action: 'worker.category_add', targetType: 'worker', targetId: workerId, summary: { after: period } } };
    });
    return { id };
  };
}

export const EndCategoryInput = z.strictObject({ validTo: z.iso.date().describe('Last day the category applies (inclusive)') });

/** End a category period on a date (the period stays on record; eligibility before that date is unchanged). */
export function makeEndCategory(deps: Deps) {
  return async function endCategory(ctx: RequestContext, workerId: string, periodId: string, input: z.infer<typeof EndCategoryInput>): Promise<void> {
    const actor = requireActor(ctx, 'worker.write');
    visibleWorker(actor, 'worker.write', await findWorkerSecrets(deps.db, workerId));
    const p = await findCategoryPeriod(deps.db, periodId);
    if (!p || p.worker_id !== workerId) throw notFound();
    if (input.validTo < p.valid_from) throw new AppError('CATEGORY_PERIOD_REVERSED', {}, 'validTo');
    await writeWithAudit(deps, ctx, async (trx) => {
      await endCategoryPeriod(trx, periodId, input.validTo);
      return {
        result: undefined,
        audit: { action: 'worker.category_end', targetType: 'worker', targetId: workerId, summary: { category: p.category_code, before: { validTo: p.valid_to }, after: { validTo: input.validTo } } },
      };
    });
  };
}

export const RevealInput = z.strictObject({
  field: z.enum(['idNumber', 'phone']),
  reason: z.string().trim().max(200).describe('Why the full number is needed; kept in the audit trail'),
});
const REVEAL_REASON_MIN = 4;

/** Show a full ID or phone number: only to roles allowed to, with a reason, always audited (PIPL). */
export function makeRevealWorkerPii(deps: Deps) {
  return async function reveal(ctx: RequestContext, workerId: string, input: z.infer<typeof RevealInput>): Promise<{ value: string | null }> {
    const actor = requireActor(ctx, 'worker.reveal');
    const w = visibleWorker(actor, 'worker.reveal', await findWorkerSecrets(deps.db, workerId));
    if ([...input.reason].length < REVEAL_REASON_MIN) throw new AppError('REVEAL_REASON_REQUIRED', { min: REVEAL_REASON_MIN }, 'reason');
    const blob = input.field === 'idNumber' ? w.id_cipher : w.phone_cipher;
    const value = blob ? deps.pii.decrypt(blob) : null;
    await writeWithAudit(deps, ctx, async () => ({
      result: undefined,
      audit: { action: 'worker.reveal', targetType: 'worker', targetId: workerId, summary: { field: input.field, reason: input.reason } },
    }));
    return { value };
  };
}

export type WorkerArchive = Awaited<ReturnType<ReturnType<typeof makeGetArchive>>>;

/**
 * The worker's electronic training archive (职业培训电子档案, §9): details, categories, and — filled by
 * the class, certificate and subsidy issues — classes, results, certificates and subsidies.
 */
export function makeGetArchive(deps: { db: Db }) {
  return async function getArchive(ctx: RequestContext, workerId: string) {
    const actor = requireActor(ctx, 'worker.read');
    const w = await findWorkerDetail(deps.db, workerId);
    const related = w && actor.orgId ? await relatedOrgIdsOf(deps.db, w.id) : [];
    if (!w || !can(actor, 'worker.read', { unitCode: w.unit_code, workerId: w.id, relatedOrgIds: related })) throw notFound();
    const categories = await listWorkerCategories(deps.db, workerId);
    const training = await listArchiveTraining(deps.db, workerId);
    const scope = scopeOf(actor);
    return {
      worker: {
        id: w.id,
        name: w.name,
        gender: w.gender,
        birthDate: w.birth_date,
        idNumberMasked: w.id_masked,
        phoneMasked: w.phone_masked,
        unitCode: w.unit_code,
        unitName: w.unit_name,
        unitNameEn: w.unit_name_en,
        townshipCode: w.township_code,
        townshipName: w.township_name,
        education: w.education,
        disability: w.disability,
        registeredAt: new Date(w.created_at).toISOString(),
        updatedAt: new Date(w.updated_at).toISOString(),
      },
      categories: categories.map((c) => ({
        id: c.id,
        code: c.category_code,
        name: c.name,
        nameEn: c.name_en,
        validFrom: c.valid_from,
        validTo: c.valid_to,
        employerOrgId: c.employer_org_id,
        employerName: c.employer_name,
        source: c.source,
      })),
      classes: training.classes.map((c) => ({
        classId: c.class_id,
        className: c.class_name ?? '',
        occupation: c.occupation_name ?? '',
        level: c.level_name ?? '',
        institution: c.org_name,
        startDate: c.start_date ?? '',
        endDate: c.end_date ?? '',
        status: c.enrolment_status === 'withdrawn' ? '已退出' : (CLASS_STATUS_LABELS[c.status as ClassStatus]?.name ?? c.status),
        attendanceRate: c.rate_per_mille === null ? null : `${(c.rate_per_mille / 10).toFixed(1)}%`,
        hoursAttended: c.attended_minutes === null ? null : (c.attended_minutes / 60).toFixed(1),
      })),
      results: training.classes
        .filter((c) => c.result !== null)
        .map((c) => ({ className: c.class_name ?? '', result: RESULT_ZH[c.result!] ?? c.result!, score: c.score === null ? null : String(c.score), date: c.recorded_at ? beijingDate(new Date(c.recorded_at)) : '' })),
      certificates: training.certificates.map((c) => {
        const claims = c.claims as { occupation: { name: string }; level: { name: string } | null; issuer: { name: string } };
        return {
          id: c.id,
          number: c.number,
          type: `${certificateTypeName(c.type as CertificateType)}${c.revoked_at ? '（已撤销）' : ''}`,
          occupation: claims.occupation.name,
          level: claims.level?.name ?? '—',
          issuer: claims.issuer.name,
          issuedOn: c.issued_on,
        };
      }),
      subsidies: (await listPersonSubsidies(deps.db, workerId)).map((l) => ({
        item: kindLabel(l.kind),
        amountYuan: (Number(l.amount_fen) / 100).toFixed(2),
        fund: fundName(l.fund),
        status: l.refused_reason ? `已核减（${l.refused_reason}）` : (CLAIM_STATUS_LABELS[l.status as ClaimStatus]?.name ?? l.status),
        paidOn: l.paid_at && !l.refused_reason ? beijingDate(new Date(l.paid_at)) : null,
      })),
      canWrite: can(actor, 'worker.write', { unitCode: w.unit_code, workerId: w.id }),
      canReveal: can(actor, 'worker.reveal', { unitCode: w.unit_code, workerId: w.id }),
      viewerScope: scope.kind,
    };
  };
}

function kindLabel(kind: string): string {
  const k = PAYMENT_KIND_NAMES[kind as PaymentKind];
  return k ? `${k.name}（${k.clause}）` : kind;
}
const RESULT_ZH: Record<string, string> = { pass: '合格', fail: '不合格', absent: '缺考' };
const EDUCATION_ZH: Record<string, string> = Object.fromEntries(EDUCATION_LEVELS.map((e) => [e.code, e.name]));

/** The archive as a PDF (Chinese fonts, masked ID number); the export itself is audited. */
export function makeArchivePdf(deps: { db: Db; clock: Clock }) {
  const getArchive = makeGetArchive(deps);
  return async function archivePdf(ctx: RequestContext, workerId: string): Promise<{ pdf: Uint8Array; fileName: string }> {
    const a = await getArchive(ctx, workerId);
    const now = deps.clock.now();
    const generatedAt = `${beijingDate(now)} ${new Date(now.getTime() + 8 * 3600_000).toISOString().slice(11, 16)}`;
    const pdf = await renderArchivePdf({
      person: {
        name: a.worker.name,
        gender: a.worker.gender,
        birthDate: a.worker.birthDate,
        idNumberMasked: a.worker.idNumberMasked,
        phoneMasked: a.worker.phoneMasked,
        unitName: a.worker.unitName,
        townshipName: a.worker.townshipName,
        education: a.worker.education ? (EDUCATION_ZH[a.worker.education] ?? a.worker.education) : null,
        disability: a.worker.disability,
      },
      categories: a.categories.map((c) => ({ name: c.name, validFrom: c.validFrom, validTo: c.validTo })),
      classes: a.classes,
      results: a.results,
      certificates: a.certificates,
      subsidies: a.subsidies,
      generatedAt,
      generatedBy: ctx.actor?.displayName ?? '',
    });
    await writeWithAudit(deps, ctx, async () => ({
      result: undefined,
      audit: { action: 'worker.archive_export', targetType: 'worker', targetId: workerId, summary: { format: 'pdf' } },
    }));
    return { pdf, fileName: `职业培训电子档案-${a.worker.name}.pdf` };
  };
}
