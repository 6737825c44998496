import { randomBytes } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { z } from 'zod';
import type { EmulatorContext } from '../../context.js';
import { guid } from '../../ids.js';
import { readJson, type EmuRequest, type EmuResponse } from '../../http/types.js';
import { graphRoute, type GraphHandler } from '../auth.js';
import { badRequest, graphBase, graphError, graphJson, notFound } from '../respond.js';
import { unbilledUsageLines, type ExportPeriod } from './usage-lines.js';

/** Partner billing permissions (partners-billing-api-overview: delegated and application). */
export const PARTNER_BILLING_PERMISSIONS = ['PartnerBilling.Read.All'];

const BASE = '/v1.0/reports/partners/billing';
/** Where the emulator serves exported files: Azure Blob Storage's part, on the emulator's origin. */
export const BLOB_BASE = '/blob/billingexports';

const exportBodySchema = z.object({
  currencyCode: z.string().regex(/^[A-Za-z]{3}$/),
  billingPeriod: z.enum(['current', 'last']),
  attributeSet: z.enum(['full', 'basic']).default('full'),
});

interface ExportOperation {
  id: string;
  partnerTenantId: string;
  createdAt: number;
  polls: number;
  request: { currency: string; period: ExportPeriod; attributeSet: 'full' | 'basic' };
  /** Set when the export has run. */
  manifest?: {
    id: string;
    createdAt: number;
    sig: string;
    expiresAt: number;
    blobs: { name: string; data: Buffer }[];
    lineCount: number;
  };
}

const iso = (ms: number) => new Date(ms).toISOString();

/** The export operations of one emulator (forgotten with it). */
export interface PartnerBillingExports {
  operations: Map<string, ExportOperation>;
}

function runExport(ctx: EmulatorContext, op: ExportOperation): void {
  const lines = unbilledUsageLines(ctx.estate, {
    period: op.request.period,
    now: ctx.clock.now(),
    currency: op.request.currency,
    attributeSet: op.request.attributeSet,
  });
  const size = ctx.behaviour.partnerBilling.linesPerBlob;
  const blobs: { name: string; data: Buffer }[] = [];
  for (let i = 0; i === 0 || i < lines.length; i += size) {
    const text = lines
      .slice(i, i + size)
      .map((l) => JSON.stringify(l))
      .join('\n');
    const name = `part-${String(blobs.length).padStart(5, '0')}-${op.id}.c000.json.gz`;
    blobs.push({ name, data: gzipSync(Buffer.from(text, 'utf8')) });
    if (lines.length === 0) break;
  }
  const now = ctx.clock.now();
  op.manifest = {
    id: guid(),
    createdAt: now,
    sig: randomBytes(24).toString('base64url'),
    expiresAt: now + ctx.behaviour.partnerBilling.sasLifetimeSeconds * 1000,
    blobs,
    lineCount: lines.length,
  };
}

function operationJson(req: EmuRequest, op: ExportOperation): Record<string, unknown> {
  const common = {
    id: op.id,
    createdDateTime: iso(op.createdAt),
    lastActionDateTime: iso(op.manifest?.createdAt ?? op.createdAt),
  };
  if (!op.manifest) {
    return {
      '@odata.type': '#microsoft.graph.partners.billing.runningOperation',
      ...common,
      status: 'running',
    };
  }
  return {
    '@odata.type': '#microsoft.graph.partners.billing.exportSuccessOperation',
    ...common,
    status: 'succeeded',
    'resourceLocation@odata.navigationLink': `${graphBase(req)}/reports/partners/billing/manifests/${op.manifest.id}`,
  };
}

function sasToken(manifest: NonNullable<ExportOperation['manifest']>): string {
  const se = encodeURIComponent(iso(manifest.expiresAt).replace(/\.\d{3}Z$/, 'Z'));
  return `skv=2021-08-06&sv=2021-08-06&se=${se}&sr=d&sp=rl&sdd=3&sig=${encodeURIComponent(manifest.sig)}`;
}

function rootDirectory(req: EmuRequest, op: ExportOperation): string {
  return `${req.url.origin}${BLOB_BASE}/PartnerTenantId=${op.partnerTenantId}/Operation=${op.id}/Fragment=${op.request.attributeSet}/PartitionType=default`;
}

/** Azure Blob Storage's error body (XML), e.g. a missing or expired SAS signature. */
function storageError(status: number, code: string, message: string): EmuResponse {
  return {
    status,
    headers: { 'content-type': 'application/xml', 'x-ms-error-code': code },
    body: `<?xml version="1.0" encoding="utf-8"?><Error><Code>${code}</Code><Message>${message}</Message></Error>`,
  };
}

/**
 * Microsoft Graph's partner billing export (v1.0, `microsoft.graph.partners.billing`): `POST
 * usage/unbilled/export` answers 202 with the operation's `Location`; the operation is `running`
 * for `pollsBeforeReady` polls (with `Retry-After`), then `succeeded` with its manifest; the
 * manifest names gzipped JSON-lines blobs readable with its SAS token.
 */
