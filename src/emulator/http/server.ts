import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TlsMaterial } from '../tls/certs.js';
import type { Pipeline } from './pipeline.js';
import type { EmuRequest } from './types.js';

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function toEmuRequest(req: IncomingMessage, body: Buffer): EmuRequest {
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) {
    if (v !== undefined) headers[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
  }
  const host = headers.host ?? 'localhost';
  return {
    method: (req.method ?? 'GET').toUpperCase(),
    url: new URL(req.url ?? '/', `https://${host}`),
    headers,
    body,
  };
}

function serialise(body: unknown): Buffer | undefined {
  if (body === undefined) return undefined;
  if (Buffer.isBuffer(body)) return body;
  if (typeof body === 'string') return Buffer.from(body, 'utf8');
  return Buffer.from(JSON.stringify(body), 'utf8');
}

/** HTTPS transport for the pipeline; acts out socket faults (reset, truncated body). */
export function createHttpsServer(tls: TlsMaterial, pipeline: Pipeline): Server {
  return createServer({ key: tls.keyPem, cert: tls.certPem }, (req: IncomingMessage, res: ServerResponse) => {
    void (async () => {
      const body = await readBody(req);
      const out = await pipeline.handle(toEmuRequest(req, body));
      if (out.socketFault === 'reset') {
        req.socket.destroy();
        return;
      }
      const payload = serialise(out.body);
      const headers: Record<string, string> = { date: new Date().toUTCString(), ...(out.headers ?? {}) };
      if (payload) headers['content-length'] = String(payload.length);
      if (out.socketFault === 'truncate') {
        const full = payload ?? Buffer.from('{"value":[]}');
        res.writeHead(200, {
          ...headers,
          'content-type': 'application/json',
          'content-length': String(full.length),
        });
        res.write(full.subarray(0, Math.max(1, Math.floor(full.length / 2))), () => req.socket.destroy());
        return;
      }
      res.writeHead(out.status, headers);
      res.end(payload);
    })().catch((err: unknown) => {
      console.error('[emulator] transport error', err);
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
}
