import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runConnectionLicences } from '../../../src/api/integrations/licences/run-licences.js';
import { createConnectionRepository } from '../../../src/store/index.js';
import { connectAsUser, REDIRECT_URI } from '../../microsoft/sign-in.js';
import {
  givenDeskCustomer,
  mapTenant,
  partnerCenterOf,
  startLicenceWorld,
  type LicenceWorld,
} from './licences-fixtures.js';

/**
 * The licences module reads Partner Center with the connection's one token source
 * (`cspTokens().partnerCenter()`): the Partner Center app alone until a partner user authorises,
 * then app + user, so that user's Partner Center roles apply and rotated refresh tokens are kept.
 */
const PC_SCOPE = 'https://api.partnercenter.microsoft.com/user_impersonation offline_access';
let world: LicenceWorld;
let tenantId: string;

beforeAll(async () => {
  world = await startLicenceWorld({ tenants: 1 });
  tenantId = world.customerTenantIds[0]!;
  await mapTenant(
    world.app.deps.db,
    world.connection.id,
    tenantId,
    await givenDeskCustomer(world.app.deps.db, 'Tokens'),
  );
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
  it('before anyone authorised, reads with the Partner Center app alone', async () => {
    expect(await runLicences()).toMatchObject({ status: 'succeeded' });
  });

  it('once a partner user authorised, reads as that user (their Partner Center roles apply)', async () => {
    const { emu } = world;
    const partnerApp = emu.info().apps.find((a) => a.kind === 'partner')!;
    await emu.inject({
      method: 'POST',
      url: `/_emulator/apps/${partnerApp.clientId}/redirect-uris`,
      body: { uris: [REDIRECT_URI] },
    });
    const partner = emu.estate.tenant(emu.estate.partnerTenantId!)!;
    const user = [...partner.users.values()].find((u) => u.props.accountEnabled !== false)!;
    const refreshToken = await connectAsUser(emu, {
      tenantId: partner.id,
      clientId: partnerApp.clientId,
      clientSecret: partnerApp.clientSecret,
      login: user.props.userPrincipalName as string,
      scope: PC_SCOPE,
    });
    const connections = createConnectionRepository(world.app.deps.db, world.app.deps.secrets);
    await connections.updateSecrets(world.connection.id, { refreshToken });

    // A user without a Partner Center role is refused where the app alone was served.
    const roles = partnerCenterOf(emu).userRoles;
    roles.set(String(user.props.id).toLowerCase(), []);
    const refused = await runLicences();
    expect(refused.status).toBe('failed');
    expect(refused.error?.message).toMatch(/role|forbidden|permission/i);

    roles.delete(String(user.props.id).toLowerCase());
    expect(await runLicences()).toMatchObject({ status: 'succeeded' });
    // Microsoft rotates the refresh token on use; the new one is stored.
    const stored = await connections.readSecrets(world.connection.id);
    expect(stored?.refreshToken).toBeTruthy();
    expect(stored?.refreshToken).not.toBe(refreshToken);
  });
});
