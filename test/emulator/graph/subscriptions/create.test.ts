import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Emulator } from '../../../../src/emulator/index.js';
import { mintToken } from '../../../support/emulator.js';
import { createDeltaFixture, startDeltaEmulator, type DeltaFixture } from '../delta/fixtures.js';
import { correctEndpoint, startReceiver, type Receiver } from './receiver.js';

const MINUTE = 60_000;

describe('subscriptions: create, renew, delete', () => {
  let emu: Emulator;
  let receiver: Receiver;
  let fx: DeltaFixture;
  beforeAll(async () => {
    emu = await startDeltaEmulator();
    receiver = await startReceiver();
  });
  afterAll(async () => {
    await receiver.close();
    await emu.close();
  });
  beforeEach(async () => {
    fx = await createDeltaFixture(emu);
    receiver.respondWith(correctEndpoint);
    receiver.requests.length = 0;
  });

  const inFuture = (minutes: number) => new Date(emu.clock.now() + minutes * MINUTE).toISOString();
  const call = (method: string, url: string, body?: unknown, token = fx.token) =>
    emu.inject({ method, url, headers: { authorization: `Bearer ${token}` }, body });
  const create = (extra: Record<string, unknown> = {}, token?: string) =>
    call(
      'POST',
      '/v1.0/subscriptions',
      {
        changeType: 'updated,deleted',
        notificationUrl: receiver.url(),
        resource: '/users',
        expirationDateTime: inFuture(24 * 60),
        clientState: 'secretClientValue',
        ...extra,
      },
      token,
    );

  it('validates the notification URL and answers 201 with the subscription', async () => {
    const expiration = inFuture(3 * 24 * 60);
    const res = await create({ expirationDateTime: expiration });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      '@odata.context': expect.stringMatching(/\$metadata#subscriptions\/\$entity$/),
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      resource: '/users',
      changeType: 'updated,deleted',
      clientState: 'secretClientValue',
      notificationUrl: receiver.url(),
      lifecycleNotificationUrl: null,
      expirationDateTime: expiration,
      applicationId: expect.any(String),
      creatorId: expect.any(String),
      includeResourceData: false,
      latestSupportedTlsVersion: 'v1_2',
    });
    expect(receiver.requests).toHaveLength(1);
    expect(receiver.requests[0]!.contentType).toMatch(/^text\/plain/);
    expect(receiver.requests[0]!.validationToken).toMatch(/^Validation: /);
  });

  it('fails creation when the endpoint does not echo the token', async () => {
    receiver.respondWith(() => ({ status: 500 }));
    const failing = await create();
    expect(failing.status).toBe(400);
    expect(failing.body).toMatchObject({
      error: {
        code: 'ValidationError',
        message: expect.stringMatching(/^Subscription validation request failed\./),
      },
    });

    receiver.respondWith(() => ({ status: 200, body: 'something else', contentType: 'text/plain' }));
    expect((await create()).status).toBe(400);
    expect(fx.tenant.graphSubscriptions.size).toBe(0);
  });

  it('fails creation when the endpoint answers too late', async () => {
    emu.behaviour.graph.webhookValidationTimeoutMs = 100;
    receiver.respondWith((req) => ({ ...correctEndpoint(req, 0), delayMs: 1_000 }));
    const res = await create();
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ error: { code: 'ValidationError' } });
  });

  it('validates the lifecycle notification URL too', async () => {
    receiver.respondWith((req) => (req.path === '/lifecycle' ? { status: 404 } : correctEndpoint(req, 0)));
    const res = await create({ lifecycleNotificationUrl: receiver.url('/lifecycle') });
    expect(res.status).toBe(400);
    expect(receiver.requests.map((r) => r.path)).toEqual(['/notify', '/lifecycle']);
  });

  it('refuses lifetimes over 41,760 minutes and extends those under 45 minutes', async () => {
    const tooLong = await create({ expirationDateTime: inFuture(41_761) });
    expect(tooLong.status).toBe(400);
    expect(tooLong.body).toMatchObject({ error: { message: expect.stringContaining('41760 minutes') } });

    const requested = emu.clock.now() + 10 * MINUTE;
    const short = await create({ expirationDateTime: new Date(requested).toISOString() });
    expect(short.status).toBe(201);
    const granted = Date.parse((short.body as { expirationDateTime: string }).expirationDateTime);
    expect(granted - requested).toBeGreaterThanOrEqual(35 * MINUTE - 1_000);
  });

  it('renews with PATCH, lists, reads and deletes', async () => {
    const { id } = (await create()).body as { id: string };
    const renewed = inFuture(41_000);
    const patch = await call('PATCH', `/v1.0/subscriptions/${id}`, { expirationDateTime: renewed });
    expect(patch.status).toBe(200);
    expect(patch.body).toMatchObject({ id, expirationDateTime: renewed });
    expect(
      (await call('PATCH', `/v1.0/subscriptions/${id}`, { expirationDateTime: inFuture(50_000) })).status,
    ).toBe(400);

    const list = (await call('GET', '/v1.0/subscriptions')).body as { value: { id: string }[] };
    expect(list.value.map((s) => s.id)).toEqual([id]);
    expect((await call('GET', `/v1.0/subscriptions/${id}`)).status).toBe(200);
    expect((await call('POST', `/v1.0/subscriptions/${id}/reauthorize`)).status).toBe(204);
    expect((await call('DELETE', `/v1.0/subscriptions/${id}`)).status).toBe(204);
    expect((await call('GET', `/v1.0/subscriptions/${id}`)).status).toBe(404);
  });

  it('forgets a subscription once it has expired', async () => {
    const { id } = (await create({ expirationDateTime: inFuture(60) })).body as { id: string };
    emu.clock.advance(61 * MINUTE);
    expect((await call('GET', `/v1.0/subscriptions/${id}`)).status).toBe(404);
  });

  it('refuses plain http outside loopback, unsupported change types and resources', async () => {
    expect((await create({ notificationUrl: 'http://example.com/notify' })).status).toBe(400);
    expect((await create({ changeType: 'created,updated' })).status).toBe(400);
    expect((await create({ resource: '/me/messages' })).status).toBe(400);
    expect(receiver.requests).toHaveLength(0);
  });

  it('needs read permission on the watched resource', async () => {
    const token = await mintToken(emu, { tenantId: fx.tenant.id, roles: ['Group.Read.All'] });
    expect((await create({}, token)).status).toBe(403);
    expect((await create({ resource: '/groups' }, token)).status).toBe(201);
  });

  it('answers 403 once the app has 100 subscriptions in the tenant', async () => {
    const first = (await create()).body as Record<string, string>;
    for (let i = 1; i < 100; i++) {
      const id = `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
      fx.tenant.graphSubscriptions.set(id, { ...fx.tenant.graphSubscriptions.get(first.id!)!, id });
    }
    const res = await create();
    expect(res.status).toBe(403);
  });
});
