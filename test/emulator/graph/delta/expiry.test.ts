import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EmulatorBehaviour } from '../../../../src/emulator/config.js';
import type { Emulator } from '../../../../src/emulator/index.js';
import { createDeltaFixture, startDeltaEmulator, type DeltaFixture } from './fixtures.js';

const DAY_MS = 24 * 3600 * 1000;

describe('delta token expiry', () => {
  let emu: Emulator;
  let fx: DeltaFixture;
  beforeAll(async () => {
    emu = await startDeltaEmulator();
  });
  afterAll(() => emu.close());

  const setup = async (graph: Partial<EmulatorBehaviour['graph']> = {}) => {
    fx = await createDeltaFixture(emu, { graph: { deltaPageSize: 2, ...graph } });
    for (const n of ['Ana Lopes', 'Bo Li', 'Chloé Martin']) fx.addUser(n);
  };

  it('answers a deltaLink older than 7 days with 410 syncStateNotFound and a Location to resync', async () => {
    await setup();
    const first = await fx.round('/v1.0/users/delta?$select=displayName');
    fx.emu.clock.advance(6 * DAY_MS);
    expect((await fx.get(first.deltaLink)).status).toBe(200);

    fx.emu.clock.advance(2 * DAY_MS);
    const res = await fx.get(first.deltaLink);
    expect(res.status).toBe(410);
    expect(res.body).toMatchObject({ error: { code: 'syncStateNotFound' } });
    const location = res.headers?.location;
    expect(location).toMatch(/\/v1\.0\/users\/delta\?\$select=displayName&\$deltatoken=$/);

    const resync = await fx.round(location!);
    expect(resync.values).toHaveLength(3);
    expect(Object.keys(resync.values[0]!).sort()).toEqual(['displayName', 'id']);
  });

  it('answers as configured instead (400 resyncRequired without Location)', async () => {
    await setup({
      deltaTokenLifetimeSeconds: 60,
      expiredDeltaToken: { status: 400, code: 'resyncRequired', location: false },
    });
    const first = await fx.round('/v1.0/users/delta');
    fx.emu.clock.advance(61_000);
    const res = await fx.get(first.deltaLink);
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ error: { code: 'resyncRequired' } });
    expect(res.headers?.location).toBeUndefined();
  });

  it('treats garbled and unknown tokens like expired ones', async () => {
    await setup();
    for (const url of [
      '/v1.0/users/delta?$deltatoken=not-a-token',
      '/v1.0/groups/delta?$skiptoken=eyJ4IjoxfQ',
    ]) {
      const res = await fx.get(url);
      expect(res.status).toBe(410);
      expect(res.body).toMatchObject({ error: { code: 'syncStateNotFound' } });
    }
  });

  it('refuses a users token on the groups endpoint and in another tenant', async () => {
    await setup();
    const first = await fx.round('/v1.0/users/delta');
    const token = new URL(first.deltaLink).searchParams.get('$deltatoken')!;
    expect((await fx.get(`/v1.0/groups/delta?$deltatoken=${token}`)).status).toBe(410);

    const other = await fx.otherTenant();
    const res = await emu.inject({
      method: 'GET',
      url: first.deltaLink,
      headers: { authorization: `Bearer ${other.token}` },
    });
    expect(res.status).toBe(410);
  });

  it('expires a stale nextLink inside a round like a delta token', async () => {
    await setup({ pageTokenLifetimeSeconds: 600 });
    const page1 = (await fx.get('/v1.0/users/delta')).body as Record<string, unknown>;
    fx.emu.clock.advance(601_000);
    const res = await fx.get(page1['@odata.nextLink'] as string);
    expect(res.status).toBe(410);
    expect(res.headers?.location).toMatch(/\/v1\.0\/users\/delta\?\$deltatoken=$/);
  });
});
