import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createUserRepository, InvalidCursorError, type DeskUser } from '../../../src/store/index.js';
import { givenCustomer, userRow, type HandleSource } from './fixtures.js';

const NAMES = [
  'anna Berg',
  'Ben Carter',
  'Chloé Dubois',
  'dev Singh',
  'Eve Smith',
  'Frank Smithers',
  'Gita Rao',
];

export function describeUserSearch(handle: HandleSource): void {
  async function setup() {
    const db = handle().db;
    const { customer, defaultSite } = await givenCustomer(db);
    const base = { tenantId: randomUUID(), customerId: customer.id, siteId: defaultSite.id };
    const rows = NAMES.map((displayName) => userRow(base, { displayName }));
    const users = createUserRepository(db);
    await users.upsertMany(rows);
    return { users, customerId: customer.id, rows, base };
  }

  async function allPages(next: (cursor?: string) => Promise<{ items: DeskUser[]; nextCursor?: string }>) {
    const pages: DeskUser[][] = [];
    let cursor: string | undefined;
    do {
      const page = await next(cursor);
      pages.push(page.items);
      cursor = page.nextCursor;
    } while (cursor);
    return pages;
  }

  describe('search', () => {
    it('pages through a customer in name order, each user exactly once', async () => {
      const { users, customerId } = await setup();
      const pages = await allPages((cursor) => users.search({ customerId, limit: 3, cursor }));

      expect(pages.map((page) => page.length)).toEqual([3, 3, 1]);
      expect(pages.flat().map((user) => user.displayName)).toEqual(NAMES);
    });

    it('matches names, emails and UPNs case-insensitively, and takes % literally', async () => {
      const { users, customerId, rows } = await setup();

      const smiths = await users.search({ customerId, text: 'SMITH' });
      expect(smiths.items.map((user) => user.displayName)).toEqual(['Eve Smith', 'Frank Smithers']);

      const alias = rows[1]!.email!.slice(0, 6).toUpperCase();
      expect((await users.search({ customerId, text: alias })).items.map((u) => u.displayName)).toEqual([
        'Ben Carter',
      ]);
      expect((await users.search({ customerId, text: '%' })).items).toEqual([]);
    });

    it('leaves out inactive users unless asked, and other customers always', async () => {
      const { users, customerId, rows } = await setup();
      await users.upsertMany([{ ...rows[0]!, inactive: true }]);
      await setup();

      expect((await users.search({ customerId })).items).toHaveLength(NAMES.length - 1);
      expect((await users.search({ customerId, includeInactive: true })).items).toHaveLength(NAMES.length);
    });

    it('rejects a cursor it did not make', async () => {
      const { users, customerId } = await setup();
      await expect(users.search({ customerId, cursor: 'not-a-cursor' })).rejects.toBeInstanceOf(
        InvalidCursorError,
      );
    });
  });
}
