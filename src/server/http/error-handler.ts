import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { constraintError } from '../db/constraints.js';
import { AppError, STATUS, type ErrorCode, type ErrorDetail, ERROR_CODES } from '../errors.js';
import { issueMessageIn } from '../../shared/validation.js';
import { words, type Key, type Language } from '../i18n/index.js';
import { validationSummary } from '../i18n/validation.js';
import { installPlainValidationMessages } from '../../shared/zod-messages.js';

// Zod's messages in plain words ("must be at most 200 characters") for every schema.
installPlainValidationMessages();

/** The one error body of every failure. */
export const ErrorBody = z.object({
  error: z.object({
    code: z.enum(ERROR_CODES),
    message: z.string(),
    details: z.array(z.object({ path: z.string(), message: z.string() })),
    requestId: z.string().optional(),
  }),
}).meta({ id: 'Error', description: 'The one error body of every failure: a code, a message, and where the problems are (details: path and message)' });
export type ErrorBody = z.infer<typeof ErrorBody>;

// Fastify's own errors for bad requests, mapped to Triad's codes and plain messages.
const FASTIFY_CODES: Record<string, [ErrorCode, Key<'server'>]> = {
  FST_ERR_CTP_INVALID_JSON_BODY: ['BAD_REQUEST', 'error.invalidJson'],
  FST_ERR_CTP_EMPTY_JSON_BODY: ['BAD_REQUEST', 'error.emptyJson'],
  FST_ERR_CTP_BODY_TOO_LARGE: ['PAYLOAD_TOO_LARGE', 'error.tooLarge'],
  FST_ERR_CTP_INVALID_MEDIA_TYPE: ['UNSUPPORTED_MEDIA_TYPE', 'error.mediaType'],
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: ['BAD_REQUEST', 'error.contentLength'],
  FST_ERR_CTP_INVALID_TYPE: ['BAD_REQUEST', 'error.contentType'],
  FST_ERR_VALIDATION: ['VALIDATION_FAILED', 'validation.invalid'],
  FST_ERR_BAD_URL: ['BAD_REQUEST', 'error.badUrl'],
  FST_ERR_ASYNC_CONSTRAINT: ['BAD_REQUEST', 'validation.invalid'],
};

interface ZodIssueLike {
  instancePath: string;
  message: string;
  keyword: string;
  params: { keys?: string[] } & Record<string, unknown>;
}

function validationDetails(err: FastifyError, language: Language): ErrorDetail[] {
  const where = err.validationContext ?? 'body';
  const issues = (err.validation ?? []) as unknown as ZodIssueLike[];
  const details: ErrorDetail[] = [];
  for (const issue of issues) {
    const base = [where, ...issue.instancePath.split('/').filter(Boolean)].join('.');
    if (issue.keyword === 'unrecognized_keys' && issue.params.keys) {
      for (const key of issue.params.keys) details.push({ path: `${base}.${key}`, message: issueMessageIn({}, 'unknown field', language) });
    } else {
      details.push({ path: base, message: issueMessageIn({ ...issue.params, code: issue.keyword }, issue.message, language) });
    }
  }
  return details;
}

export function sendError(reply: FastifyReply, request: FastifyRequest, code: ErrorCode, message: string, details: ErrorDetail[] = []): FastifyReply {
  const body: ErrorBody = { error: { code, message, details, requestId: request.id } };
  return reply.code(STATUS[code]).type('application/json').header('cache-control', 'no-store').send(body);
}

/** Turns every failure into the error body; only unexpected errors are logged as bugs. */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, request, reply) => {
    if (err instanceof AppError) {
      return sendError(reply, request, err.code, err.say ? err.say(request.language) : err.message, err.details);
    }
    // A unique or foreign-key violation that no domain check caught first (a race, an id the
    // caller chose): a conflict or a validation error naming the field, never a 500.
    const violation = constraintError(err);
    if (violation) {
      request.log.info({ code: (err as { code?: unknown }).code, message: err.message }, 'constraint violation answered as a client error');
      return sendError(reply, request, violation.code, violation.message, violation.details);
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      const details = validationDetails(err, request.language);
      return sendError(reply, request, 'VALIDATION_FAILED', validationSummary(request.language, details), details);
    }
    const say = words(request.language, 'server');
    const mapped = err.code ? FASTIFY_CODES[err.code] : undefined;
    if (mapped) return sendError(reply, request, mapped[0], say(mapped[1]));
    if (err.statusCode === 429) {
      return sendError(reply, request, 'RATE_LIMITED', err.message || say('error.rateLimited'));
    }
    if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
      // Another client error raised by Fastify or a plugin: keep its status family.
      const code: ErrorCode = err.statusCode === 404 ? 'NOT_FOUND' : err.statusCode === 413 ? 'PAYLOAD_TOO_LARGE' : err.statusCode === 415 ? 'UNSUPPORTED_MEDIA_TYPE' : 'BAD_REQUEST';
      return sendError(reply, request, code, err.message);
    }
    if (request.raw.destroyed && !request.raw.complete) {
      // The client went away in the middle of sending its body (an upload cancelled, a
      // connection dropped): nothing to answer and nothing wrong with the server.
      request.log.info({ code: err.code, message: err.message }, 'the client closed the connection before the request body ended');
      return sendError(reply, request, 'BAD_REQUEST', say('error.endedEarly'));
    }
    request.log.error({ err }, 'unexpected error');
    return sendError(reply, request, 'INTERNAL', say('error.internal'));
  });
}
