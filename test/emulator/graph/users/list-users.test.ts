import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Emulator } from '../../../../src/emulator/index.js';
import { startEmulator } from '../../../support/emulator.js';
import {
  addBulkUsers,
  CONTOSO_ID,
  createDirectoryFixture,
  E3,
  EVENTUAL,
  graphClient,
  type DirectoryFixture,
} from '../fixtures.js';

const EXAMPLES = '/work/shared/reference/microsoft-examples';
const example = (name: string) =>
  JSON.parse(readFileSync(`${EXAMPLES}/${name}`, 'utf8')) as { body: { value: Record<string, unknown>[] } };

type Page = {
  '@odata.context': string;
  '@odata.nextLink'?: string;
  '@odata.count'?: number;
  value: Record<string, unknown>[];
};

describe('GET /users', () => {
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
    graph = await graphClient(emu, CONTOSO_ID, ['User.Read.All']);
  });

  const page = async (path: string, headers: Record<string, string> = {}) => {
    const res = await graph.get(path, headers);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body as Page;
  };

  /** Follows nextLinks verbatim, as clients must. */
  const allPages = async (path: string, headers: Record<string, string> = {}) => {
    const pages: Page[] = [];
    let next: string | undefined = path;
    while (next) {
      const body = await page(next, headers);
      pages.push(body);
      next = body['@odata.nextLink'];
    }
    return pages;
  };

  it('returns the default property set in the shape of Microsoft example 01a', async () => {
    const body = await page('/users');
    const expected = example('01a-users-list.json');
    expect(body['@odata.context']).toMatch(/^https:\/\/[^/]+\/v1\.0\/\$metadata#users$/);
    expect(Object.keys(body).sort()).toEqual(['@odata.context', 'value']);
    const keys = Object.keys(expected.body.value[0]!).sort();
    for (const user of body.value) expect(Object.keys(user).sort()).toEqual(keys);
    const adams = body.value.find((u) => u.displayName === 'Conf Room Adams')!;
    expect(adams).toMatchObject({
      businessPhones: [],
      givenName: null,
      jobTitle: null,
      mail: 'Adams@contoso.com',
    });
  });

  it('answers $select + assignedLicenses lambda in the shape of Microsoft example 01b', async () => {
    const body = await page(
      `/users?$select=id,mail,assignedLicenses&$filter=assignedLicenses/any(u:u/skuId eq ${E3})`,
    );
    const expected = example('01b-users-list-select.json');
    expect(body['@odata.context']).toMatch(/\$metadata#users\(id,mail,assignedLicenses\)$/);
    expect(body.value).toHaveLength(1);
    expect(Object.keys(body.value[0]!).sort()).toEqual(Object.keys(expected.body.value[0]!).sort());
    expect(body.value[0]).toEqual({
      id: fx.users.adele,
      mail: 'AdeleV@contoso.com',
      assignedLicenses: [{ skuId: E3, disabledPlans: [] }],
    });
  });

  it('refuses unknown $select properties and single-user-only properties on the collection', async () => {
    const unknown = await graph.get('/users?$select=id,shoeSize');
    expect(unknown.status).toBe(400);
    expect(unknown.body).toMatchObject({
      error: {
        code: 'BadRequest',
        message: "Could not find a property named 'shoeSize' on type 'microsoft.graph.user'.",
      },
    });
    const single = await graph.get('/users?$select=id,aboutMe');
    expect(single.status).toBe(501);
  });

  it('pages 100 by default and 1–999 with $top, refusing other sizes with the directory message', async () => {
    addBulkUsers(emu, fx.tenant, 150);
    const first = await page('/users');
    expect(first.value).toHaveLength(100);
    expect(first['@odata.nextLink']).toBeDefined();
    for (const top of ['0', '1000']) {
      const res = await graph.get(`/users?$top=${top}`);
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({
        error: {
          code: 'Request_UnsupportedQuery',
          message: `Invalid page size specified: '${top}'. Must be between 1 and 999 inclusive.`,
        },
      });
    }
    expect((await graph.get('/users?$top=ten')).status).toBe(400);
  });

  it('serves at most 100 users a page with $expand=manager, whatever $top asks (known issue 13635)', async () => {
    addBulkUsers(emu, fx.tenant, 250);
    const expanded = await page('/users?$select=id&$expand=manager($select=id)&$top=999');
    expect(expanded.value).toHaveLength(100);
    expect(expanded['@odata.nextLink']).toBeDefined();
    const plain = await page('/users?$select=id&$top=999');
    expect(plain.value.length).toBeGreaterThan(250);
  });

  it('pages through every user with verbatim nextLinks that keep the original query', async () => {
    const bulk = addBulkUsers(emu, fx.tenant, 2100);
    const pages = await allPages('/users?$select=id,displayName&$top=999');
    expect(pages.map((p) => p.value.length)).toEqual([999, 999, 109]);
    const link = new URL(pages[0]!['@odata.nextLink']!);
    expect(link.pathname).toBe('/v1.0/users');
    expect(link.searchParams.get('$select')).toBe('id,displayName');
    expect(link.searchParams.get('$top')).toBe('999');
    expect(link.searchParams.get('$skiptoken')).toMatch(/^[\w.-]+$/);
    expect(pages[2]!['@odata.nextLink']).toBeUndefined();
    const ids = pages.flatMap((p) => p.value.map((u) => u.id));
    const seen = new Set(ids);
    expect(seen.size).toBe(ids.length);
    expect(ids).toHaveLength(2100 + 7);
    expect([...bulk, fx.users.adele].every((id) => seen.has(id))).toBe(true);
  });

  it('expires skip tokens after the configured lifetime and refuses tampered ones', async () => {
    addBulkUsers(emu, fx.tenant, 20);
    const first = await page('/users?$top=5');
    const next = first['@odata.nextLink']!;
    emu.clock.advance((emu.behaviour.graph.pageTokenLifetimeSeconds + 1) * 1000);
    const expired = await graph.get(next);
    expect(expired.status).toBe(400);
    expect(expired.body).toMatchObject({
      error: {
        code: 'Directory_ExpiredPageToken',
        message: 'The specified page token value has expired and can no longer be included in your request.',
      },
    });
    const fresh = (await page('/users?$top=5'))['@odata.nextLink']!;
    const tampered = await graph.get(
      fresh.replace(/skiptoken=(.)/, (_m, c: string) => `skiptoken=${c === 'a' ? 'b' : 'a'}`),
    );
    expect(tampered.status).toBe(400);
    const otherQuery = await graph.get(
      `/users?$top=5&$filter=accountEnabled eq true&$skiptoken=${new URL(fresh).searchParams.get('$skiptoken')}`,
    );
    expect(otherQuery.status).toBe(400);
  });

  it('counts on the first page only, and only with ConsistencyLevel: eventual', async () => {
    addBulkUsers(emu, fx.tenant, 30);
    const pages = await allPages('/users?$count=true&$top=20&$select=id', EVENTUAL);
    expect(pages[0]!['@odata.count']).toBe(37);
    expect(Object.keys(pages[0]!)).toEqual(['@odata.context', '@odata.count', '@odata.nextLink', 'value']);
    expect(pages.slice(1).every((p) => p['@odata.count'] === undefined)).toBe(true);
    const ignored = await page('/users?$count=true&$top=20');
    expect(ignored['@odata.count']).toBeUndefined();
  });

  it('does not carry ConsistencyLevel into nextLinks: clients must send it again', async () => {
    addBulkUsers(emu, fx.tenant, 30);
    const first = await page('/users?$filter=accountEnabled ne false&$count=true&$top=10', EVENTUAL);
    expect(first['@odata.count']).toBe(33);
    const bare = await graph.get(first['@odata.nextLink']!);
    expect(bare.status).toBe(400);
    expect(bare.body).toMatchObject({ error: { code: 'Request_UnsupportedQuery' } });
    const resent = await page(first['@odata.nextLink']!, EVENTUAL);
    expect(resent.value).toHaveLength(10);
  });

  it('serves /users/$count as text/plain with the advanced header, and refuses it without', async () => {
    const refused = await graph.get('/users/$count');
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({
      error: { code: 'Request_BadRequest', message: '$count is not currently supported.' },
    });
    const counted = await graph.get('/users/$count', EVENTUAL);
    expect(counted.status).toBe(200);
    expect(counted.headers?.['content-type']).toMatch(/^text\/plain/);
    expect(counted.body).toBe('7');
    const filtered = await graph.get("/users/$count?$filter=department eq 'Marketing'", EVENTUAL);
    expect(filtered.body).toBe('2');
    const encoded = await graph.get('/users/%24count', EVENTUAL);
    expect(encoded.body).toBe('7');
  });

  it('searches displayName by tokens with the header, and refuses $search without it', async () => {
    const refused = await graph.get('/users?$search="displayName:adele"');
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({
      error: {
        code: 'Request_UnsupportedQuery',
        message:
          "Request with $search query parameter only works through MSGraph with a special request header: 'ConsistencyLevel: eventual'",
      },
    });
    const found = await page('/users?$search="displayName:vance"&$select=displayName', EVENTUAL);
    expect(found.value.map((u) => u.displayName)).toEqual(['Adele Vance']);
    const either = await page(
      '/users?$search="displayName:room" OR "mail:megan"&$select=displayName',
      EVENTUAL,
    );
    expect(either.value.map((u) => u.displayName).sort()).toEqual(['Conf Room Adams', 'Megan Bowen']);
  });

  it('orders by displayName by default, and needs advanced parameters with $filter or other properties', async () => {
    const ordered = await page('/users?$orderby=displayName&$select=displayName');
    const names = ordered.value.map((u) => String(u.displayName));
    expect(names).toEqual([...names].sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase())));
    const desc = await page('/users?$orderby=displayName desc&$select=displayName');
    expect(desc.value.map((u) => u.displayName)).toEqual([...names].reverse());
    const sortingRefused = {
      error: { code: 'Request_UnsupportedQuery', message: 'Sorting not supported for current query.' },
    };
    expect(
      (await graph.get("/users?$orderby=displayName&$filter=startswith(displayName,'a')")).body,
    ).toMatchObject(sortingRefused);
    expect((await graph.get('/users?$orderby=createdDateTime')).body).toMatchObject(sortingRefused);
    const advanced = await page(
      "/users?$orderby=displayName&$filter=startswith(displayName,'a')&$count=true&$select=displayName",
      EVENTUAL,
    );
    expect(advanced.value.map((u) => u.displayName)).toEqual(['Adele Vance', 'Alex Wilber']);
  });

  it('pages an ordered list consistently across pages', async () => {
    addBulkUsers(emu, fx.tenant, 45);
    const pages = await allPages('/users?$orderby=userPrincipalName&$top=10&$select=userPrincipalName');
    const upns = pages.flatMap((p) => p.value.map((u) => String(u.userPrincipalName).toLowerCase()));
    expect(upns).toHaveLength(52);
    expect(upns).toEqual([...upns].sort());
  });

  it('refuses $skip and unknown system query options', async () => {
    expect((await graph.get('/users?$skip=10')).status).toBe(400);
    const unknown = await graph.get('/users?$foo=1');
    expect(unknown.body).toMatchObject({
      error: { message: "The query parameter '$foo' is not supported." },
    });
  });

  it("lists only the caller's tenant, without soft-deleted users, and needs a read permission", async () => {
    emu.estate.softDeleteUser(fx.tenant, fx.users.svc);
    const ids = (await page('/users?$select=id')).value.map((u) => u.id);
    expect(ids).not.toContain(fx.users.svc);
    expect(ids).not.toContain(fx.users.tailspinAnna);
    const tailspin = await graphClient(emu, fx.nonPremium.id, ['User.Read.All']);
    expect(((await tailspin.get('/users')).body as Page).value.map((u) => u.id)).toEqual([
      fx.users.tailspinAnna,
    ]);
    const unconsented = await graphClient(emu, CONTOSO_ID, []);
    const denied = await unconsented.get('/users');
    expect(denied.status).toBe(403);
    expect(denied.body).toMatchObject({ error: { code: 'Authorization_RequestDenied' } });
  });
});
