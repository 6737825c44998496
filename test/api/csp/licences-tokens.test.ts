import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runConnectionLicences } from '../../../src/api/integrations/licences/run-licences.js';
import { createConnectionRepository } from '../../../src/store/index.js';
import { authorisePartnerUser } from '../../microsoft/sign-in.js';
import {
  givenDeskCustomer,
  mapTenant,
  partnerCenterOf,
  startLicenceWorld,
  type LicenceWorld,
} from './licences-fixtures.js';

/**
 * The licences module reads Partner Center with the connection's one token source
 * (`cspTokens().partnerCenter()`): the Partner Center app alone until a partner user authorises
 * (subscriptions only: Microsoft serves subscribed SKUs to App+User credentials only), then app +
 * user, so that user's Partner Center roles apply and rotated refresh tokens are kept.
 */
let world: LicenceWorld;
let tenantId: string;
let customerId: string;
const skuReads = () =>
  world.emu.counters.total({ service: 'partnercenter', route: 'GET /v1/customers/{id}/subscribedskus' });

beforeAll(async () => {
  world = await startLicenceWorld({ tenants: 1, authorised: false });
  tenantId = world.customerTenantIds[0]!;
  customerId = await givenDeskCustomer(world.app.deps.db, 'Tokens');
  await mapTenant(world.app.deps.db, world.connection.id, tenantId, customerId);
}, 90_000);
afterAll(async () => {
  await world?.close();
});

const runLicences = async () => {
  const [result] = await runConnectionLicences(world.app.deps, world.connection, {
    tenantIds: [tenantId],
    trigger: 'manual',
  });
  return result!;
};

describe('Partner Center tokens of the licences module', () => {
  it('before anyone authorised, reads subscriptions with the Partner Center app alone and says SKUs need Authorise', async () => {
    await mapTenant(world.app.deps.db, world.connection.id, tenantId, customerId, 'subscriptions');
    expect(await runLicences()).toMatchObject({ status: 'succeeded' });

    await mapTenant(world.app.deps.db, world.connection.id, tenantId, customerId, 'skus');
    world.emu.counters.reset();
    const refused = await runLicences();
    expect(refused).toMatchObject({ status: 'failed', error: { code: 'licences.partnerUserNeeded' } });
    expect(refused.error?.message).toMatch(/only to a partner user.*choose Authorise/);
    // Not asked: Microsoft refuses app-only SKU reads (the emulator too, below).
    expect(skuReads()).toBe(0);
  });

  it('Partner Center itself refuses subscribed SKUs to the app alone', async () => {
    const partnerApp = world.emu.info().apps.find((a) => a.kind === 'partner')!;
    const token = await world.emu.inject({
      method: 'POST',
      url: `/${world.emu.estate.partnerTenantId}/oauth2/v2.0/token`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: partnerApp.clientId,
        client_secret: partnerApp.clientSecret!,
        scope: 'https://api.partnercenter.microsoft.com/.default',
      }).toString(),
    });
    const accessToken = (token.body as { access_token: string }).access_token;
    const read = (path: string) =>
      world.emu.inject({
        method: 'GET',
        url: `/partnercenter/v1/customers/${tenantId}/${path}`,
        headers: { authorization: `Bearer ${accessToken}` },
      });
    expect((await read('subscriptions')).status).toBe(200);
    const skus = await read('subscribedskus');
    expect(skus.status).toBe(401);
    expect(JSON.stringify(skus.body)).toContain('application + user authentication only');
  });

  it('once a partner user authorised, reads as that user (their Partner Center roles apply)', async () => {
    const { emu } = world;
    await mapTenant(world.app.deps.db, world.connection.id, tenantId, customerId, 'both');
    const { refreshToken, userId } = await authorisePartnerUser(emu);
    const connections = createConnectionRepository(world.app.deps.db, world.app.deps.secrets);
    await connections.updateSecrets(world.connection.id, { refreshToken });

    // A user without a Partner Center role is refused where the app alone was served.
    const roles = partnerCenterOf(emu).userRoles;
    roles.set(userId.toLowerCase(), []);
    const refused = await runLicences();
    expect(refused.status).toBe('failed');
    expect(refused.error?.message).toMatch(/role|forbidden|permission/i);

    roles.delete(userId.toLowerCase());
    world.emu.counters.reset();
    expect(await runLicences()).toMatchObject({ status: 'succeeded' });
    expect(skuReads()).toBe(1);
    // Microsoft rotates the refresh token on use; the new one is stored.
    const stored = await connections.readSecrets(world.connection.id);
    expect(stored?.refreshToken).toBeTruthy();
    expect(stored?.refreshToken).not.toBe(refreshToken);
  });
});
