import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import {
  getLicenceBatch,
  getLicenceChange,
  getUserLicences,
  listLicenceChanges,
  requestBulkLicenceChange,
  requestLicenceChange,
  type LicenceChangeRefusal,
  type LicenceChangeView,
} from '../../contracts/api/licence-changes.js';
import {
  checkLicenceChange,
  licenceManagementOf,
  licenceName,
} from '../../domain/licences/licence-change.js';
import { LICENCE_CHANGES_PER_JOB } from '../../jobs/index.js';
import type { LicenceManager, TenantLicence } from '../../contracts/licences/changes.js';
import {
  createLicenceChangeRepository,
  type LicenceChangeRepository,
  type LicenceChangeRow,
  type LicenceChangeUser,
  type QueueLicenceChange,
} from '../../store/index.js';
import { audited, auditSource } from '../audit/audited.js';
import type { ApiDeps } from '../deps.js';
import { ApiHttpError } from '../http/api-error.js';
import { outboundErrorView, type ErrorWords } from './outbound-error-view.js';
import { endpointRegistrar, iso, isoOrNull, notFound, toApiPage } from './resource-helpers.js';

/** Our own refusal codes' words; Microsoft's come from the error catalogue. */
const OWN_ERRORS: Record<string, ErrorWords> = {
  'licences.notManaged': {
    title: 'Licences no longer managed through this connection',
    howToFix:
      'Turn on "Allow licences to be managed from Rollcall" on the connection that should, then ask again.',
  },
  'connection.unusable': {
    title: 'The connection cannot reach Microsoft',
    howToFix: "Check the connection's app registration and authorise it again, then ask again.",
  },
};

const errorView = (error: { code: string; message: string }) =>
  outboundErrorView(
    error,
    {
      title: 'Licence change refused',
      howToFix: 'Fix what the message says, then request the change again.',
    },
    OWN_ERRORS,
  );

export function licenceChangeView(row: LicenceChangeRow): LicenceChangeView {
  const usageLocationSet = row.result?.usageLocationSet;
  return {
    id: row.id,
    batchId: row.batchId,
    operation: row.payload.operation,
    status: row.status,
    user: { id: row.userId, displayName: row.userDisplayName, userPrincipalName: row.userPrincipalName },
    customerId: row.customerId,
    connectionId: row.connectionId,
    tenantId: row.tenantId,
    skuId: row.payload.skuId,
    skuName: row.skuName ?? row.payload.skuId,
    disabledPlans: [...row.payload.disabledPlans],
    usageLocationSet: typeof usageLocationSet === 'string' ? usageLocationSet : null,
    attempts: row.attempts,
    error: row.lastError && row.status !== 'succeeded' ? errorView(row.lastError) : null,
    requestedBy: row.requestedById ? { id: row.requestedById, name: row.requestedByName ?? '' } : null,
    createdAt: iso(row.createdAt),
    completedAt: isoOrNull(row.completedAt),
  };
}

type Check = { ok: true; change: QueueLicenceChange } | { ok: false; refusal: LicenceChangeRefusal };

/** The tenant's licence and managing connections, read once per tenant for a bulk request. */
function tenantFacts(repo: LicenceChangeRepository, skuId: string) {
  const known = new Map<string, Promise<[TenantLicence | undefined, LicenceManager[]]>>();
  return (tenantId: string | null) => {
    if (!tenantId) return Promise.resolve([undefined, []] as [TenantLicence | undefined, LicenceManager[]]);
    const facts =
      known.get(tenantId) ?? Promise.all([repo.tenantLicence(tenantId, skuId), repo.managers(tenantId)]);
    known.set(tenantId, facts);
    return facts;
  };
}

/** Whether `input` may be queued for `user` (see checkLicenceChange), as a change to queue. */
async function check(
  facts: ReturnType<typeof tenantFacts>,
  user: LicenceChangeUser,
  input: { operation: 'assign' | 'remove'; skuId: string; disabledPlans: string[] },
): Promise<Check> {
  const skuId = input.skuId.toLowerCase();
  // Only the change itself: a bulk body also carries every user id.
  const request = {
    operation: input.operation,
    skuId,
    disabledPlans: input.disabledPlans.map((p) => p.toLowerCase()),
  };
  const [licence, managers] = await facts(user.tenantId);
  const verdict = checkLicenceChange({ subject: user, request, licence, managers });
  if (!verdict.ok)
    return { ok: false, refusal: { userId: user.id, code: verdict.code, message: verdict.message } };
  return {
    ok: true,
    change: {
      deskUserId: user.id,
      connectionId: verdict.connectionId,
      tenantId: verdict.tenantId,
      payload: { ...request, entraObjectId: verdict.entraObjectId },
    },
  };
}

/**
 * Licence changes from the desk: a user's licences, assign/remove one (licences.manage), bulk,
 * and the changes' progress (customers.read). A change is queued as an outbound action and sent by
 * a worker (`licences.send-changes`); the desk's licences change once Microsoft confirmed.
 */
