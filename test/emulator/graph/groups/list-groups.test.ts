import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { groupProps } from '../../../../src/emulator/graph/groups/group-view.js';
import type { Emulator } from '../../../../src/emulator/index.js';
import type { GroupKind, GroupRecord } from '../../../../src/emulator/state/types.js';
import { startEmulator } from '../../../support/emulator.js';
import {
  CONTOSO_ID,
  createDirectoryFixture,
  EVENTUAL,
  graphClient,
  type DirectoryFixture,
} from '../fixtures.js';

type Page = {
  '@odata.context': string;
  '@odata.count'?: number;
  '@odata.nextLink'?: string;
  value: Record<string, unknown>[];
};

describe('GET /groups', () => {
  let emu: Emulator;
  let fx: DirectoryFixture;
  let graph: Awaited<ReturnType<typeof graphClient>>;

  beforeAll(async () => {
    emu = await startEmulator({ preset: 'empty' });
  });
  afterAll(() => emu.close());
  beforeEach(async () => {
    emu.estate.clear();
    fx = createDirectoryFixture(emu);
    graph = await graphClient(emu, CONTOSO_ID, ['Group.Read.All']);
  });

  const names = async (path: string, headers: Record<string, string> = {}) => {
    const res = await graph.get(path, headers);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return (res.body as Page).value.map((g) => g.displayName).sort();
  };

  it('lists groups with the default group property set', async () => {
    const res = await graph.get('/groups');
    const body = res.body as Page;
    expect(body['@odata.context']).toMatch(/\$metadata#groups$/);
    expect(body.value).toHaveLength(7);
    const allStaff = body.value.find((g) => g.id === fx.groups.allStaff)!;
    expect(allStaff).toMatchObject({
      displayName: 'All Staff',
      groupTypes: ['Unified'],
      mailEnabled: true,
      securityEnabled: false,
      mail: 'allstaff@contoso.com',
      deletedDateTime: null,
      membershipRule: null,
    });
    expect(allStaff).not.toHaveProperty('assignedLicenses');
  });

  it('filters by type the way clients tell kinds apart', async () => {
    expect(await names("/groups?$filter=groupTypes/any(c:c eq 'Unified')")).toEqual(['All Staff']);
    expect(await names('/groups?$filter=mailEnabled eq true and securityEnabled eq true')).toEqual([
      'Finance Mail Security',
    ]);
    expect(await names("/groups?$filter=groupTypes/any(c:c eq 'DynamicMembership')")).toEqual([
      'Dynamic Sales',
    ]);
    expect(await names("/groups?$filter=startswith(displayName,'on')")).toEqual(['On-Prem Staff']);
    const unsupported = await graph.get(
      '/groups?$filter=createdDateTime ge 2021-11-01&$count=true',
      EVENTUAL,
    );
    expect(unsupported.body).toMatchObject({
      error: {
        code: 'Request_UnsupportedQuery',
        message:
          "Unsupported or invalid query filter clause specified for property 'createdDateTime' of resource 'Group'.",
      },
    });
  });

  it('selects, searches, orders and counts like users', async () => {
    const selected = (await graph.get('/groups?$select=displayName,assignedLicenses')).body as Page;
    expect(selected['@odata.context']).toMatch(/#groups\(displayName,assignedLicenses\)$/);
    expect(Object.keys(selected.value[0]!)).toEqual(['displayName', 'assignedLicenses', 'id']);
    expect(await names('/groups?$search="displayName:staff"', EVENTUAL)).toEqual([
      'All Staff',
      'On-Prem Staff',
    ]);
    const ordered = (await graph.get('/groups?$orderby=displayName&$select=displayName&$top=3')).body as Page;
    expect(ordered.value.map((g) => g.displayName)).toEqual([
      'All Staff',
      'Dynamic Sales',
      'Finance Mail Security',
    ]);
    expect(ordered['@odata.nextLink']).toBeDefined();
    expect((await graph.get('/groups/$count', EVENTUAL)).body).toBe('7');
    expect((await graph.get('/groups/$count')).status).toBe(400);
    const counted = (await graph.get('/groups?$count=true&$top=2', EVENTUAL)).body as Page;
    expect(counted['@odata.count']).toBe(7);
  });

  it('gets one group, 404 for an unknown one', async () => {
    const res = await graph.get(
      `/groups/${fx.groups.dynamicSales}?$select=displayName,groupTypes,membershipRule`,
    );
    expect(res.body).toEqual({
      '@odata.context': expect.stringMatching(/#groups\(displayName,groupTypes,membershipRule\)\/\$entity$/),
      displayName: 'Dynamic Sales',
      groupTypes: ['DynamicMembership'],
      membershipRule: '(user.department -eq "Sales")',
      id: fx.groups.dynamicSales,
    });
    const missing = await graph.get('/groups/00000000-0000-4000-8000-0000000009ff');
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ error: { code: 'Request_ResourceNotFound' } });
  });

  it('derives groupTypes, mailEnabled and securityEnabled from the kind when a record lacks them', () => {
    const shapes: [GroupKind, boolean, unknown[], boolean, boolean][] = [
      ['m365', false, ['Unified'], true, false],
      ['security', false, [], false, true],
      ['mailSecurity', false, [], true, true],
      ['distribution', false, [], true, false],
      ['security', true, ['DynamicMembership'], false, true],
    ];
    for (const [kind, dynamic, groupTypes, mailEnabled, securityEnabled] of shapes) {
      const record = {
        props: { id: 'g' },
        kind,
        dynamic,
        members: new Map(),
        deletedAt: null,
        version: 0,
      } as GroupRecord;
      expect(groupProps(record)).toMatchObject({ groupTypes, mailEnabled, securityEnabled });
    }
  });
});
