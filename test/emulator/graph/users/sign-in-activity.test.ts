import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Emulator } from '../../../../src/emulator/index.js';
import { startEmulator } from '../../../support/emulator.js';
import {
  addBulkUsers,
  CONTOSO_ID,
  createDirectoryFixture,
  graphClient,
  type DirectoryFixture,
} from '../fixtures.js';

type Page = { '@odata.nextLink'?: string; value: Record<string, unknown>[] };

describe('signInActivity on /users', () => {
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

  it('needs AuditLog.Read.All and a premium tenant for signInActivity, and caps its pages at 120', async () => {
    const denied = await graph.get('/users?$select=id,signInActivity');
    expect(denied.status).toBe(403);
    expect(denied.body).toMatchObject({
      error: {
        code: 'Authorization_RequestDenied',
        message: 'Insufficient privileges to complete the operation.',
      },
    });
    const filterDenied = await graph.get(
      '/users?$filter=signInActivity/lastSignInDateTime le 2025-01-01T00:00:00Z',
    );
    expect(filterDenied.status).toBe(403);

    const auditor = await graphClient(emu, CONTOSO_ID, ['User.Read.All', 'AuditLog.Read.All']);
    addBulkUsers(emu, fx.tenant, 300);
    const capped = await auditor.get('/users?$select=id,signInActivity&$top=999');
    const body = capped.body as Page;
    expect(capped.status).toBe(200);
    expect(body.value).toHaveLength(120);
    expect(body['@odata.nextLink']).toBeDefined();
    expect(body.value.find((u) => u.id === fx.users.adele)?.signInActivity).toMatchObject({
      lastSignInDateTime: '2024-05-01T08:00:00Z',
    });
    const plain = await auditor.get('/users?$select=id&$top=999');
    expect((plain.body as Page).value).toHaveLength(307);

    const tailspin = await graphClient(emu, fx.nonPremium.id, ['User.Read.All', 'AuditLog.Read.All']);
    const notPremium = await tailspin.get('/users?$select=id,signInActivity');
    expect(notPremium.status).toBe(403);
    expect(notPremium.body).toMatchObject({
      error: {
        code: 'Authentication_RequestFromNonPremiumTenantOrB2CTenant',
        message: "Neither tenant is B2C or tenant doesn't have premium license",
      },
    });
  });

  it('is readable on a single user with the same rules', async () => {
    expect((await graph.get(`/users/${fx.users.adele}?$select=signInActivity`)).status).toBe(403);
    const auditor = await graphClient(emu, CONTOSO_ID, ['User.Read.All', 'AuditLog.Read.All']);
    const res = await auditor.get(`/users/${fx.users.adele}?$select=signInActivity`);
    expect(res.body).toMatchObject({ signInActivity: { lastSignInRequestId: expect.any(String) } });
    const filtered = await auditor.get(
      '/users?$filter=signInActivity/lastSignInDateTime le 2024-06-01T00:00:00Z&$select=id',
    );
    expect((filtered.body as Page).value.map((u) => u.id)).toEqual([fx.users.adele]);
  });
});
