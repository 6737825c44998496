import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EntraImportConfigInput } from '../../../src/contracts/entra/index.js';
import { call, givenCustomer } from '../access/fixtures.js';
import { givenScenario, type ImportScenario } from './import-scenario.js';
import {
  activeSubscriptions,
  eventually,
  startNotificationWorld,
  type NotificationWorld,
} from './notifications-fixtures.js';

let w: NotificationWorld;
let scenario: ImportScenario;

beforeAll(async () => {
  w = await startNotificationWorld();
  scenario = await givenScenario({ world: w.world, app: w.app, admin: w.admin }, 'desk');
  const customer = await givenCustomer(w.app.deps.db, `Notified ${randomUUID().slice(0, 8)}`);
  const config: EntraImportConfigInput = {
    userFieldMappings: [
      { entraField: 'displayName', deskField: 'displayName', overwriteWithBlank: false },
      { entraField: 'mail', deskField: 'email', overwriteWithBlank: false },
      { entraField: 'userPrincipalName', deskField: 'userPrincipalName', overwriteWithBlank: false },
      { entraField: 'jobTitle', deskField: 'jobTitle', overwriteWithBlank: true },
    ],
    agentFieldMappings: [],
    siteMappings: [
      {
        id: randomUUID(),
        type: 'existingSite',
        sequence: 10,
        description: 'Everyone',
        siteId: customer.defaultSite.id,
      },
    ],
    delta: { enabled: true, method: 'allChanges' },
  };
  const saved = await scenario.save(config, true);
  expect(saved.statusCode, saved.body).toBe(200);
  for (let n = 1; n <= 5; n += 1) scenario.person(n);
  await scenario.apply();
  const res = await call(
    w.app,
    w.admin,
    'PUT',
    `/api/entra/connections/${scenario.connectionId}/notifications`,
    {
      enabled: true,
    },
  );
  expect(res.statusCode, res.body).toBe(200);
  await activeSubscriptions(w.app, scenario.connectionId);
}, 90_000);
afterAll(() => w?.close());

describe('a change in the directory reaches the desk through a notification', () => {
  it('updates the desk user within seconds, without anyone running an import', async () => {
    expect((await scenario.desk(3))?.displayName).toBe('Person 3');
    const started = Date.now();
    scenario.updatePerson(3, { displayName: 'Person Three (renamed)' });
    await eventually(
      'the desk to show the new name',
      async () => (await scenario.desk(3))?.displayName === 'Person Three (renamed)',
    );
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('a user created in the directory appears on the desk', async () => {
    scenario.person(6);
    scenario.updatePerson(6, { displayName: 'New Starter' });
    const user = await eventually('the new user on the desk', async () => scenario.desk(6));
    expect(user.displayName).toBe('New Starter');
  });
});
