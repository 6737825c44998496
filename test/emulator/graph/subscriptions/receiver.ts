import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedRequest {
  path: string;
  validationToken: string | null;
  contentType: string;
  body: string;
}

export interface Reply {
  status: number;
  body?: string;
  contentType?: string;
  /** Answer only after this long (to exceed the emulator's timeouts). */
  delayMs?: number;
}

/** How the receiver answers; the default behaves like a correct webhook endpoint. */
export type Responder = (req: ReceivedRequest, index: number) => Reply;

export const correctEndpoint: Responder = (req) =>
  req.validationToken !== null
    ? { status: 200, body: req.validationToken, contentType: 'text/plain' }
    : { status: 202 };

/** A local webhook endpoint that records what Graph (the emulator) sends it. */
export interface Receiver {
  url(path?: string): string;
  requests: ReceivedRequest[];
  /** Notification POSTs (not validation requests), parsed. */
  notifications(path?: string): { value: Record<string, unknown>[] }[];
  respondWith(responder: Responder): void;
  close(): Promise<void>;
}

export async function startReceiver(): Promise<Receiver> {
  let responder: Responder = correctEndpoint;
  const requests: ReceivedRequest[] = [];
  const handle = (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://receiver');
      const received: ReceivedRequest = {
        path: url.pathname,
        validationToken: url.searchParams.get('validationToken'),
        contentType: String(req.headers['content-type'] ?? ''),
        body: Buffer.concat(chunks).toString('utf8'),
      };
      requests.push(received);
      const reply = responder(received, requests.length - 1);
      const send = () => {
        if (res.destroyed) return;
        res.writeHead(reply.status, reply.contentType ? { 'content-type': reply.contentType } : {});
        res.end(reply.body ?? '');
      };
      if (reply.delayMs) setTimeout(send, reply.delayMs).unref();
      else send();
    });
  };
  const server = createServer(handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: (path = '/notify') => `http://127.0.0.1:${port}${path}`,
    requests,
    notifications: (path) =>
      requests
        .filter((r) => r.validationToken === null && (path === undefined || r.path === path))
        .map((r) => JSON.parse(r.body) as { value: Record<string, unknown>[] }),
    respondWith(next) {
      responder = next;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Polls until `check` passes (deliveries are asynchronous); fails after a generous deadline. */
export async function eventually(check: () => boolean, what: string, deadlineMs = 10_000): Promise<void> {
  const until = Date.now() + deadlineMs;
  while (!check()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
