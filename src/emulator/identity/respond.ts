import type { EmulatorContext } from '../context.js';
import type { EmuRequest, EmuResponse } from '../http/types.js';
import type { AadError } from './errors.js';
import { tokenError } from './token-error.js';

/** Microsoft echoes the caller's `client-request-id` (header or query, as MSAL sends it) as correlation id. */
export function correlationIdOf(req: EmuRequest): string | undefined {
  return req.headers['client-request-id'] ?? req.url.searchParams.get('client-request-id') ?? undefined;
}

/** An identity-platform error response at the emulator's current time. */
export function fail(ctx: EmulatorContext, req: EmuRequest, err: AadError): EmuResponse {
  return tokenError({ ...err, at: ctx.clock.now(), correlationId: correlationIdOf(req) });
}

/** The `error`, `error_description` and `error_uri` fields of an error, for redirects and pages. */
export function errorFields(ctx: EmulatorContext, req: EmuRequest, err: AadError): Record<string, string> {
  const body = fail(ctx, req, err).body as Record<string, string>;
  return { error: body.error!, error_description: body.error_description!, error_uri: body.error_uri! };
}

export function tokenJson(body: Record<string, unknown>): EmuResponse {
  return { status: 200, headers: { 'content-type': 'application/json; charset=utf-8' }, body };
}

export function html(status: number, body: string): EmuResponse {
  return { status, headers: { 'content-type': 'text/html; charset=utf-8' }, body };
}

export function redirect(location: string): EmuResponse {
  return { status: 302, headers: { location } };
}
