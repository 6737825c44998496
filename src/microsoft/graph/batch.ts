import { z } from 'zod';
import { classifyMicrosoftError } from '../errors/classify.js';
import type { MicrosoftError } from '../errors/microsoft-error.js';
import { describeErrorResponse } from '../errors/response-failure.js';
import { backoffDelayMs, parseRetryAfterMs } from '../http/retry-policy.js';
import { itemsToRetry, planBatches, type PlannedRequest } from './batch-plan.js';
import type { GraphTransport } from './request.js';

/** One request of a `$batch`; `url` is relative to the Graph version root (`/users/{id}`). */
export interface BatchRequest {
  /** Unique (case-insensitive) within the call; defaults to the 1-based position. */
  id?: string;
  method: string;
  url: string;
  headers?: Record<string, string>;
  body?: unknown;
  /** Ids of requests that must succeed first (same call; kept in one `$batch`). */
  dependsOn?: string[];
  /** Validates a 2xx body; a mismatch becomes this item's `error`. */
  schema?: z.ZodType;
}

/** The outcome of one request, in the caller's order. `error` is set for every non-2xx. */
export interface BatchResult {
  id: string;
  status: number;
  headers: Record<string, string>;
  body: unknown;
  error?: MicrosoftError;
}

const batchResponseSchema = z.looseObject({
  responses: z.array(
    z.looseObject({
      id: z.string(),
      status: z.number().int(),
      headers: z.record(z.string(), z.string()).optional(),
      body: z.unknown().optional(),
    }),
  ),
});

type Planned = PlannedRequest & { request: BatchRequest };

function lowerKeys(headers: Record<string, string> | undefined): Record<string, string> {
  return Object.fromEntries(Object.entries(headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
}

function toResult(
  item: Planned,
  raw: z.infer<typeof batchResponseSchema>['responses'][number] | undefined,
  nowMs: number,
): BatchResult {
  if (!raw) {
    const error = classifyMicrosoftError({
      service: 'client',
      clientCode: 'InvalidResponse',
      message: `$batch answered no response for id '${item.id}'`,
    });
    return { id: item.id, status: 0, headers: {}, body: undefined, error };
  }
  const headers = lowerKeys(raw.headers);
  if (raw.status >= 200 && raw.status < 300) {
    const parsed = item.request.schema?.safeParse(raw.body);
    if (parsed && !parsed.success) {
      const error = classifyMicrosoftError({
        service: 'client',
        clientCode: 'InvalidResponse',
        message: z.prettifyError(parsed.error),
      });
      return { id: item.id, status: raw.status, headers, body: raw.body, error };
    }
    return { id: item.id, status: raw.status, headers, body: parsed ? parsed.data : raw.body };
  }
  const error = classifyMicrosoftError(
    describeErrorResponse('graph', {
      status: raw.status,
      headers: new Headers(headers),
      body: raw.body,
      retryAfterMs: parseRetryAfterMs(headers['retry-after'], nowMs),
    }),
  );
  return { id: item.id, status: raw.status, headers, body: raw.body, error };
}

function toWire(item: Planned, retrying: Set<string>, firstRound: boolean) {
  const { request } = item;
  // On a retry, prerequisites that already succeeded are not resent; drop them from dependsOn.
  const dependsOn = firstRound ? item.dependsOn : item.dependsOn.filter((d) => retrying.has(d.toLowerCase()));
  const headers = { ...request.headers };
  if (request.body !== undefined && !Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) {
    headers['Content-Type'] = 'application/json';
  }
  return {
    id: item.id,
    method: request.method.toUpperCase(),
    url: request.url.startsWith('/') ? request.url : `/${request.url}`,
    ...(Object.keys(headers).length ? { headers } : {}),
    ...(request.body !== undefined ? { body: request.body } : {}),
    ...(dependsOn.length ? { dependsOn } : {}),
  };
}

/** Sends one chunk and re-sends only its retryable failures (429/503/504 and their 424 dependants). */
async function runChunk(
  transport: GraphTransport,
  chunk: Planned[],
  results: Map<string, BatchResult>,
): Promise<void> {
  const { policy, sleep, random, now } = transport.http.retry;
  let pending = chunk;
  let retrying = new Set<string>();
  for (let attempt = 1; ; attempt += 1) {
    const { body } = await transport.send('POST', '/$batch', {
      body: { requests: pending.map((item) => toWire(item, retrying, attempt === 1)) },
      schema: batchResponseSchema,
      idempotent: pending.every((item) => item.request.method.toUpperCase() === 'GET'),
    });
    const byId = new Map(body.responses.map((r) => [r.id.toLowerCase(), r]));
    for (const item of pending) results.set(item.id, toResult(item, byId.get(item.id.toLowerCase()), now()));

    retrying = itemsToRetry(
      pending,
      (id) => results.get(id)?.status,
      (s) => policy.retryStatuses.includes(s),
    );
    if (retrying.size === 0 || attempt >= policy.maxAttempts) return;
    const waits = pending
      .filter((item) => retrying.has(item.id.toLowerCase()))
      .map((item) => parseRetryAfterMs(results.get(item.id)?.headers['retry-after'], now()))
      .filter((ms): ms is number => ms !== undefined);
    const delay = waits.length ? Math.max(...waits) : backoffDelayMs(policy, attempt, random);
    if (delay > policy.maxRetryAfterMs) return;
    await sleep(delay);
    pending = pending.filter((item) => retrying.has(item.id.toLowerCase()));
  }
}

/**
 * Sends requests through `$batch` in chunks of 20 (dependsOn chains kept together), retries only
 * the inner requests that failed transiently — each honouring its own inner `Retry-After` — and
 * returns one result per request in the caller's order.
 */
export async function graphBatch(
  transport: GraphTransport,
  requests: BatchRequest[],
): Promise<BatchResult[]> {
  const planned: Planned[] = requests.map((request, index) => ({
    id: request.id ?? String(index + 1),
    dependsOn: request.dependsOn ?? [],
    index,
    request,
  }));
  const results = new Map<string, BatchResult>();
  for (const chunk of planBatches(planned)) await runChunk(transport, chunk, results);
  return planned.map((p) => results.get(p.id)!);
}
