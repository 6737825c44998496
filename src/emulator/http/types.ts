/** A request as the emulator's handlers see it: already read, transport-independent (HTTPS or `$batch`). */
export interface EmuRequest {
  method: string;
  /** Absolute URL as the client addressed it (origin taken from the Host header). */
  url: URL;
  /** Lower-cased header names. */
  headers: Record<string, string>;
  body: Buffer;
  /** True when this request is an inner request of a Graph `$batch`. */
  inBatch?: boolean;
}

export type EmuBody = unknown;

export interface EmuResponse {
  status: number;
  headers?: Record<string, string>;
  /** Objects are sent as JSON; strings and Buffers as they are. */
  body?: EmuBody;
}

/** Which Microsoft service a route belongs to: it decides error shapes and default headers. */
export type Service = 'identity' | 'graph' | 'partnercenter' | 'admin';

export interface RouteMeta {
  service: Service;
  /** Stable route name used by counters and fault rules, e.g. `GET /users`. */
  name: string;
}

export interface RouteMatch {
  meta: RouteMeta;
  params: Record<string, string>;
}

export type Handler = (req: EmuRequest, params: Record<string, string>) => Promise<EmuResponse> | EmuResponse;

export function json(status: number, body: unknown, headers: Record<string, string> = {}): EmuResponse {
  return { status, body, headers: { 'content-type': 'application/json', ...headers } };
}

export function text(status: number, body: string, headers: Record<string, string> = {}): EmuResponse {
  return { status, body, headers: { 'content-type': 'text/plain; charset=utf-8', ...headers } };
}

export function readJson(req: EmuRequest): unknown {
  if (req.body.length === 0) return undefined;
  const raw = req.body.toString('utf8').replace(/^\uFEFF/, '');
  return JSON.parse(raw);
}

export function readForm(req: EmuRequest): URLSearchParams {
  return new URLSearchParams(req.body.toString('utf8'));
}