export function registerPartnerBillingRoutes(ctx: EmulatorContext): PartnerBillingExports {
  const exports: PartnerBillingExports = { operations: new Map() };
  const route = (handler: GraphHandler) =>
    graphRoute(ctx, PARTNER_BILLING_PERMISSIONS, (req, params, caller) => {
      if (caller.tenant.id !== ctx.estate.partnerTenantId) {
        return graphError(req, 403, 'Forbidden', 'The caller is not a partner tenant with billing data.');
      }
      return handler(req, params, caller);
    });
  const operationOf = (req: EmuRequest, id: string | undefined, tenantId: string) => {
    const op = exports.operations.get((id ?? '').toLowerCase());
    return op && op.partnerTenantId === tenantId ? op : notFound(req, id ?? '');
  };

  ctx.router.on(
    'POST',
    `${BASE}/usage/unbilled/export`,
    { service: 'graph', name: 'POST /reports/partners/billing/usage/unbilled/export' },
    route((req, _params, caller) => {
      let body: unknown;
      try {
        body = readJson(req) ?? {};
      } catch {
        return badRequest(req, 'The request body is not valid JSON.');
      }
      const parsed = exportBodySchema.safeParse(body);
      if (!parsed.success) {
        const field = String(parsed.error.issues[0]?.path[0] ?? 'body');
        return badRequest(req, `Invalid value for parameter '${field}'.`);
      }
      const op: ExportOperation = {
        id: guid(),
        partnerTenantId: caller.tenant.id,
        createdAt: ctx.clock.now(),
        polls: 0,
        request: {
          currency: parsed.data.currencyCode.toUpperCase(),
          period: parsed.data.billingPeriod,
          attributeSet: parsed.data.attributeSet,
        },
      };
      exports.operations.set(op.id, op);
      return {
        status: 202,
        headers: { location: `${graphBase(req)}/reports/partners/billing/operations/${op.id}` },
      };
    }),
  );

  ctx.router.on(
    'GET',
    `${BASE}/operations/:id`,
    { service: 'graph', name: 'GET /reports/partners/billing/operations/{id}' },
    route((req, params, caller) => {
      const op = operationOf(req, params.id, caller.tenant.id);
      if ('status' in op) return op;
      op.polls += 1;
      if (!op.manifest && op.polls > ctx.behaviour.partnerBilling.pollsBeforeReady) runExport(ctx, op);
      const headers: Record<string, string> = op.manifest
        ? {}
        : { 'retry-after': String(ctx.behaviour.partnerBilling.retryAfterSeconds) };
      return graphJson(200, operationJson(req, op), headers);
    }),
  );

  ctx.router.on(
    'GET',
    `${BASE}/manifests/:id`,
    { service: 'graph', name: 'GET /reports/partners/billing/manifests/{id}' },
    route((req, params, caller) => {
      const wanted = (params.id ?? '').toLowerCase();
      const op = [...exports.operations.values()].find(
        (o) => o.manifest?.id === wanted && o.partnerTenantId === caller.tenant.id,
      );
      if (!op?.manifest) return notFound(req, params.id ?? '');
      const { manifest } = op;
      return graphJson(200, {
        '@odata.context': `${graphBase(req)}/$metadata#reports/partners/billing/manifests/$entity`,
        id: manifest.id,
        schemaVersion: '2',
        dataFormat: 'compressedJSON',
        createdDateTime: iso(manifest.createdAt),
        eTag: manifest.sig.slice(0, 17),
        partnerTenantId: op.partnerTenantId,
        rootDirectory: rootDirectory(req, op),
        sasToken: sasToken(manifest),
        partitionType: 'default',
        blobCount: manifest.blobs.length,
        blobs: manifest.blobs.map((b) => ({ name: b.name, partitionValue: 'default' })),
      });
    }),
  );

  ctx.router.on(
    'GET',
    `${BLOB_BASE}/:partner/:operation/:fragment/:partition/:name`,
    { service: 'graph', name: 'GET {billing export blob}' },
    (req, params) => {
      const opId = /^Operation=(.+)$/.exec(params.operation ?? '')?.[1]?.toLowerCase() ?? '';
      const op = exports.operations.get(opId);
      const blob = op?.manifest?.blobs.find((b) => b.name === params.name);
      if (!op?.manifest || !blob) {
        return storageError(404, 'BlobNotFound', 'The specified blob does not exist.');
      }
      const sig = req.url.searchParams.get('sig');
      if (sig !== op.manifest.sig || ctx.clock.now() > op.manifest.expiresAt) {
        return storageError(
          403,
          'AuthenticationFailed',
          'Server failed to authenticate the request. Make sure the value of Authorization header is formed correctly including the signature.',
        );
      }
      return {
        status: 200,
        headers: { 'content-type': 'application/octet-stream', 'x-ms-blob-type': 'BlockBlob' },
        body: blob.data,
      };
    },
  );
  return exports;
}
