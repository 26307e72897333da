import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { CITY_CODE, scopeOf } from '../domain/auth/permissions.ts';
import { allowedClaimActions, checkClaimAction, CLAIM_STATUS_LABELS, type ClaimAction, type ClaimContext, type ClaimStatus } from '../domain/claims/lifecycle.ts';
import { windowEnd } from '../domain/claims/workingDays.ts';
import { AppError, notFound, problemsError } from '../domain/errors.ts';
import { paymentEntries, type PayableLine } from '../domain/ledger/ledger.ts';
import { CLASS_STATUS_LABELS, type ClassStatus } from '../domain/training/classLifecycle.ts';
import { beijingDateOf } from '../domain/training/calendar.ts';
import type { FundingRoute, TrainingType } from '../domain/training/classFiling.ts';
import { priceClass, type ClassFacts, type PersonFacts, type ClassPricing, type TraceEntry } from '../domain/subsidy/evaluate.ts';
import { validateRuleSet, YUNCHENG_2020_14, type CertificateTypeCode, type RuleSet } from '../domain/subsidy/rules.ts';
import {
  countOpenObjections,
  findClaim,
  findClaimLine,
  findLiveClaimOfClass,
  findObjection,
  insertClaim,
  insertClaimRound,
  listClaimDecisions,
  listClaimLines,
  listClaims,
  listClaimTraces,
  listObjections,
  loadClassFacts,
  loadEarlier,
  loadPeopleFacts,
  lockClaim,
  lockPricing,
  recomputeClaimTotal,
  recordClaimDecision,
  recordLineRefusal,
  recordObjection,
  recordObjectionAnswer,
  updateClaim,
  type ClaimChange,
  type ClaimRow,
} from '../db/repositories/claims.ts';
import { postTransaction, transactionByIdempotencyKey } from '../db/repositories/ledger.ts';
import type { Actor, Db, RequestContext, Tx } from './context.ts';
import { requireActor, requireCan } from './guards.ts';
import { LEDGER_NAMES, fundName, requestHash } from './funds.ts';
import type { TrainingDeps } from './training/shared.ts';
import { coversUnit, explain, iso } from './training/shared.ts';
import { writeWithAudit } from './tx.ts';

export const ClaimActionBody = z.strictObject({
  action: z.enum(['county_approve', 'county_return', 'resubmit', 'withdraw', 'city_approve', 'city_return', 'reject', 'pay']),
  reasons: z.string().trim().max(1000).optional(),
  idempotencyKey: z.string().min(8).max(100).optional().describe('pay: generated once by the client; a retried or doubled request pays once'),
});
export const RefuseLineBody = z.strictObject({ reason: z.string().trim().min(1).max(500) });
export const ObjectionBody = z.strictObject({ text: z.string().trim().max(1000), contact: z.string().trim().max(100).optional() });
export const AnswerBody = z.strictObject({ answer: z.string().trim().min(1).max(1000), upheld: z.boolean().describe('The objection was founded (the reviewer then refuses or returns what it concerns)') });
export const ClaimListQuery = z.strictObject({
  status: z.string().optional(),
  year: z.coerce.number().int().optional(),
  q: z.string().max(50).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});

type PeopleRow = Awaited<ReturnType<typeof loadPeopleFacts>>[number];
type ClassRow = Awaited<ReturnType<typeof loadClassFacts>>[number];

export function classFactsOf(c: ClassRow): ClassFacts {
  return {
    id: c.id,
    trainingType: c.training_type as TrainingType,
    fundingRoute: c.funding_route as FundingRoute,
    occupationCode: c.occupation_code ?? '',
    levelCode: c.level_code ?? '',
    startDate: c.start_date ?? '',
    endDate: c.end_date ?? '',
    scheduledDays: c.scheduled_days ?? 0,
    projectSubsidyFen: c.subsidy_fen,
    organiser: { kind: c.org_kind as 'institution' | 'enterprise', id: c.org_id },
  };
}

