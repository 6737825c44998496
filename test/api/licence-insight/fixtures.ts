import { randomUUID } from 'node:crypto';
import { inArray } from 'drizzle-orm';
import {
  createConnectionRepository,
  schema,
  type Database,
  type SecretBox,
} from '../../../src/store/index.js';
import { givenCustomer } from '../access/fixtures.js';

const DAY_MS = 86_400_000;

/** SKU ids as Microsoft has them. */
export const SKUS = {
  businessPremium: 'cbdc14ab-d96c-4c30-b9f4-6ada7cdc1d46',
  exchangePlan1: '4b9405b0-7788-4568-add1-99614e613b69',
  e3: '05e9a617-0261-4cee-bb44-138d3ef5d965',
  visio: 'c5928f49-12ba-48f7-ada3-0d743a3601d5',
} as const;

const day = (now: Date, days: number) => new Date(now.getTime() + days * DAY_MS);
const isoDay = (at: Date) => at.toISOString().slice(0, 10);

/**
 * Two customers as a licence import and a users import leave them:
 *
 * Alpha (12 users): users 0–5 signed in 10 days ago, 6–7 disabled, 8–9 signed in 200 days ago,
 * 10 never seen signing in, 11 signed in 100 days ago. Business Premium: 15 paid, 12 assigned,
 * held by all twelve. Exchange Online (Plan 1): 5 paid, 2 assigned, held by users 0 and 6.
 *
 * Bravo (3 users, all signed in yesterday): Microsoft 365 E3, 10 paid, 3 assigned; a Visio SKU
 * Microsoft no longer returns (removed).
 *
 * Subscriptions: Alpha Business Premium ×15 renews in 10 days (auto-renew on, priced GBP 18.10
 * cost / 20.60 price a month); Alpha Exchange ×5 ends in 45 days (auto-renew off, priced yearly);
 * Bravo E3 ×10 ends in 20 days (auto-renew off, no price yet); a suspended Bravo one ends in 5 days.
 */
export async function givenLicenceEstate(db: Database, secrets: SecretBox, now = new Date()) {
  const alpha = await givenCustomer(db, 'Alpha', 12);
  const bravo = await givenCustomer(db, 'Bravo', 3);
  const connection = await createConnectionRepository(db, secrets).create({
    kind: 'entra',
    name: `Insight ${randomUUID().slice(0, 8)}`,
    tenantId: randomUUID(),
  });
  const signIns: (number | null)[] = [10, 10, 10, 10, 10, 10, 10, 10, 200, 200, null, 100];
  for (const [i, user] of alpha.users.entries()) {
    const days = signIns[i];
    await db
      .update(schema.deskUsers)
      .set({
        lastSignInAt: days === null || days === undefined ? null : day(now, -days),
        inactive: i === 6 || i === 7,
      })
      .where(inArray(schema.deskUsers.id, [user.id]));
  }
  await db
    .update(schema.deskUsers)
    .set({ lastSignInAt: day(now, -1) })
    .where(
      inArray(
        schema.deskUsers.id,
        bravo.users.map((u) => u.id),
      ),
    );

  const licence = (
    customer: typeof alpha,
    skuId: string,
    partNumber: string,
    friendlyName: string,
    totalUnits: number,
    consumedUnits: number,
  ) => ({
    connectionId: connection.id,
    tenantId: customer.tenantId,
    customerId: customer.customer.id,
    skuId,
    skuPartNumber: partNumber,
    friendlyName,
    capabilityStatus: 'Enabled',
    totalUnits,
    consumedUnits,
    source: 'graph',
  });
  const licences = await db
    .insert(schema.customerLicences)
    .values([
      licence(alpha, SKUS.businessPremium, 'SPB', 'Microsoft 365 Business Premium', 15, 12),
      licence(alpha, SKUS.exchangePlan1, 'EXCHANGESTANDARD', 'Exchange Online (Plan 1)', 5, 2),
      licence(bravo, SKUS.e3, 'SPE_E3', 'Microsoft 365 E3', 10, 3),
      { ...licence(bravo, SKUS.visio, 'VISIOCLIENT', 'Visio Plan 2', 4, 4), removedAt: day(now, -3) },
    ])
    .returning({ id: schema.customerLicences.id, skuId: schema.customerLicences.skuId });

  const holding = (customer: typeof alpha, index: number, skuId: string, viaGroup = false) => ({
    deskUserId: customer.users[index]!.id,
    tenantId: customer.tenantId,
    skuId,
    viaGroup,
  });
  await db
    .insert(schema.deskUserLicences)
    .values([
      ...alpha.users.map((_, i) => holding(alpha, i, SKUS.businessPremium, i % 2 === 0)),
      holding(alpha, 0, SKUS.exchangePlan1),
      holding(alpha, 6, SKUS.exchangePlan1),
      ...bravo.users.map((_, i) => holding(bravo, i, SKUS.e3)),
      holding(bravo, 0, SKUS.visio),
    ]);

  const subscription = (
    customer: typeof alpha,
    name: string,
    quantity: number,
    endsInDays: number,
    more: Partial<typeof schema.cspSubscriptions.$inferInsert> = {},
  ) => ({
    connectionId: connection.id,
    tenantId: customer.tenantId,
    customerId: customer.customer.id,
    subscriptionId: randomUUID(),
    offerId: `CFQ7TTC0${randomUUID().slice(0, 4).toUpperCase()}:0001`,
    offerName: name,
    friendlyName: name,
    quantity,
    status: 'active',
    termDuration: 'P1Y',
    billingCycle: 'monthly',
    commitmentEndDate: isoDay(day(now, endsInDays)),
    ...more,
  });
  // As the pricing import stores it: columns on the subscription.
  const priced = (p: { currency: string; unitCost: number; unitPrice: number; pricingPeriod: string }) => ({
    ...p,
    pricedAt: now,
  });
  await db.insert(schema.cspSubscriptions).values([
    subscription(alpha, 'Microsoft 365 Business Premium', 15, 10, {
      autoRenew: true,
      ...priced({ currency: 'GBP', unitCost: 18.1, unitPrice: 20.6, pricingPeriod: 'P1M' }),
    }),
    subscription(alpha, 'Exchange Online (Plan 1), "Kiosk"', 5, 45, {
      ...priced({ currency: 'GBP', unitCost: 36, unitPrice: 48, pricingPeriod: 'P1Y' }),
    }),
    subscription(bravo, 'Microsoft 365 E3', 10, 20),
    subscription(bravo, 'Power BI Pro', 2, 5, { status: 'suspended' }),
  ]);
  return { alpha, bravo, connection, licences };
}
