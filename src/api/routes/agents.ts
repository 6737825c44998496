import type { FastifyInstance } from 'fastify';
import { getAgent, listAgents, updateAgent, type AgentView } from '../../contracts/api/agents.js';
import { createAgentRepository, type AgentView as StoredAgent } from '../../store/index.js';
import { audited, auditSource, changedFields } from '../audit/audited.js';
import type { ApiDeps } from '../deps.js';
import { ApiHttpError } from '../http/api-error.js';
import { definedOnly, endpointRegistrar, iso, isoOrNull, notFound, toApiPage } from './resource-helpers.js';

function agentView({ agent, accountId }: StoredAgent): AgentView {
  return {
    id: agent.id,
    displayName: agent.displayName,
    email: agent.email,
    userPrincipalName: agent.userPrincipalName,
    licenceType: agent.licenceType,
    inactive: agent.inactive,
    lineManagerId: agent.lineManagerId,
    linked: agent.entraObjectId !== null,
    accountId,
    lastSignInAt: isoOrNull(agent.lastSignInAt),
    createdAt: iso(agent.createdAt),
    updatedAt: iso(agent.updatedAt),
  };
}

const EDITABLE = ['displayName', 'email', 'licenceType', 'inactive', 'lineManagerId'] as const;

/** Desk agents (agents.read / agents.write). Roles and sign-in live on accounts (/api/accounts). */
export function registerAgentRoutes(app: FastifyInstance, deps: ApiDeps): void {
  const on = endpointRegistrar(app, deps);

  on(listAgents, async ({ query }) => {
    const agents = createAgentRepository(deps.db);
    const page = await agents.list(query);
    return toApiPage(page, agentView, await agents.count(query));
  });

  on(getAgent, async ({ params }) => {
    const agent = await createAgentRepository(deps.db).findById(params.id);
    if (!agent) throw notFound('agent');
    return agentView(agent);
  });

  on(updateAgent, ({ params, body, principal, request }) =>
    audited(deps.db, auditSource(principal, request), async (tx, record) => {
      const agents = createAgentRepository(tx);
      const before = await agents.findById(params.id);
      if (!before) throw notFound('agent');
      const managerId = body.lineManagerId;
      if (managerId && (managerId === params.id || !(await agents.findById(managerId)))) {
        throw new ApiHttpError('validation_failed', 'Choose another agent as line manager.', [
          {
            field: 'lineManagerId',
            message: managerId === params.id ? 'an agent cannot manage themselves' : 'no such agent',
          },
        ]);
      }
      const updated = await agents.update(params.id, definedOnly(body));
      if (!updated) throw notFound('agent');
      const change = changedFields(before.agent, updated, EDITABLE);
      if (change)
        await record({ action: 'agent.update', target: { type: 'agent', id: updated.id }, ...change });
      return agentView({ agent: updated, accountId: before.accountId });
    }),
  );
}