export function personFactsOf(p: PeopleRow, earlier: Awaited<ReturnType<typeof loadEarlier>>): PersonFacts {
  return {
    personId: p.worker_id,
    categoriesOnStart: p.categories ?? [],
    employeeOfOrganiser: p.employee,
    attendance: { attendedDays: p.attended_days ?? 0, completed: p.completed ?? false },
    assessment: p.result,
    certificate: p.cert_type ? { type: p.cert_type as CertificateTypeCode, levelCode: p.cert_level, occupationCode: p.cert_occupation ?? undefined } : null,
    earlier: earlier
      .filter((e) => e.worker_id === p.worker_id)
      .map((e) => ({ classId: e.class_id, year: e.year, occupationCode: e.occupation_code, levelCode: e.level_code, paid: e.paid })),
    otherLinesInClaim: [],
  };
}

/**
 * The official rule set with the programme's settings applied (JINENG_MAX_SUBSIDISED_PER_YEAR and the §15
 * same-occupation basis are shared with the enrolment outlook, so the clerk and the claim agree).
 */
export function officialRuleSet(training: TrainingDeps['training']): RuleSet {
  const base = YUNCHENG_2020_14;
  if (training.subsidy.maxPerYear === 3 && training.subsidy.sameOccupationLevel === base.settings.sameOccupationLevel) return base;
  return validateRuleSet({
    ...base,
    version: `${base.version}+max${training.subsidy.maxPerYear}+${training.subsidy.sameOccupationLevel}`,
    rules: base.rules.map((r) => (r.kind === 'limit_per_year' ? { ...r, params: { maxPerYear: training.subsidy.maxPerYear } } : r)),
    settings: { ...base.settings, sameOccupationLevel: training.subsidy.sameOccupationLevel },
  });
}

/** Prices one class from the database, with every person's other subsidised trainings (§15) as they stand now. */
export async function priceClassFromDb(db: Db | Tx, classId: string, ruleSet: RuleSet = YUNCHENG_2020_14) {
  const [cls] = await loadClassFacts(db, { classId });
  if (!cls) throw notFound();
  const people = await loadPeopleFacts(db, { classId });
  const earlier = await loadEarlier(
    db,
    people.map((p) => p.worker_id),
    classId,
  );
  const pricing = priceClass(
    classFactsOf(cls),
    people.map((p) => personFactsOf(p, earlier)),
    ruleSet,
  );
  return { cls, people, pricing };
}

