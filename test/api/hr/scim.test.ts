import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Writable } from 'node:stream';
import { createLogger } from '../../../src/api/observability/logger.js';
import { registerHrScimRoutes } from '../../../src/api/routes/hr-scim.js';
import { createServer } from '../../../src/api/server.js';
import { createCustomerRepository, schema } from '../../../src/store/index.js';
import { startTestApp, type TestApp } from '../../support/app.js';

const CORE = 'urn:ietf:params:scim:schemas:core:2.0:User';
const ENT = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const EMP = 'urn:ietf:params:scim:schemas:extension:rollcall:2.0:Employment';
const ACCOUNT = 'urn:ietf:params:scim:schemas:extension:rollcall:2.0:User';
const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
const ERROR = 'urn:ietf:params:scim:api:messages:2.0:Error';

/** The clock of the app: every push happens on this day. */
const NOW = new Date('2026-12-06T09:30:00Z');
const TODAY = '2026-12-06';

interface Source {
  id: string;
  token: string;
}

function user(n: number, changes: Record<string, unknown> = {}) {
  return {
    schemas: [CORE, ENT, EMP],
    userName: `person${n}@hr.example`,
    externalId: `ext-${n}`,
    active: true,
    name: { givenName: `Given${n}`, familyName: `Family${n}` },
    displayName: `Given${n} Family${n}`,
    title: 'Analyst',
    emails: [{ value: `person${n}@home.example`, type: 'home', primary: false }],
    [ENT]: { employeeNumber: `E${n}`, department: 'Research', costCenter: 'CC-1' },
    [EMP]: { startDate: '2027-01-04', location: 'London' },
    ...changes,
  };
}

