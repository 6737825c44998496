import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import type { ApiError } from '../../contracts/api/errors.js';
import { ApiHttpError } from './api-error.js';

function fieldPath(instancePath: string, params: unknown): string {
  const path = instancePath.replace(/^\//, '').replaceAll('/', '.');
  const missing = (params as { issue?: { path?: unknown[] } })?.issue?.path;
  return path || (Array.isArray(missing) ? missing.join('.') : '');
}

/**
 * One error body for every route (`apiErrorSchema`): validation errors name each field, typed
 * API errors keep their code, anything else is logged with its stack and answered as `internal`
 * without details.
 */
export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const requestId = String(request.id);
    let status: number;
    let body: ApiError;
    if (hasZodFastifySchemaValidationErrors(error)) {
      status = 400;
      const where = error.validationContext === 'querystring' ? 'query' : error.validationContext;
      body = {
        code: 'validation_failed',
        message: `Some ${where ?? 'request'} fields are invalid; correct them and try again.`,
        errors: error.validation.map((v) => ({
          field: fieldPath(v.instancePath, v.params),
          message: v.message ?? 'invalid',
        })),
        requestId,
      };
    } else if (error instanceof ApiHttpError) {
      status = error.status;
      body = {
        code: error.code,
        message: error.message,
        ...(error.errors ? { errors: error.errors } : {}),
        requestId,
      };
      reply.headers(error.headers);
    } else if (error.statusCode && error.statusCode < 500) {
      status = error.statusCode;
      body = { code: status === 404 ? 'not_found' : 'validation_failed', message: error.message, requestId };
    } else {
      request.log.error({ err: error }, 'request failed');
      status = 500;
      body = {
        code: 'internal',
        message: `Something went wrong on our side (request ${requestId}).`,
        requestId,
      };
    }
    void reply.status(status).send(body);
  });
  app.setNotFoundHandler((request, reply) => {
    void reply.status(404).send({
      code: 'not_found',
      message: `No such endpoint: ${request.method} ${request.url.split('?')[0]}`,
      requestId: String(request.id),
    } satisfies ApiError);
  });
}
