import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call } from '../access/fixtures.js';
import { startHrWorld, type HrWorld } from './hr-world.js';

const CORE = 'urn:ietf:params:scim:schemas:core:2.0:User';
const ENT = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const EMP = 'urn:ietf:params:scim:schemas:extension:rollcall:2.0:Employment';
const ACCOUNT = 'urn:ietf:params:scim:schemas:extension:rollcall:2.0:User';
const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

type User = Record<string, unknown> & { id: string; schemas: string[] };

describe('SCIM sources read the account Rollcall made from the User', () => {
  let w: HrWorld;
  let sourceId: string;
  let token: string;

  const scim = (method: 'GET' | 'POST' | 'PUT' | 'PATCH', path: string, body?: unknown) =>
    w.app.app.inject({
      method,
      url: `/scim/v2/hr/${sourceId}${path}`,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/scim+json' },
      ...(body === undefined ? {} : { payload: JSON.stringify(body) }),
    });

  beforeAll(async () => {
    w = await startHrWorld();
    const res = await call(w.app, w.admin, 'POST', '/api/hr/sources', {
      name: 'Pushing HR',
      kind: 'scim',
      customerId: w.customerId,
      tenantId: w.s.tenantId,
      domain: w.domain,
      naming: { format: 'firstname.lastname' },
    });
    expect(res.statusCode, res.body).toBe(201);
    const created = res.json() as { source: { id: string }; scimToken: string };
    sourceId = created.source.id;
    token = created.scimToken;
    await w.publishDraft(sourceId);
  }, 120_000);
  afterAll(() => w?.close());

  it('a User carries its account’s UPN, e-mail and object id once made; the HR’s attributes are left as pushed', async () => {
    const pushed = {
      schemas: [CORE, ENT],
      userName: 'ivy.moss@hr.example',
      name: { givenName: 'Ivy', familyName: 'Moss' },
      emails: [{ value: 'ivy@home.example', type: 'home' }],
      active: true,
      [ENT]: { employeeNumber: 'S700', department: 'Studio' },
    };
    const created = await scim('POST', '/Users', pushed);
    expect(created.statusCode, created.body).toBe(201);
    const before = created.json() as User;
    expect(before.schemas).not.toContain(ACCOUNT);
    expect(before).not.toHaveProperty([ACCOUNT]);

    // The push queues an enforcement; wait until the account shows on the User.
    const deadline = Date.now() + 60_000;
    let user = before;
    while (!user.schemas.includes(ACCOUNT)) {
      if (Date.now() > deadline) throw new Error('the account never showed on the User');
      await sleep(200);
      user = (await scim('GET', `/Users/${before.id}`)).json() as User;
    }
    const [account] = w.usersWithEmployeeId('S700');
    const view = await call(w.app, w.admin, 'GET', `/api/hr/sources/${sourceId}/persons/S700`);
    expect(view.json()).toMatchObject({ addressesToSource: 'scim', writtenBack: null });
    const upn = `ivy.moss@${w.domain}`;
    expect(account).toMatchObject({ userPrincipalName: upn });
    expect(user.schemas).toEqual([CORE, ENT, EMP, ACCOUNT]);
    expect(user).toMatchObject({
      userName: 'ivy.moss@hr.example',
      emails: [{ value: 'ivy@home.example', type: 'home' }],
      [ACCOUNT]: { userPrincipalName: upn, mail: upn, objectId: account!.id },
    });

    const listed = await scim(
      'GET',
      `/Users?filter=${encodeURIComponent('userName eq "ivy.moss@hr.example"')}`,
    );
    expect((listed.json() as { Resources: User[] }).Resources[0]).toMatchObject({
      [ACCOUNT]: { userPrincipalName: upn },
    });

    // Replacing the User with other values in the extension changes neither it nor the person.
    const put = await scim('PUT', `/Users/${before.id}`, {
      ...user,
      title: 'Illustrator',
      [ACCOUNT]: { userPrincipalName: 'someone.else@hr.example', mail: null },
    });
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json()).toMatchObject({
      title: 'Illustrator',
      [ACCOUNT]: { userPrincipalName: upn, mail: upn },
    });

    const patched = await scim('PATCH', `/Users/${before.id}`, {
      schemas: [PATCH_OP],
      Operations: [{ op: 'Replace', path: 'title', value: 'Art director' }],
    });
    expect(patched.statusCode, patched.body).toBe(200);
    expect(patched.json()).toMatchObject({ title: 'Art director', [ACCOUNT]: { userPrincipalName: upn } });

    const refused = await scim('PATCH', `/Users/${before.id}`, {
      schemas: [PATCH_OP],
      Operations: [{ op: 'replace', path: `${ACCOUNT}:mail`, value: 'x@hr.example' }],
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json()).toMatchObject({ scimType: 'mutability' });
  });

  it('describes the extension in /Schemas and on the User resource type', async () => {
    const schemas = (await scim('GET', '/Schemas')).json() as { Resources: { id: string }[] };
    expect(schemas.Resources.map((s) => s.id)).toContain(ACCOUNT);
    const one = await scim('GET', `/Schemas/${ACCOUNT}`);
    expect(one.statusCode, one.body).toBe(200);
    expect(one.json()).toMatchObject({
      id: ACCOUNT,
      attributes: [
        { name: 'userPrincipalName', mutability: 'readOnly' },
        { name: 'mail', mutability: 'readOnly' },
        { name: 'objectId', mutability: 'readOnly' },
      ],
    });
    const type = (await scim('GET', '/ResourceTypes/User')).json() as {
      schemaExtensions: { schema: string }[];
    };
    expect(type.schemaExtensions.map((e) => e.schema)).toContain(ACCOUNT);
  });
});
