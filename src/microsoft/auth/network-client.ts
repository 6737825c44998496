import type { INetworkModule, NetworkRequestOptions, NetworkResponse } from '@azure/msal-node';
import { tryParseJsonBody } from '../http/json.js';
import { backoffDelayMs, parseRetryAfterMs } from '../http/retry-policy.js';
import type { FetchLike } from '../http/transport.js';
import type { HttpObserver, RetryTools } from '../http/types.js';

export interface MsalNetworkClientOptions {
  fetch: FetchLike;
  retry: RetryTools;
  /** Counts token endpoint calls like every other Microsoft call. */
  observer?: HttpObserver;
}

/**
 * MSAL's `system.networkClient` over the same transport (and trusted CA) as Graph calls.
 * Token requests are safe to repeat, so network failures, cut-off bodies and 429/503/504 are
 * retried here by the retry policy; only the final answer reaches MSAL, which turns error
 * bodies into `ServerError`s (and remembers throttling answers in its own throttle cache).
 */
export function createMsalNetworkClient(options: MsalNetworkClientOptions): INetworkModule {
  const { policy, sleep, random, now } = options.retry;

  async function send<T>(
    method: 'GET' | 'POST',
    url: string,
    init?: NetworkRequestOptions,
    timeoutMs?: number,
  ) {
    for (let attempt = 1; ; attempt += 1) {
      const info = { service: 'identity' as const, method, url: url.split('?')[0]!, attempt };
      const started = now();
      const report = (status?: number, errorCode?: string) =>
        options.observer?.onResponse?.({ ...info, status, errorCode, durationMs: now() - started });
      options.observer?.onRequest?.(info);
      const last = attempt >= policy.maxAttempts;
      let res: Response;
      let text: string;
      try {
        res = await options.fetch(url, {
          method,
          headers: init?.headers ?? {},
          body: method === 'POST' ? (init?.body ?? '') : undefined,
          signal: AbortSignal.timeout(timeoutMs ?? policy.attemptTimeoutMs),
        });
        text = await res.text();
      } catch (err) {
        report(undefined, 'Client.NetworkError');
        if (last) throw err;
        await sleep(backoffDelayMs(policy, attempt, random));
        continue;
      }
      const body = tryParseJsonBody(text);
      report(res.status);
      const retryAfterMs = parseRetryAfterMs(res.headers.get('retry-after'), now());
      const transient = policy.retryStatuses.includes(res.status) || (res.ok && body === undefined);
      if (transient && !last && (retryAfterMs ?? 0) <= policy.maxRetryAfterMs) {
        await sleep(retryAfterMs ?? backoffDelayMs(policy, attempt, random));
        continue;
      }
      const headers: Record<string, string> = {};
      res.headers.forEach((value, key) => {
        headers[key] = value;
      });
      return { headers, body: (body ?? {}) as T, status: res.status } satisfies NetworkResponse<T>;
    }
  }

  return {
    sendGetRequestAsync: (url, init, timeout) => send('GET', url, init, timeout),
    sendPostRequestAsync: (url, init) => send('POST', url, init),
  };
}
