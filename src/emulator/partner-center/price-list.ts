import { SKU_CATALOGUE, type CatalogueSkuName } from '../graph/licences/catalogue.js';

/** Markets the emulator prices, with their currency and a rough exchange from its USD list prices. */
export const PRICE_MARKETS = {
  GB: { currency: 'GBP', perUsd: 0.84 },
  US: { currency: 'USD', perUsd: 1 },
  AU: { currency: 'AUD', perUsd: 1.52 },
  CA: { currency: 'CAD', perUsd: 1.37 },
  NZ: { currency: 'NZD', perUsd: 1.66 },
} as const;
export type PriceMarket = keyof typeof PRICE_MARKETS;

/** Monthly retail (ERP) per seat in USD on an annual commitment: illustrative, near Microsoft's list. */
const MONTHLY_USD: Record<CatalogueSkuName, number> = {
  ENTERPRISEPACK: 23,
  SPE_E3: 36,
  SPE_E5: 57,
  SPB: 22,
  O365_BUSINESS_PREMIUM: 12.5,
  O365_BUSINESS_ESSENTIALS: 6,
  EMS: 10.6,
  AAD_PREMIUM: 6,
  INTUNE_A: 8,
  EXCHANGESTANDARD: 4,
};

/**
 * The terms and billing plans sold, with what one amount pays for relative to a month of the
 * annual price: monthly-term subscriptions cost 20% more (new commerce), triennial 5% less.
 */
const PLANS = [
  { term: 'P1M', plan: 'Monthly', months: 1, factor: 1.2 },
  { term: 'P1Y', plan: 'Monthly', months: 1, factor: 1 },
  { term: 'P1Y', plan: 'Annual', months: 12, factor: 1 },
  { term: 'P3Y', plan: 'Monthly', months: 1, factor: 0.95 },
  { term: 'P3Y', plan: 'Annual', months: 12, factor: 0.95 },
  { term: 'P3Y', plan: 'Triennial', months: 36, factor: 0.95 },
] as const;

/** The partner's cost (`UnitPrice`) as a share of the estimated retail price (`ERP Price`). */
const COST_SHARE = 0.85;

export interface PriceListRow {
  productId: string;
  skuId: string;
  productTitle: string;
  skuTitle: string;
  termDuration: string;
  billingPlan: string;
  market: PriceMarket;
  currency: string;
  unitPrice: number;
  erpPrice: number;
}

const cents = (n: number) => Math.round(n * 100) / 100;

/** Amounts changed through the admin API, by {@link priceKey}. */
export type PriceChanges = ReadonlyMap<string, { unitPrice: number; erpPrice: number }>;

/** One row's identity: market, product, SKU, term and billing plan (any case). */
export function priceKey(
  r: Pick<PriceListRow, 'market' | 'productId' | 'skuId' | 'termDuration' | 'billingPlan'>,
) {
  return [r.market, r.productId, r.skuId, r.termDuration, r.billingPlan].join('|').toUpperCase();
}

/** Every catalogue offer's rows for `market`: one per term and billing plan, with changed amounts. */
export function priceListRows(market: PriceMarket, changes?: PriceChanges): PriceListRow[] {
  const { currency, perUsd } = PRICE_MARKETS[market];
  const rows: PriceListRow[] = [];
  for (const [name, sku] of Object.entries(SKU_CATALOGUE) as [
    CatalogueSkuName,
    (typeof SKU_CATALOGUE)[CatalogueSkuName],
  ][]) {
    const monthly = MONTHLY_USD[name];
    const [productId, skuId] = sku.nceProductId.split(':') as [string, string];
    for (const p of PLANS) {
      const erpPrice = cents(monthly * perUsd * p.factor * p.months);
      const row: PriceListRow = {
        productId,
        skuId,
        productTitle: sku.displayName,
        skuTitle: sku.displayName,
        termDuration: p.term,
        billingPlan: p.plan,
        market,
        currency,
        unitPrice: cents(erpPrice * COST_SHARE),
        erpPrice,
      };
      rows.push({ ...row, ...changes?.get(priceKey(row)) });
    }
  }
  return rows;
}

const COLUMNS = [
  'ProductTitle',
  'ProductId',
  'SkuId',
  'SkuTitle',
  'Publisher',
  'SkuDescription',
  'UnitOfMeasure',
  'TermDuration',
  'BillingPlan',
  'Market',
  'Currency',
  'UnitPrice',
  'PricingTierRangeMin',
  'PricingTierRangeMax',
  'EffectiveStartDate',
  'EffectiveEndDate',
  'Tags',
  'ERP Price',
] as const;

const quote = (v: string) => `"${v.replace(/"/g, '""')}"`;

/** `M/D/YYYY h:mm:ss AM` as the documented example writes dates (UTC). */
function sheetDate(ms: number): string {
  const d = new Date(ms);
  const h = d.getUTCHours();
  const hour = h % 12 === 0 ? 12 : h % 12;
  const mm = String(d.getUTCMinutes()).padStart(2, '0');
  const ss = String(d.getUTCSeconds()).padStart(2, '0');
  return `${d.getUTCMonth() + 1}/${d.getUTCDate()}/${d.getUTCFullYear()} ${hour}:${mm}:${ss} ${h < 12 ? 'AM' : 'PM'}`;
}

/**
 * The sheet as Partner Center sends it: a UTF-8 BOM, CRLF lines, every field quoted, columns as in
 * the documented example. Rows are effective from the first of the current month (`now`), open-ended.
 */
export function priceListCsv(market: PriceMarket, now: number, changes?: PriceChanges): string {
  const d = new Date(now);
  const start = sheetDate(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1));
  const lines = [COLUMNS.map(quote).join(',')];
  for (const r of priceListRows(market, changes)) {
    const cells: Record<(typeof COLUMNS)[number], string> = {
      ProductTitle: r.productTitle,
      ProductId: r.productId,
      SkuId: r.skuId,
      SkuTitle: r.skuTitle,
      Publisher: 'Microsoft Corporation',
      SkuDescription: `${r.skuTitle}, per user, ${r.termDuration} commitment, billed ${r.billingPlan.toLowerCase()}`,
      UnitOfMeasure: '',
      TermDuration: r.termDuration,
      BillingPlan: r.billingPlan,
      Market: r.market,
      Currency: r.currency,
      UnitPrice: String(r.unitPrice),
      PricingTierRangeMin: '',
      PricingTierRangeMax: '',
      EffectiveStartDate: start,
      EffectiveEndDate: '',
      Tags: 'License',
      'ERP Price': String(r.erpPrice),
    };
    lines.push(COLUMNS.map((c) => quote(cells[c])).join(','));
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
