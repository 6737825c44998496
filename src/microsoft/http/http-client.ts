import { z } from 'zod';
import { classifyMicrosoftError } from '../errors/classify.js';
import type { MicrosoftError } from '../errors/microsoft-error.js';
import { describeErrorResponse } from '../errors/response-failure.js';
import type { MicrosoftFailure } from '../errors/types.js';
import { parseJsonBody, tryParseJsonBody } from './json.js';
import { backoffDelayMs, defaultRetryPolicy, parseRetryAfterMs } from './retry-policy.js';
import type { HttpClient, HttpClientOptions, HttpRequest, HttpResponse, RetryTools } from './types.js';

const IDEMPOTENT_METHODS = new Set(['GET', 'HEAD', 'PUT', 'DELETE', 'PATCH', 'OPTIONS']);

type Attempt<T> =
  | { ok: true; response: HttpResponse<T> }
  | { ok: false; error: MicrosoftError; retryable: boolean; retryAfterMs?: number; unauthorised?: boolean };

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * The typed fetch wrapper under the Graph and Partner Center clients: bearer token, JSON in and
 * out (BOM-tolerant), zod validation, per-attempt timeout, and retries by the retry policy for
 * 429/503/504 (all methods: Microsoft did not process them) and for network failures and cut-off
 * bodies (idempotent requests only). A 401 gets one retry with a freshly acquired token.
 */
export function createHttpClient(options: HttpClientOptions): HttpClient {
  const retry: RetryTools = {
    policy: options.retryPolicy ?? defaultRetryPolicy,
    sleep: options.sleep ?? realSleep,
    random: options.random ?? Math.random,
    now: options.now ?? Date.now,
  };
  const { policy } = retry;

  async function attemptOnce<T>(
    req: HttpRequest<T>,
    attempt: number,
    forceRefresh: boolean,
  ): Promise<Attempt<T>> {
    const method = req.method.toUpperCase();
    const idempotent = req.idempotent ?? IDEMPOTENT_METHODS.has(method);
    const headers: Record<string, string> = { accept: 'application/json', ...req.headers };
    if (req.body !== undefined) headers['content-type'] ??= 'application/json';
    if (req.tokens) headers.authorization = `Bearer ${await req.tokens.getToken({ forceRefresh })}`;

    const info = { service: req.service, method, url: req.url, attempt };
    const started = retry.now();
    const report = (status: number | undefined, errorCode?: string) =>
      options.observer?.onResponse?.({ ...info, status, errorCode, durationMs: retry.now() - started });
    const fail = (
      failure: MicrosoftFailure,
      retryable: boolean,
      extra: Partial<Attempt<T>> = {},
    ): Attempt<T> => {
      const error = classifyMicrosoftError(failure);
      report(failure.status, error.code);
      return { ok: false, error, retryable, ...extra } as Attempt<T>;
    };

    options.observer?.onRequest?.(info);
    const timeout = AbortSignal.timeout(policy.attemptTimeoutMs);
    let res: Response;
    let text: string;
    let bytes: Buffer | undefined;
    try {
      res = await options.fetch(req.url, {
        method,
        headers,
        body: req.body === undefined ? undefined : JSON.stringify(req.body),
        signal: req.signal ? AbortSignal.any([req.signal, timeout]) : timeout,
      });
      if (req.raw) {
        bytes = Buffer.from(await res.arrayBuffer());
        text = bytes.toString('utf8');
      } else {
        text = await res.text();
      }
    } catch (err) {
      if (req.signal?.aborted) throw req.signal.reason;
      const error = classifyMicrosoftError(err);
      report(undefined, error.code);
      return { ok: false, error, retryable: idempotent };
    }

    if (res.status >= 200 && res.status < 300 && bytes) {
      report(res.status);
      return { ok: true, response: { status: res.status, headers: res.headers, body: bytes as T } };
    }
    if (res.status >= 200 && res.status < 300) {
      let body: unknown;
      try {
        body = parseJsonBody(text);
      } catch (err) {
        // A body cut off mid-way: safe to ask again only when asking has no side effect.
        return fail(
          {
            service: 'client',
            status: res.status,
            clientCode: 'MalformedResponse',
            message: String(err),
            cause: err,
          },
          idempotent,
        );
      }
      if (req.schema) {
        const parsed = req.schema.safeParse(body);
        if (!parsed.success) {
          const where = `${method} ${new URL(req.url).pathname}`;
          return fail(
            {
              service: 'client',
              status: res.status,
              clientCode: 'InvalidResponse',
              message: `${where}: ${z.prettifyError(parsed.error)}`,
              cause: parsed.error,
            },
            false,
          );
        }
        body = parsed.data;
      }
      report(res.status);
      return { ok: true, response: { status: res.status, headers: res.headers, body: body as T } };
    }

    const retryAfterMs = parseRetryAfterMs(res.headers.get('retry-after'), retry.now());
    const failure = describeErrorResponse(req.service, {
      status: res.status,
      headers: res.headers,
      body: tryParseJsonBody(text),
      retryAfterMs,
    });
    return fail(failure, policy.retryStatuses.includes(res.status), {
      retryAfterMs,
      unauthorised: res.status === 401,
    });
  }

  return {
    retry,
    async send<T>(req: HttpRequest<T>): Promise<HttpResponse<T>> {
      let refreshedToken = false;
      let forceRefresh = false;
      for (let attempt = 1; ; attempt += 1) {
        const outcome = await attemptOnce(req, attempt, forceRefresh);
        if (outcome.ok) return outcome.response;
        forceRefresh = false;
        if (outcome.unauthorised && req.tokens && !refreshedToken) {
          // The token may have expired or been revoked since it was cached: one fresh try.
          refreshedToken = true;
          forceRefresh = true;
          continue;
        }
        if (!outcome.retryable || attempt >= policy.maxAttempts) throw outcome.error;
        if (outcome.retryAfterMs !== undefined && outcome.retryAfterMs > policy.maxRetryAfterMs)
          throw outcome.error;
        await retry.sleep(outcome.retryAfterMs ?? backoffDelayMs(policy, attempt, retry.random));
      }
    },
  };
}
