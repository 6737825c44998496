import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  MicrosoftError,
  PARTNER_CENTER_DEFAULT_SCOPE,
  type PartnerCenterClient,
  type PcCustomer,
} from '../../src/microsoft/index.js';
import { authorisePartnerUser } from './sign-in.js';
import { APPS, GRAPH_SCOPE, startConformanceFixture, type ConformanceFixture } from './fixtures.js';

let f: ConformanceFixture;
let pc: PartnerCenterClient;
const customers: PcCustomer[] = [];

beforeAll(async () => {
  f = await startConformanceFixture();
  const partnerApp = f.emu.info().apps.find((a) => a.kind === 'partner')!;
  const tokens = f.clients.tokens.app({
    tenantId: partnerApp.tenantId,
    clientId: partnerApp.clientId,
    credential: { kind: 'secret', secret: partnerApp.clientSecret },
    scopes: [PARTNER_CENTER_DEFAULT_SCOPE],
  });
  pc = f.clients.partnerCenter(tokens, { correlationId: 'conformance-run' });
});
afterAll(async () => {
  await f.close();
});
beforeEach(() => {
  f.emu.faults.clear();
  f.emu.counters.reset();
  f.slept.length = 0;
});

function partnerState() {
  return f.emu.estate.tenant(f.emu.estate.partnerTenantId!)!.partnerCenter!;
}

describe('client conformance: Partner Center', () => {
  it('pages every customer with continuation tokens, tolerating a BOM', async () => {
    f.emu.behaviour.partnerCenter.customersPageSize = 2;
    f.emu.behaviour.partnerCenter.bom = true;
    let pages = 0;
    for await (const page of pc.customers()) {
      pages += 1;
      customers.push(...page.items);
    }
    f.emu.behaviour.partnerCenter.bom = false;
    const expected = partnerState().customers.size;
    expect(customers).toHaveLength(expected);
    expect(pages).toBe(Math.ceil(expected / 2));
    expect(f.emu.counters.total({ route: 'GET /v1/customers' })).toBe(pages);
  });

  it('recovers from Partner Center throttling', async () => {
    f.emu.faults.add({
      service: 'partnercenter',
      route: 'GET /v1/customers/{id}/subscriptions',
      action: { type: 'status', status: 429, retryAfterSeconds: 4 },
      times: 1,
    });
    const subs = await pc.subscriptions(customers[0]!.id);
    expect(subs.length).toBeGreaterThan(0);
    expect(f.slept).toEqual([4_000]);
  });

  it('changes a subscription quantity (GET → PATCH full object) and the seat count follows', async () => {
    const customerId = customers[0]!.id;
    const [sub] = await pc.subscriptions(customerId);
    const updated = await pc.changeQuantity(customerId, sub!.id, sub!.quantity + 2);
    expect(updated.quantity).toBe(sub!.quantity + 2);
    expect((await pc.subscription(customerId, sub!.id)).quantity).toBe(sub!.quantity + 2);
  });

  it('waits out a slow change answered with 202 + Location', async () => {
    f.emu.behaviour.partnerCenter.slowPatchMs = 5_000;
    const customerId = customers[1]!.id;
    const [sub] = await pc.subscriptions(customerId);
    const updated = await pc.changeQuantity(customerId, sub!.id, sub!.quantity + 1);
    f.emu.behaviour.partnerCenter.slowPatchMs = 0;
    expect(updated.quantity).toBe(sub!.quantity + 1);
    expect(f.slept.length).toBeGreaterThan(0);
  });

  it('reads a customer’s subscribed SKUs as a partner user (App+User only)', async () => {
    await expect(pc.subscribedSkus(customers[0]!.id)).rejects.toMatchObject({ status: 401 });
    const partnerApp = f.emu.info().apps.find((a) => a.kind === 'partner')!;
    let refreshToken = (await authorisePartnerUser(f.emu)).refreshToken;
    const asUser = f.clients.partnerCenter(
      f.clients.tokens.delegated({
        tenantId: partnerApp.tenantId,
        clientId: partnerApp.clientId,
        credential: { kind: 'secret', secret: partnerApp.clientSecret },
        scopes: [PARTNER_CENTER_DEFAULT_SCOPE],
        accountKey: 'conformance-partner-user',
        refreshTokens: {
          load: async () => refreshToken,
          save: async (token) => {
            refreshToken = token;
          },
        },
      }),
      { correlationId: 'conformance-run' },
    );
    const skus = await asUser.subscribedSkus(customers[0]!.id);
    expect(skus.length).toBeGreaterThan(0);
    for (const sku of skus) expect(sku.availableUnits).toBe(sku.totalUnits - sku.consumedUnits);
  });

  it('consents the Rollcall app in a customer tenant, after which it can get tokens there', async () => {
    const customerId = customers[2]!.id;
    const tokens = () =>
      f.clients.tokens.app({
        tenantId: customerId,
        clientId: APPS.rollcall.clientId,
        credential: { kind: 'secret', secret: APPS.rollcall.secret },
        scopes: GRAPH_SCOPE,
      });
    const before = await tokens()
      .getToken()
      .catch((e: unknown) => e);
    expect(before).toBeInstanceOf(MicrosoftError);
    expect(before).toMatchObject({ code: 'AADSTS7000229' });

    const consent = await pc.createApplicationConsent(customerId, {
      applicationId: APPS.rollcall.clientId,
      displayName: 'Rollcall',
      applicationGrants: [
        {
          enterpriseApplicationId: '00000003-0000-0000-c000-000000000000',
          scope: 'Directory.Read.All,User.ReadWrite.All',
        },
      ],
    });
    expect(consent.applicationId.toLowerCase()).toBe(APPS.rollcall.clientId);
    expect((await pc.applicationConsents(customerId)).map((c) => c.applicationId.toLowerCase())).toContain(
      APPS.rollcall.clientId,
    );
    expect(await tokens().getToken()).toBeTruthy();
  });

  it('maps Partner Center errors', async () => {
    await expect(
      pc.subscription(customers[0]!.id, '00000000-0000-4000-8000-000000000000'),
    ).rejects.toMatchObject({
      code: 'PartnerCenter.20003',
      action: 'stop',
      status: 404,
    });
  });
});
