import type { FetchLike } from '../../../src/microsoft/http/transport.js';

/** One scripted answer: a Response, an Error to reject with, or a function of the request. */
export type Scripted =
  | Response
  | Error
  | ((url: string, init: Parameters<FetchLike>[1]) => Response | Error | Promise<Response | Error>);

export interface RecordedCall {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: unknown;
}

/**
 * A scripted `fetch` for unit tests: answers in order (the last answer repeats) and records
 * every call. Shared by the unit tests beside src/microsoft.
 */
export function createFakeFetch(script: Scripted[]): { fetch: FetchLike; calls: RecordedCall[] } {
  const calls: RecordedCall[] = [];
  let i = 0;
  const fetch: FetchLike = async (url, init) => {
    calls.push({
      url,
      method: init.method,
      headers: init.headers,
      body: parseBody(init.body),
    });
    const next = script[Math.min(i, script.length - 1)]!;
    i += 1;
    const answer = typeof next === 'function' ? await next(url, init) : next;
    if (answer instanceof Error) throw answer;
    return answer.clone();
  };
  return { fetch, calls };
}

/** JSON bodies parsed; anything else (token endpoint forms) kept as text. */
function parseBody(body: string | undefined): unknown {
  if (body === undefined) return undefined;
  try {
    return JSON.parse(body) as unknown;
  } catch {
    return body;
  }
}

export function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(status === 204 ? null : JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', ...headers },
  });
}

export function graphError(
  status: number,
  code: string,
  message = 'error',
  headers: Record<string, string> = {},
) {
  return json(status, { error: { code, message, innerError: { date: '2025-01-01T00:00:00' } } }, headers);
}

export const reset = () => Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });

/** Records sleeps instead of waiting. */
export function fakeSleep(): { sleep: (ms: number) => Promise<void>; slept: number[] } {
  const slept: number[] = [];
  return { slept, sleep: async (ms) => void slept.push(ms) };
}
