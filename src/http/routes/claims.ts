import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { makeWhatIf } from '../../usecases/subsidyYear.ts';
import { AnswerBody, ClaimActionBody, ClaimListQuery, makeClaims, ObjectionBody, RefuseLineBody } from '../../usecases/claims.ts';
import { BudgetBody, ExportQuery, makeFunds, makeLedgerWrites, ReverseBody } from '../../usecases/funds.ts';
import type { TrainingDeps } from '../../usecases/training/shared.ts';
import { ErrorBody } from '../errors.ts';
import { sendXlsx } from '../xlsx.ts';
import { IdParam, NoContent } from '../schemas.ts';

const tags = ['claims'];
const Explained = z.object({ code: z.string(), message: z.string(), messageEn: z.string() });
const ClaimSummary = z.object({
  id: z.string(),
  classId: z.string(),
  classCode: z.string(),
  className: z.string(),
  orgId: z.string(),
  orgName: z.string(),
  unitCode: z.string(),
  unitName: z.string(),
  status: z.string(),
  statusName: z.string(),
  year: z.number().int(),
  round: z.number().int(),
  totalFen: z.number().int().describe('Sum of the lines not refused, fen'),
  submittedAt: z.string().nullable(),
  announcedOn: z.string().nullable(),
  windowEnd: z.string().nullable().describe('Last day objections are accepted'),
});
const TraceEntry = z.object({
  ruleId: z.string(),
  ruleVersion: z.string().nullable(),
  kind: z.string(),
  clause: z.string(),
  outcome: z.enum(['applied', 'refused', 'not_applicable']),
  code: z.string(),
  message: z.string(),
  messageEn: z.string(),
});
const PublicSummary = z.object({
  id: z.string(),
  classCode: z.string(),
  className: z.string(),
  orgName: z.string(),
  unitName: z.string(),
  startDate: z.string(),
  endDate: z.string(),
  totalFen: z.number().int(),
  announcedOn: z.string().nullable(),
  windowEnd: z.string().nullable(),
  status: z.string(),
  statusName: z.string(),
});

