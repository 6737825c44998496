import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { zipOneFile } from '../../src/emulator/partner-center/price-sheets.js';
import { createFakeFetch, json } from './support/fake-fetch.js';
import { createHttpClient } from '../../src/microsoft/http/http-client.js';
import { parseCsv } from '../../src/microsoft/partner-center/price-sheet-csv.js';
import { parsePriceSheet } from '../../src/microsoft/partner-center/price-sheet-csv.js';
import { priceSheetUrl, readPriceSheet } from '../../src/microsoft/partner-center/price-sheet.js';

const HEADER =
  '"ProductTitle","ProductId","SkuId","SkuTitle","Publisher","SkuDescription","UnitOfMeasure","TermDuration","BillingPlan","Market","Currency","UnitPrice","PricingTierRangeMin","PricingTierRangeMax","EffectiveStartDate","EffectiveEndDate","Tags","ERP Price"';
const ROW =
  '"Advanced Communications","CFQ7TTC0HDK0","0001","Advanced Communications","Microsoft Corporation","Advanced meetings, calling, workflow integration, and management tools for IT.","","P1Y","Annual","US","USD","115.2","","","2/1/2019 12:00:00 AM","2/4/2021 8:35:31 PM","License","144"';

describe('price sheet CSV', () => {
  it('reads quoted fields with commas, doubled quotes and line breaks, and drops a BOM', () => {
    expect(parseCsv('\uFEFFa,"b,c","say ""hi""","two\r\nlines"\r\n\r\nx,y,,z\n')).toEqual([
      ['a', 'b,c', 'say "hi"', 'two\r\nlines'],
      ['x', 'y', '', 'z'],
    ]);
  });

  it("reads Microsoft's documented example: cost from UnitPrice, retail from ERP Price, US dates in UTC", () => {
    const sheet = parsePriceSheet(`\uFEFF${HEADER}\r\n${ROW}\r\n`);
    expect(sheet.rejectedCount).toBe(0);
    expect(sheet.rows).toEqual([
      {
        productId: 'CFQ7TTC0HDK0',
        skuId: '0001',
        productTitle: 'Advanced Communications',
        skuTitle: 'Advanced Communications',
        termDuration: 'P1Y',
        billingPlan: 'Annual',
        market: 'US',
        currency: 'USD',
        unitCost: 115.2,
        unitPrice: 144,
        effectiveStart: '2019-02-01T00:00:00.000Z',
        effectiveEnd: '2021-02-04T20:35:31.000Z',
        tags: 'License',
      },
    ]);
  });

  it('rejects a row whose amount is not a number, naming the column, and keeps the others', () => {
    const bad = ROW.replace('"115.2"', '"n/a"');
    const sheet = parsePriceSheet(`${HEADER}\n${bad}\n${ROW}\n`);
    expect(sheet.rows).toHaveLength(1);
    expect(sheet.rejected).toEqual([{ row: 1, problem: 'UnitPrice must be a number' }]);
  });

  it('refuses a file without the price columns', () => {
    expect(() => parsePriceSheet('"ProductId","SkuId"\n"A","B"\n')).toThrow(/no Currency, UnitPrice column/);
  });
});

describe('readPriceSheet', () => {
  const csv = Buffer.from(`\uFEFF${HEADER}\r\n${ROW}\r\n`, 'utf8');
  const read = async (answer: Response) => {
    const fake = createFakeFetch([answer]);
    const http = createHttpClient({ fetch: fake.fetch, sleep: async () => undefined });
    const sheet = await readPriceSheet(
      { baseUrl: 'https://partner.example/', tokens: { getToken: async () => 'tok' }, http },
      'US',
    );
    return { sheet, calls: fake.calls };
  };

  it("asks for the market's license-based sheet, compressed, and unzips the answer", async () => {
    const zip = zipOneFile('sheets.csv', csv, new Date('2026-01-01T00:00:00Z'));
    const { sheet, calls } = await read(
      new Response(new Uint8Array(zip), {
        status: 200,
        headers: { 'content-type': 'application/octet-stream' },
      }),
    );
    expect(calls[0]!.url).toBe(
      "https://partner.example/v1.0/sales/pricesheets(Market='US',PricesheetView='updatedlicensebased')/$value?timeline=current",
    );
    expect(calls[0]!.headers['accept-encoding']).toBe('deflate');
    expect(calls[0]!.headers.authorization).toBe('Bearer tok');
    expect(sheet.compressed).toBe(true);
    expect(sheet.rows.map((r) => [r.productId, r.unitCost, r.unitPrice])).toEqual([
      ['CFQ7TTC0HDK0', 115.2, 144],
    ]);
  });

  it('reads an uncompressed CSV and a Content-Encoding: deflate one alike', async () => {
    const plain = await read(new Response(new Uint8Array(csv), { status: 200 }));
    expect(plain.sheet.compressed).toBe(false);
    const deflated = await read(
      new Response(new Uint8Array(deflateSync(csv)), {
        status: 200,
        headers: { 'content-encoding': 'deflate' },
      }),
    );
    expect(deflated.sheet.rows).toEqual(plain.sheet.rows);
  });

  it('quotes the market inside the key', () => {
    expect(priceSheetUrl('https://p', "G'B")).toContain("Market='G''B'");
  });

  it('fails with the catalogued error when Partner API refuses', async () => {
    await expect(read(json(401, { code: 401, description: 'Unauthorized' }))).rejects.toMatchObject({
      name: 'MicrosoftError',
    });
  });
});
