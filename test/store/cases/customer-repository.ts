import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createCustomerRepository, DEFAULT_SITE_NAME } from '../../../src/store/index.js';
import type { HandleSource } from './fixtures.js';

export function describeCustomerRepository(handle: HandleSource): void {
  describe('customers', () => {
    it('creates a customer with its default "Main" site', async () => {
      const customers = createCustomerRepository(handle().db);
      const { customer, defaultSite } = await customers.create({ name: `Fabrikam ${randomUUID()}` });

      expect(await customers.findById(customer.id)).toEqual(customer);
      expect(defaultSite).toMatchObject({
        customerId: customer.id,
        name: DEFAULT_SITE_NAME,
        isDefault: true,
      });
      expect(await customers.defaultSite(customer.id)).toEqual(defaultSite);
    });

    it('refuses a second customer whose name differs only in case', async () => {
      const customers = createCustomerRepository(handle().db);
      const name = `Northwind ${randomUUID()}`;
      await customers.create({ name });

      await expect(customers.create({ name: name.toUpperCase() })).rejects.toThrow();
    });

    it('keeps one default site per customer and unique site names', async () => {
      const customers = createCustomerRepository(handle().db);
      const { customer } = await customers.create({ name: `Tailspin ${randomUUID()}` });
      const leeds = await customers.addSite(customer.id, 'Leeds');

      expect(leeds.isDefault).toBe(false);
      await expect(customers.addSite(customer.id, 'LEEDS')).rejects.toThrow();
      expect((await customers.defaultSite(customer.id))?.name).toBe(DEFAULT_SITE_NAME);
    });
  });
}
