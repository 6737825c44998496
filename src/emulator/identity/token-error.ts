import { randomUUID } from 'node:crypto';
import type { EmuResponse } from '../http/types.js';

/** `2023-05-06 06:03:00Z`: the token endpoint's timestamp format (space, no `T`). */
function aadTimestamp(date: Date): string {
  return `${date.toISOString().slice(0, 19).replace('T', ' ')}Z`;
}

/** The identity platform's error body (reference-error-codes.md), with `error_codes` callers branch on. */
export function tokenError(input: {
  status: number;
  error: string;
  aadsts: number;
  description: string;
  /** Epoch ms of the error (the emulator's clock); defaults to the wall clock. */
  at?: number;
  /** The caller's `client-request-id`, which Microsoft echoes as the correlation id. */
  correlationId?: string;
}): EmuResponse {
  const traceId = randomUUID();
  const correlationId = input.correlationId ?? randomUUID();
  const timestamp = aadTimestamp(new Date(input.at ?? Date.now()));
  return {
    status: input.status,
    headers: { 'content-type': 'application/json; charset=utf-8' },
    body: {
      error: input.error,
      error_description: `AADSTS${input.aadsts}: ${input.description}\r\nTrace ID: ${traceId}\r\nCorrelation ID: ${correlationId}\r\nTimestamp: ${timestamp}`,
      error_codes: [input.aadsts],
      timestamp,
      trace_id: traceId,
      correlation_id: correlationId,
      error_uri: `https://login.microsoftonline.com/error?code=${input.aadsts}`,
    },
  };
}
