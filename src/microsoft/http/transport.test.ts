import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { createHttpsTransport } from './transport.js';

let server: Server | undefined;
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
});

/**
 * A server that drops a kept-alive connection the moment a second request arrives on it: what a
 * client sees when the server closed the idle connection just as the client reused it (Node's
 * documented keep-alive race). Counts the requests it answered.
 */
async function droppingServer() {
  let answered = 0;
  const used = new WeakSet<Socket>();
  server = createServer((req, res) => {
    if (used.has(req.socket)) {
      req.socket.destroy();
      return;
    }
    used.add(req.socket);
    answered += 1;
    res.end(JSON.stringify({ n: answered }));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, answered: () => answered };
}

describe('createHttpsTransport', () => {
  it('reports a reset on a socket reused at once: the request may have reached the server', async () => {
    const target = await droppingServer();
    const transport = createHttpsTransport();
    try {
      await transport.fetch(target.url, { method: 'POST', headers: {}, body: '{}' });
      await expect(
        transport.fetch(target.url, { method: 'POST', headers: {}, body: '{}' }),
      ).rejects.toMatchObject({
        code: 'ECONNRESET',
      });
    } finally {
      transport.close();
    }
  });

  it('sends a request again on a new connection when its idle kept-alive socket was found closed', async () => {
    const target = await droppingServer();
    const transport = createHttpsTransport();
    try {
      const first = await transport.fetch(target.url, { method: 'POST', headers: {}, body: '{}' });
      expect(await first.json()).toEqual({ n: 1 });
      await sleep(1100); // idle long enough that a reset on reuse means "closed while idle"
      const second = await transport.fetch(target.url, { method: 'POST', headers: {}, body: '{}' });
      expect(await second.json()).toEqual({ n: 2 });
      expect(target.answered()).toBe(2);
    } finally {
      transport.close();
    }
  });
});
