import { randomUUID } from 'node:crypto';
import { inflateRawSync, inflateSync } from 'node:zlib';
import type { HttpClient, TokenSource } from '../http/types.js';
import { parsePriceSheet, type ParsedPriceSheet } from './price-sheet-csv.js';
import { unzipSync } from 'fflate';

/** The new-commerce license-based view of the price sheet (get-a-price-sheet.md). */
export const LICENSE_BASED_VIEW = 'updatedlicensebased';

export interface PriceSheetReaderOptions {
  /** `https://api.partner.microsoft.com`, or the sandbox's equivalent. */
  baseUrl: string;
  /** App + user tokens for `https://api.partner.microsoft.com` in the partner tenant. */
  tokens: TokenSource;
  http: HttpClient;
  correlationId?: string;
}

export interface PriceSheet extends ParsedPriceSheet {
  /** Bytes received (compressed when Microsoft compressed them). */
  bytes: number;
  compressed: boolean;
}

/** The price sheet's URI for a market (two-letter code) and view: `…/pricesheets(Market='GB',…)/$value`. */
export function priceSheetUrl(baseUrl: string, market: string, view = LICENSE_BASED_VIEW): string {
  const quote = (v: string) => `'${v.replace(/'/g, "''")}'`;
  const root = baseUrl.replace(/\/+$/, '');
  return `${root}/v1.0/sales/pricesheets(Market=${quote(market)},PricesheetView=${quote(view)})/$value?timeline=current`;
}

/** The sheet's bytes as text: inflated when sent with `Content-Encoding: deflate`, unzipped when a zip. */
export function priceSheetText(
  body: Buffer,
  contentEncoding: string | null,
): { text: string; compressed: boolean } {
  let bytes = body;
  let compressed = false;
  if (contentEncoding?.toLowerCase().includes('deflate')) {
    compressed = true;
    try {
      bytes = inflateSync(bytes);
    } catch {
      // Some servers send raw deflate without the zlib wrapper under the same name.
      bytes = inflateRawSync(bytes);
    }
  }
  if (isZip(bytes)) {
    compressed = true;
    bytes = firstFileOfZip(bytes);
  }
  return { text: bytes.toString('utf8'), compressed };
}

/** A zip archive starts with a local file header ("PK\u0003\u0004"). */
function isZip(bytes: Buffer): boolean {
  return bytes.length >= 4 && bytes.readUInt32LE(0) === 0x04034b50;
}

/** The one file of Partner Center's zipped price sheet (fflate reads the archive). */
function firstFileOfZip(bytes: Buffer): Buffer {
  const files = Object.values(unzipSync(bytes));
  const first = files[0];
  if (!first) throw new Error('the zip archive is empty');
  return Buffer.from(first.buffer, first.byteOffset, first.byteLength);
}

/**
 * Reads the current new-commerce license-based price sheet of one market (Partner API, app + user
 * authentication). It asks for the compressed file (`Accept-Encoding: deflate`, a zip of the CSV)
 * and reads an uncompressed answer as well. Throws catalogued `MicrosoftError`s.
 */
export async function readPriceSheet(options: PriceSheetReaderOptions, market: string): Promise<PriceSheet> {
  const response = await options.http.send<Buffer>({
    service: 'partnercenter',
    method: 'GET',
    url: priceSheetUrl(options.baseUrl, market),
    headers: {
      accept: '*/*',
      'accept-encoding': 'deflate',
      'MS-RequestId': randomUUID(),
      'MS-CorrelationId': options.correlationId ?? randomUUID(),
    },
    tokens: options.tokens,
    raw: true,
  });
  const { text, compressed } = priceSheetText(response.body, response.headers.get('content-encoding'));
  return { ...parsePriceSheet(text), bytes: response.body.length, compressed };
}
