import { derivedGuid } from '../../partner-center/records.js';
import type { Estate } from '../../state/estate.js';
import type { AddedUsageRecord, PcSubscriptionRecord, TenantRecord } from '../../state/types.js';
import { dailyQuantity, metersOf, type EmuMeter } from './meters.js';

/** Azure plan's product id: its subscriptions' `offerId` starts with it (e.g. `DZH318Z0BCZJ:0001`). */
export const AZURE_PLAN_PRODUCT_ID = 'DZH318Z0BCZJ';

export const isAzurePlan = (sub: PcSubscriptionRecord) =>
  String(sub.props.offerId).toUpperCase().startsWith(AZURE_PLAN_PRODUCT_ID);

/** `billingPeriod` of the export: the month in progress, or the one before it. */
export type ExportPeriod = 'current' | 'last';

const DAY_MS = 86_400_000;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** First and last day (epoch ms, midnight UTC) of the period, and the last day with rated usage. */
export function periodDays(
  period: ExportPeriod,
  now: number,
): { start: number; end: number; lastRated: number } {
  const today = new Date(now);
  const monthStart = Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - (period === 'last' ? 1 : 0), 1);
  const first = new Date(monthStart);
  const end = Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 1) - DAY_MS;
  // Daily rated usage appears about 24 hours after the day (overview note): yesterday at best.
  const yesterday = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate()) - DAY_MS;
  return { start: monthStart, end, lastRated: Math.min(end, yesterday) };
}

/** Attributes only the `full` attribute set carries (attributeSet enum page). */
const FULL_ONLY = new Set([
  'AvailabilityId',
  'BenefitId',
  'ConsumedService',
  'CustomerCountry',
  'CustomerDomainName',
  'EntitlementDescription',
  'MeterCategory',
  'MeterId',
  'MeterName',
  'MeterRegion',
  'MeterSubCategory',
  'MeterType',
  'MpnId',
  'PartnerEarnedCreditPercentage',
  'ProductName',
  'PublisherId',
  'ResourceGroup',
  'ResourceLocation',
  'ServiceInfo1',
  'ServiceInfo2',
  'SubscriptionDescription',
  'Tags',
  'Tier2MpnId',
  'Unit',
]);

interface LineInput {
  partner: TenantRecord;
  customer: TenantRecord;
  sub: PcSubscriptionRecord;
  meter: Omit<EmuMeter, 'daily'>;
  day: string;
  quantity: number;
  period: { start: number; end: number };
  currency: string;
}

const round = (n: number, places: number) => Math.round(n * 10 ** places) / 10 ** places;

