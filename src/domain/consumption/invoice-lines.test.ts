import { describe, expect, it } from 'vitest';
import { consumptionMappingSchema, type ConsumptionMappingInput } from '../../contracts/api/consumption.js';
import { chargeCategory, consumptionInvoiceLines, mappingFor, roundToCents } from './invoice-lines.js';
import { aggregateUsage, billingMonth, periodDates, type UsageLineItem } from './usage.js';

const rows = (...r: ConsumptionMappingInput[]) => r.map((m) => consumptionMappingSchema.parse(m));
const usage = (meterCategory: string, cost: number) => ({ meterCategory, cost, currency: 'GBP' });

describe('consumption mappings', () => {
  it('matches a category exactly (ignoring case) before the * row', () => {
    const mappings = rows({ meterCategory: '*', markupPercent: 5 }, { meterCategory: 'Virtual Machines' });
    expect(mappingFor('virtual machines', mappings)?.meterCategory).toBe('Virtual Machines');
    expect(mappingFor('Storage', mappings)?.meterCategory).toBe('*');
    expect(mappingFor('Storage', rows({ meterCategory: 'Bandwidth' }))).toBeNull();
  });

  it('bills cost plus markup with the row description, and leaves excluded or unmapped categories off', () => {
    const mappings = rows(
      { meterCategory: 'Virtual Machines', description: 'Cloud servers', markupPercent: 20 },
      { meterCategory: 'Bandwidth', action: 'exclude' },
    );
    const lines = consumptionInvoiceLines(
      '2026-12',
      [
        usage('Virtual Machines', 100),
        usage('Bandwidth', 3),
        usage('Storage', 7),
        usage('Virtual Machines', 50),
      ],
      mappings,
    );
    expect(lines).toEqual([
      {
        key: 'meter-category:virtual machines',
        description: 'Cloud servers (2026-12)',
        quantity: 1,
        unitPrice: 180,
        amount: 180,
        currency: 'GBP',
      },
    ]);
    expect(chargeCategory(usage('Bandwidth', 3), mappings)).toMatchObject({
      action: 'exclude',
      charge: null,
    });
    expect(chargeCategory(usage('Storage', 7), mappings)).toMatchObject({ action: 'unmapped', charge: null });
  });

  it('bills every other category through * with a default description', () => {
    const lines = consumptionInvoiceLines(
      '2026-11',
      [usage('Storage', 10), usage('SQL Database', 2)],
      rows({ meterCategory: '*', markupPercent: -100 }, { meterCategory: 'Storage', markupPercent: 10 }),
    );
    expect(lines.map((l) => [l.description, l.amount])).toEqual([
      ['Azure usage: SQL Database (2026-11)', 0],
      ['Azure usage: Storage (2026-11)', 11],
    ]);
  });

  it('rounds to cents once, on the category total, half away from zero', () => {
    expect(roundToCents(2.345)).toBe(2.35);
    expect(roundToCents(-2.345)).toBe(-2.35);
    expect(roundToCents(-0.001)).toBe(0);
    const thirds = Array.from({ length: 3 }, () => usage('Storage', 0.3333));
    const [line] = consumptionInvoiceLines(
      '2026-12',
      thirds,
      rows({ meterCategory: '*', markupPercent: 12.5 }),
    );
    // 0.9999 × 1.125 = 1.1248875 → 1.12 (rounding each day first would give 1.14).
    expect(line?.amount).toBe(1.12);
  });

  it('refuses a markup below -100% and a category mapped twice, naming the field', () => {
    expect(
      consumptionMappingSchema.safeParse({ meterCategory: 'Storage', markupPercent: -101 }).error?.issues[0],
    ).toMatchObject({
      path: ['markupPercent'],
      message: 'markupPercent must be -100 or more (-100 bills nothing)',
    });
  });
});

describe('usage aggregation', () => {
  const line = (over: Partial<UsageLineItem>): UsageLineItem => ({
    customerTenantId: 'AAAA',
    subscriptionId: 'S1',
    meterCategory: 'Storage',
    meterSubCategory: 'Blob',
    meterName: 'LRS Data Stored',
    unit: '1 GB/Month',
    quantity: 1,
    cost: 0.5,
    currency: 'GBP',
    chargeStartDate: '2026-12-01T00:00:00Z',
    ...over,
  });

  it('sums daily lines per customer, period, subscription and meter', () => {
    const { rows: out, undated } = aggregateUsage([
      line({}),
      line({ quantity: 2, cost: 1 }),
      line({ meterName: 'Write Operations' }),
      line({ chargeStartDate: '2026-11-01' }),
      line({ chargeStartDate: 'soon' }),
    ]);
    expect(undated).toBe(1);
    expect(out).toHaveLength(3);
    expect(out[0]).toMatchObject({
      customerTenantId: 'aaaa',
      period: '2026-12',
      quantity: 3,
      cost: 1.5,
      lineItems: 2,
    });
    expect(billingMonth('2026-13-01')).toBeNull();
    expect(periodDates('2024-02')).toEqual({ start: '2024-02-01', end: '2024-02-29' });
  });
});
