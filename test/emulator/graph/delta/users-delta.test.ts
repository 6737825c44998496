import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Emulator } from '../../../../src/emulator/index.js';
import { mintToken } from '../../../support/emulator.js';
import {
  createDeltaFixture,
  EXAMPLE_SHAPES,
  keysOf,
  type DeltaFixture,
  startDeltaEmulator,
} from './fixtures.js';

const NAMES = ['Cameron White', 'Delia Dennis', 'Mallory Cortez', 'Diego Sicilian', 'Lidia Holloway'];
const SELECT = '/v1.0/users/delta?$select=displayName,givenName,surname';

describe('users delta', () => {
  let emu: Emulator;
  let fx: DeltaFixture;
  beforeAll(async () => {
    emu = await startDeltaEmulator();
  });
  afterAll(() => emu.close());

  const setup = async (pageSize = 2) => {
    fx = await createDeltaFixture(emu, { graph: { deltaPageSize: pageSize } });
    return NAMES.map((n) => fx.addUser(n));
  };
  const byId = (values: Record<string, unknown>[], id: string) => values.filter((v) => v.id === id);

  it('pages an initial round through nextLinks to a deltaLink, in the documented shapes', async () => {
    const users = await setup(2);
    const round = await fx.round(SELECT);

    expect(round.pages).toHaveLength(3);
    expect(keysOf(round.pages[0])).toEqual(EXAMPLE_SHAPES.pageWithNextLink);
    expect(keysOf(round.pages[2])).toEqual(EXAMPLE_SHAPES.pageWithDeltaLink);
    expect(round.pages[0]!['@odata.context']).toMatch(
      /\/v1\.0\/\$metadata#users\(displayName,givenName,surname\)$/,
    );
    expect(round.pages[1]!['@odata.context']).toMatch(/\/v1\.0\/\$metadata#users$/);
    expect(round.pages[0]!['@odata.nextLink']).toMatch(/\/v1\.0\/users\/delta\?\$skiptoken=[\w-]+$/);
    expect(round.deltaLink).toMatch(/\/v1\.0\/users\/delta\?\$deltatoken=[\w-]+$/);
    expect(round.values.map((v) => v.id).sort()).toEqual(users.map((u) => u.props.id).sort());
    for (const v of round.values) expect(keysOf(v)).toEqual(EXAMPLE_SHAPES.selectedUser);
  });

  it('omits properties that were never set instead of sending null', async () => {
    await setup();
    const room = fx.addUser('Conf', { surname: undefined });
    const round = await fx.round(SELECT);
    expect(byId(round.values, room.props.id)).toEqual([
      { displayName: 'Conf', givenName: 'Conf', id: room.props.id },
    ]);
  });

  it('lists users in the recycle bin as @removed changed in the initial round', async () => {
    const [a] = await setup();
    fx.emu.estate.softDeleteUser(fx.tenant, a!.props.id);
    const round = await fx.round(SELECT);
    expect(byId(round.values, a!.props.id)).toEqual([{ id: a!.props.id, '@removed': { reason: 'changed' } }]);
  });

  it('returns updates, soft deletes (changed), purges (deleted) and restores in the next round', async () => {
    const [updated, softDeleted, purged, restored, untouched] = await setup();
    fx.emu.estate.softDeleteUser(fx.tenant, restored!.props.id);
    const first = await fx.round(SELECT);

    fx.emu.estate.updateUser(fx.tenant, updated!.props.id, { displayName: 'MOD Administrator' });
    fx.emu.estate.updateUser(fx.tenant, updated!.props.id, { givenName: 'MOD' });
    fx.emu.estate.softDeleteUser(fx.tenant, softDeleted!.props.id);
    fx.emu.estate.purgeUser(fx.tenant, purged!.props.id);
    fx.emu.estate.restoreUser(fx.tenant, restored!.props.id);
    const next = await fx.round(first.deltaLink);

    expect(next.pages[0]!['@odata.context']).toMatch(/#users$/);
    expect(byId(next.values, updated!.props.id)).toEqual([
      { displayName: 'MOD Administrator', givenName: 'MOD', surname: 'White', id: updated!.props.id },
    ]);
    expect(byId(next.values, softDeleted!.props.id)).toEqual([
      { id: softDeleted!.props.id, '@removed': { reason: 'changed' } },
    ]);
    expect(byId(next.values, purged!.props.id)).toEqual([
      { id: purged!.props.id, '@removed': { reason: 'deleted' } },
    ]);
    expect(keysOf(byId(next.values, restored!.props.id)[0])).toEqual(EXAMPLE_SHAPES.selectedUser);
    expect(byId(next.values, untouched!.props.id)).toEqual([]);

    const quiet = await fx.round(next.deltaLink);
    expect(quiet.values).toEqual([]);
  });

  it('does not surface changes to properties outside $select', async () => {
    const [a] = await setup();
    const first = await fx.round('/v1.0/users/delta?$select=displayName');
    fx.emu.estate.updateUser(fx.tenant, a!.props.id, { jobTitle: 'Engineer' });
    const hidden = await fx.round(first.deltaLink);
    expect(hidden.values).toEqual([]);

    fx.emu.estate.updateUser(fx.tenant, a!.props.id, { displayName: 'Cam White' });
    const shown = await fx.round(hidden.deltaLink);
    expect(shown.values).toEqual([{ displayName: 'Cam White', id: a!.props.id }]);
  });

  it('sends only changed properties, nulls included, with Prefer: return=minimal', async () => {
    const [a] = await setup();
    fx.emu.estate.updateUser(fx.tenant, a!.props.id, { jobTitle: 'Engineer' }, { silent: true });
    const first = await fx.round('/v1.0/users/delta');
    fx.emu.estate.updateUser(fx.tenant, a!.props.id, { jobTitle: null, displayName: 'Cam White' });

    const res = await fx.get(first.deltaLink, { prefer: 'return=minimal' });
    expect(res.headers?.['preference-applied']).toBe('return=minimal');
    const body = res.body as { value: Record<string, unknown>[] };
    expect(body.value).toEqual([{ displayName: 'Cam White', jobTitle: null, id: a!.props.id }]);

    const full = await fx.round(first.deltaLink);
    expect(full.values[0]).toMatchObject({ displayName: 'Cam White', userPrincipalName: expect.any(String) });
    expect(full.values[0]).not.toHaveProperty('jobTitle');
  });

  it('starts from now with $deltatoken=latest', async () => {
    const [a, b] = await setup();
    const res = await fx.get('/v1.0/users/delta?$deltatoken=latest&$select=displayName');
    const body = res.body as Record<string, unknown>;
    expect(keysOf(body)).toEqual(EXAMPLE_SHAPES.pageWithDeltaLink);
    expect(body.value).toEqual([]);

    fx.emu.estate.updateUser(fx.tenant, b!.props.id, { displayName: 'Delia D.' });
    const next = await fx.round(body['@odata.deltaLink'] as string);
    expect(next.values).toEqual([{ displayName: 'Delia D.', id: b!.props.id }]);
    expect(byId(next.values, a!.props.id)).toEqual([]);
  });

  it('reports manager changes in manager@delta when manager is selected', async () => {
    const [a, b, c] = await setup();
    fx.emu.estate.setManager(fx.tenant, a!.props.id, b!.props.id);
    const first = await fx.round('/v1.0/users/delta?$select=displayName,manager');
    expect(byId(first.values, a!.props.id)[0]).toEqual({
      displayName: 'Cameron White',
      id: a!.props.id,
      'manager@delta': [{ '@odata.type': '#microsoft.graph.user', id: b!.props.id }],
    });

    fx.emu.estate.setManager(fx.tenant, a!.props.id, null);
    fx.emu.estate.setManager(fx.tenant, c!.props.id, b!.props.id);
    const next = await fx.round(first.deltaLink);
    expect(byId(next.values, a!.props.id)[0]!['manager@delta']).toEqual([
      { '@odata.type': '#microsoft.graph.user', id: b!.props.id, '@removed': { reason: 'deleted' } },
    ]);
    expect(byId(next.values, c!.props.id)[0]!['manager@delta']).toEqual([
      { '@odata.type': '#microsoft.graph.user', id: b!.props.id },
    ]);
  });

  it('restricts a round to the ids of $filter, and keeps the filter in its tokens', async () => {
    const [a, b, c] = await setup(1);
    const filter = `$filter=${encodeURIComponent(`id eq '${a!.props.id}' or id eq '${c!.props.id}'`)}`;
    const first = await fx.round(`/v1.0/users/delta?${filter}`);
    expect(first.values.map((v) => v.id).sort()).toEqual([a!.props.id, c!.props.id].sort());

    fx.emu.estate.updateUser(fx.tenant, a!.props.id, { displayName: 'A' });
    fx.emu.estate.updateUser(fx.tenant, b!.props.id, { displayName: 'B' });
    const next = await fx.round(first.deltaLink);
    expect(next.values.map((v) => v.id)).toEqual([a!.props.id]);
  });

  it('rejects unknown $select properties and filters other than ids', async () => {
    await setup();
    const bad = await fx.get('/v1.0/users/delta?$select=displayName,shoeSize');
    expect(bad.status).toBe(400);
    const filter = await fx.get(
      `/v1.0/users/delta?$filter=${encodeURIComponent("startswith(displayName,'A')")}`,
    );
    expect(filter.status).toBe(400);
    expect(filter.body).toMatchObject({ error: { code: 'Request_UnsupportedQuery' } });
  });

  it('accepts the long form /users/microsoft.graph.delta()', async () => {
    await setup(10);
    const round = await fx.round('/v1.0/users/microsoft.graph.delta()?$select=displayName');
    expect(round.values).toHaveLength(NAMES.length);
  });

  it('needs a permission to read users', async () => {
    await setup();
    const token = await mintToken(emu, { tenantId: fx.tenant.id, roles: ['Group.Read.All'] });
    const res = await fx.emu.inject({
      method: 'GET',
      url: '/v1.0/users/delta',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ error: { code: 'Authorization_RequestDenied' } });
  });

  it('keeps a round consistent when users are created while it is being paged', async () => {
    const users = await setup(2);
    const page1 = (await fx.get(SELECT)).body as Record<string, unknown>;
    const late = fx.emu.estate.addUser(fx.tenant, {
      id: fx.nextId(),
      displayName: 'Late Joiner',
      userPrincipalName: 'late@contoso.onmicrosoft.com',
    });
    const rest = await fx.round(page1['@odata.nextLink'] as string);
    const seen = new Set([...(page1.value as { id: string }[]), ...rest.values].map((v) => v.id as string));
    for (const u of users) expect(seen.has(u.props.id)).toBe(true);

    const next = await fx.round(rest.deltaLink);
    expect(next.values.map((v) => v.id)).toContain(late.props.id);
  });
});
