import type { z } from 'zod';
import type { Endpoint } from '../../../src/contracts/api/endpoint.js';
import { apiErrorSchema, type ApiError } from '../../../src/contracts/api/errors.js';

/** The header the server compares with the session's CSRF token on every state-changing request. */
export const CSRF_HEADER = 'x-csrf-token';

type Input<S> = S extends z.ZodType ? z.input<S> : never;

/** What a call needs besides the endpoint: path params, query and JSON body, typed by the contract. */
export interface CallArgs<E extends Endpoint> {
  params?: Input<E['params']>;
  query?: Input<E['query']>;
  body?: Input<E['body']>;
  signal?: AbortSignal;
}

export type CallResult<E extends Endpoint> = z.output<E['response']>;

/**
 * A failed call, carrying the API's one error body (`code`, `message`, field `errors`). Network
 * failures and unreadable answers are turned into the same shape so screens handle one thing.
 */
export class ApiRequestError extends Error {
  readonly status: number;
  readonly body: ApiError;

  constructor(status: number, body: ApiError) {
    super(body.message);
    this.name = 'ApiRequestError';
    this.status = status;
    this.body = body;
  }

  get code(): string {
    return this.body.code;
  }

  /** Field path → message, for forms. */
  get fieldErrors(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const e of this.body.errors ?? []) out[e.field] ??= e.message;
    return out;
  }
}

/** The body schema of an endpoint that takes one (for validating forms with the contract). */
export function bodySchemaOf<E extends Endpoint>(endpoint: E): NonNullable<E['body']> {
  if (!endpoint.body) throw new Error(`${endpoint.method} ${endpoint.path} takes no body`);
  return endpoint.body as NonNullable<E['body']>;
}

/** Fills `:name` segments of a contract path; values are URL-encoded. */
export function buildPath(path: string, params: Record<string, unknown> | undefined): string {
  return path.replace(/:([A-Za-z0-9_]+)/g, (_, name: string) => {
    const value = params?.[name];
    if (value === undefined || value === null)
      throw new Error(`Missing path parameter "${name}" for ${path}`);
    return encodeURIComponent(String(value));
  });
}

/** Serialises a query object; empty values are left out so defaults apply on the server. */
export function buildQuery(query: Record<string, unknown> | undefined): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    const values = Array.isArray(value) ? value : [value];
    for (const v of values) {
      if (v === undefined || v === null || v === '') continue;
      search.append(key, String(v));
    }
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

/** The URL of a GET endpoint, for links (CSV exports, sign-in redirects). */
export function endpointUrl<E extends Endpoint>(
  endpoint: E,
  args: Omit<CallArgs<E>, 'body' | 'signal'> = {},
): string {
  return (
    buildPath(endpoint.path, args.params as Record<string, unknown>) +
    buildQuery(args.query as Record<string, unknown>)
  );
}

async function readError(response: Response): Promise<ApiError> {
  const fallback: ApiError = {
    code: response.status === 404 ? 'not_found' : 'internal',
    message: `The server answered ${response.status} ${response.statusText}. Try again in a moment.`,
  };
  try {
    const parsed = apiErrorSchema.safeParse(await response.json());
    return parsed.success ? parsed.data : fallback;
  } catch {
    return fallback;
  }
}

export interface ApiClientOptions {
  /** The current session's CSRF token (from `GET /api/auth/me`), sent on every non-GET call. */
  csrfToken: () => string | null;
  /** Told about every 401, so the app can return to the sign-in page. */
  onUnauthenticated?: (error: ApiRequestError) => void;
  fetch?: typeof fetch;
}

export type ApiCall = <E extends Endpoint>(endpoint: E, args?: CallArgs<E>) => Promise<CallResult<E>>;

/** A typed client over the shared contracts: one `call(endpoint, { params, query, body })`. */
export function createApiClient(options: ApiClientOptions): { call: ApiCall } {
  const doFetch = options.fetch ?? ((input, init) => fetch(input, init));

  const call: ApiCall = async (endpoint, args = {}) => {
    const url = endpointUrl(endpoint, args);
    const headers: Record<string, string> = { accept: 'application/json' };
    const csrf = options.csrfToken();
    if (endpoint.method !== 'GET' && csrf) headers[CSRF_HEADER] = csrf;
    const hasBody = args.body !== undefined;
    if (hasBody) headers['content-type'] = 'application/json';
    let response: Response;
    try {
      response = await doFetch(url, {
        method: endpoint.method,
        headers,
        credentials: 'same-origin',
        ...(hasBody ? { body: JSON.stringify(args.body) } : {}),
        ...(args.signal ? { signal: args.signal } : {}),
      });
    } catch (cause) {
      if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
      throw new ApiRequestError(0, {
        code: 'network',
        message: 'Rollcall could not be reached. Check your connection and try again.',
      });
    }
    if (!response.ok) {
      const error = new ApiRequestError(response.status, await readError(response));
      if (response.status === 401) options.onUnauthenticated?.(error);
      throw error;
    }
    if (response.status === 204) return undefined as CallResult<typeof endpoint>;
    return (await response.json()) as CallResult<typeof endpoint>;
  };

  return { call };
}
