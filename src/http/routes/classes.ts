import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { makeAssessment, ResultsBody } from '../../usecases/training/assessment.ts';
import { makeAttendance, ManualMarkBody, MarkDecisionBody, MarkQueueQuery, ScanBody } from '../../usecases/training/attendance.ts';
import { ActionBody, ClassBody, ClassListQuery, makeClasses } from '../../usecases/training/classes.ts';
import { EnrolBody, makeEnrolments, PreviewBody, WithdrawBody } from '../../usecases/training/enrolments.ts';
import type { TrainingDeps } from '../../usecases/training/shared.ts';
import { ErrorBody } from '../errors.ts';
import { IdParam, NoContent } from '../schemas.ts';

const tags = ['classes'];
const Explained = z.object({ code: z.string(), message: z.string(), messageEn: z.string() });
const Outlook = z.object({
  subsidised: z.boolean(),
  livingAllowance: z.boolean().describe('§3: 15 CNY a day for a registered-poor trainee'),
  clause: z.string().nullable(),
  year: z.number().int().describe('The §15 year the limits were counted in'),
  reasons: z.array(Explained.extend({ clause: z.string() })).describe('Why the place is not subsidised, every reason'),
});
const ClassSummary = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  status: z.string(),
  statusName: z.string(),
  orgId: z.string(),
  orgName: z.string(),
  unitCode: z.string(),
  unitName: z.string(),
  occupationCode: z.string(),
  occupationName: z.string(),
  levelCode: z.string(),
  levelName: z.string(),
  trainingType: z.string(),
  trainingTypeName: z.string(),
  startDate: z.string(),
  endDate: z.string(),
  capacity: z.number().int(),
  enrolled: z.number().int(),
  inCatalog: z.boolean(),
  evaluatorOrgName: z.string().nullable(),
});
const ClassDetail = z.object({
  class: ClassSummary.extend({
    venue: z.object({ address: z.string(), lat: z.number(), lng: z.number() }),
    teachers: z.array(z.object({ name: z.string(), qualification: z.string().nullable() })),
    assessmentPlan: z.string(),
    responsibleDepartment: z.string(),
    fundingRoute: z.string(),
    certificateType: z.string(),
    standardHours: z.number().int(),
    subsidyFen: z.number().int().nullable().describe('Subsidy standard per person from the catalog, fen'),
    scheduledMinutes: z.number().int(),
    scheduledDays: z.number().int(),
    evaluatorOrgId: z.string().nullable(),
    projectReviewNote: z.string().nullable(),
    catalogProjectId: z.string().nullable(),
  }),
  sessions: z.array(z.object({ id: z.string(), seq: z.number().int(), start: z.string(), end: z.string(), minutes: z.number().int() })),
  decisions: z.array(z.object({ action: z.string(), fromStatus: z.string().nullable(), toStatus: z.string(), reasons: z.string().nullable(), actorName: z.string().nullable(), at: z.string() })),
  actions: z
    .array(z.object({ action: z.string(), to: z.string(), clause: z.string(), enabled: z.boolean(), needsReasons: z.boolean(), problems: z.array(Explained) }))
    .describe('The lifecycle actions the caller may take now (the transition table); disabled ones say why'),
  warnings: z.array(Explained),
  settings: z.object({ filingMinDays: z.number().int(), scanToleranceMinutes: z.number().int(), completionPercent: z.number().int() }),
});
const Saved = z.object({ id: z.string(), code: z.string(), warnings: z.array(Explained.extend({ field: z.string() })) });
const ClassEnrolParams = z.strictObject({ id: z.uuid(), enrolmentId: z.uuid() });
const SessionParams = z.strictObject({ id: z.uuid(), sessionId: z.uuid() });
const WorkerBrief = z.object({ id: z.string(), name: z.string(), idMasked: z.string(), unitName: z.string() });

