import { beforeAll, describe, expect, it } from 'vitest';
import type { Clock } from '../../../src/emulator/clock.js';
import { seedEstate, type SeedProgress } from '../../../src/emulator/seed/index.js';
import { asciiFold } from '../../../src/emulator/seed/romanise.js';
import { isoSeconds } from '../../../src/emulator/seed/time.js';
import { createEstate, type Estate } from '../../../src/emulator/state/estate.js';

const NOW = Date.UTC(2026, 2, 1);
const clock: Clock = { now: () => NOW, advance: () => undefined };

describe('generated estate (--tenants 20 --users 5000)', () => {
  let estate: Estate;
  let customerIds: string[];
  const progress: SeedProgress[] = [];

  beforeAll(() => {
    estate = createEstate(clock);
    const summary = seedEstate(estate, {
      seed: 11,
      tenants: 20,
      users: 5000,
      onProgress: (p) => progress.push(p),
    });
    customerIds = summary.customerTenantIds;
  });

  it('creates a partner and exactly 20 customers holding exactly 5000 users', () => {
    expect(estate.tenants.size).toBe(21);
    expect(customerIds).toHaveLength(20);
    const total = customerIds.reduce((n, id) => n + estate.tenant(id)!.users.size, 0);
    expect(total).toBe(5000);
    const sizes = customerIds.map((id) => estate.tenant(id)!.users.size).sort((a, b) => a - b);
    expect(sizes.at(-1)!).toBeGreaterThan(3 * sizes[10]!);
    expect(progress.at(-1)).toEqual({ tenantsDone: 20, tenantsTotal: 20, usersDone: 5000, usersTotal: 5000 });
  });

  it('gives every customer its own domains and a Partner Center customer record', () => {
    const domains = customerIds.flatMap((id) => estate.tenant(id)!.domains.map((d) => d.id.toLowerCase()));
    expect(new Set(domains).size).toBe(domains.length);
    const pc = estate.tenant(estate.partnerTenantId!)!.partnerCenter!;
    expect([...pc.customers.keys()].sort()).toEqual([...customerIds].sort());
  });

  it('leaves the GDAP app unconsented in exactly one customer and keeps one expired relationship', () => {
    const gdap = [...estate.apps.values()].find((a) => a.kind === 'gdap')!;
    const unconsented = customerIds.filter((id) => !estate.tenant(id)!.servicePrincipals.has(gdap.clientId));
    expect(unconsented).toHaveLength(1);
    const partner = estate.tenant(estate.partnerTenantId!)!;
    expect([...partner.gdapRelationships.values()].filter((r) => r.status === 'expired')).toHaveLength(1);
  });

  it('adds customers to the existing partner when seeded again with another seed', () => {
    const before = estate.tenants.size;
    const more = seedEstate(estate, { seed: 12, tenants: 2, users: 40 });
    expect(more.partnerTenantId).toBe(estate.partnerTenantId);
    expect(estate.tenants.size).toBe(before + 2);
  });
});

describe('seed helpers', () => {
  it('folds names into mail aliases', () => {
    expect(asciiFold('Zoë Müller-Łukasz')).toBe('zoemullerlukasz');
    expect(asciiFold('Bjørn Ødegård')).toBe('bjornodegard');
    expect(asciiFold('Анна Смирнова')).toBe('annasmirnova');
    expect(asciiFold('Σοφία Παπαδοπούλου')).toBe('sofiapapadopoulou');
    expect(asciiFold('山田')).toBe('');
  });

  it('formats timestamps as Graph does (seconds, Z)', () => {
    for (const ms of [
      0,
      Date.UTC(2024, 1, 29, 23, 59, 59, 999),
      Date.UTC(2026, 0, 1),
      Date.UTC(2100, 11, 31, 12),
    ]) {
      expect(isoSeconds(ms)).toBe(`${new Date(ms).toISOString().slice(0, 19)}Z`);
    }
  });
});

describe('generated estate with one large tenant (--tenants 5 --users 3000 --largest-tenant 2000)', () => {
  it('gives the first customer exactly the largest size and spreads the rest', () => {
    const estate = createEstate(clock);
    const summary = seedEstate(estate, { seed: 3, tenants: 5, users: 3000, largestTenantUsers: 2000 });
    const sizes = summary.customerTenantIds.map((id) => estate.tenant(id)!.users.size);
    expect(sizes[0]).toBe(2000);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(3000);
    expect(() =>
      seedEstate(createEstate(clock), { seed: 3, tenants: 2, users: 10, largestTenantUsers: 11 }),
    ).toThrow('cannot have more users');
  });
});
