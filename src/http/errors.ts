import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError, errorMessages, type ErrorCode, type ErrorKind, type ErrorParams, type FieldProblem } from '../domain/errors.ts';

/** The one mapping from error kinds to HTTP statuses (ADR 0006). Domain code never sees HTTP. */
const STATUS: Record<ErrorKind, number> = {
  invalid: 400,
  too_large: 413,
  unsupported: 415,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  rate_limited: 429,
  unavailable: 503,
  internal: 500,
};

export const ErrorBody = z
  .object({
    error: z.object({
      code: z.string().describe('Stable error code from the catalogue (src/domain/errors.ts)'),
      message: z.object({ 'zh-CN': z.string(), en: z.string() }),
      params: z.record(z.string(), z.union([z.string(), z.number()])),
      field: z.string().optional().describe('The field the error is about, as a dotted path'),
      problems: z
        .array(z.object({ field: z.string(), code: z.string(), message: z.object({ 'zh-CN': z.string(), en: z.string() }) }))
        .optional()
        .describe('Every problem, when one input had several'),
      requestId: z.string(),
    }),
  })
  .describe('Every error answer has this shape');

export function errorBody(code: ErrorCode, params: ErrorParams, requestId: string, field?: string, problems?: readonly FieldProblem[]) {
  return {
    error: {
      code,
      message: errorMessages(code, params),
      params,
      ...(field ? { field } : {}),
      ...(problems ? { problems: problems.map((p) => ({ field: p.field, code: p.code, message: errorMessages(p.code, p.params) })) } : {}),
      requestId,
    },
  };
}

export function sendError(reply: FastifyReply, err: AppError) {
  return reply.code(STATUS[err.kind]).send(errorBody(err.code, err.params, String(reply.request.id), err.field, err.problems));
}

/** Turn a request-validation failure into VALIDATION_FAILED / UNKNOWN_FIELD naming the field. */
function fromValidation(err: FastifyError): AppError {
  const first = err.validation?.[0];
  const where = err.validationContext ?? 'body';
  if (!first) return new AppError('VALIDATION_FAILED', { field: where, reason: err.message });
  const path = first.instancePath.split('/').filter(Boolean);
  const keys = (first.params as { keys?: string[] }).keys;
  if (first.keyword === 'unrecognized_keys' && keys?.length) {
    const field = [...path, keys[0]].join('.');
    return new AppError('UNKNOWN_FIELD', { field }, field);
  }
  const field = path.join('.') || where;
  return new AppError('VALIDATION_FAILED', { field, reason: first.message ?? '' }, field);
}

export function toAppError(err: unknown, requestId: string): AppError {
  if (err instanceof AppError) return err;
  const fe = err as FastifyError;
  if (hasZodFastifySchemaValidationErrors(fe)) return fromValidation(fe);
  if (err instanceof z.ZodError) {
    const i = err.issues[0];
    const field = i?.path.map(String).join('.') ?? '';
    return new AppError('VALIDATION_FAILED', { field, reason: i?.message ?? '' }, field);
  }
  switch (fe.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new AppError('MALFORMED_JSON');
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new AppError('BODY_TOO_LARGE', { limit: BODY_LIMIT });
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return new AppError('UNSUPPORTED_MEDIA_TYPE');
  }
  if (fe.statusCode === 400 && fe.name === 'SyntaxError') return new AppError('MALFORMED_JSON');
  return new AppError('INTERNAL', { requestId });
}

export const BODY_LIMIT = 64 * 1024;

export function errorHandler(err: FastifyError, req: FastifyRequest, reply: FastifyReply) {
  const appErr = toAppError(err, String(req.id));
  if (appErr.kind === 'internal') {
    req.log.error({ err, serialization: isResponseSerializationError(err) }, 'unhandled error');
  } else {
    req.log.info({ code: appErr.code, field: appErr.field }, 'request refused');
  }
  return sendError(reply, appErr);
}
