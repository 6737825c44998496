import { describeErrorResponse } from '../../../src/microsoft/errors/response-failure.js';
import type { MicrosoftFailure } from '../../../src/microsoft/errors/types.js';
import type { MicrosoftErrorCode } from '../../../src/microsoft/index.js';

/** One row of the catalogue's mapping tests: what happened → the code it must map to. */
export type ErrorCase = [name: string, input: unknown, code: MicrosoftErrorCode];

/** A token endpoint error body as the identity platform sends it. */
export function aad(status: number, error: string, aadsts: number, text = 'details'): MicrosoftFailure {
  return describeErrorResponse('identity', {
    status,
    headers: new Headers(),
    retryAfterMs: undefined,
    body: {
      error,
      error_description: `AADSTS${aadsts}: ${text}\r\nTrace ID: t\r\nCorrelation ID: c\r\nTimestamp: 2025-01-01 00:00:00Z`,
      error_codes: [aadsts],
      timestamp: '2025-01-01 00:00:00Z',
    },
  });
}

/** Graph's error envelope. */
export function graph(
  status: number,
  code: string,
  message = 'details',
  details?: { code: string; target: string }[],
  headers: Record<string, string> = { 'request-id': 'req-1' },
): MicrosoftFailure {
  return describeErrorResponse('graph', {
    status,
    headers: new Headers(headers),
    retryAfterMs: undefined,
    body: {
      error: { code, message, innerError: { date: '2025-01-01T00:00:00' }, ...(details ? { details } : {}) },
    },
  });
}

/** Partner Center's error envelope (or its 429 body). */
export function pc(
  status: number,
  code: number | string,
  description = 'details',
  data: string[] = [],
): MicrosoftFailure {
  const body =
    status === 429
      ? { statusCode: 429, message: 'Rate limit is exceeded. Try again in 57 seconds.' }
      : { code, description, data, source: 'PartnerFD' };
  return describeErrorResponse('partnercenter', {
    status,
    headers: new Headers(),
    retryAfterMs: 57_000,
    body,
  });
}

/** An MSAL ServerError as msal-common builds it from a token error body. */
export function msalServerError(
  errorCode: string,
  errorNo: string,
  description: string,
  status: number,
): Error {
  return Object.assign(new Error(description), {
    name: 'ServerError',
    errorCode,
    errorNo,
    status,
    errorMessage: `Error(s): ${errorNo} - Timestamp: x - Description: ${description} - Correlation ID: c - Trace ID: t`,
  });
}

/** Any other MSAL error (client-side), recognised by name and errorCode. */
export function msalError(name: string, errorCode: string, message = 'details'): Error {
  return Object.assign(new Error(message), { name, errorCode });
}