export function registerLicenceChangeRoutes(
  app: FastifyInstance,
  deps: Pick<ApiDeps, 'db' | 'resolvePrincipal' | 'jobs'>,
): void {
  const on = endpointRegistrar(app, deps);
  const repo = createLicenceChangeRepository(deps.db);

  /** Hands the new changes to the workers; without a queue the minute sweep will. */
  const send = async (ids: readonly string[]) => {
    if (!deps.jobs) return;
    for (let i = 0; i < ids.length; i += LICENCE_CHANGES_PER_JOB) {
      await deps.jobs.enqueue('licences.send-changes', {
        actionIds: ids.slice(i, i + LICENCE_CHANGES_PER_JOB),
      });
    }
  };

  on(getUserLicences, async ({ params }) => {
    const user = await repo.user(params.id);
    if (!user) throw notFound('user');
    const tenantLicences = user.tenantId ? await repo.tenantLicences(user.tenantId) : [];
    const managed = licenceManagementOf(user, user.tenantId ? await repo.managers(user.tenantId) : []);
    const byId = new Map(tenantLicences.map((l) => [l.skuId, l]));
    return {
      licences: user.licences.map((l) => ({
        skuId: l.skuId,
        name: licenceName(byId.get(l.skuId), l.skuId),
        viaGroup: l.viaGroup,
        disabledPlans: [...l.disabledPlans],
      })),
      managedBy: managed.ok ? { connectionId: managed.connectionId, name: managed.connectionName } : null,
      managementBlockedBy: managed.ok ? null : managed.message,
      assignable: tenantLicences.map((l) => ({
        skuId: l.skuId,
        name: l.name,
        totalUnits: l.totalUnits,
        consumedUnits: l.consumedUnits,
        availableUnits: Math.max(0, l.totalUnits - l.consumedUnits),
      })),
    };
  });

  on(requestLicenceChange, async ({ params, body, principal, request }) => {
    const user = await repo.user(params.id);
    if (!user) throw notFound('user');
    const checked = await check(tenantFacts(repo, body.skuId.toLowerCase()), user, body);
    if (!checked.ok) {
      throw new ApiHttpError('conflict', checked.refusal.message, [
        {
          field: checked.refusal.code === 'licence.unknown' ? 'skuId' : 'operation',
          message: checked.refusal.code,
        },
      ]);
    }
    const [queued] = await audited(deps.db, auditSource(principal, request), async (tx, record) => {
      const ids = await createLicenceChangeRepository(tx).queue([checked.change], {
        requestedBy: principal?.accountId ?? null,
        batchId: null,
      });
      await record({
        action: `licence.${body.operation}.request`,
        target: { type: 'user', id: user.id },
        customerId: user.customerId,
        after: { skuId: checked.change.payload.skuId, disabledPlans: checked.change.payload.disabledPlans },
      });
      return ids;
    });
    if (queued!.created) await send([queued!.id]);
    const row = await repo.get(queued!.id);
    if (!row) throw notFound('licence change');
    return licenceChangeView(row);
  });

  on(requestBulkLicenceChange, async ({ body, principal, request }) => {
    const wanted = [...new Set(body.userIds.map((id) => id.toLowerCase()))];
    const users = await repo.users(wanted);
    const found = new Set(users.map((u) => u.id));
    const refused: LicenceChangeRefusal[] = wanted
      .filter((id) => !found.has(id))
      .map((userId) => ({ userId, code: 'user.notFound', message: 'No such user in the desk.' }));
    const changes: QueueLicenceChange[] = [];
    const facts = tenantFacts(repo, body.skuId.toLowerCase());
    for (const user of users) {
      const checked = await check(facts, user, body);
      if (checked.ok) changes.push(checked.change);
      else refused.push(checked.refusal);
    }
    const tenants = new Set(changes.map((c) => c.tenantId));
    if (tenants.size > 1) {
      throw new ApiHttpError(
        'validation_failed',
        'A bulk change is for the users of one tenant; split the list by customer.',
        [{ field: 'userIds', message: `users of ${tenants.size} tenants` }],
      );
    }
    const batchId = randomUUID();
    const ids = await audited(deps.db, auditSource(principal, request), async (tx, record) => {
      const queued = await createLicenceChangeRepository(tx).queue(changes, {
        requestedBy: principal?.accountId ?? null,
        batchId,
      });
      if (queued.length > 0) {
        await record({
          action: `licence.${body.operation}.bulk-request`,
          target: { type: 'licence-batch', id: batchId },
          customerId: users[0]?.customerId ?? null,
          after: { skuId: body.skuId.toLowerCase(), users: queued.length, refused: refused.length },
        });
      }
      return queued;
    });
    await send(ids.filter((q) => q.created).map((q) => q.id));
    const rows = new Map((await repo.getMany(ids.map((q) => q.id))).map((r) => [r.id, r]));
    const queued = ids.flatMap(({ id }) => (rows.has(id) ? [licenceChangeView(rows.get(id)!)] : []));
    return { batchId, queued, refused };
  });

  on(listLicenceChanges, async ({ query }) => {
    const page = await repo.list({
      ...(query.userId ? { userId: query.userId } : {}),
      ...(query.customerId ? { customerId: query.customerId } : {}),
      ...(query.batchId ? { batchId: query.batchId } : {}),
      ...(query.status ? { status: query.status } : {}),
      limit: query.limit,
      ...(query.cursor ? { cursor: query.cursor } : {}),
    });
    return toApiPage(page, licenceChangeView);
  });

  on(getLicenceChange, async ({ params }) => {
    const row = await repo.get(params.id);
    if (!row) throw notFound('licence change');
    return licenceChangeView(row);
  });

  on(getLicenceBatch, async ({ params }) => {
    const counts = await repo.batchCounts(params.id);
    if (!counts) throw notFound('licence change batch');
    return { batchId: params.id, counts, total: Object.values(counts).reduce((a, b) => a + b, 0) };
  });
}
