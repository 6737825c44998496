import { createServer, type Server } from 'node:http';
import { X509Certificate, verify } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { webhookService } from '../../../src/emulator/partner-center/webhooks/service.js';
import { call, createFixture, IDS, type Fixture } from './fixtures.js';

let f: Fixture;
let token: string;
let receiver: Server;
let receiverUrl: string;
const received: { headers: Record<string, string | string[] | undefined>; body: string }[] = [];

beforeAll(async () => {
  f = await createFixture();
  receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const address = receiver.address();
  receiverUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/hook`;
});
beforeEach(async () => {
  f.reset();
  received.length = 0;
  token = await f.pc();
});
afterAll(async () => {
  await new Promise((resolve) => receiver.close(resolve));
  await f.emu.close();
});

const REG = '/partnercenter/webhooks/v1/registration';
const register = (body: unknown, method = 'POST') => call(f.emu, method, REG, token, { body });

describe('Partner Center webhook registration', () => {
  it('lists events, registers once, shows, updates and deletes the registration', async () => {
    expect((await call(f.emu, 'GET', `${REG}/events`, token)).body).toEqual([
      'subscription-updated',
      'test-created',
    ]);
    expect((await call(f.emu, 'GET', REG, token)).status).toBe(404);
    const created = await register({ WebhookUrl: receiverUrl, WebhookEvents: ['subscription-updated'] });
    expect(created.status).toBe(200);
    expect(created.body).toEqual({
      SubscriberId: expect.any(String),
      WebhookUrl: receiverUrl,
      WebhookEvents: ['subscription-updated'],
    });
    expect((await register({ WebhookUrl: receiverUrl, WebhookEvents: ['test-created'] })).status).toBe(409);
    const updated = await register({ webhookUrl: receiverUrl, webhookEvents: ['test-created'] }, 'PUT');
    expect(updated.body.WebhookEvents).toEqual(['test-created']);
    expect((await call(f.emu, 'GET', REG, token)).body).toEqual({
      WebhookUrl: receiverUrl,
      WebhookEvents: ['test-created'],
    });
    expect((await call(f.emu, 'DELETE', REG, token)).status).toBe(204);
    expect((await call(f.emu, 'GET', REG, token)).status).toBe(404);
  });

  it('forgets the registration when the estate is built again (its partner is gone)', async () => {
    await register({ WebhookUrl: receiverUrl, WebhookEvents: ['test-created'] });
    expect((await call(f.emu, 'GET', REG, token)).status).toBe(200);
    f.reset();
    token = await f.pc();
    expect((await call(f.emu, 'GET', REG, token)).status).toBe(404);
  });

  it('refuses a plain-http URL off this machine, unknown events and calls without a token', async () => {
    expect(
      (await register({ WebhookUrl: 'http://example.com/hook', WebhookEvents: ['test-created'] })).status,
    ).toBe(400);
    const unknown = await register({ WebhookUrl: receiverUrl, WebhookEvents: ['order-created'] });
    expect(unknown.status).toBe(400);
    expect(unknown.body.data).toEqual(['Unknown webhook events: order-created.']);
    expect((await call(f.emu, 'GET', REG, null)).status).toBe(401);
  });
});

describe('Partner Center webhook events', () => {
  it('sends a signed test-created event and reports its delivery', async () => {
    expect((await call(f.emu, 'POST', `${REG}/validationEvents`, token)).status).toBe(400);
    await register({ WebhookUrl: receiverUrl, WebhookEvents: ['test-created'] });
    const asked = await call(f.emu, 'POST', `${REG}/validationEvents`, token);
    expect(asked.status).toBe(200);
    await webhookService(f.emu.context).idle();
    await new Promise((r) => setTimeout(r, 20));
    const state = await call(f.emu, 'GET', `${REG}/validationEvents/${asked.body.correlationId}`, token);
    expect(state.body).toMatchObject({
      correlationId: asked.body.correlationId,
      partnerId: IDS.partner,
      status: 'completed',
      callbackUrl: receiverUrl,
      results: [{ responseCode: 'OK', systemError: false }],
    });
    const [event] = received;
    expect(JSON.parse(event!.body)).toMatchObject({
      EventName: 'test-created',
      ResourceName: 'test',
      AuditUri: null,
    });
    expect(event!.headers['x-ms-signature-algorithm']).toBe('rsa-sha256');
    // The signature verifies with the certificate served at x-ms-certificate-url.
    const certUrl = new URL(String(event!.headers['x-ms-certificate-url']));
    const cert = await f.emu.inject({ method: 'GET', url: certUrl.pathname });
    expect(cert.status).toBe(200);
    const x509 = new X509Certificate(cert.body as Buffer);
    expect(x509.subject).toContain('O=Microsoft Corporation');
    const signature = /^Signature (.+)$/.exec(String(event!.headers.authorization))![1]!;
    expect(verify('sha256', Buffer.from(event!.body), x509.publicKey, Buffer.from(signature, 'base64'))).toBe(
      true,
    );
  });

  it('raises subscription-updated when a quantity PATCH is applied', async () => {
    await register({ WebhookUrl: receiverUrl, WebhookEvents: ['subscription-updated'] });
    const url = `/partnercenter/v1/customers/${IDS.fabrikam}/subscriptions/${IDS.spbSub}`;
    const current = (await call(f.emu, 'GET', url, token)).body;
    expect(
      (await call(f.emu, 'PATCH', url, token, { body: { ...current, quantity: current.quantity + 1 } }))
        .status,
    ).toBe(200);
    await webhookService(f.emu.context).idle();
    expect(received.map((r) => JSON.parse(r.body))).toEqual([
      expect.objectContaining({
        EventName: 'subscription-updated',
        ResourceName: 'Subscription',
        ResourceUri: expect.stringMatching(
          new RegExp(`/v1/customers/${IDS.fabrikam}/subscriptions/${IDS.spbSub}$`),
        ),
      }),
    ]);
  });
});
