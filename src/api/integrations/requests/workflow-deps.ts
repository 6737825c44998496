import { randomUUID } from 'node:crypto';
import { namingConventionSchema } from '../../../contracts/onboarding/naming.js';
import { leaverFieldsSchema, newStarterFieldsSchema } from '../../../contracts/onboarding/request-fields.js';
import type { WorkflowStepKey } from '../../../contracts/onboarding/workflow.js';
import {
  createConnectionRepository,
  createOnboardingConfigRepository,
  createOutboundActionRepository,
  createRequestWorkflowRepository,
  createUserAdminRepository,
  type Database,
  type SecretBox,
} from '../../../store/index.js';
import type { DirectoryCall, StepState, WorkflowStore } from '../../../workflows/requests/ports.js';
import type { WorkflowDeps } from '../../../workflows/requests/run-workflow.js';
import type { ApiDeps } from '../../deps.js';
import { tenantGraph } from '../tenant-graph.js';
import { createRequestDirectory } from './request-directory.js';

export interface RequestWorkflowDepsInput {
  db: Database;
  secrets: SecretBox;
  microsoft: ApiDeps['microsoft'];
  now: () => Date;
  /** Queues the e-mail and webhook of a request's event. */
  notify: WorkflowDeps['notify'];
  sleep?: (ms: number) => Promise<void>;
}

/**
 * The request workflows wired to the store and Microsoft: the workflow's state in the request
 * tables, Graph for the request's tenant through the connection that reaches it, and every
 * Microsoft exchange kept in the Outbound Requests log of that connection.
 */
export function createRequestWorkflowDeps(input: RequestWorkflowDepsInput): WorkflowDeps {
  const repo = createRequestWorkflowRepository(input.db);
  const configs = createOnboardingConfigRepository(input.db);
  const outbox = createOutboundActionRepository(input.db);
  /** The connection each request's directory went through, for its log entries. */
  const reachedThrough = new Map<string, { connectionId: string; tenantId: string }>();

  const store: WorkflowStore = {
    async load(id) {
      const loaded = await repo.load(id);
      if (!loaded) return null;
      const { ticket, steps, approvedAt } = loaded;
      const config = await configs.find(ticket.customerId);
      const naming = namingConventionSchema.safeParse(config?.config.naming);
      const fields =
        ticket.type === 'newStarter'
          ? newStarterFieldsSchema.parse(ticket.fields)
          : leaverFieldsSchema.parse(ticket.fields);
      return {
        request: {
          id: ticket.id,
          type: ticket.type,
          status: ticket.status,
          customerId: ticket.customerId,
          tenantId: ticket.tenantId,
          fields,
          approvedAt,
          naming: naming.success ? naming.data : null,
        },
        steps: steps.map((s): StepState => ({
          key: s.key as WorkflowStepKey,
          position: s.position,
          status: s.status,
          attempts: s.attempts,
          dueAt: s.dueAt,
          detail: s.detail,
          items: s.items as unknown as StepState['items'],
          error: (s.error as StepState['error']) ?? null,
          state: s.state,
        })),
      };
    },
    claim: (id, step) => repo.claim(id, step.key, { status: step.status, attempts: step.attempts }),
    async settle(id, key, outcome, request) {
      await repo.settle(
        id,
        key,
        {
          status: outcome.status,
          detail: outcome.detail ?? null,
          ...(outcome.items ? { items: outcome.items as unknown as Record<string, unknown>[] } : {}),
          error: 'error' in outcome && outcome.error ? { ...outcome.error } : null,
          ...(outcome.state ? { state: outcome.state } : {}),
          dueAt: outcome.status === 'waiting' ? outcome.dueAt : null,
        },
        request,
      );
    },
    async logCall(id, key, kind, call) {
      const reached = reachedThrough.get(id);
      if (!reached) return;
      await logExchange(outbox, { ...reached, requestId: id, step: key, kind, call });
    },
  };

  return {
    store,
    async directory(request) {
      if (!request.tenantId)
        return { unusable: 'The request has no tenant: set the customer’s tenant in its request settings.' };
      const tenants = await configs.tenants(request.customerId);
      const tenant = tenants.find((t) => t.tenantId === request.tenantId);
      if (!tenant)
        return {
          unusable:
            'No active connection reaches this customer’s tenant any more (the mapping or the connection was removed).',
        };
      const connection = await createConnectionRepository(input.db, input.secrets).findById(
        tenant.connectionId,
      );
      if (!connection) return { unusable: 'The connection to the customer’s tenant was deleted.' };
      try {
        const graph = await tenantGraph(input, connection, tenant.tenantId);
        reachedThrough.set(request.id, { connectionId: connection.id, tenantId: tenant.tenantId });
        return createRequestDirectory(graph);
      } catch (error) {
        return {
          unusable: `The connection "${connection.name}" cannot reach Microsoft: ${error instanceof Error ? error.message : String(error)}`,
        };
      }
    },
    desk: {
      async password(id) {
        const ciphertext = await repo.passwordCiphertext(id);
        return ciphertext ? input.secrets.decrypt(ciphertext) : null;
      },
      async deactivateUser(deskUserId) {
        const users = createUserAdminRepository(input.db);
        const before = await users.findById(deskUserId);
        if (!before || before.user.inactive) return { changed: false };
        await users.update(deskUserId, { inactive: true });
        return { changed: true };
      },
      async licenceNames(customerId) {
        const names = new Map<string, string>();
        for (const tenant of await configs.tenants(customerId))
          for (const l of await configs.tenantLicences(tenant.tenantId))
            names.set(l.skuId.toLowerCase(), l.name);
        return names;
      },
    },
    notify: input.notify,
    now: input.now,
    sleep: input.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))),
  };
}

/** One Microsoft exchange of a request's step as an outbound action (settled at once). */
async function logExchange(
  outbox: ReturnType<typeof createOutboundActionRepository>,
  entry: {
    connectionId: string;
    tenantId: string;
    requestId: string;
    step: string;
    kind: string;
    call: DirectoryCall<unknown>;
  },
): Promise<void> {
  const { call } = entry;
  await outbox.recordDone(
    {
      idempotencyKey: `request:${entry.requestId}:${entry.step}:${randomUUID()}`,
      connectionId: entry.connectionId,
      tenantId: entry.tenantId,
      kind: entry.kind,
      payload: { requestId: entry.requestId, step: entry.step },
    },
    {
      status: call.ok ? 'succeeded' : 'failed',
      request: call.request,
      response: call.response,
      error: call.ok ? null : { code: call.refusal.code, message: call.refusal.whatHappened },
      result: call.ok ? { requestId: entry.requestId, step: entry.step } : null,
    },
  );
}
