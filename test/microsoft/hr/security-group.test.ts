import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createSecurityGroup, resolveGroups } from '../../../src/microsoft/directory/provisioning/index.js';
import {
  counted,
  PROVISIONING_ROLES,
  startProvisioningFixture,
  type ProvisioningFixture,
} from '../provisioning/emulated-graph.js';

let f: ProvisioningFixture;
beforeAll(async () => {
  f = await startProvisioningFixture();
});
afterAll(() => f.emu.close());
beforeEach(async () => {
  await f.reset();
  await f.grant([...PROVISIONING_ROLES, 'Group.Create']);
});

describe('createSecurityGroup', () => {
  it('creates an assigned security group that resolveGroups then finds by name', async () => {
    const created = await createSecurityGroup(f.graph, {
      displayName: 'HR: Café Team (Leeds) ',
      description: 'Everyone in the Leeds café team, from HR',
    });
    expect(created).toMatchObject({
      ok: true,
      value: { name: 'HR: Café Team (Leeds)', kind: 'security', canAddMembers: true },
      request: {
        method: 'POST',
        url: '/groups',
        body: {
          mailEnabled: false,
          securityEnabled: true,
          groupTypes: [],
          mailNickname: 'HR-Cafe-Team-Leeds',
        },
      },
      response: { status: 201 },
    });
    expect(counted(f, 'POST /groups')).toBe(1);
    if (!created.ok) return;
    expect(f.fx.tenant.groups.get(created.value.id)?.props).toMatchObject({
      description: 'Everyone in the Leeds café team, from HR',
      mail: null,
      proxyAddresses: [],
    });

    const resolved = await resolveGroups(f.graph, ['hr: café team (leeds)']);
    expect(resolved).toMatchObject({
      ok: true,
      value: { found: [created.value], missing: [], ambiguous: [] },
    });
  });

  it('says why Graph refused: a blank name, or no permission to create groups', async () => {
    const blank = await createSecurityGroup(f.graph, { displayName: '   ' });
    expect(blank).toMatchObject({
      ok: false,
      response: {
        status: 400,
        body: {
          error: {
            code: 'Request_BadRequest',
            message: "Invalid value specified for property 'displayName' of resource 'Group'.",
          },
        },
      },
    });

    await f.grant(PROVISIONING_ROLES);
    const denied = await createSecurityGroup(f.graph, { displayName: 'Leeds' });
    expect(denied).toMatchObject({
      ok: false,
      refusal: { code: 'Authorization_RequestDenied' },
      response: { status: 403 },
    });
    expect([...f.fx.tenant.groups.values()].some((g) => g.props.displayName === 'Leeds')).toBe(false);
  });
});
