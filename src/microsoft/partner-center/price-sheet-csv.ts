import { parse } from 'csv-parse/sync';
import { z } from 'zod';

/**
 * RFC 4180 records of a CSV text (csv-parse): quoted fields may hold commas, doubled quotes and
 * line breaks; a leading UTF-8 BOM is dropped; CRLF and LF both end a record; blank lines are
 * skipped; short rows are kept (the row schema names what is missing).
 */
export function parseCsv(text: string): string[][] {
  return parse(text, {
    bom: true,
    skip_empty_lines: true,
    relax_column_count: true,
    record_delimiter: ['\r\n', '\n'],
  }) as string[][];
}

/** The price sheet's date cells, e.g. `2/1/2019 12:00:00 AM` (US order, UTC) or ISO 8601. */
export function parseSheetDate(value: string): string | null {
  const v = value.trim();
  if (v === '') return null;
  const us = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*(AM|PM)?)?$/i.exec(v);
  if (us) {
    let hour = Number(us[4] ?? 0);
    const meridiem = us[7]?.toUpperCase();
    if (meridiem === 'PM' && hour < 12) hour += 12;
    if (meridiem === 'AM' && hour === 12) hour = 0;
    const ms = Date.UTC(
      Number(us[3]),
      Number(us[1]) - 1,
      Number(us[2]),
      hour,
      Number(us[5] ?? 0),
      Number(us[6] ?? 0),
    );
    return new Date(ms).toISOString();
  }
  const ms = Date.parse(v);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}

const text = z.string().trim();
const amount = (column: string) =>
  z
    .string()
    .trim()
    .refine((v) => v === '' || /^-?\d+(\.\d+)?$/.test(v), `${column} must be a number`)
    .transform((v) => (v === '' ? null : Number(v)))
    .refine((v) => v === null || v >= 0, `${column} must not be negative`);

/**
 * One row of the new-commerce license-based price sheet (`PricesheetView='updatedlicensebased'`),
 * by Microsoft's column names. `UnitPrice` is the partner's cost; `ERP Price` the estimated retail
 * price; both per unit for one billing period of `BillingPlan`.
 */
export const priceSheetRowSchema = z.object({
  ProductId: text.min(1, 'ProductId must not be empty'),
  SkuId: text.min(1, 'SkuId must not be empty'),
  ProductTitle: text.default(''),
  SkuTitle: text.default(''),
  TermDuration: text.default(''),
  BillingPlan: text.default(''),
  Market: text.default(''),
  Currency: text
    .toUpperCase()
    .refine((v) => /^[A-Z]{3}$/.test(v), 'Currency must be an ISO 4217 code such as GBP'),
  UnitPrice: amount('UnitPrice'),
  'ERP Price': amount('ERP Price').prefault(''),
  EffectiveStartDate: text.default('').transform(parseSheetDate),
  EffectiveEndDate: text.default('').transform(parseSheetDate),
  Tags: text.default(''),
});

/** A price sheet row as Rollcall keeps it. */
export interface PriceSheetRow {
  productId: string;
  skuId: string;
  productTitle: string;
  skuTitle: string;
  /** ISO 8601 duration: P1M, P1Y, P3Y. */
  termDuration: string;
  /** Monthly, Annual, Triennial, OneTime, … as Microsoft writes it. */
  billingPlan: string;
  market: string;
  currency: string;
  /** The partner's cost (`UnitPrice`). */
  unitCost: number | null;
  /** The estimated retail price (`ERP Price`). */
  unitPrice: number | null;
  effectiveStart: string | null;
  effectiveEnd: string | null;
  tags: string;
}

export interface ParsedPriceSheet {
  rows: PriceSheetRow[];
  /** Rows that did not validate, with their number (1 = the first after the header) and why (the first 20). */
  rejected: { row: number; problem: string }[];
  rejectedCount: number;
}

const REQUIRED_COLUMNS = ['ProductId', 'SkuId', 'Currency', 'UnitPrice'] as const;

/**
 * Reads a price sheet's CSV: the header names the columns (their order is not relied on, extra
 * columns are ignored); each row is checked with {@link priceSheetRowSchema}. A sheet without the
 * required columns is refused as a whole.
 */
export function parsePriceSheet(text: string): ParsedPriceSheet {
  const [header, ...records] = parseCsv(text);
  const columns = (header ?? []).map((h) => h.trim().replace(/[“”]/g, ''));
  const missing = REQUIRED_COLUMNS.filter((c) => !columns.includes(c));
  if (missing.length > 0) {
    throw new Error(
      `the price sheet has no ${missing.join(', ')} column (columns: ${columns.join(', ') || 'none'})`,
    );
  }
  const rows: PriceSheetRow[] = [];
  const rejected: ParsedPriceSheet['rejected'] = [];
  let rejectedCount = 0;
  records.forEach((record, index) => {
    const raw: Record<string, string> = {};
    columns.forEach((column, i) => {
      if (record[i] !== undefined) raw[column] = record[i];
    });
    const parsed = priceSheetRowSchema.safeParse(raw);
    if (!parsed.success) {
      rejectedCount += 1;
      if (rejected.length < 20) {
        rejected.push({ row: index + 1, problem: parsed.error.issues.map((i) => i.message).join('; ') });
      }
      return;
    }
    const r = parsed.data;
    rows.push({
      productId: r.ProductId,
      skuId: r.SkuId,
      productTitle: r.ProductTitle,
      skuTitle: r.SkuTitle,
      termDuration: r.TermDuration,
      billingPlan: r.BillingPlan,
      market: r.Market,
      currency: r.Currency,
      unitCost: r.UnitPrice,
      unitPrice: r['ERP Price'],
      effectiveStart: r.EffectiveStartDate,
      effectiveEnd: r.EffectiveEndDate,
      tags: r.Tags,
    });
  });
  return { rows, rejected, rejectedCount };
}
