import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_SITE_MAPPINGS } from '../../../src/contracts/entra/index.js';
import { createConnectionRepository, schema } from '../../../src/store/index.js';
import { startTestApp, type TestApp } from '../../support/app.js';
import { call, givenAgent, givenBuiltInRoles, type Caller } from '../access/fixtures.js';

/**
 * "Generate mappings" for partners of the size MSPs have (1,000–3,000 customer tenants): one site
 * mapping per mapped tenant, saved and saved again from the console, and a clear refusal past the
 * configuration's limit. The tenants and customers are written directly (the Tenants tab's rows).
 */
let app: TestApp;
let configurer: Caller;

beforeAll(async () => {
  app = await startTestApp();
  await givenBuiltInRoles(app.deps.db);
  configurer = await givenAgent(app.deps.db, { permissions: ['integrations.csp.configure'] });
}, 60_000);
afterAll(async () => {
  await app?.close();
});

/** A CSP connection whose `tenants` tenants are each mapped to a customer of their own (`shared`: one customer). */
async function givenPartner(tenants: number, options: { shared?: boolean } = {}) {
  const db = app.deps.db;
  const connection = await createConnectionRepository(db, app.deps.secrets).create({
    kind: 'csp',
    name: `Partner ${randomUUID().slice(0, 8)}`,
    tenantId: randomUUID(),
    clientId: randomUUID(),
    settings: {},
    secrets: {},
  });
  const tag = randomUUID().slice(0, 8);
  const customers = await db
    .insert(schema.customers)
    .values(
      Array.from({ length: options.shared ? 1 : tenants }, (_, i) => ({ name: `Customer ${tag} ${i}` })),
    )
    .returning({ id: schema.customers.id });
  await db
    .insert(schema.sites)
    .values(customers.map((c) => ({ customerId: c.id, name: 'Main', isDefault: true })));
  const tenantIds = Array.from({ length: tenants }, () => randomUUID());
  for (let at = 0; at < tenants; at += 1000) {
    await db.insert(schema.tenantMappings).values(
      tenantIds.slice(at, at + 1000).map((tenantId, i) => ({
        connectionId: connection.id,
        tenantId,
        customerId: customers[options.shared ? 0 : at + i]!.id,
      })),
    );
  }
  return { connectionId: connection.id, tenantIds };
}

const configUrl = (id: string) => `/api/csp/connections/${id}/import-config`;
const generate = (id: string, expectedVersion: number) =>
  call(app, configurer, 'POST', `${configUrl(id)}/generate-mappings`, { expectedVersion });

describe('Generate mappings for a large partner', () => {
  it('maps 600 customer tenants, one mapping each, once', async () => {
    const { connectionId, tenantIds } = await givenPartner(600);
    const res = await generate(connectionId, 0);
    expect(res.statusCode, res.body).toBe(200);
    const added = res.json().added as { tenantId: string }[];
    expect(added.map((a) => a.tenantId).sort()).toEqual([...tenantIds].sort());

    const stored = await call(app, configurer, 'GET', configUrl(connectionId));
    expect(stored.statusCode, stored.body).toBe(200);
    expect(stored.json().config.siteMappings).toHaveLength(600);
    const again = await generate(connectionId, res.json().version);
    expect(again.json()).toEqual({ version: res.json().version, added: [] });
  }, 60_000);

  it('3,000 generated mappings can be saved again from the console (a body over 1 MiB)', async () => {
    const { connectionId } = await givenPartner(3000);
    const res = await generate(connectionId, 0);
    expect(res.statusCode, res.body).toBe(200);
    const view = (await call(app, configurer, 'GET', configUrl(connectionId))).json();
    const config = view.config as { siteMappings: { description: string }[] };
    config.siteMappings[0]!.description = 'Renamed by hand';
    expect(JSON.stringify(config).length).toBeGreaterThan(1024 * 1024);
    const saved = await call(app, configurer, 'PUT', configUrl(connectionId), {
      config,
      expectedVersion: view.version,
    });
    expect(saved.statusCode, saved.body).toBe(200);
    const reread = (await call(app, configurer, 'GET', configUrl(connectionId))).json();
    expect(reread.config.siteMappings).toHaveLength(3000);
    expect(reread.config.siteMappings[0].description).toBe('Renamed by hand');
  }, 120_000);

  it('past the limit, refuses naming the field and the limit, and saves nothing', async () => {
    const { connectionId } = await givenPartner(MAX_SITE_MAPPINGS + 1, { shared: true });
    const res = await generate(connectionId, 0);
    expect(res.statusCode).toBe(409);
    expect(res.json().message).toContain(`siteMappings may hold at most ${MAX_SITE_MAPPINGS} site mappings`);
    const stored = await call(app, configurer, 'GET', configUrl(connectionId));
    expect(stored.json().config.siteMappings).toEqual([]);
  }, 120_000);
});
