import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call } from '../access/fixtures.js';
import { startHrWorld, type HrWorld } from './hr-world.js';

const CORE = 'urn:ietf:params:scim:schemas:core:2.0:User';
const ENT = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

describe('HR lifecycle from SCIM pushes', () => {
  let w: HrWorld;
  let sourceId: string;
  let token: string;

  const scim = (method: 'POST' | 'PATCH', path: string, body: unknown) =>
    w.app.app.inject({
      method,
      url: `/scim/v2/hr/${sourceId}${path}`,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/scim+json' },
      payload: JSON.stringify(body),
    });
  /** Waits until the emulated tenant shows what the pushes should have caused. */
  const eventually = async (check: () => boolean, what: string) => {
    const deadline = Date.now() + 60_000;
    while (!check()) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await sleep(200);
    }
  };

  beforeAll(async () => {
    w = await startHrWorld();
    const res = await call(w.app, w.admin, 'POST', '/api/hr/sources', {
      name: 'Workday push',
      kind: 'scim',
      customerId: w.customerId,
      tenantId: w.s.tenantId,
      domain: w.domain,
      naming: { format: 'firstinitial.lastname' },
    });
    expect(res.statusCode, res.body).toBe(201);
    const created = res.json() as { source: { id: string; scim: { baseUrl: string } }; scimToken: string };
    sourceId = created.source.id;
    token = created.scimToken;
    expect(created.source.scim.baseUrl).toMatch(new RegExp(`/scim/v2/hr/${sourceId}$`));
    await w.publishDraft(sourceId);
  }, 120_000);
  afterAll(() => w?.close());

  it('a pushed new hire gets an account; deactivating them in the HR system disables it', async () => {
    const created = await scim('POST', '/Users', {
      schemas: [CORE, ENT],
      userName: 'zoe.quinn@hr.example',
      name: { givenName: 'Zoë', familyName: 'Quinn' },
      active: true,
      title: 'Designer',
      [ENT]: { employeeNumber: 'S501', department: 'Studio' },
    });
    expect(created.statusCode, created.body).toBe(201);
    await eventually(() => w.usersWithEmployeeId('S501').length === 1, 'the pushed joiner');
    const [zoe] = w.usersWithEmployeeId('S501');
    expect(zoe).toMatchObject({
      userPrincipalName: `z.quinn@${w.domain}`,
      jobTitle: 'Designer',
      department: 'Studio',
      accountEnabled: true,
    });

    const id = (created.json() as { id: string }).id;
    const deactivated = await scim('PATCH', `/Users/${id}`, {
      schemas: [PATCH_OP],
      Operations: [{ op: 'Replace', path: 'active', value: 'False' }],
    });
    expect(deactivated.statusCode, deactivated.body).toBe(200);
    await eventually(() => w.usersWithEmployeeId('S501')[0]?.accountEnabled === false, 'the leaver disabled');
    expect(w.usersWithEmployeeId('S501')).toHaveLength(1);
  });

  it('refuses a push without the source’s token', async () => {
    const res = await w.app.app.inject({
      method: 'GET',
      url: `/scim/v2/hr/${sourceId}/Users`,
      headers: { authorization: 'Bearer not-the-token' },
    });
    expect(res.statusCode).toBe(401);
  });
});
