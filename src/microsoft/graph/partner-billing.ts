import { gunzipSync } from 'node:zlib';
import { z } from 'zod';
import { classifyMicrosoftError } from '../errors/classify.js';
import type { HttpClient, TokenSource } from '../http/types.js';
import { createGraphTransport } from './request.js';

/**
 * Microsoft Graph's partner billing export (v1.0, `microsoft.graph.partners.billing`), the
 * documented way to read a CSP partner's Azure usage since the Partner Center usage line-item
 * APIs were retired for new commerce (docs/adr/0019). `POST usage/unbilled/export` answers 202
 * with the operation's `Location`; the operation is polled (honouring `Retry-After`) until it
 * succeeds with a manifest naming gzipped JSON-lines blobs, read with the manifest's SAS token
 * (never with the Graph token). Needs PartnerBilling.Read.All in the partner tenant.
 */

/** One daily rated usage line item: the attributes consumption billing reads (attributeSet `full`). */
export const partnerUsageLineSchema = z
  .record(z.string(), z.unknown())
  // Attribute names are PascalCase in Microsoft's table; read them whatever their case.
  .transform((raw) => Object.fromEntries(Object.entries(raw).map(([k, v]) => [k.toLowerCase(), v])))
  .pipe(
    z.object({
      customerid: z.string().min(1),
      subscriptionid: z.string().min(1),
      metercategory: z.string(),
      metersubcategory: z.string().nullish(),
      metername: z.string().nullish(),
      unit: z.string().nullish(),
      unittype: z.string().nullish(),
      quantity: z.coerce.number().finite(),
      billingpretaxtotal: z.coerce.number().finite(),
      billingcurrency: z.string().min(1),
      chargestartdate: z.string(),
    }),
  )
  .transform((l) => ({
    customerTenantId: l.customerid,
    subscriptionId: l.subscriptionid,
    meterCategory: l.metercategory,
    meterSubCategory: l.metersubcategory ?? '',
    meterName: l.metername ?? '',
    unit: l.unit ?? l.unittype ?? '',
    quantity: l.quantity,
    cost: l.billingpretaxtotal,
    currency: l.billingcurrency.toUpperCase(),
    chargeStartDate: l.chargestartdate,
  }));
export type PartnerUsageLine = z.output<typeof partnerUsageLineSchema>;

const operationSchema = z.object({
  id: z.string(),
  status: z.enum(['running', 'succeeded', 'failed', 'notStarted', 'unknownFutureValue']),
  'resourceLocation@odata.navigationLink': z.string().optional(),
  error: z.object({ code: z.string().optional(), message: z.string().optional() }).nullish(),
});

const manifestSchema = z.object({
  id: z.string(),
  rootDirectory: z.string().url(),
  sasToken: z.string(),
  blobCount: z.number().int(),
  blobs: z.array(z.object({ name: z.string().min(1), partitionValue: z.string().nullish() })),
});

export interface UnbilledUsageExportOptions {
  currencyCode: string;
  billingPeriod: 'current' | 'last';
  /** Longest wait for the export to finish before giving up (retryable). Default 20 minutes. */
  maxWaitMs?: number;
  /** Wait between polls when Microsoft sends no `Retry-After`. Default 30 seconds. */
  defaultPollSeconds?: number;
  signal?: AbortSignal;
}

/** What the export read, for the run record. */
export interface ExportProgress {
  polls: number;
  blobs: number;
  unreadable: number;
}

const DEFAULT_MAX_WAIT_MS = 20 * 60 * 1000;
const DEFAULT_POLL_SECONDS = 30;

/** Microsoft answered a failed export with this when the partner has no usage for the period. */
const NO_DATA = /no data/i;

export interface PartnerBillingExport {
  /**
   * The partner's unbilled usage for the period, blob by blob. Lines that do not have the
   * expected attributes are counted in `progress.unreadable`, not returned.
   */
  unbilledUsage(options: UnbilledUsageExportOptions): AsyncGenerator<PartnerUsageLine[], void, undefined>;
  readonly progress: ExportProgress;
}

