import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Emulator } from '../../../src/emulator/index.js';
import type { TenantRecord, UserRecord } from '../../../src/emulator/state/types.js';
import { startEmulator } from '../../support/emulator.js';
import { adminClient, changesSince, demoTenant, type Inject } from './admin-fixtures.js';

describe('admin API: licences, devices, customers', () => {
  let emu: Emulator;
  let admin: Inject;
  let tenant: TenantRecord;
  const subscriptionOf = (skuId: string) =>
    [
      ...emu.estate
        .tenant(emu.estate.partnerTenantId!)!
        .partnerCenter!.subscriptions.get(tenant.id)!
        .values(),
    ].find((s) => s.skuId === skuId)!;
  const unlicensed = (withLocation: boolean): UserRecord =>
    [...tenant.users.values()].find(
      (u) =>
        u.deletedAt === null &&
        (u.props.assignedLicenses as unknown[]).length === 0 &&
        (withLocation ? typeof u.props.usageLocation === 'string' : u.props.usageLocation === null),
    )!;

  beforeAll(async () => {
    emu = await startEmulator({ seed: 1 });
    admin = adminClient(emu);
    tenant = demoTenant(emu, 'Tailspin');
  });
  afterAll(() => emu.close());

  it('assigns and removes licences, keeping consumedUnits true and recording the change', async () => {
    const sku = [...tenant.skus.values()].sort((a, b) => b.consumedUnits - a.consumedUnits)[0]!;
    await admin('PATCH', `/tenants/${tenant.id}/skus/${sku.skuId}`, {
      prepaidUnits: { enabled: sku.consumedUnits + 5 },
    });
    const user = unlicensed(true);
    const before = sku.consumedUnits;
    const version = emu.estate.log.version(tenant.id);
    const res = await admin('POST', `/tenants/${tenant.id}/licences`, {
      assign: [{ userId: user.props.id, skuId: sku.skuPartNumber }],
    });
    expect(res.status).toBe(200);
    expect(sku.consumedUnits).toBe(before + 1);
    expect(changesSince(emu, tenant, version)[0]).toMatchObject({
      id: user.props.id,
      props: ['assignedLicenses', 'licenseAssignmentStates'],
    });
    await admin('POST', `/tenants/${tenant.id}/licences`, {
      remove: [{ userId: user.props.id, skuId: sku.skuId }],
    });
    expect(sku.consumedUnits).toBe(before);
  });

  it('refuses seats that do not exist and users without a usage location (409)', async () => {
    const sku = [...tenant.skus.values()].find((s) => s.consumedUnits > 0)!;
    await admin('PATCH', `/tenants/${tenant.id}/skus/${sku.skuId}`, {
      prepaidUnits: { enabled: sku.consumedUnits },
    });
    const full = await admin('POST', `/tenants/${tenant.id}/licences`, {
      assign: [{ userId: unlicensed(true).props.id, skuId: sku.skuId }],
    });
    expect(full.status).toBe(409);
    expect(full.body).toMatchObject({ error: { code: 'NoSeatsAvailable' } });
    const nowhere = await admin('POST', `/tenants/${tenant.id}/licences`, {
      assign: [{ userId: unlicensed(false).props.id, skuId: sku.skuId }],
    });
    expect(nowhere.body).toMatchObject({ error: { code: 'UsageLocationMissing' } });
  });

  it('changes prepaid seats and the matching CSP subscription follows', async () => {
    const sku = [...tenant.skus.values()][0]!;
    const res = await admin('PATCH', `/tenants/${tenant.id}/skus/${sku.skuId}`, {
      prepaidUnits: { enabled: 500 },
      capabilityStatus: 'Warning',
    });
    expect(res.body).toMatchObject({ prepaidUnits: { enabled: 500 }, capabilityStatus: 'Warning' });
    expect(subscriptionOf(sku.skuId).props.quantity).toBe(500);
  });

  it('adds a newly bought SKU with its subscription', async () => {
    const res = await admin('POST', `/tenants/${tenant.id}/skus`, { sku: 'EMS', enabled: 10 });
    expect(res.status).toBe(201);
    const sku = [...tenant.skus.values()].find((s) => s.skuPartNumber === 'EMS')!;
    expect(subscriptionOf(sku.skuId).props.quantity).toBe(10);
  });

  it('enrols, updates and retires devices', async () => {
    const person = [...tenant.users.values()].find(
      (u) => u.props.userType === 'Member' && u.props.employeeId,
    )!;
    const res = await admin('POST', `/tenants/${tenant.id}/devices`, {
      devices: [
        { operatingSystem: 'iOS', userId: person.props.id },
        { operatingSystem: 'Windows', userId: null },
      ],
    });
    expect(res.status).toBe(201);
    const [phone, kiosk] = res.body as { id: string; userId: string | null; operatingSystem: string }[];
    expect(phone).toMatchObject({ operatingSystem: 'iOS', userId: person.props.id });
    expect(kiosk!.userId).toBe('');
    const patched = await admin('PATCH', `/tenants/${tenant.id}/devices/${phone!.id}`, {
      complianceState: 'noncompliant',
    });
    expect(patched.body).toMatchObject({ complianceState: 'noncompliant' });
    expect((await admin('DELETE', `/tenants/${tenant.id}/devices/${kiosk!.id}`)).status).toBe(204);
    expect(tenant.devices.has(kiosk!.id)).toBe(false);
    expect((await admin('DELETE', `/tenants/${tenant.id}/devices/${kiosk!.id}`)).status).toBe(404);
  });

  it('creates a new customer with people, a Partner Center record, GDAP and (optionally no) consent', async () => {
    const res = await admin('POST', '/customers', {
      displayName: 'Wingtip Toys Ltd',
      users: 30,
      consented: false,
      gdap: 'expiring',
    });
    expect(res.status).toBe(201);
    const body = res.body as {
      id: string;
      users: number;
      gdapAppConsented: boolean;
      app: { clientSecret: string };
    };
    expect(body).toMatchObject({ users: 30, gdapAppConsented: false });
    expect(body.app.clientSecret).toHaveLength(40);
    const partner = emu.estate.tenant(emu.estate.partnerTenantId!)!;
    expect(partner.partnerCenter!.customers.get(body.id)?.companyName).toBe('Wingtip Toys Ltd');
    const relationship = [...partner.gdapRelationships.values()].find((r) => r.customerTenantId === body.id)!;
    expect(Date.parse(relationship.endDateTime!)).toBeLessThan(emu.clock.now() + 30 * 86_400_000);
    const tenants = (await admin('GET', '/tenants')).body as { id: string }[];
    expect(tenants.map((t) => t.id)).toContain(body.id);
  });
});
