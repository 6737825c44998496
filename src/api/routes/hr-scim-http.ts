import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ScimError, scimErrorBody, type ScimErrorType } from '../../domain/hr/scim/index.js';
import { AlreadyExistsError } from '../../store/index.js';
import type { HrScimRepository } from '../../store/repositories/hr-scim-repository.js';

/** SCIM's media type (RFC 7644 §3.1); requests may also send application/json. */
export const SCIM_CONTENT_TYPE = 'application/scim+json; charset=utf-8';

/** Answers with a SCIM Error document. */
export function sendScimError(
  reply: FastifyReply,
  status: number,
  detail: string,
  scimType?: ScimErrorType | null,
) {
  return reply
    .code(status)
    .type(SCIM_CONTENT_TYPE)
    .send(scimErrorBody(status, detail, scimType));
}

const BEARER = /^Bearer\s+(\S+)\s*$/i;
const SHA256_HEX = /^[0-9a-f]{64}$/i;

/**
 * Whether the request carries the bearer token of its source (`:sourceId`), a SCIM source with a
 * token issued. Only hashes are compared, in constant time; the token is never logged (the request
 * serializer leaves headers out, see observability/logger.ts).
 */
export async function isAuthorised(request: FastifyRequest, repo: HrScimRepository): Promise<boolean> {
  const token = BEARER.exec(request.headers.authorization ?? '')?.[1];
  const { sourceId } = request.params as { sourceId?: string };
  if (!token || !sourceId) return false;
  const source = await repo.findSource(sourceId);
  const hash = source?.kind === 'scim' ? source.scimTokenHash : null;
  if (!hash || !SHA256_HEX.test(hash)) return false;
  return timingSafeEqual(createHash('sha256').update(token).digest(), Buffer.from(hash, 'hex'));
}

/** Refuses a request without the source's token: 401, a SCIM error and `WWW-Authenticate`. */
export function refuse(reply: FastifyReply) {
  return sendScimError(
    reply.header('www-authenticate', 'Bearer realm="Rollcall SCIM"'),
    401,
    'A valid bearer token of this SCIM source is required (Authorization: Bearer <token>).',
  );
}

/**
 * SCIM's own error format and media type in the plugin scope of the SCIM routes: SCIM errors keep
 * their status and keyword, duplicates become 409 uniqueness, malformed JSON a 400 invalidSyntax.
 */
export function installScimHttp(scim: FastifyInstance): void {
  const json = scim.getDefaultJsonParser('error', 'error');
  // A DELETE may come with a content type and no body: that is no body, not malformed JSON.
  scim.removeContentTypeParser('application/json');
  scim.addContentTypeParser(
    ['application/json', 'application/scim+json'],
    { parseAs: 'string' },
    (request, body, done) =>
      body.length === 0 ? done(null, undefined) : json(request, body.toString(), done),
  );
  scim.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof ScimError) return sendScimError(reply, error.status, error.message, error.scimType);
    if (error instanceof AlreadyExistsError) return sendScimError(reply, 409, error.message, 'uniqueness');
    const status = error.statusCode;
    if (status && status >= 400 && status < 500)
      return sendScimError(reply, status, error.message, status === 400 ? 'invalidSyntax' : null);
    request.log.error({ err: error }, 'SCIM request failed');
    return sendScimError(reply, 500, `Something went wrong on our side (request ${String(request.id)}).`);
  });
}