export function createPartnerBillingExport(input: {
  baseUrl: string;
  tokens: TokenSource;
  http: HttpClient;
}): PartnerBillingExport {
  const transport = createGraphTransport(input);
  const progress: ExportProgress = { polls: 0, blobs: 0, unreadable: 0 };
  const retry = input.http.retry;

  async function waitForManifest(location: string, options: UnbilledUsageExportOptions) {
    // Counted as the waits asked for, not the wall clock: a slow machine does not shorten it.
    const maxWaitMs = options.maxWaitMs ?? DEFAULT_MAX_WAIT_MS;
    let waitedMs = 0;
    for (;;) {
      const res = await transport.send('GET', location, { schema: operationSchema, signal: options.signal });
      progress.polls += 1;
      const op = res.body;
      if (op.status === 'succeeded') {
        const link = op['resourceLocation@odata.navigationLink'];
        if (!link) {
          throw classifyMicrosoftError({
            service: 'client',
            clientCode: 'InvalidResponse',
            message: 'the billing export succeeded without a manifest link',
          });
        }
        return link;
      }
      if (op.status === 'failed') {
        if (NO_DATA.test(op.error?.message ?? '')) return null;
        throw classifyMicrosoftError({
          service: 'graph',
          status: 500,
          microsoftCode: op.error?.code,
          message: `the partner billing export failed: ${op.error?.message ?? 'no reason given'}`,
        });
      }
      const seconds = Number(
        res.headers.get('retry-after') ?? options.defaultPollSeconds ?? DEFAULT_POLL_SECONDS,
      );
      const waitMs = Math.max(0, Number.isFinite(seconds) ? seconds : DEFAULT_POLL_SECONDS) * 1000;
      if (waitedMs + waitMs > maxWaitMs) {
        throw classifyMicrosoftError({
          service: 'client',
          clientCode: 'OperationTimedOut',
          message: `the partner billing export was still running after ${progress.polls} checks`,
        });
      }
      await retry.sleep(waitMs);
      waitedMs += waitMs;
      options.signal?.throwIfAborted();
    }
  }

  async function* unbilledUsage(options: UnbilledUsageExportOptions) {
    const started = await transport.send('POST', '/reports/partners/billing/usage/unbilled/export', {
      body: {
        currencyCode: options.currencyCode,
        billingPeriod: options.billingPeriod,
        // Meter categories are only in the full attribute set.
        attributeSet: 'full',
      },
      signal: options.signal,
    });
    const location = started.headers.get('location');
    if (started.status !== 202 || !location) {
      throw classifyMicrosoftError({
        service: 'client',
        clientCode: 'InvalidResponse',
        message: `the billing export answered ${started.status} without an operation Location`,
      });
    }
    const manifestLink = await waitForManifest(location, options);
    if (!manifestLink) return;
    const manifest = (
      await transport.send('GET', manifestLink, { schema: manifestSchema, signal: options.signal })
    ).body;
    for (const blob of manifest.blobs) {
      // The SAS token is the credential here: the Graph token never goes to blob storage.
      const url = `${manifest.rootDirectory.replace(/\/+$/, '')}/${encodeURI(blob.name)}?${manifest.sasToken.replace(/^\?/, '')}`;
      const res = await input.http.send<Buffer>({
        service: 'graph',
        method: 'GET',
        url,
        raw: true,
        signal: options.signal,
      });
      progress.blobs += 1;
      yield readLines(res.body);
    }
  }

  function readLines(data: Buffer): PartnerUsageLine[] {
    // gzip starts with 1f 8b; a plain JSON-lines file is read as it is.
    const text = (data[0] === 0x1f && data[1] === 0x8b ? gunzipSync(data) : data).toString('utf8');
    const lines: PartnerUsageLine[] = [];
    for (const raw of text.replace(/^\uFEFF/, '').split(/\r?\n/)) {
      if (!raw.trim()) continue;
      let parsed: unknown;
      try {
        parsed = JSON.parse(raw);
      } catch {
        progress.unreadable += 1;
        continue;
      }
      const line = partnerUsageLineSchema.safeParse(parsed);
      if (line.success) lines.push(line.data);
      else progress.unreadable += 1;
    }
    return lines;
  }

  return { unbilledUsage, progress };
}