/** Claims, funds and the ledger, under /api. */
export function claimRoutes(deps: TrainingDeps & { dataDir: string }): FastifyPluginAsyncZod {
  const claims = makeClaims(deps);
  const funds = makeFunds(deps);
  const ledger = makeLedgerWrites(deps);
  const whatIfFor = makeWhatIf(deps);
  return async (app) => {
    app.get('/claims', { schema: { tags, summary: 'Claims in the caller’s scope', querystring: ClaimListQuery, response: { 200: z.object({ items: z.array(ClaimSummary), total: z.number().int() }) } } }, (req) =>
      claims.list(req.ctx, req.query),
    );
    app.post(
      '/classes/:id/claim',
      {
        schema: {
          tags,
          summary: 'Submit the subsidy claim of a closed class: the platform prices every trainee by the rules (§13–§15); nobody types amounts',
          params: IdParam,
          response: { 201: z.object({ id: z.string(), totalFen: z.number().int(), lines: z.number().int() }), 404: ErrorBody, 409: ErrorBody },
        },
      },
      async (req, reply) => reply.code(201).send(await claims.submit(req.ctx, req.params.id)),
    );
    app.get(
      '/classes/:id/claim-preview',
      { schema: { tags, summary: 'What the class would claim now, with the trace of every rule for every trainee (nothing stored)', params: IdParam, response: { 200: z.record(z.string(), z.unknown()).describe('ClassPricing: enrolments with lines and traces, totals by fund and payee'), 404: ErrorBody } } },
      (req) => claims.preview(req.ctx, req.params.id),
    );
    app.get(
      '/claims/:id',
      {
        schema: {
          tags,
          summary: 'One claim: its lines with clause, fund and payee, each trainee’s trace, decisions, objections and the actions open to the caller',
          params: IdParam,
          response: {
            200: z.object({
              claim: ClaimSummary,
              lines: z.array(
                z.object({
                  id: z.string(),
                  workerId: z.string().nullable(),
                  workerName: z.string().nullable(),
                  idMasked: z.string().nullable(),
                  kind: z.string(),
                  ruleId: z.string(),
                  ruleVersion: z.string(),
                  clause: z.string(),
                  amountFen: z.number().int(),
                  payeeKind: z.string(),
                  payeeName: z.string().nullable(),
                  fund: z.string(),
                  fundName: z.string(),
                  basis: z.string(),
                  refused: z.object({ reason: z.string(), stage: z.string().nullable(), at: z.string() }).nullable(),
                }),
              ),
              traces: z.array(z.object({ workerId: z.string(), name: z.string(), idMasked: z.string(), totalFen: z.number().int(), trace: z.array(TraceEntry.passthrough()) })),
              decisions: z.array(z.object({ action: z.string(), fromStatus: z.string().nullable(), toStatus: z.string(), reasons: z.string().nullable(), actorName: z.string().nullable(), at: z.string() })),
              objections: z.array(z.object({ id: z.string(), text: z.string(), contact: z.string().nullable(), submittedAt: z.string(), answer: z.string().nullable(), upheld: z.boolean().nullable(), answeredAt: z.string().nullable() })),
              actions: z.array(z.object({ action: z.string(), to: z.string(), enabled: z.boolean(), needsReasons: z.boolean(), clause: z.string(), problems: z.array(Explained) })),
              mayRefuseLines: z.boolean(),
            }),
            404: ErrorBody,
          },
        },
      },
      (req) => claims.get(req.ctx, req.params.id),
    );
    app.post(
      '/claims/:id/actions',
      {
        schema: {
          tags,
          summary: 'A review step (county approve → announcement, return, city approve, reject) or payment by finance (with an idempotency key: a doubled request pays once)',
          params: IdParam,
          body: ClaimActionBody,
          response: { 200: z.object({ status: z.string(), voucher: z.string().nullable(), replayed: z.boolean() }), 400: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody },
        },
      },
      (req) => claims.act(req.ctx, req.params.id, req.body),
    );
    app.post(
      '/claims/pay-batch',
      {
        schema: {
          tags,
          summary: 'Finance pays approved claims as one batch, in one transaction (all or none); idempotent by key',
          body: z.strictObject({ claimIds: z.array(z.uuid()).min(1).max(2000), idempotencyKey: z.string().min(8).max(100) }),
          response: { 200: z.object({ batch: z.string(), paid: z.array(z.object({ claimId: z.string(), voucher: z.string(), replayed: z.boolean() })) }), 400: ErrorBody, 404: ErrorBody, 409: ErrorBody },
        },
      },
      (req) => claims.payBatch(req.ctx, req.body.claimIds, req.body.idempotencyKey),
    );
    app.post(
      '/claims/:id/lines/:lineId/refuse',
      {
        schema: {
          tags,
          summary: 'Refuse one line with reasons (it is then not paid)',
          params: z.strictObject({ id: z.uuid(), lineId: z.uuid() }),
          body: RefuseLineBody,
          response: { 200: z.object({ totalFen: z.number().int() }), 404: ErrorBody, 409: ErrorBody },
        },
      },
      (req) => claims.refuseLine(req.ctx, req.params.id, req.params.lineId, req.body.reason),
    );
    app.post(
      '/claims/:id/objections/:objectionId/answer',
      { schema: { tags, summary: 'Answer an objection to the announcement', params: z.strictObject({ id: z.uuid(), objectionId: z.uuid() }), body: AnswerBody, response: { 204: NoContent, 404: ErrorBody, 409: ErrorBody } } },
      async (req, reply) => {
        await claims.answerObjection(req.ctx, req.params.id, req.params.objectionId, req.body);
        return reply.code(204).send(null);
      },
    );

    // Funds and the ledger
    app.post(
      '/funds/budgets',
      { schema: { tags: ['funds'], summary: 'Grant a yearly budget to a fund for a unit (a balanced ledger transaction; idempotent by key)', body: BudgetBody, response: { 201: z.object({ seq: z.number().int(), id: z.string(), voucher: z.string(), replayed: z.boolean() }), 400: ErrorBody, 409: ErrorBody } } },
      async (req, reply) => reply.code(201).send(await funds.grant(req.ctx, req.body)),
    );
    app.get(
      '/funds/balances',
      {
        schema: {
          tags: ['funds'],
          summary: 'Per fund, unit and year: granted, paid and available (fen)',
          querystring: z.strictObject({ year: z.coerce.number().int().optional() }),
          response: {
            200: z.object({
              items: z.array(z.object({ fund: z.string(), fundName: z.string(), unitCode: z.string(), unitName: z.string(), year: z.number().int(), granted: z.number().int(), paid: z.number().int(), available: z.number().int() })),
            }),
          },
        },
      },
      (req) => funds.balances(req.ctx, req.query),
    );
    app.get(
      '/ledger',
      {
        schema: {
          tags: ['funds'],
          summary: 'The ledger (补贴资金发放台账): transactions with their entries, from a sequence number',
          querystring: z.strictObject({ fromSeq: z.coerce.number().int().min(1).default(1), limit: z.coerce.number().int().min(1).max(500).default(100) }),
        },
      },
      (req) => funds.transactions(req.ctx, req.query),
    );
    app.post(
      '/ledger/:seq/reverse',
      {
        schema: {
          tags: ['funds'],
          summary: 'Reverse a payment (correction or clawback): a new mirroring transaction, never an update; idempotent by key',
          params: z.strictObject({ seq: z.coerce.number().int().min(1) }),
          body: ReverseBody,
          response: { 201: z.object({ seq: z.number().int(), id: z.string(), voucher: z.string(), replayed: z.boolean() }), 404: ErrorBody, 409: ErrorBody },
        },
      },
      async (req, reply) => reply.code(201).send(await ledger.reverse(req.ctx, req.params.seq, req.body)),
    );
    app.get(
      '/ledger/export.xlsx',
      {
        schema: {
          tags: ['funds'],
          summary: 'The disbursement ledger of a fund and period as .xlsx (payee, masked ID, class, item, amount, fund, voucher, date)',
          querystring: ExportQuery,
          produces: ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
        },
      },
      (req, reply) => sendXlsx(reply, deps.dataDir, async (out) => (await ledger.exportXlsx(req.ctx, req.query, out)).fileName),
    );
    app.post(
      '/subsidy/whatif',
      {
        schema: {
          tags: ['claims'],
          summary: '§16: re-price a year’s closed classes under changed parameters (e.g. {"certificate_level4.amountFen": 45000}); the difference by unit and fund; nothing is written',
          body: z.strictObject({ year: z.number().int().min(2019).max(2100), overrides: z.record(z.string(), z.union([z.number(), z.string(), z.boolean(), z.null()])) }),
          response: {
            200: z.object({
              year: z.number().int(),
              enrolments: z.number().int(),
              classes: z.number().int(),
              rows: z.array(z.object({ unitCode: z.string(), fund: z.string(), baseFen: z.number().int(), whatIfFen: z.number().int(), diffFen: z.number().int() })),
              total: z.object({ baseFen: z.number().int(), whatIfFen: z.number().int(), diffFen: z.number().int() }),
            }),
            400: ErrorBody,
          },
        },
      },
      (req) => whatIfFor(req.ctx, req.body.year, req.body.overrides),
    );
    app.get('/ledger/verify', { schema: { tags: ['funds'], summary: 'Check that every transaction balances and the hash chain is intact' } }, (req) => funds.verify(req.ctx));
  };
}

