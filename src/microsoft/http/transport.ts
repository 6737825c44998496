import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { createSecureContext, rootCertificates } from 'node:tls';
import type { Socket } from 'node:net';

/** The part of `fetch` the Microsoft client uses; tests pass a fake. */
export type FetchLike = (
  url: string,
  init: { method: string; headers: Record<string, string>; body?: string; signal?: AbortSignal },
) => Promise<Response>;

/** A `fetch` plus the connection pool behind it. */
export interface Transport {
  fetch: FetchLike;
  /** Closes pooled connections (call on shutdown; tests call it so no socket outlives them). */
  close(): void;
}

export interface TransportOptions {
  /**
   * An extra CA certificate (PEM) to trust besides the public roots, e.g. a corporate TLS
   * inspection proxy or the sandbox's generated CA. `NODE_EXTRA_CA_CERTS` only works at
   * process start; this works per client.
   */
  extraCaPem?: string;
}

const NULL_BODY_STATUSES = new Set([101, 204, 205, 304]);

function toHeaders(message: IncomingMessage): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(message.headers)) {
    if (value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) headers.append(name, v);
  }
  return headers;
}

/** How many kept-alive sockets found closed one request may skip before it reports the reset. */
const STALE_SOCKET_RETRIES = 3;
/**
 * A kept-alive socket idle at least this long that resets as soon as it is reused was closed by
 * the server while idle (the request never reached it). A socket reused sooner that resets is a
 * real failure mid-request, reported as such (the HTTP client's retry policy decides).
 */
const STALE_IDLE_MS = 1000;

/**
 * `fetch` over `node:https` with a configurable trust store and keep-alive pooling. It reads the
 * whole body before resolving, so a connection cut mid-body rejects (as a network error) instead
 * of surfacing later as half a JSON document.
 */
export function createHttpsTransport(options: TransportOptions = {}): Transport {
  // One secure context built once: an agent given `ca` itself concatenates every root certificate
  // into its pool key on each request (measured: ~6 ms a request, a fifth of a sync's CPU).
  const secureContext = options.extraCaPem
    ? createSecureContext({ ca: [...rootCertificates, options.extraCaPem] })
    : undefined;
  const httpsAgent = new HttpsAgent({ keepAlive: true, ...(secureContext ? { secureContext } : {}) });
  const httpAgent = new HttpAgent({ keepAlive: true });
  const freedAt = new WeakMap<Socket, number>();
  for (const agent of [httpsAgent, httpAgent])
    agent.on('free', (socket: Socket) => freedAt.set(socket, Date.now()));

  const attempt = (url: string, init: Parameters<FetchLike>[1], staleLeft: number): Promise<Response> =>
    new Promise<Response>((resolve, reject) => {
      const target = new URL(url);
      const secure = target.protocol === 'https:';
      const send = secure ? httpsRequest : httpRequest;
      if (init.signal?.aborted) {
        reject(init.signal.reason);
        return;
      }
      const req = send(target, {
        method: init.method,
        headers:
          init.body === undefined
            ? init.headers
            : { ...init.headers, 'content-length': String(Buffer.byteLength(init.body)) },
        agent: secure ? httpsAgent : httpAgent,
      });
      let idleMs = 0;
      req.once('socket', (socket: Socket) => (idleMs = Date.now() - (freedAt.get(socket) ?? Date.now())));
      const onAbort = () =>
        req.destroy(init.signal?.reason instanceof Error ? init.signal.reason : new Error('aborted'));
      init.signal?.addEventListener('abort', onAbort, { once: true });
      const done = () => init.signal?.removeEventListener('abort', onAbort);
      req.on('error', (err: NodeJS.ErrnoException) => {
        done();
        // A kept-alive socket the server closed while idle fails at once on reuse, before the
        // server saw anything (Node's documented race; an event loop busy for seconds makes it
        // likely): send again on another connection.
        const stale = req.reusedSocket && idleMs >= STALE_IDLE_MS && err.code === 'ECONNRESET';
        if (staleLeft > 0 && stale && !init.signal?.aborted) {
          attempt(url, init, staleLeft - 1).then(resolve, reject);
          return;
        }
        reject(err);
      });
      req.on('response', (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', (err) => {
          done();
          reject(err);
        });
        res.on('aborted', () => {
          done();
          reject(
            Object.assign(new Error('response aborted before the body was complete'), { code: 'ECONNRESET' }),
          );
        });
        res.on('end', () => {
          done();
          if (!res.complete) {
            reject(Object.assign(new Error('response body incomplete'), { code: 'ECONNRESET' }));
            return;
          }
          const status = res.statusCode ?? 0;
          const body = NULL_BODY_STATUSES.has(status) ? null : Buffer.concat(chunks);
          resolve(new Response(body, { status, statusText: res.statusMessage, headers: toHeaders(res) }));
        });
      });
      req.end(init.body);
    });
  const fetch: FetchLike = (url, init) => attempt(url, init, STALE_SOCKET_RETRIES);

  return {
    fetch,
    close() {
      httpsAgent.destroy();
      httpAgent.destroy();
    },
  };
}