/** Subsidy claims (补贴申领): submission priced by the rules, review, public announcement, payment (§15–§17). */
export function makeClaims(deps: TrainingDeps) {
  const { db } = deps;
  const today = () => beijingDateOf(deps.clock.now().getTime());

  function contextFor(actor: Actor, k: ClaimRow, openObjections: number): Omit<ClaimContext, 'hasReasons'> {
    const official = actor.role === 'county_office' || actor.role === 'city_office' || actor.role === 'finance';
    return {
      role: actor.role,
      isClaimant: actor.orgId !== null && actor.orgId === k.org_id,
      inUnit: official && coversUnit(actor, k.unit_code),
      today: today(),
      windowEnd: k.window_end,
      openObjections,
    };
  }

  async function visible(ctx: RequestContext, id: string) {
    const actor = requireActor(ctx, 'claim.read');
    const k = await findClaim(db, id);
    if (!k) throw notFound();
    const scope = scopeOf(actor);
    const ok = scope.kind === 'city' || (scope.kind === 'unit' && scope.unitCode === k.unit_code) || (scope.kind === 'organisation' && scope.orgId === k.org_id);
    if (!ok) throw notFound();
    return { actor, k };
  }

  /** Writes a priced round: a trace per trainee and the lines. */
  async function storeRound(trx: Tx, claimId: string, round: number, people: readonly { enrolment_id: string; worker_id: string }[], pricing: ClassPricing, now: Date) {
    const enrolmentOf = new Map(people.map((p) => [p.worker_id, p.enrolment_id]));
    const traces = pricing.enrolments.map((e) => ({
      claim_id: claimId,
      round,
      enrolment_id: enrolmentOf.get(e.personId)!,
      worker_id: e.personId,
      total_fen: e.totalFen,
      trace: JSON.stringify(e.trace),
    }));
    // A person listed twice (never, with the unique index) would collide here; priceClass gives the repeat no line.
    const uniqueTraces = [...new Map(traces.map((t) => [t.enrolment_id, t])).values()];
    const lines = pricing.enrolments.flatMap((e) =>
      e.lines.map((l) => ({
        id: randomUUID(),
        claim_id: claimId,
        round,
        enrolment_id: enrolmentOf.get(e.personId) ?? null,
        worker_id: e.personId,
        kind: l.kind,
        rule_id: l.ruleId,
        rule_version: l.ruleVersion,
        clause: l.clause,
        amount_fen: l.amountFen,
        payee_kind: l.payee.kind === 'trainee' ? ('worker' as const) : ('organisation' as const),
        payee_id: l.payee.id,
        fund: l.fund,
        basis: l.basis,
        created_at: now,
      })),
    );
    await insertClaimRound(trx, uniqueTraces, lines);
    return lines;
  }

  const presentSummary = (k: ClaimRow) => ({
    id: k.id,
    classId: k.class_id,
    classCode: k.class_code ?? '',
    className: k.class_name ?? '',
    orgId: k.org_id,
    orgName: k.org_name,
    unitCode: k.unit_code,
    unitName: k.unit_name,
    status: k.status as ClaimStatus,
    statusName: CLAIM_STATUS_LABELS[k.status as ClaimStatus]?.name ?? k.status,
    year: k.year ?? 0,
    round: k.round,
    totalFen: Number(k.total_fen),
    submittedAt: k.submitted_at ? iso(k.submitted_at) : null,
    announcedOn: k.announced_on,
    windowEnd: k.window_end,
  });

  return {
    /** What the class would claim now: the priced lines with every trace, without storing anything. */
    async preview(ctx: RequestContext, classId: string) {
      const actor = requireActor(ctx, 'claim.read');
      const { cls, pricing } = await priceClassFromDb(db, classId, officialRuleSet(deps.training));
      const scope = scopeOf(actor);
      const ok = scope.kind === 'city' || (scope.kind === 'unit' && scope.unitCode === cls.unit_code) || (scope.kind === 'organisation' && scope.orgId === cls.org_id);
      if (!ok) throw notFound();
      return pricing;
    },

    /** Submits the claim of a closed class (§15: the institution, or the enterprise for §13). Nobody types amounts. */
    async submit(ctx: RequestContext, classId: string) {
      const actor = requireActor(ctx, 'claim.submit');
      const [cls] = await loadClassFacts(db, { classId });
      if (!cls || cls.org_id !== actor.orgId) throw notFound();
      if (cls.status !== 'closed') throw new AppError('CLAIM_CLASS_NOT_CLOSED', { status: CLASS_STATUS_LABELS[cls.status as ClassStatus]?.name ?? cls.status });
      const id = randomUUID();
      return writeWithAudit(deps, ctx, async (trx, now) => {
        await lockPricing(trx);
        const live = await findLiveClaimOfClass(trx, classId);
        if (live) throw new AppError('CLAIM_EXISTS', { status: CLAIM_STATUS_LABELS[live.status as ClaimStatus].name });
        const { people, pricing } = await priceClassFromDb(trx, classId, officialRuleSet(deps.training));
        if (pricing.totalFen === 0) throw new AppError('CLAIM_NOTHING_TO_CLAIM');
        const year = pricing.enrolments[0]?.year ?? Number((cls.end_date ?? '').slice(0, 4));
        await insertClaim(trx, {
          id,
          class_id: classId,
          org_id: cls.org_id,
          unit_code: cls.unit_code,
          status: 'submitted',
          year,
          round: 1,
          total_fen: pricing.totalFen,
          rule_set: `${officialRuleSet(deps.training).id}@${officialRuleSet(deps.training).version}`,
          submitted_by: actor.id,
          submitted_at: now,
          created_at: now,
          updated_at: now,
        });
        const lines = await storeRound(trx, id, 1, people, pricing, now);
        await recordClaimDecision(trx, { id: randomUUID(), claim_id: id, action: 'submit', from_status: null, to_status: 'submitted', actor_id: actor.id, at: now });
        return {
          result: { id, totalFen: pricing.totalFen, lines: lines.length },
          audit: { action: 'claim.submit', targetType: 'claim', targetId: id, summary: { classId, totalFen: pricing.totalFen, lines: lines.length, byFund: pricing.byFund } },
        };
      });
    },

    async list(ctx: RequestContext, q: z.infer<typeof ClaimListQuery>) {
      const actor = requireActor(ctx, 'claim.read');
      const r = await listClaims(db, scopeOf(actor), q);
      return { total: r.total, items: r.items.map(presentSummary) };
    },

    async get(ctx: RequestContext, id: string) {
      const { actor, k } = await visible(ctx, id);
      const [lines, traces, decisions, objections] = await Promise.all([listClaimLines(db, id, k.round), listClaimTraces(db, id, k.round), listClaimDecisions(db, id), listObjections(db, id)]);
      const open = objections.filter((o) => o.answer === null).length;
      return {
        claim: presentSummary(k),
        lines: lines.map((l) => ({
          id: l.id,
          workerId: l.worker_id,
          workerName: l.worker_name,
          idMasked: l.id_masked,
          kind: l.kind,
          ruleId: l.rule_id,
          ruleVersion: l.rule_version,
          clause: l.clause,
          amountFen: Number(l.amount_fen),
          payeeKind: l.payee_kind,
          payeeName: l.payee_kind === 'worker' ? l.worker_name : l.payee_org_name,
          fund: l.fund,
          fundName: fundName(l.fund),
          basis: l.basis,
          refused: l.refused_reason ? { reason: l.refused_reason, stage: l.refused_stage, at: iso(l.refused_at!) } : null,
        })),
        traces: traces.map((t) => ({ workerId: t.worker_id, name: t.name, idMasked: t.id_masked, totalFen: Number(t.total_fen), trace: t.trace as TraceEntry[] })),
        decisions: decisions.map((d) => ({ action: d.action, fromStatus: d.from_status, toStatus: d.to_status, reasons: d.reasons, actorName: d.actor_name, at: iso(d.at) })),
        objections: objections.map((o) => ({ id: o.id, text: o.text, contact: actor.role === 'county_office' || actor.role === 'city_office' ? o.contact : null, submittedAt: iso(o.submitted_at), answer: o.answer, upheld: o.upheld, answeredAt: o.answered_at ? iso(o.answered_at) : null })),
        actions: allowedClaimActions(k.status as ClaimStatus, contextFor(actor, k, open)).map((a) => ({
          action: a.action,
          to: a.to,
          enabled: a.enabled,
          needsReasons: a.needsReasons,
          clause: a.clause,
          problems: a.problems.map(explain),
        })),
        mayRefuseLines: mayRefuse(actor, k),
      };
    },

    /** One lifecycle step (the transition table); `pay` posts the ledger payment, idempotently. */
    async act(ctx: RequestContext, id: string, body: z.infer<typeof ClaimActionBody>) {
      const { actor, k } = await visible(ctx, id);
      const action = body.action as ClaimAction;
      if (action === 'pay' && !body.idempotencyKey) throw new AppError('VALIDATION_FAILED', { field: 'idempotencyKey', reason: 'required to pay' }, 'idempotencyKey');
      return writeWithAudit(deps, ctx, async (trx, now) => {
        const locked = await lockClaim(trx, id);
        if (action === 'pay') {
          const seen = await transactionByIdempotencyKey(trx, `pay:${body.idempotencyKey}`);
          if (seen) {
            if (seen.claim_id !== id) throw new AppError('LEDGER_IDEMPOTENCY_CONFLICT', { key: body.idempotencyKey! });
            return { result: { status: 'paid' as ClaimStatus, voucher: seen.voucher, replayed: true }, audit: [] };
          }
        }
        const fresh = { ...k, status: locked.status, window_end: locked.window_end };
        const check = checkClaimAction(locked.status as ClaimStatus, action, { ...contextFor(actor, fresh, await countOpenObjections(trx, id)), hasReasons: !!body.reasons?.trim() });
        if (!check.ok) throw problemsError(check.problems.map((p) => ({ field: 'action', code: p.code, params: p.params })));
        const t = check.transition;
        const set: ClaimChange = { status: t.to, updated_at: now };
        let voucher: string | null = null;
        if (action === 'county_approve') {
          const day = beijingDateOf(now.getTime());
          set.announced_on = day;
          set.window_end = windowEnd(day, deps.training.announcementWorkingDays);
        }
        if (action === 'resubmit') {
          // Priced again, with everyone's other trainings as they stand now (§15 checked again).
          await lockPricing(trx);
          const { people, pricing } = await priceClassFromDb(trx, k.class_id, officialRuleSet(deps.training));
          const round = locked.round + 1;
          await storeRound(trx, id, round, people, pricing, now);
          set.round = round;
          set.total_fen = pricing.totalFen;
          set.announced_on = null;
          set.window_end = null;
        }
        if (action === 'pay') {
          const posted = await postPayment(trx, actor, k, locked.round, `pay:${body.idempotencyKey}`, now);
          set.paid_txn_seq = posted.seq;
          voucher = posted.voucher;
        }
        await updateClaim(trx, id, set);
        await recordClaimDecision(trx, { id: randomUUID(), claim_id: id, action, from_status: locked.status, to_status: t.to, reasons: body.reasons?.trim() || null, actor_id: actor.id, at: now });
        return {
          result: { status: t.to, voucher, replayed: false },
          audit: { action: `claim.${action}`, targetType: 'claim', targetId: id, summary: { before: { status: locked.status }, after: { status: t.to }, reasons: body.reasons ?? null, clause: t.clause, voucher } },
        };
      });
    },

    /** A reviewer refuses one line, with reasons (county at first review, city during the announcement). */
    async refuseLine(ctx: RequestContext, claimId: string, lineId: string, reason: string) {
      const { actor, k } = await visible(ctx, claimId);
      requireCan(ctx, 'claim.review', { unitCode: k.unit_code });
      if (!mayRefuse(actor, k)) throw new AppError('CLAIM_ACTION_NOT_AVAILABLE', { from: CLAIM_STATUS_LABELS[k.status as ClaimStatus].name, action: '核减' });
      return writeWithAudit(deps, ctx, async (trx, now) => {
        const line = await findClaimLine(trx, claimId, lineId);
        if (!line || line.round !== k.round) throw new AppError('CLAIM_LINE_NOT_FOUND');
        if (!(await recordLineRefusal(trx, { line_id: lineId, stage: k.status, reason, actor_id: actor.id, at: now }))) throw new AppError('CLAIM_LINE_ALREADY_REFUSED');
        const total = await recomputeClaimTotal(trx, claimId, k.round);
        return { result: { totalFen: total }, audit: { action: 'claim.refuse_line', targetType: 'claim', targetId: claimId, summary: { lineId, amountFen: line.amount_fen, reason } } };
      });
    },

    async answerObjection(ctx: RequestContext, claimId: string, objectionId: string, body: z.infer<typeof AnswerBody>) {
      const { actor, k } = await visible(ctx, claimId);
      requireCan(ctx, 'claim.review', { unitCode: k.unit_code });
      if (actor.role !== 'county_office' && actor.role !== 'city_office') throw new AppError('FORBIDDEN');
      await writeWithAudit(deps, ctx, async (trx, now) => {
        const o = await findObjection(trx, claimId, objectionId);
        if (!o) throw notFound();
        if (!(await recordObjectionAnswer(trx, { objection_id: objectionId, answer: body.answer, upheld: body.upheld, actor_id: actor.id, at: now }))) throw new AppError('CLAIM_OBJECTION_ANSWERED');
        return { result: undefined, audit: { action: 'claim.answer_objection', targetType: 'claim', targetId: claimId, summary: { objectionId, upheld: body.upheld } } };
      });
    },

    /**
     * A payment batch (拨付批次): the approved claims given, paid in ONE database transaction — all of them, or, if
     * anything fails or the process dies, none. Idempotent: each claim's payment carries `<key>:<claim id>`, so a
     * batch run again after a crash pays only what is not paid. `onProgress` reports inside the transaction.
     */
    async payBatch(ctx: RequestContext, claimIds: readonly string[], key: string, onProgress?: (done: number, total: number) => void) {
      const actor = requireCan(ctx, 'claim.pay', { unitCode: CITY_CODE });
      return writeWithAudit(deps, ctx, async (trx, now) => {
        const paid: { claimId: string; voucher: string; replayed: boolean }[] = [];
        let done = 0;
        for (const id of claimIds) {
          const k = await findClaim(trx, id);
          if (!k) throw notFound();
          const locked = await lockClaim(trx, id);
          const seen = await transactionByIdempotencyKey(trx, `pay:${key}:${id}`);
          if (seen) paid.push({ claimId: id, voucher: seen.voucher, replayed: true });
          else {
            const check = checkClaimAction(locked.status as ClaimStatus, 'pay', { ...contextFor(actor, k, 0), hasReasons: false });
            if (!check.ok) throw problemsError(check.problems.map((p) => ({ field: `claimIds.${done}`, code: p.code, params: p.params })));
            const posted = await postPayment(trx, actor, k, locked.round, `pay:${key}:${id}`, now);
            await updateClaim(trx, id, { status: 'paid', paid_txn_seq: posted.seq, updated_at: now });
            await recordClaimDecision(trx, { id: randomUUID(), claim_id: id, action: 'pay', from_status: locked.status, to_status: 'paid', reasons: `批次 ${key}`, actor_id: actor.id, at: now });
            paid.push({ claimId: id, voucher: posted.voucher, replayed: false });
          }
          onProgress?.(++done, claimIds.length);
        }
        return { result: { batch: key, paid }, audit: { action: 'claim.pay_batch', targetType: 'batch', targetId: key, summary: { claims: claimIds.length, vouchers: paid.map((p) => p.voucher) } } };
      });
    },

    // ------------------------------------------------------------------------------------------------
    // Public (公示), without sign-in

    async announcements(f: { page: number; pageSize: number }) {
      const r = await listClaims(db, { kind: 'city' }, { status: 'announcing', page: f.page, pageSize: f.pageSize });
      return { total: r.total, items: r.items.map((k) => ({ ...publicSummary(k) })) };
    },

    async announcement(id: string) {
      const k = await findClaim(db, id);
      if (!k || !['announcing', 'approved', 'paid'].includes(k.status) || !k.announced_on) throw notFound();
      const lines = (await listClaimLines(db, id, k.round)).filter((l) => !l.refused_reason);
      const byPerson = new Map<string, { name: string; idMasked: string; items: { kind: string; amountFen: number; clause: string; fundName: string }[]; totalFen: number }>();
      for (const l of lines) {
        const key = l.worker_id ?? l.id;
        const p = byPerson.get(key) ?? { name: maskName(l.worker_name ?? ''), idMasked: l.id_masked ?? '', items: [], totalFen: 0 };
        p.items.push({ kind: l.kind, amountFen: Number(l.amount_fen), clause: l.clause, fundName: fundName(l.fund) });
        p.totalFen += Number(l.amount_fen);
        byPerson.set(key, p);
      }
      return { claim: publicSummary(k), roster: [...byPerson.values()], objectionsOpen: k.status === 'announcing' && !!k.window_end && today() <= k.window_end };
    },

    async object(id: string, body: z.infer<typeof ObjectionBody>, ip: string | null) {
      const k = await findClaim(db, id);
      if (!k || k.status !== 'announcing' || !k.window_end) throw notFound();
      if (today() > k.window_end) throw new AppError('CLAIM_OBJECTION_WINDOW_CLOSED', { windowEnd: k.window_end });
      if (!body.text.trim()) throw new AppError('CLAIM_OBJECTION_TEXT_REQUIRED', {}, 'text');
      const oid = randomUUID();
      await writeWithAudit(deps, { actor: null, requestId: `objection-${oid}`, ip, userAgent: null }, async (trx, now) => {
        await recordObjection(trx, { id: oid, claim_id: id, text: body.text.trim(), contact: body.contact?.trim() || null, submitted_at: now, ip });
        return { result: undefined, audit: { action: 'claim.objection', targetType: 'claim', targetId: id, summary: { objectionId: oid } } };
      });
      return { id: oid };
    },
  };

  /** The ledger payment of a claim's round: every line not refused, from its fund, to its payee (§16). */
  async function postPayment(trx: Tx, actor: Actor, k: ClaimRow, round: number, idempotencyKey: string, now: Date) {
    const lines = (await listClaimLines(trx, k.id, round)).filter((l) => !l.refused_reason && Number(l.amount_fen) > 0);
    const payable: PayableLine[] = lines.map((l) => ({
      claimLineId: l.id,
      fund: l.fund,
      amountFen: Number(l.amount_fen),
      payeeKind: l.payee_kind,
      payeeId: l.payee_id,
      memo: `${k.class_code ?? ''} ${l.worker_name ?? ''} ${l.kind}`.trim(),
    }));
    return postTransaction(
      trx,
      randomUUID(),
      now,
      {
        kind: 'payment',
        idempotencyKey,
        requestHash: requestHash({ claimId: k.id, round }),
        claimId: k.id,
        reversesTxnId: null,
        memo: `补贴拨付：${k.class_code ?? ''} ${k.class_name ?? ''}（${k.org_name}）`,
        entries: paymentEntries(payable, k.unit_code, k.year ?? Number((k.end_date ?? '').slice(0, 4))),
        actorId: actor.id,
      },
      LEDGER_NAMES,
    );
  }

  function mayRefuse(actor: Actor, k: ClaimRow): boolean {
    if (!coversUnit(actor, k.unit_code)) return false;
    return (actor.role === 'county_office' && k.status === 'submitted') || (actor.role === 'city_office' && k.status === 'announcing');
  }

  function publicSummary(k: ClaimRow) {
    return {
      id: k.id,
      classCode: k.class_code ?? '',
      className: k.class_name ?? '',
      orgName: k.org_name,
      unitName: k.unit_name,
      startDate: k.start_date ?? '',
      endDate: k.end_date ?? '',
      totalFen: Number(k.total_fen),
      announcedOn: k.announced_on,
      windowEnd: k.window_end,
      status: k.status,
      statusName: CLAIM_STATUS_LABELS[k.status as ClaimStatus]?.name ?? k.status,
    };
  }
}

/** 张晓燕 → 张*燕, 王五 → 王*: the public roster shows no full names. */
export function maskName(name: string): string {
  const chars = [...name];
  if (chars.length <= 1) return name;
  if (chars.length === 2) return `${chars[0]}*`;
  return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars[chars.length - 1]}`;
}



