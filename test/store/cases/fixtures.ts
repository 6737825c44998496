import { randomUUID } from 'node:crypto';
import {
  createConnectionRepository,
  createCustomerRepository,
  createSecretBox,
  generateSecretKey,
  parseSecretKey,
  type Database,
  type DatabaseHandle,
  type DeskUserUpsert,
} from '../../../src/store/index.js';

/** Gives a case the suite's open database (opened in `beforeAll`, so read it lazily). */
export type HandleSource = () => DatabaseHandle;

/** A secret box with a fresh random key. */
export function testSecretBox() {
  return createSecretBox(parseSecretKey(generateSecretKey(), 'test key'));
}

/** A customer with its default site, and a second site. */
export async function givenCustomer(db: Database, name = `Customer ${randomUUID()}`) {
  const customers = createCustomerRepository(db);
  const { customer, defaultSite } = await customers.create({ name });
  const otherSite = await customers.addSite(customer.id, 'London');
  return { customer, defaultSite, otherSite };
}

/** A connection to a fresh tenant. */
export async function givenConnection(db: Database) {
  const tenantId = randomUUID();
  const connection = await createConnectionRepository(db, testSecretBox()).create({
    kind: 'entra',
    name: `Contoso ${tenantId}`,
    tenantId,
  });
  return { connection, tenantId };
}

/** A desk user row for `upsertMany`, with plausible defaults. */
export function userRow(
  base: { tenantId: string; customerId: string; siteId: string },
  overrides: Partial<DeskUserUpsert> = {},
): DeskUserUpsert {
  const entraObjectId = overrides.entraObjectId ?? randomUUID();
  const alias = entraObjectId.slice(0, 8);
  return {
    ...base,
    entraObjectId,
    displayName: `User ${alias}`,
    userPrincipalName: `${alias}@contoso.example`,
    email: `${alias}@contoso.example`,
    ...overrides,
  };
}
