import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createCustomerRepository, createSiteLookupRepository } from '../../../src/store/index.js';
import type { HandleSource } from './fixtures.js';

export function describeSiteLookupRepository(handle: HandleSource): void {
  describe('site lookups', () => {
    it('finds sites by id with their customer, in the order asked, once each', async () => {
      const db = handle().db;
      const { customer, defaultSite } = await createCustomerRepository(db).create({
        name: `Fabrikam ${randomUUID()}`,
      });
      const leeds = await createCustomerRepository(db).addSite(customer.id, 'Leeds');
      const lookups = createSiteLookupRepository(db);
      const found = await lookups.byIds([leeds.id, randomUUID(), defaultSite.id, leeds.id]);
      expect(found.map((s) => [s.name, s.customerName])).toEqual([
        ['Leeds', customer.name],
        ['Main', customer.name],
      ]);
      expect(await lookups.byIds([])).toEqual([]);
      expect((await lookups.findById(leeds.id))?.customerName).toBe(customer.name);
      expect(await lookups.findById(randomUUID())).toBeUndefined();
    });

    it('searches the start of site or customer names, customer then site, a page at a time', async () => {
      const db = handle().db;
      const customers = createCustomerRepository(db);
      const tag = `Qx${randomUUID().slice(0, 8)}`;
      // Names compare lower-cased in byte order: "élan …" sorts after "qx…".
      const { customer: first } = await customers.create({ name: `${tag} Alpha` });
      await customers.addSite(first.id, 'Zürich');
      const { customer: second } = await customers.create({ name: `${tag} alpha two` });
      const { customer: other } = await customers.create({ name: `Élan ${randomUUID()}` });
      await customers.addSite(other.id, `${tag.toLowerCase()} depot`);

      const lookups = createSiteLookupRepository(db);
      const page1 = await lookups.search({ search: tag, limit: 2 });
      expect(page1.items.map((s) => `${s.customerName}/${s.name}`)).toEqual([
        `${first.name}/Main`,
        `${first.name}/Zürich`,
      ]);
      const page2 = await lookups.search({ search: tag.toUpperCase(), limit: 2, cursor: page1.nextCursor });
      expect(page2.items.map((s) => `${s.customerName}/${s.name}`)).toEqual([
        `${second.name}/Main`,
        `${other.name}/${tag.toLowerCase()} depot`,
      ]);
      expect(page2.nextCursor).toBeUndefined();
      expect((await lookups.search({ search: 'zür' })).items.map((s) => s.customerId)).toContain(first.id);
    });
  });
}