/** Classes (开班), enrolment, attendance and assessment, under /api. */
export function classRoutes(deps: TrainingDeps): FastifyPluginAsyncZod {
  const classes = makeClasses(deps);
  const enrolments = makeEnrolments(deps, classes);
  const attendance = makeAttendance(deps, classes);
  const assessment = makeAssessment(deps);
  return async (app) => {
    app.get(
      '/classes',
      { schema: { tags, summary: 'Classes in the caller’s scope; view=review: filings awaiting review; view=assessment: classes the caller evaluates', querystring: ClassListQuery, response: { 200: z.object({ items: z.array(ClassSummary), total: z.number().int() }) } } },
      (req) => classes.list(req.ctx, req.query),
    );
    app.get(
      '/evaluators',
      {
        schema: {
          tags,
          summary: 'The evaluation bodies a class may be assigned to: active evaluation institutions city-wide (and, for an enterprise, itself)',
          response: { 200: z.object({ items: z.array(z.object({ id: z.string(), name: z.string(), unitCode: z.string(), unitName: z.string(), kind: z.string() })) }) },
        },
      },
      (req) => classes.evaluators(req.ctx),
    );
    app.post(
      '/classes',
      { schema: { tags, summary: 'Create a class filing as a draft (开班申请; §7, §12); file it with the action "file"', body: ClassBody, response: { 201: Saved, 400: ErrorBody, 403: ErrorBody } } },
      async (req, reply) => reply.code(201).send(await classes.create(req.ctx, req.body)),
    );
    app.get('/classes/:id', { schema: { tags, summary: 'One class: details, timetable, decisions and the actions open to the caller', params: IdParam, response: { 200: ClassDetail, 404: ErrorBody } } }, (req) =>
      classes.get(req.ctx, req.params.id),
    );
    app.put(
      '/classes/:id',
      { schema: { tags, summary: 'Edit a draft or a returned filing', params: IdParam, body: ClassBody, response: { 200: Saved, 400: ErrorBody, 409: ErrorBody } } },
      (req) => classes.update(req.ctx, req.params.id, req.body),
    );
    app.post(
      '/classes/:id/actions',
      {
        schema: {
          tags,
          summary: 'A lifecycle step: file, approve, return, refile, start, complete, close, cancel (checked against the transition table)',
          params: IdParam,
          body: ActionBody,
          response: { 200: z.object({ status: z.string() }), 400: ErrorBody, 403: ErrorBody, 409: ErrorBody },
        },
      },
      (req) => classes.act(req.ctx, req.params.id, req.body),
    );

    // Enrolment
    app.get(
      '/classes/:id/enrolments',
      {
        schema: {
          tags,
          summary: 'The roster: subsidy outlook, attendance, completion, result, certificate',
          params: IdParam,
          response: {
            200: z.object({
              capacity: z.number().int(),
              enrolled: z.number().int(),
              items: z.array(
                z.object({
                  id: z.string(),
                  workerId: z.string(),
                  name: z.string(),
                  idMasked: z.string(),
                  status: z.string(),
                  subsidised: z.boolean(),
                  livingAllowance: z.boolean(),
                  reasons: z.array(Explained.extend({ clause: z.string() })),
                  enrolledAt: z.string(),
                  withdrawnReason: z.string().nullable(),
                  attendedMinutes: z.number().int(),
                  scheduledMinutes: z.number().int(),
                  ratePerMille: z.number().int(),
                  pendingManualMarks: z.number().int(),
                  completed: z.boolean().nullable(),
                  result: z.string().nullable(),
                  score: z.number().int().nullable(),
                  certificateId: z.string().nullable(),
                  certificateNumber: z.string().nullable(),
                }),
              ),
            }),
            404: ErrorBody,
          },
        },
      },
      (req) => enrolments.roster(req.ctx, req.params.id),
    );
    app.post(
      '/classes/:id/enrolments/preview',
      {
        schema: {
          tags,
          summary: 'Who the ID number is, whether the place would be subsidised and why not, and what would block the enrolment',
          params: IdParam,
          body: PreviewBody,
          response: { 200: z.object({ worker: WorkerBrief, outlook: Outlook, problems: z.array(Explained.extend({ field: z.string() })) }), 400: ErrorBody, 404: ErrorBody },
        },
      },
      (req) => enrolments.preview(req.ctx, req.params.id, req.body.idNumber),
    );
    app.post(
      '/classes/:id/enrolments',
      {
        schema: {
          tags,
          summary: 'Enrol by ID number (real name). A place that would not be subsidised is refused with the reason’s code unless acceptUnsubsidised',
          params: IdParam,
          body: EnrolBody,
          response: { 201: z.object({ id: z.string(), worker: WorkerBrief, outlook: Outlook }), 400: ErrorBody, 409: ErrorBody },
        },
      },
      async (req, reply) => reply.code(201).send(await enrolments.enrol(req.ctx, req.params.id, req.body)),
    );
    app.post(
      '/classes/:id/enrolments/:enrolmentId/withdraw',
      { schema: { tags, summary: 'Withdraw a trainee, with a reason', params: ClassEnrolParams, body: WithdrawBody, response: { 204: NoContent, 400: ErrorBody, 404: ErrorBody } } },
      async (req, reply) => {
        await enrolments.withdraw(req.ctx, req.params.id, req.params.enrolmentId, req.body.reason);
        return reply.code(204).send(null);
      },
    );

    // Attendance
    app.get(
      '/classes/:id/attendance',
      {
        schema: {
          tags: ['attendance'],
          summary: 'The attendance sheet: sessions × trainees, minutes and every mark',
          params: IdParam,
          response: {
            200: z.object({
              sessions: z.array(z.object({ id: z.string(), seq: z.number().int(), start: z.string(), end: z.string(), minutes: z.number().int() })),
              rows: z.array(
                z.object({
                  enrolmentId: z.string(),
                  workerId: z.string(),
                  name: z.string(),
                  idMasked: z.string(),
                  attendedMinutes: z.number().int(),
                  scheduledMinutes: z.number().int(),
                  ratePerMille: z.number().int(),
                  cells: z.array(
                    z.object({
                      sessionId: z.string(),
                      minutes: z.number().int(),
                      marks: z.array(
                        z.object({
                          kind: z.enum(['qr', 'manual']),
                          in: z.string().nullable(),
                          out: z.string().nullable(),
                          confirmation: z.enum(['pending', 'confirmed', 'refused']).nullable(),
                          markId: z.string().nullable(),
                          reasonCode: z.string().nullable(),
                        }),
                      ),
                    }),
                  ),
                }),
              ),
            }),
            404: ErrorBody,
          },
        },
      },
      (req) => attendance.sheet(req.ctx, req.params.id),
    );
    app.get(
      '/classes/:id/sessions/:sessionId/qr',
      {
        schema: {
          tags: ['attendance'],
          summary: 'The check-in (or check-out) QR token to show in class now; it changes every 30 s and is signed (HMAC) by the server',
          params: SessionParams,
          querystring: z.strictObject({ kind: z.enum(['in', 'out']).default('in') }),
          response: {
            200: z.object({
              token: z.string(),
              kind: z.enum(['in', 'out']),
              slot: z.number().int(),
              slotSeconds: z.number().int(),
              validUntil: z.string(),
              refreshAt: z.string(),
              scanUrl: z.string().describe('What the QR code holds: the worker portal’s scan page with the token'),
              session: z.object({ id: z.string(), seq: z.number().int(), start: z.string(), end: z.string() }),
            }),
            404: ErrorBody,
            409: ErrorBody,
          },
        },
      },
      (req) => attendance.qr(req.ctx, req.params.id, req.params.sessionId, req.query.kind),
    );
    app.post(
      '/me/attendance',
      {
        schema: {
          tags: ['attendance'],
          summary: 'The signed-in trainee checks in or out with the scanned token (or the scan URL)',
          body: ScanBody,
          response: {
            201: z.object({ kind: z.enum(['in', 'out']), at: z.string(), classId: z.string(), className: z.string(), sessionId: z.string(), seq: z.number().int() }),
            400: ErrorBody,
            403: ErrorBody,
            409: ErrorBody,
          },
        },
      },
      async (req, reply) => reply.code(201).send(await attendance.scan(req.ctx, req.body.token, req.ip ?? null)),
    );
    app.post(
      '/classes/:id/manual-marks',
      { schema: { tags: ['attendance'], summary: 'A manual mark (补签) with a reason code; it counts once a county officer confirms it', params: IdParam, body: ManualMarkBody, response: { 201: z.object({ id: z.string() }), 400: ErrorBody, 404: ErrorBody, 409: ErrorBody } } },
      async (req, reply) => reply.code(201).send(await attendance.manualMark(req.ctx, req.params.id, req.body)),
    );
    app.get(
      '/manual-marks',
      {
        schema: {
          tags: ['attendance'],
          summary: 'Manual marks awaiting (or given) the county office’s decision, in the caller’s jurisdiction',
          querystring: MarkQueueQuery,
          response: {
            200: z.object({
              total: z.number().int(),
              items: z.array(
                z.object({
                  id: z.string(),
                  classId: z.string(),
                  classCode: z.string(),
                  className: z.string(),
                  orgName: z.string(),
                  sessionSeq: z.number().int(),
                  sessionStart: z.string(),
                  workerName: z.string(),
                  idMasked: z.string(),
                  checkIn: z.string(),
                  checkOut: z.string(),
                  reasonCode: z.string(),
                  reasonName: z.string(),
                  note: z.string().nullable(),
                  createdAt: z.string(),
                  decision: z.string().nullable(),
                  decidedAt: z.string().nullable(),
                }),
              ),
            }),
          },
        },
      },
      (req) => attendance.queue(req.ctx, req.query),
    );
    app.post(
      '/manual-marks/:id/decision',
      { schema: { tags: ['attendance'], summary: 'Confirm a manual mark (it then counts) or refuse it with a reason', params: IdParam, body: MarkDecisionBody, response: { 204: NoContent, 400: ErrorBody, 404: ErrorBody, 409: ErrorBody } } },
      async (req, reply) => {
        await attendance.decide(req.ctx, req.params.id, req.body);
        return reply.code(204).send(null);
      },
    );

    // Assessment
    app.get(
      '/classes/:id/results',
      {
        schema: {
          tags: ['assessment'],
          summary: 'For the assigned evaluation body: the trainees, who completed, and the results so far',
          params: IdParam,
          response: {
            200: z.object({
              recorded: z.boolean(),
              items: z.array(
                z.object({
                  enrolmentId: z.string(),
                  name: z.string(),
                  idMasked: z.string(),
                  ratePerMille: z.number().int(),
                  completed: z.boolean(),
                  result: z.string().nullable(),
                  score: z.number().int().nullable(),
                  certificateNumber: z.string().nullable(),
                }),
              ),
            }),
            403: ErrorBody,
            404: ErrorBody,
          },
        },
      },
      (req) => assessment.get(req.ctx, req.params.id),
    );
    app.post(
      '/classes/:id/results',
      {
        schema: {
          tags: ['assessment'],
          summary: 'Record every completer’s result at once (§10); the class becomes 已考核 and each pass gets a signed certificate',
          params: IdParam,
          body: ResultsBody,
          response: { 200: z.object({ certificates: z.number().int(), numbers: z.array(z.string()) }), 400: ErrorBody, 403: ErrorBody, 409: ErrorBody },
        },
      },
      (req) => assessment.record(req.ctx, req.params.id, req.body),
    );
  };
}
