import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PartnerCenterWebhooksView } from '../../../src/contracts/api/csp-subscriptions.js';
import { webhookService } from '../../../src/emulator/partner-center/webhooks/service.js';
import { queryRows } from '../../../src/store/index.js';
import { call, givenAgent } from '../access/fixtures.js';
import { startSubscriptionWorld, type SubscriptionWorld } from './subscription-world.js';

let w: SubscriptionWorld;
let receiver: string;

beforeAll(async () => {
  w = await startSubscriptionWorld({ listen: true });
  await w.importSubscriptions();
  receiver = `http://127.0.0.1:${new URL(w.app.config.publicUrl!).port}/api/partner-center/webhooks/${w.connection.id}`;
}, 90_000);
afterAll(() => w?.close());

const hooks = () => webhookService(w.emu.context);

async function until<T>(what: string, read: () => Promise<T | undefined> | T | undefined): Promise<T> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const value = await read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

async function view(): Promise<PartnerCenterWebhooksView> {
  const res = await call(w.app, w.admin, 'GET', `/api/csp/connections/${w.connection.id}/webhooks`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as PartnerCenterWebhooksView;
}

describe('Partner Center webhooks', () => {
  it('registers the callback, and Partner Center validates it with a signed test event', async () => {
    expect(await view()).toMatchObject({ callbackUrl: receiver, registration: null, validation: null });
    const res = await call(w.app, w.admin, 'POST', `/api/csp/connections/${w.connection.id}/webhooks`);
    expect(res.statusCode, res.body).toBe(200);
    expect(hooks().registration).toMatchObject({
      webhookUrl: receiver,
      webhookEvents: ['subscription-updated', 'test-created'],
    });
    const validated = await until('the validation event', async () => {
      const v = await view();
      return v.validation?.status === 'completed' ? v : undefined;
    });
    expect(validated).toMatchObject({
      registration: { webhookUrl: receiver, pointsHere: true },
      validation: { status: 'completed', responseCode: 'OK' },
      lastEventName: 'test-created',
    });
  });

  it('shows a quantity changed outside Rollcall on the desk without a licences run', async () => {
    const sub = w.pcSubscriptions().find((s) => s.props.status === 'active' && s.skuId)!;
    const row = await w.deskRow(sub.props.id);
    const runsBefore = await queryRows<{ n: number }>(
      w.app.deps.db,
      sql`select count(*)::int as n from sync_runs`,
    );
    // Seats bought in the customer's admin centre: the SKU and its CSP subscription change together.
    const changed = await w.emu.inject({
      method: 'PATCH',
      url: `/_emulator/tenants/${w.tenantId}/skus/${sub.skuId}`,
      body: { prepaidUnits: { enabled: row.quantity + 4 } },
    });
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    expect(sub.props.quantity).toBe(row.quantity + 4);
    await until('the desk to show the new quantity', async () => {
      const now = await w.deskRow(sub.props.id);
      return now.quantity === row.quantity + 4 ? now : undefined;
    });
    const runsAfter = await queryRows<{ n: number }>(
      w.app.deps.db,
      sql`select count(*)::int as n from sync_runs`,
    );
    expect(runsAfter[0]!.n).toBe(runsBefore[0]!.n);
    const delivered = hooks().deliveries.filter((d) => d.eventName === 'subscription-updated');
    expect(delivered.at(-1)).toMatchObject({ url: receiver, status: 200 });
    const [logged] = await queryRows<{ reason: string; reason_code: string }>(
      w.app.deps.db,
      sql`select reason, reason_code from inbound_log where external_id = ${sub.props.id.toLowerCase()}
           and reason_code = 'webhook.subscription-updated' order by id desc limit 1`,
    );
    expect(logged?.reason).toContain(`quantity ${row.quantity} → ${row.quantity + 4}`);
  });

  it('follows a quantity changed in Partner Center itself (its portal, Microsoft support)', async () => {
    const sub = w.pcSubscriptions().find((s) => s.props.status === 'active')!;
    const row = await w.deskRow(sub.props.id);
    const changed = await w.emu.inject({
      method: 'PATCH',
      url: `/_emulator/partner-center/customers/${w.tenantId}/subscriptions/${sub.props.id}`,
      body: { quantity: row.quantity + 1 },
    });
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    await until('the desk to show the new quantity', async () => {
      const now = await w.deskRow(sub.props.id);
      return now.quantity === row.quantity + 1 ? now : undefined;
    });
    // The customer's SKU followed in the emulator (Graph's prepaidUnits).
    const sku = w.emu.estate.tenant(w.tenantId)!.skus.get(sub.skuId!)!;
    const same = w.pcSubscriptions().filter((s) => s.skuId === sub.skuId && s.props.status === 'active');
    expect(sku.prepaidUnits.enabled).toBe(same.reduce((n, s) => n + s.props.quantity, 0));
  });

  it('imports a subscription the desk did not have yet when Partner Center reports it', async () => {
    const sub = w.pcSubscriptions().find((s) => s.props.status === 'active')!;
    const row = await w.deskRow(sub.props.id);
    // As if bought after the last licences run: the desk has no row for it.
    await w.app.deps.db.execute(sql`delete from csp_subscriptions where id = ${row.id}`);
    const changed = await w.emu.inject({
      method: 'PATCH',
      url: `/_emulator/partner-center/customers/${w.tenantId}/subscriptions/${sub.props.id}`,
      body: { quantity: row.quantity + 2 },
    });
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    const imported = await until('a licences run to import it', async () => {
      const rows = await queryRows<{ quantity: number }>(
        w.app.deps.db,
        sql`select quantity from csp_subscriptions
             where connection_id = ${w.connection.id} and subscription_id = ${sub.props.id.toLowerCase()}`,
      );
      return rows[0];
    });
    expect(imported.quantity).toBe(row.quantity + 2);
    const [run] = await queryRows<{ trigger: string }>(
      w.app.deps.db,
      sql`select trigger from sync_runs where connection_id = ${w.connection.id} and module = 'licences'
           order by started_at desc limit 1`,
    );
    expect(run?.trigger).toBe('notification');
  });

  it('refuses callbacks without a valid Partner Center signature', async () => {
    const event = JSON.stringify({
      EventName: 'subscription-updated',
      ResourceUri: `https://api.partnercenter.microsoft.com/v1/customers/${w.tenantId}/subscriptions/x`,
      ResourceName: 'Subscription',
      AuditUri: null,
      ResourceChangeUtcDate: new Date().toISOString(),
    });
    const post = (headers: Record<string, string>, body = event) =>
      w.app.app.inject({
        method: 'POST',
        url: `/api/partner-center/webhooks/${w.connection.id}`,
        headers: { 'content-type': 'application/json', ...headers },
        payload: body,
      });
    const certificateUrl = `${w.emu.info().partnerCenterBaseUrl}/cert/pcnotifications-dispatch.microsoft.com.cer`;
    const signer = await hooks().signer();
    const good = {
      authorization: `Signature ${signer.sign(event)}`,
      'x-ms-certificate-url': certificateUrl,
      'x-ms-signature-algorithm': 'rsa-sha256',
    };
    expect((await post({})).statusCode).toBe(401);
    // Signed, but the body was changed on the way.
    expect((await post(good, event.replace('Subscription', 'Customer'))).statusCode).toBe(401);
    // A certificate from anywhere but Partner Center's certificate host.
    expect(
      (await post({ ...good, 'x-ms-certificate-url': 'https://evil.example/cert/pc.cer' })).statusCode,
    ).toBe(401);
    expect((await post({ ...good, 'x-ms-signature-algorithm': 'rsa-sha1' })).statusCode).toBe(401);
    // The genuine article is accepted (and refreshes nothing: Partner Center has no subscription "x").
    expect((await post(good)).statusCode).toBe(200);
    const metrics = await (await fetch(`${w.app.config.publicUrl}/metrics`)).text();
    expect(metrics).toMatch(/rollcall_partner_center_webhooks_total\{event="unknown",outcome="unsigned"\} 4/);
    expect(metrics).toMatch(
      /rollcall_partner_center_webhooks_total\{event="subscription-updated",outcome="accepted"\} [1-9]/,
    );
  });

  it('refuses registration to agents without integrations.csp.configure', async () => {
    const reader = await givenAgent(w.app.deps.db, { permissions: ['customers.read', 'licences.manage'] });
    for (const method of ['GET', 'POST', 'DELETE'] as const) {
      const res = await call(w.app, reader, method, `/api/csp/connections/${w.connection.id}/webhooks`);
      expect(res.statusCode, `${method} ${res.body}`).toBe(403);
    }
  });

  it('removes the registration', async () => {
    const res = await call(w.app, w.admin, 'DELETE', `/api/csp/connections/${w.connection.id}/webhooks`);
    expect(res.statusCode, res.body).toBe(204);
    expect(hooks().registration).toBeNull();
    expect((await view()).registration).toBeNull();
  });
});

describe('Partner Center webhooks without a public URL', () => {
  let bare: SubscriptionWorld;
  beforeAll(async () => {
    bare = await startSubscriptionWorld();
  }, 90_000);
  afterAll(() => bare?.close());

  it('says that publicUrl must be set, and registers nothing', async () => {
    const res = await call(
      bare.app,
      bare.admin,
      'POST',
      `/api/csp/connections/${bare.connection.id}/webhooks`,
    );
    expect(res.statusCode).toBe(409);
    expect(res.body).toContain('publicUrl');
    expect(webhookService(bare.emu.context).registration).toBeNull();
  });
});
