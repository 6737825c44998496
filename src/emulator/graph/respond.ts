import { randomUUID } from 'node:crypto';
import type { EmuRequest, EmuResponse } from '../http/types.js';

export const GRAPH_CONTENT_TYPE =
  'application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8';

export interface GraphErrorDetail {
  code: string;
  message?: string;
  target?: string;
}

/** Graph's error envelope (concepts/errors.md): clients branch on `code`, never on `message`. */
export function graphError(
  req: EmuRequest,
  status: number,
  code: string,
  message: string,
  details?: GraphErrorDetail[],
  headers: Record<string, string> = {},
): EmuResponse {
  const requestId = req.headers['request-id'] ?? randomUUID();
  const body: Record<string, unknown> = {
    error: {
      code,
      message,
      innerError: {
        date: new Date().toISOString().slice(0, 19),
        'request-id': requestId,
        'client-request-id': req.headers['client-request-id'] ?? requestId,
      },
      ...(details ? { details } : {}),
    },
  };
  return { status, body, headers: { 'content-type': GRAPH_CONTENT_TYPE, ...headers } };
}

export function graphJson(status: number, body: unknown, headers: Record<string, string> = {}): EmuResponse {
  return { status, body, headers: { 'content-type': GRAPH_CONTENT_TYPE, ...headers } };
}

export function noContent(): EmuResponse {
  return { status: 204 };
}

/** `https://host/v1.0` as the client addressed it: nextLinks and contexts are built from it. */
export function graphBase(req: EmuRequest): string {
  return `${req.url.origin}/v1.0`;
}

export function odataContext(req: EmuRequest, fragment: string): string {
  return `${graphBase(req)}/$metadata#${fragment}`;
}

export const notFound = (req: EmuRequest, id: string): EmuResponse =>
  graphError(
    req,
    404,
    'Request_ResourceNotFound',
    `Resource '${id}' does not exist or one of its queried reference-property objects are not present.`,
  );

export const badRequest = (req: EmuRequest, message: string, details?: GraphErrorDetail[]): EmuResponse =>
  graphError(req, 400, 'Request_BadRequest', message, details);
