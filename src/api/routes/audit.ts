import type { FastifyInstance } from 'fastify';
import { Readable } from 'node:stream';
import { exportAuditEvents, listAuditEvents } from '../../contracts/api/audit.js';
import { createAuditRepository, type AuditFilter, type Database } from '../../store/index.js';
import { auditSource } from '../audit/audited.js';
import { AUDIT_CSV_HEADER, auditCsvRow, auditEventView } from '../audit/audit-view.js';
import type { ApiDeps } from '../deps.js';
import { endpointRegistrar, toApiPage } from './resource-helpers.js';

/** Rows read per query while exporting: bounded memory whatever the size of the trail. */
const EXPORT_BATCH = 500;

function toFilter(query: {
  search?: string;
  actorType?: AuditFilter['actorType'];
  actorId?: string;
  action?: string;
  targetType?: string;
  targetId?: string;
  customerId?: string;
  from?: string;
  to?: string;
}): AuditFilter {
  const { from, to, ...rest } = query;
  return { ...rest, ...(from ? { from: new Date(from) } : {}), ...(to ? { to: new Date(to) } : {}) };
}

async function* csvLines(db: Database, filter: AuditFilter): AsyncGenerator<string> {
  yield AUDIT_CSV_HEADER;
  const audit = createAuditRepository(db);
  let cursor: string | undefined;
  do {
    const page = await audit.list({ ...filter, limit: EXPORT_BATCH, cursor });
    yield page.items.map((event) => auditCsvRow(auditEventView(event))).join('');
    cursor = page.nextCursor;
  } while (cursor);
}

/** The audit trail (logs.view): filtered pages newest first, and the same as a CSV download. */
export function registerAuditRoutes(app: FastifyInstance, deps: ApiDeps): void {
  const on = endpointRegistrar(app, deps);

  on(listAuditEvents, async ({ query }) => {
    const audit = createAuditRepository(deps.db);
    const filter = toFilter(query);
    const page = await audit.list({ ...filter, limit: query.limit, cursor: query.cursor });
    return toApiPage(page, auditEventView, query.count ? await audit.count(filter) : null);
  });

  on(exportAuditEvents, async ({ query, reply, principal, request }) => {
    // Who took a copy of the trail is itself worth knowing.
    await deps.audit.record({
      ...auditSource(principal, request),
      action: 'audit.export',
      target: { type: 'audit', id: null },
      after: { filter: query },
    });
    const stamp = deps.now().toISOString().slice(0, 10);
    void reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="rollcall-audit-${stamp}.csv"`)
      .header('cache-control', 'no-store');
    // Fastify sends a stream as it is (no serialiser), one batch of rows at a time; the contract
    // documents the body as CSV text.
    return Readable.from(csvLines(deps.db, toFilter(query))) as unknown as string;
  });
}