/** One daily rated usage line item, attribute names as the attribute set table spells them. */
function lineItem(input: LineInput): Record<string, unknown> {
  const { partner, customer, sub, meter, day, quantity, currency } = input;
  const azureSubscriptionId = derivedGuid(`azure-subscription:${sub.props.id}`);
  const resourceGroup = `rg-${meter.consumedService.split('.')[1]!.toLowerCase()}`;
  const total = round(quantity * meter.unitPrice, 6);
  return {
    PartnerId: partner.id,
    PartnerName: partner.displayName,
    CustomerId: customer.id,
    CustomerName: customer.displayName,
    CustomerDomainName: customer.initialDomain,
    CustomerCountry: 'GB',
    MpnId: String(sub.props.partnerId ?? ''),
    Tier2MpnId: '',
    InvoiceNumber: '',
    ProductId: AZURE_PLAN_PRODUCT_ID,
    SkuId: '0001',
    AvailabilityId: 'DZH318Z0BXTQ',
    SkuName: 'Azure plan',
    ProductName: 'Azure plan',
    PublisherName: 'Microsoft',
    PublisherId: '',
    SubscriptionDescription: String(sub.props.friendlyName ?? 'Azure plan'),
    SubscriptionId: sub.props.id,
    ChargeStartDate: `${isoDay(input.period.start)}T00:00:00Z`,
    ChargeEndDate: `${isoDay(input.period.end)}T00:00:00Z`,
    UsageDate: `${day}T00:00:00Z`,
    MeterType: meter.unit,
    MeterCategory: meter.category,
    MeterId: derivedGuid(`meter:${meter.category}:${meter.subCategory}:${meter.name}`),
    MeterSubCategory: meter.subCategory,
    MeterName: meter.name,
    MeterRegion: 'UK South',
    Unit: meter.unit,
    ResourceLocation: 'uksouth',
    ConsumedService: meter.consumedService,
    ResourceGroup: resourceGroup,
    ResourceURI: `/subscriptions/${azureSubscriptionId}/resourceGroups/${resourceGroup}`,
    ChargeType: 'new',
    UnitPrice: meter.unitPrice,
    Quantity: quantity,
    UnitType: meter.unit,
    BillingPreTaxTotal: total,
    BillingCurrency: currency,
    PricingPreTaxTotal: total,
    PricingCurrency: currency,
    EffectiveUnitPrice: meter.unitPrice,
    PCToBCExchangeRate: 1,
    PCToBCExchangeRateDate: `${isoDay(input.period.start)}T00:00:00Z`,
    EntitlementId: azureSubscriptionId,
    EntitlementDescription: 'Azure subscription 1',
    PartnerEarnedCreditPercentage: 0,
    CreditPercentage: 0,
    CreditType: 'Credit Not Applied',
    BenefitOrderId: '',
    BenefitId: '',
    BenefitType: '',
    ServiceInfo1: '',
    ServiceInfo2: '',
    Tags: '',
    AdditionalInfo: '',
  };
}

const basic = (line: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(line).filter(([key]) => !FULL_ONLY.has(key)));

/**
 * The partner's unbilled usage for a period: every active Azure plan of every customer, one line
 * per meter per day up to yesterday (deterministic, from the subscription id and the day), plus
 * usage the admin API added for days of the period.
 */
export function unbilledUsageLines(
  estate: Estate,
  options: { period: ExportPeriod; now: number; currency: string; attributeSet: 'full' | 'basic' },
): Record<string, unknown>[] {
  const partner = estate.partnerTenantId ? estate.tenant(estate.partnerTenantId) : undefined;
  const pc = partner?.partnerCenter;
  if (!partner || !pc) return [];
  const period = periodDays(options.period, options.now);
  const lines: Record<string, unknown>[] = [];
  const base = { partner, period, currency: options.currency };
  for (const [customerId, subs] of pc.subscriptions) {
    const customer = estate.tenant(customerId);
    if (!customer || !pc.customers.has(customerId)) continue;
    for (const sub of subs.values()) {
      if (!isAzurePlan(sub) || sub.props.status !== 'active') continue;
      const meters = metersOf(sub.props.id);
      for (let day = period.start; day <= period.lastRated; day += DAY_MS) {
        const date = isoDay(day);
        for (const meter of meters) {
          const quantity = dailyQuantity(sub.props.id, meter, date);
          lines.push(lineItem({ ...base, customer, sub, meter, day: date, quantity }));
        }
      }
    }
  }
  const first = isoDay(period.start);
  const last = isoDay(period.end);
  for (const added of pc.addedUsage ?? []) {
    if (added.usageDate < first || added.usageDate > last) continue;
    const customer = estate.tenant(added.customerId);
    const sub = pc.subscriptions.get(added.customerId)?.get(added.subscriptionId);
    if (!customer || !sub) continue;
    lines.push(
      lineItem({
        ...base,
        customer,
        sub,
        meter: meterOf(added),
        day: added.usageDate,
        quantity: added.quantity,
      }),
    );
  }
  return options.attributeSet === 'basic' ? lines.map(basic) : lines;
}

function meterOf(added: AddedUsageRecord): Omit<EmuMeter, 'daily'> {
  return {
    category: added.meterCategory,
    subCategory: added.meterSubCategory,
    name: added.meterName,
    unit: added.unit,
    consumedService: 'Microsoft.Compute',
    unitPrice: added.unitPrice,
  };
}
