import { beforeAll, describe, expect, it } from 'vitest';
import type { Clock } from '../../../src/emulator/clock.js';
import { seedEstate } from '../../../src/emulator/seed/index.js';
import { createEstate, type Estate } from '../../../src/emulator/state/estate.js';
import type { TenantRecord, UserRecord } from '../../../src/emulator/state/types.js';

const NOW = Date.UTC(2026, 0, 15, 9, 30);
const DAY = 86_400_000;
const clock: Clock = { now: () => NOW, advance: () => undefined };

const ACCENTED = /[À-ÖØ-öø-ž]/;
const NON_LATIN = /[\u0370-\u03ff\u0400-\u04ff\u3040-\u30ff\u4e00-\u9fff]/;

describe('demo preset', () => {
  let estate: Estate;
  let partner: TenantRecord;
  let customers: TenantRecord[];
  const users = () => customers.flatMap((t) => [...t.users.values()]);
  const props = (pred: (u: UserRecord) => boolean) => users().filter(pred);

  beforeAll(() => {
    estate = createEstate(clock);
    seedEstate(estate, { seed: 1 });
    partner = estate.tenant(estate.partnerTenantId!)!;
    customers = [...estate.tenants.values()].filter((t) => t !== partner);
  });

  it('is an MSP with five customers of different sizes, a few hundred users in all', () => {
    expect(partner.displayName).toBe('Northwind IT Partners');
    expect(partner.partnerCenter).not.toBeNull();
    expect(customers.map((t) => t.users.size).sort((a, b) => a - b)).toEqual([12, 35, 60, 120, 180]);
    for (const t of customers) {
      expect(t.domains.some((d) => d.id.endsWith('.onmicrosoft.com') && d.isInitial)).toBe(true);
      expect(t.domains.some((d) => !d.isInitial && d.isDefault && d.isVerified)).toBe(true);
    }
  });

  it('has accented, non-Latin and duplicate names', () => {
    expect(props((u) => ACCENTED.test(String(u.props.displayName))).length).toBeGreaterThan(0);
    expect(props((u) => NON_LATIN.test(String(u.props.displayName))).length).toBeGreaterThan(0);
    const duplicated = customers.some((t) => {
      const names = [...t.users.values()]
        .filter((u) => u.props.userType === 'Member')
        .map((u) => u.props.displayName);
      return new Set(names).size < names.length;
    });
    expect(duplicated).toBe(true);
    // Non-Latin names still get ASCII mail aliases, and every UPN is unique within its tenant.
    for (const t of customers) {
      const upns = [...t.users.values()].map((u) => String(u.props.userPrincipalName).toLowerCase());
      expect(new Set(upns).size).toBe(upns.length);
      for (const upn of upns) expect(upn).toMatch(/^[a-z0-9._#-]+@[a-z0-9.-]+$/);
    }
  });

  it('has guests, leavers, service accounts, shared mailboxes and synced users', () => {
    const guests = props((u) => u.props.userType === 'Guest');
    expect(guests.length).toBeGreaterThan(0);
    for (const g of guests) expect(String(g.props.userPrincipalName)).toContain('#EXT#@');
    expect(
      props((u) => u.props.accountEnabled === false && u.props.employeeId !== null).length,
    ).toBeGreaterThan(0);
    expect(props((u) => String(u.props.userPrincipalName).startsWith('svc-')).length).toBeGreaterThan(0);
    const shared = props(
      (u) => u.props.accountEnabled === false && u.props.employeeId === null && !!u.props.mail,
    );
    expect(shared.length).toBeGreaterThan(0);
    const synced = props((u) => u.props.onPremisesSyncEnabled === true);
    expect(synced.length).toBeGreaterThan(0);
    const ext = synced[0]!.props.onPremisesExtensionAttributes as Record<string, string | null>;
    expect(ext.extensionAttribute1).toMatch(/^CC-\d+$/);
    expect(
      props((u) => u.props.usageLocation === null && u.props.userType === 'Member').length,
    ).toBeGreaterThan(0);
    expect(props((u) => u.props.signInActivity === null).length).toBeGreaterThan(0);
    expect(props((u) => u.props.signInActivity !== null).length).toBeGreaterThan(0);
  });

  it('gives people managers that form a tree', () => {
    for (const t of customers) {
      for (const user of t.users.values()) {
        const seen = new Set<string>();
        for (let id: string | null = user.props.id; id; id = t.users.get(id)?.managerId ?? null) {
          expect(seen.has(id)).toBe(false);
          seen.add(id);
          expect(t.users.has(id)).toBe(true);
        }
      }
      expect([...t.users.values()].filter((u) => u.managerId !== null).length).toBeGreaterThan(
        t.users.size / 2,
      );
    }
  });

  it('has every kind of group, nested, dynamic (one paused), location, synced and role-assignable groups', () => {
    const groups = customers.flatMap((t) => [...t.groups.values()]);
    for (const kind of ['m365', 'security', 'mailSecurity', 'distribution'] as const) {
      expect(groups.some((g) => g.kind === kind)).toBe(true);
    }
    const dynamic = groups.filter((g) => g.dynamic);
    expect(dynamic.every((g) => typeof g.props.membershipRule === 'string')).toBe(true);
    expect(dynamic.some((g) => g.props.membershipRuleProcessingState === 'Paused')).toBe(true);
    expect(groups.some((g) => [...g.members.values()].includes('#microsoft.graph.group'))).toBe(true);
    expect(groups.some((g) => String(g.props.displayName).startsWith('Loc-'))).toBe(true);
    expect(groups.some((g) => g.props.onPremisesSyncEnabled === true)).toBe(true);
    expect(groups.some((g) => g.props.isAssignableToRole === true)).toBe(true);
    const unified = groups.find((g) => g.kind === 'm365' && !g.dynamic)!;
    expect(unified.props.groupTypes).toEqual(['Unified']);
    const dl = groups.find((g) => g.kind === 'distribution')!;
    expect([dl.props.mailEnabled, dl.props.securityEnabled]).toEqual([true, false]);
  });

  it('keeps seat counts true, has SKUs near their limit, and CSP quantities equal to prepaid seats', () => {
    for (const t of [partner, ...customers]) {
      for (const sku of t.skus.values()) {
        const holders = [...t.users.values()].filter(
          (u) =>
            u.deletedAt === null &&
            (u.props.assignedLicenses as { skuId: string }[]).some((l) => l.skuId === sku.skuId),
        );
        expect(sku.consumedUnits).toBe(holders.length);
        expect(holders.every((u) => typeof u.props.usageLocation === 'string')).toBe(true);
      }
    }
    for (const t of customers) {
      const tight = [...t.skus.values()].filter(
        (s) => s.consumedUnits > 0 && s.prepaidUnits.enabled - s.consumedUnits <= 2,
      );
      expect(tight.length).toBeGreaterThan(0);
      // Licence subscriptions feed SKUs; an Azure plan is billed by usage and has none.
      const all = [...partner.partnerCenter!.subscriptions.get(t.id)!.values()];
      const subs = all.filter((s) => s.skuId !== null);
      expect(subs).toHaveLength(t.skus.size);
      expect(all.filter((s) => s.props.billingType === 'usage').length).toBe(
        ['Lumière Architectes SARL', 'Tailspin Logistics Ltd'].includes(t.displayName) ? 1 : 0,
      );
      for (const sub of subs) {
        const sku = t.skus.get(sub.skuId!)!;
        expect(sub.props.quantity).toBe(sku.prepaidUnits.enabled);
        expect(sku.subscriptionIds).toContain(sub.props.id);
      }
    }
    expect(customers.some((t) => !t.premium)).toBe(true);
  });

  it('has Intune devices with and without primary users, on every platform', () => {
    const devices = customers.flatMap((t) => [...t.devices.values()]);
    expect(devices.some((d) => d.userId === '' && d.userPrincipalName === '')).toBe(true);
    expect(devices.some((d) => typeof d.userId === 'string' && d.userId !== '')).toBe(true);
    expect(new Set(devices.map((d) => d.operatingSystem))).toEqual(
      new Set(['Windows', 'macOS', 'iOS', 'Android']),
    );
    expect(devices.some((d) => d.complianceState === 'noncompliant')).toBe(true);
    for (const t of customers) if (!t.intune) expect(t.devices.size).toBe(0);
  });

  it('has GDAP relationships for every customer, some ending within 30 days, one expired', () => {
    const relationships = [...partner.gdapRelationships.values()];
    for (const t of customers) {
      expect(relationships.some((r) => r.customerTenantId === t.id && r.status === 'active')).toBe(true);
    }
    const endsSoon = relationships.filter((r) => {
      const end = Date.parse(r.endDateTime!);
      return r.status === 'active' && end > NOW && end < NOW + 30 * DAY;
    });
    expect(endsSoon.length).toBeGreaterThan(0);
    const expired = relationships.filter((r) => r.status === 'expired');
    expect(expired).toHaveLength(1);
    expect(Date.parse(expired[0]!.endDateTime!)).toBeLessThan(NOW);
    expect(relationships.every((r) => r.roleDefinitionIds.length > 0)).toBe(true);
  });

  it('registers partner, GDAP, sign-in and per-tenant apps; the GDAP app lacks consent in exactly one customer', () => {
    const apps = [...estate.apps.values()];
    const byKind = (k: string) => apps.filter((a) => a.kind === k);
    expect(byKind('partner')).toHaveLength(1);
    expect(byKind('sso')).toHaveLength(1);
    expect(byKind('graph')).toHaveLength(customers.length);
    const [gdap] = byKind('gdap');
    expect(gdap!.multiTenant).toBe(true);
    expect(byKind('partner')[0]!.multiTenant).toBe(false);
    expect(Object.values(byKind('partner')[0]!.requiredScopes).flat()).toContain('user_impersonation');
    for (const app of apps) expect(app.secrets[0]!.value).toHaveLength(40);
    const missing = customers.filter((t) => !t.servicePrincipals.has(gdap!.clientId));
    expect(missing.map((t) => t.displayName)).toEqual(['Contoso Dental Group']);
    expect(gdap!.secrets.some((s) => s.expiresAt < NOW)).toBe(true);
    expect(gdap!.secrets[0]!.expiresAt).toBeGreaterThan(NOW);
  });
});
