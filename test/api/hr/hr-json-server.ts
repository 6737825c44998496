import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { dirname } from 'node:path';
import { ensureTls } from '../../../src/emulator/tls/certs.js';

/** A write the fixture HR server received: the path as sent, the bearer token and the JSON body. */
export interface ReceivedWrite {
  path: string;
  authorization: string | undefined;
  body: unknown;
  /** What the server answered. */
  status: number;
}

/**
 * A JSON HR API over HTTPS for tests: `GET /people` lists `persons` (one page, `value`), `PATCH
 * /people/<id>/account` records the write-back and answers 204, or the statuses queued in
 * `answers`. Both check the bearer token. Its certificate is the emulator's (signed by the
 * emulator's CA, which the test app trusts as its configured extra CA, as a private CA would be
 * in production); global fetch would refuse it.
 */
export interface HrJsonServer {
  origin: string;
  token: string;
  persons: Record<string, unknown>[];
  writes: ReceivedWrite[];
  /** Statuses for the next write-backs, in order (then 204 again). */
  answers: number[];
  close(): Promise<void>;
}

export async function startHrJsonServer(caCertPath: string, token: string): Promise<HrJsonServer> {
  const tls = await ensureTls(dirname(caCertPath));
  const state: Omit<HrJsonServer, 'origin' | 'close'> = { token, persons: [], writes: [], answers: [] };
  const server: Server = createServer({ cert: tls.certPem, key: tls.keyPem }, (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const send = (status: number, body?: unknown) => {
        res.writeHead(status, body === undefined ? {} : { 'content-type': 'application/json' });
        res.end(body === undefined ? undefined : JSON.stringify(body));
      };
      const authorized = req.headers.authorization === `Bearer ${state.token}`;
      const path = req.url ?? '';
      if (req.method === 'GET' && path === '/people') {
        if (!authorized) return send(401, { error: 'bad token' });
        return send(200, { value: state.persons });
      }
      const write = /^\/people\/([^/]+)\/account$/.exec(path);
      if (req.method === 'PATCH' && write) {
        const known = state.persons.some((p) => p.id === decodeURIComponent(write[1]!));
        const status = !authorized ? 401 : !known ? 404 : (state.answers.shift() ?? 204);
        state.writes.push({
          path,
          authorization: req.headers.authorization,
          body: JSON.parse(Buffer.concat(chunks).toString('utf8') || 'null') as unknown,
          status,
        });
        return send(status, status === 204 ? undefined : { error: `answered ${status}` });
      }
      return send(404, { error: 'no such route' });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(state, {
    origin: `https://localhost:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  });
}