describe('SCIM 2.0 push endpoint (conformance)', () => {
  let app: TestApp;
  let scim: Source;
  let otherScim: Source;
  let csv: Source;

  async function givenSource(kind: 'scim' | 'csv'): Promise<Source> {
    const { customer } = await createCustomerRepository(app.deps.db).create({ name: `HR ${randomUUID()}` });
    const token = randomBytes(32).toString('base64url');
    const [row] = await app.deps.db
      .insert(schema.hrSources)
      .values({
        name: `${kind} ${randomUUID()}`,
        kind,
        customerId: customer.id,
        tenantId: randomUUID(),
        config: {},
        scimTokenHash: createHash('sha256').update(token).digest('hex'),
        scimTokenHint: token.slice(-4),
      })
      .returning();
    return { id: row!.id, token };
  }

  const request = (
    method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
    path: string,
    options: { body?: unknown; source?: Source; token?: string | null; contentType?: string } = {},
  ) => {
    const source = options.source ?? scim;
    const token = options.token === undefined ? source.token : options.token;
    return app.app.inject({
      method,
      url: `/scim/v2/hr/${source.id}${path}`,
      headers: {
        ...(token === null ? {} : { authorization: `Bearer ${token}` }),
        ...(options.body === undefined
          ? {}
          : { 'content-type': options.contentType ?? 'application/scim+json' }),
      },
      // A string is sent as it is (malformed JSON); anything else as JSON.
      ...(options.body === undefined
        ? {}
        : { payload: typeof options.body === 'string' ? options.body : JSON.stringify(options.body) }),
    });
  };

  const personRow = async (employeeId: string) => {
    const rows = await app.deps.db
      .select()
      .from(schema.hrPersons)
      .where(eq(schema.hrPersons.sourceId, scim.id));
    return rows.find((r) => r.employeeId === employeeId);
  };

  beforeAll(async () => {
    app = await startTestApp({ now: () => NOW, config: { publicUrl: 'https://rollcall.example' } });
    scim = await givenSource('scim');
    otherScim = await givenSource('scim');
    csv = await givenSource('csv');
  });
  afterAll(async () => {
    await app?.close();
  });

  it('serves the discovery documents', async () => {
    const config = await request('GET', '/ServiceProviderConfig');
    expect(config.statusCode).toBe(200);
    expect(config.headers['content-type']).toContain('application/scim+json');
    expect(config.json()).toMatchObject({
      patch: { supported: true },
      filter: { supported: true, maxResults: 200 },
      bulk: { supported: false },
      sort: { supported: false },
      etag: { supported: false },
      changePassword: { supported: false },
      authenticationSchemes: [{ type: 'oauthbearertoken' }],
    });
    const types = (await request('GET', '/ResourceTypes')).json();
    expect(types).toMatchObject({
      totalResults: 1,
      Resources: [{ id: 'User', endpoint: '/Users', schema: CORE }],
    });
    expect((await request('GET', '/ResourceTypes/User')).json()).toMatchObject({ id: 'User' });
    const schemas = (await request('GET', '/Schemas')).json();
    expect(schemas.Resources.map((s: { id: string }) => s.id)).toEqual([CORE, ENT, EMP, ACCOUNT]);
    expect((await request('GET', `/Schemas/${ENT}`)).json()).toMatchObject({
      id: ENT,
      name: 'EnterpriseUser',
    });
    const openApi = await app.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(openApi.statusCode).toBe(200);
    expect(Object.keys(openApi.json().paths).filter((p) => p.startsWith('/scim'))).toEqual([]);
    const unknown = await request('GET', '/Groups');
    expect([unknown.statusCode, unknown.json().schemas]).toEqual([404, [ERROR]]);
  });

  it('creates a user (201, Location, the body round-trips) and keeps the person', async () => {
    const res = await request('POST', '/Users', { body: user(1) });
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(res.headers.location).toBe(`https://rollcall.example/scim/v2/hr/${scim.id}/Users/${body.id}`);
    expect(body).toMatchObject({
      schemas: [CORE, ENT, EMP],
      userName: 'person1@hr.example',
      externalId: 'ext-1',
      active: true,
      name: { givenName: 'Given1', familyName: 'Family1' },
      displayName: 'Given1 Family1',
      title: 'Analyst',
      emails: [{ value: 'person1@home.example', type: 'home' }],
      [ENT]: { employeeNumber: 'E1', department: 'Research', costCenter: 'CC-1' },
      [EMP]: { startDate: '2027-01-04', location: 'London' },
      meta: { resourceType: 'User', location: res.headers.location },
    });
    expect((await request('GET', `/Users/${body.id}`)).json()).toEqual(body);
    expect(await personRow('E1')).toMatchObject({
      scimId: body.id,
      scimUserName: 'person1@hr.example',
      scimActive: true,
      removedOn: null,
      displayName: 'Given1 Family1',
      person: {
        employeeId: 'E1',
        givenName: 'Given1',
        contracts: [{ department: 'Research', startDate: '2027-01-04' }],
      },
    });
  });

  it('accepts application/json, and starts a contract without a start date on the day of the push', async () => {
    const { [EMP]: _dates, ...withoutDates } = user(2);
    const res = await request('POST', '/Users', { body: withoutDates, contentType: 'application/json' });
    expect(res.statusCode).toBe(201);
    expect(res.json()[EMP]).toMatchObject({ startDate: TODAY });
  });

  it('refuses a duplicate userName (any case) with 409 uniqueness, and a user without an employee id', async () => {
    const duplicate = await request('POST', '/Users', { body: user(3, { userName: 'PERSON1@hr.example' }) });
    expect(duplicate.statusCode).toBe(409);
    expect(duplicate.json()).toEqual({
      schemas: [ERROR],
      status: '409',
      scimType: 'uniqueness',
      detail: expect.any(String),
    });
    const sameEmployee = await request('POST', '/Users', { body: user(1, { userName: 'new@hr.example' }) });
    expect([sameEmployee.statusCode, sameEmployee.json().scimType]).toEqual([409, 'uniqueness']);
    const noId = await request('POST', '/Users', {
      body: user(4, { externalId: null, [ENT]: { department: 'X' } }),
    });
    expect([noId.statusCode, noId.json().scimType]).toEqual([400, 'invalidValue']);
    const broken = await request('POST', '/Users', { body: '{"userName":' });
    expect(broken.json()).toMatchObject({ schemas: [ERROR], status: '400', scimType: 'invalidSyntax' });
  });

  it('lists with a userName filter and pages with startIndex, count and totalResults', async () => {
    for (const n of [10, 11, 12])
      expect((await request('POST', '/Users', { body: user(n) })).statusCode).toBe(201);
    const filtered = (
      await request('GET', `/Users?filter=${encodeURIComponent('userName eq "Person11@HR.example"')}`)
    ).json();
    expect(filtered).toMatchObject({ totalResults: 1, startIndex: 1, itemsPerPage: 1 });
    expect(filtered.Resources[0][ENT].employeeNumber).toBe('E11');
    // As Entra's validator writes it: + for spaces.
    const plus = (await request('GET', '/Users?filter=userName+eq+%22person12%40hr.example%22')).json();
    expect(
      plus.Resources.map((u: Record<string, { employeeNumber: string }>) => u[ENT]!.employeeNumber),
    ).toEqual(['E12']);
    const none = (
      await request('GET', `/Users?filter=${encodeURIComponent('userName eq "nobody@hr.example"')}`)
    ).json();
    expect(none).toMatchObject({ totalResults: 0, Resources: [] });
    const all = (await request('GET', '/Users')).json();
    expect(all.totalResults).toBe(5);
    const page = (await request('GET', '/Users?startIndex=2&count=2')).json();
    expect(page).toMatchObject({ totalResults: 5, startIndex: 2, itemsPerPage: 2 });
    expect(page.Resources.map((u: { id: string }) => u.id)).toEqual(
      all.Resources.slice(1, 3).map((u: { id: string }) => u.id),
    );
    const invalid = await request('GET', `/Users?filter=${encodeURIComponent('displayName co "Given"')}`);
    expect([invalid.statusCode, invalid.json().scimType]).toEqual([400, 'invalidFilter']);
  });

  it('replaces a user with PUT', async () => {
    const created = (await request('POST', '/Users', { body: user(20) })).json();
    const res = await request('PUT', `/Users/${created.id}`, {
      body: user(20, { title: 'Lead', [ENT]: { employeeNumber: 'E20', department: 'Engines' } }),
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ id: created.id, title: 'Lead', [ENT]: { department: 'Engines' } });
    expect(res.json()[ENT]).not.toHaveProperty('costCenter');
    expect((await personRow('E20'))!.person).toMatchObject({
      contracts: [{ title: 'Lead', department: 'Engines', costCentre: null, startDate: '2027-01-04' }],
    });
    const otherEmployee = await request('PUT', `/Users/${created.id}`, {
      body: user(20, { [ENT]: { employeeNumber: 'E99' } }),
    });
    expect([otherEmployee.statusCode, otherEmployee.json().scimType]).toEqual([400, 'mutability']);
  });

  it('applies PATCH as Entra provisioning sends it, and deactivation makes a leaver from today', async () => {
    const manager = (await request('POST', '/Users', { body: user(30) })).json();
    const created = (await request('POST', '/Users', { body: user(31) })).json();
    const res = await request('PATCH', `/Users/${created.id}`, {
      body: {
        schemas: [PATCH_OP],
        Operations: [
          { op: 'Replace', path: 'title', value: 'Principal' },
          { op: 'Replace', path: `${ENT}:department`, value: 'Engines' },
          { op: 'Add', path: `${ENT}:manager`, value: manager.id },
          { op: 'Add', path: 'emails[type eq "work"].value', value: 'g31@work.example' },
          { op: 'Replace', value: { 'name.givenName': 'Renamed', displayName: 'Renamed Family31' } },
        ],
      },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      title: 'Principal',
      name: { givenName: 'Renamed' },
      displayName: 'Renamed Family31',
      active: true,
      [ENT]: { department: 'Engines', manager: { value: manager.id } },
    });
    expect((await personRow('E31'))!.person).toMatchObject({
      givenName: 'Renamed',
      contracts: [{ title: 'Principal', department: 'Engines', managerEmployeeId: 'E30' }],
    });

    const off = await request('PATCH', `/Users/${created.id}`, {
      body: { schemas: [PATCH_OP], Operations: [{ op: 'Replace', path: 'active', value: 'False' }] },
    });
    expect([off.statusCode, off.json().active]).toEqual([200, false]);
    expect(await personRow('E31')).toMatchObject({ scimActive: false, removedOn: TODAY });
    const on = await request('PATCH', `/Users/${created.id}`, {
      body: { schemas: [PATCH_OP], Operations: [{ op: 'replace', value: { active: true } }] },
    });
    expect(on.json().active).toBe(true);
    expect(await personRow('E31')).toMatchObject({ scimActive: true, removedOn: null });

    const badOp = await request('PATCH', `/Users/${created.id}`, {
      body: { schemas: [PATCH_OP], Operations: [{ op: 'remove' }] },
    });
    expect([badOp.statusCode, badOp.json().scimType]).toEqual([400, 'noTarget']);
  });

  it('deletes: 204, then 404; the person stays as a leaver', async () => {
    const created = (await request('POST', '/Users', { body: user(40) })).json();
    expect((await request('DELETE', `/Users/${created.id}`)).statusCode).toBe(204);
    const gone = await request('GET', `/Users/${created.id}`);
    expect([gone.statusCode, gone.json().schemas]).toEqual([404, [ERROR]]);
    expect((await request('DELETE', `/Users/${created.id}`)).statusCode).toBe(404);
    expect(await personRow('E40')).toMatchObject({ removedOn: TODAY, scimActive: false });
    const filtered = (
      await request('GET', `/Users?filter=${encodeURIComponent('externalId eq "ext-40"')}`)
    ).json();
    expect(filtered.totalResults).toBe(0);
  });

  it('refuses a missing or wrong token, another source’s token and a non-SCIM source with 401', async () => {
    const refusals = [
      await request('GET', '/Users', { token: null }),
      await request('GET', '/Users', { token: 'wrong' }),
      await request('GET', '/Users', { token: otherScim.token }),
      await request('POST', '/Users', { token: otherScim.token, body: user(50) }),
      await request('GET', '/ServiceProviderConfig', { source: csv }),
      await request('GET', '/Users', { source: { id: randomUUID(), token: scim.token } }),
    ];
    for (const res of refusals) {
      expect(res.statusCode).toBe(401);
      expect(res.headers['www-authenticate']).toMatch(/^Bearer/);
      expect(res.json()).toMatchObject({ schemas: [ERROR], status: '401' });
    }
    expect(await personRow('E50')).toBeUndefined();
    expect((await request('GET', '/Users', { source: otherScim })).json().totalResults).toBe(0);
  });

  it('reports every write that changed something to onPersonsChanged, and never logs the token', async () => {
    const lines: string[] = [];
    const destination = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const changed: string[] = [];
    const server = await createServer({
      logger: createLogger({ level: 'debug', destination }),
      routes: (s) =>
        registerHrScimRoutes(s, app.deps, async (sourceId) => {
          changed.push(sourceId);
        }),
    });
    try {
      const call = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', path: string, body?: unknown) =>
        server.inject({
          method,
          url: `/scim/v2/hr/${otherScim.id}${path}`,
          headers: { authorization: `Bearer ${otherScim.token}`, 'content-type': 'application/scim+json' },
          ...(body === undefined ? {} : { payload: JSON.stringify(body) }),
        });
      const created = (await call('POST', '/Users', user(60))).json();
      expect(changed).toEqual([otherScim.id]);
      await call('GET', `/Users/${created.id}`);
      const same = { schemas: [PATCH_OP], Operations: [{ op: 'Replace', path: 'title', value: 'Analyst' }] };
      expect((await call('PATCH', `/Users/${created.id}`, same)).statusCode).toBe(200);
      expect(changed).toHaveLength(1);
      const other = { schemas: [PATCH_OP], Operations: [{ op: 'Replace', path: 'title', value: 'Lead' }] };
      expect((await call('PATCH', `/Users/${created.id}`, other)).json()).toMatchObject({ title: 'Lead' });
      // With a content type and no body, as some clients send it.
      expect((await call('DELETE', `/Users/${created.id}`)).statusCode).toBe(204);
      expect(changed).toEqual([otherScim.id, otherScim.id, otherScim.id]);
      expect(lines.length).toBeGreaterThan(0);
      expect(lines.join('')).not.toContain(otherScim.token);
    } finally {
      await server.close();
    }
  });
});
