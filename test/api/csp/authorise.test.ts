import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAuditRepository, createConnectionRepository } from '../../../src/store/index.js';
import { call, givenAgent } from '../access/fixtures.js';
import {
  authorise,
  createCspConnection,
  cspInput,
  getConnection,
  startCspConnectionWorld,
  type AppCredentials,
  type CspConnectionWorld,
} from './connection-fixtures.js';

let world: CspConnectionWorld;
let pc: AppCredentials;
let gdap: AppCredentials;

beforeAll(async () => {
  world = await startCspConnectionWorld();
  pc = await world.partnerCenterApp();
  gdap = await world.gdapApp();
}, 60_000);
afterAll(async () => {
  await world?.close();
});

const refreshTokenOf = async (id: string) =>
  (await createConnectionRepository(world.app.deps.db, world.app.deps.secrets).readSecrets(id))?.refreshToken;

describe('CSP connections: Authorise', () => {
  it('signs the partner user in, keeps the refresh token encrypted and passes every check', async () => {
    const { id } = await createCspConnection(world, cspInput(world, pc, gdap));
    const outcome = await authorise(world, id);
    expect(outcome).toEqual({ kind: 'back', location: `/integrations/csp/${id}?authorisation=authorised` });

    const connection = await getConnection(world, id);
    expect(connection.partnerCenterApp.refreshToken.stored).toBe(true);
    expect(connection.lastAuthorisation).toMatchObject({
      status: 'authorised',
      signedInAs: world.partnerUser.upn,
      message: 'Authorised: Partner Center and both app registrations are ready.',
    });
    expect(connection.lastAuthorisation!.checks.map((c) => [c.check, c.status])).toEqual([
      ['partnerCenterToken', 'ok'],
      ['customerList', 'ok'],
      ['gdapRelationships', 'ok'],
      ['gdapAppToken', 'ok'],
    ]);
    expect(connection.lastAuthorisation!.checks[1]!.detail).toMatch(
      /Partner Center lists customers \([1-9]\d* on/,
    );
    const token = await refreshTokenOf(id);
    expect(token).toBeTruthy();
    expect(JSON.stringify(connection)).not.toContain(token!);
    const trail = await createAuditRepository(world.app.deps.db).list({
      targetType: 'connection',
      targetId: id,
    });
    expect(trail.items[0]).toMatchObject({
      action: 'connection.authorise',
      details: { after: { status: 'authorised', failed: [] } },
    });
    expect(JSON.stringify(trail.items)).not.toContain(token!);
  });

  it('checks again with the stored sign-in and keeps the refresh token Microsoft renews', async () => {
    const { id } = await createCspConnection(world, cspInput(world, pc, gdap));
    await authorise(world, id);
    const first = await refreshTokenOf(id);
    const res = await call(world.app, world.configurer, 'POST', `/api/csp/connections/${id}/checks`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'authorised', signedInAs: world.partnerUser.upn });
    const renewed = await refreshTokenOf(id);
    expect(renewed).toBeTruthy();
    expect(renewed).not.toBe(first);
    // The renewed token works on its own: the next check signs in with it.
    const again = await call(world.app, world.configurer, 'POST', `/api/csp/connections/${id}/checks`);
    expect(again.json().status).toBe('authorised');
  });

  it('says what is missing before anyone authorised', async () => {
    const { id } = await createCspConnection(world, cspInput(world, pc, gdap));
    const res = await call(world.app, world.configurer, 'POST', `/api/csp/connections/${id}/checks`);
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ errors: [{ field: 'refreshToken' }] });
  });

  it('forgets the partner user’s sign-in when the Partner Center app or tenant changes', async () => {
    const { id } = await createCspConnection(world, cspInput(world, pc, gdap));
    await authorise(world, id);
    const other = await world.partnerCenterApp();
    const res = await call(world.app, world.configurer, 'PUT', `/api/csp/connections/${id}`, {
      ...cspInput(world, other, gdap),
      gdapClientSecret: undefined,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      partnerCenterApp: { refreshToken: { stored: false } },
      lastAuthorisation: null,
    });
  });

  it('refuses a callback finished by someone else than who started it', async () => {
    const { id } = await createCspConnection(world, cspInput(world, pc, gdap));
    const start = await call(world.app, world.configurer, 'POST', `/api/csp/connections/${id}/authorise`);
    const cookie = [start.headers['set-cookie'] ?? []].flat().map((c) => c.split(';')[0]!)[0]!;
    const state = new URL(start.json().authorizeUrl).searchParams.get('state')!;
    const res = await world.app.app.inject({
      method: 'GET',
      url: `/api/csp/connections/callback?code=stolen&state=${state}`,
      headers: { cookie: `${world.outsider.cookie}; ${cookie}` },
    });
    expect(res.statusCode).toBe(403);
    const other = await givenAgent(world.app.deps.db, { permissions: ['integrations.csp.configure'] });
    const stolen = await world.app.app.inject({
      method: 'GET',
      url: `/api/csp/connections/callback?code=stolen&state=${state}`,
      headers: { cookie: `${other.cookie}; ${cookie}` },
    });
    expect(stolen.statusCode).toBe(302);
    expect(stolen.headers.location).toBe('/integrations/csp?authorisation=state_invalid');
  });
});