/** The public announcement (公示) of claims, and objections to them, without sign-in (§17). */
export function publicClaimRoutes(deps: TrainingDeps): FastifyPluginAsyncZod {
  const claims = makeClaims(deps);
  return async (app) => {
    app.get(
      '/announcements',
      {
        schema: {
          tags: ['public'],
          summary: 'Claims under public announcement',
          querystring: z.strictObject({ page: z.coerce.number().int().min(1).default(1), pageSize: z.coerce.number().int().min(1).max(100).default(20) }),
          response: { 200: z.object({ items: z.array(PublicSummary), total: z.number().int() }) },
        },
      },
      (req) => claims.announcements(req.query),
    );
    app.get(
      '/announcements/:id',
      {
        schema: {
          tags: ['public'],
          summary: 'One announcement: the class, the masked roster and the amounts',
          params: IdParam,
          response: {
            200: z.object({
              claim: PublicSummary,
              roster: z.array(z.object({ name: z.string(), idMasked: z.string(), totalFen: z.number().int(), items: z.array(z.object({ kind: z.string(), amountFen: z.number().int(), clause: z.string(), fundName: z.string() })) })),
              objectionsOpen: z.boolean(),
            }),
            404: ErrorBody,
          },
        },
      },
      (req) => claims.announcement(req.params.id),
    );
    app.post(
      '/announcements/:id/objections',
      { schema: { tags: ['public'], summary: 'Raise an objection during the announcement window', params: IdParam, body: ObjectionBody, response: { 201: z.object({ id: z.string() }), 400: ErrorBody, 404: ErrorBody, 409: ErrorBody } } },
      async (req, reply) => reply.code(201).send(await claims.object(req.params.id, req.body, req.ip ?? null)),
    );
  };
}
