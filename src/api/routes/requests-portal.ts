import type { FastifyInstance } from 'fastify';
import {
  decidePortalRequest,
  getNewStarterForm,
  getPortalRequest,
  listPortalRequests,
  previewNewStarterAddress,
  submitLeaver,
  submitNewStarter,
} from '../../contracts/api/requests.js';
import { createRequestRepository, type NewRequest } from '../../store/index.js';
import { portalCustomerId } from '../access/portal-scope.js';
import { audited, auditSource } from '../audit/audited.js';
import { hasPermission, type Principal } from '../auth/principal.js';
import type { ApiDeps } from '../deps.js';
import { previewAddress } from '../integrations/requests/address-preview.js';
import { newStarterFormOptions } from '../integrations/requests/form-options.js';
import { decideAudited, loadRequest, queueNotice } from '../integrations/requests/request-decisions.js';
import { ApiHttpError } from '../http/api-error.js';
import { loadRequestSettings } from '../integrations/requests/request-settings.js';
import { leaverRequest, newStarterRequest } from '../integrations/requests/request-submission.js';
import { requestDetailView, requestSummaryView } from '../integrations/requests/request-view.js';
import type { FastifyRequest } from 'fastify';
import { endpointRegistrar, toApiPage } from './resource-helpers.js';

type Deps = Pick<ApiDeps, 'db' | 'secrets' | 'microsoft' | 'resolvePrincipal' | 'jobs' | 'audit'>;

/** Raises a request with its audit event, and tells the requester and the first approvers. */
export async function raiseRequest(
  deps: Deps,
  principal: Principal,
  httpRequest: FastifyRequest,
  input: NewRequest,
) {
  const created = await audited(deps.db, auditSource(principal, httpRequest), async (tx, record) => {
    const request = await createRequestRepository(tx).create(input);
    await record({
      action: `request.${input.type}.submit`,
      target: { type: 'request', id: request.id },
      customerId: input.customerId,
      after: { summary: input.summary, fields: input.fields },
    });
    return request;
  });
  await queueNotice(deps, created.id, 'submitted');
  await queueNotice(deps, created.id, 'approvalNeeded');
  return requestDetailView(deps.db, created, principal);
}

/** Portal readers and approvers see the organisation's requests; requesters only their own. */
const seesOrganisation = (principal: Principal) =>
  hasPermission(principal, 'portal.requests.read') || hasPermission(principal, 'portal.requests.approve');

/**
 * The portal's requests (guide 000 "End-User Portal Experience"): always the portal user's own
 * customer. Creating needs portal.requests.create; the organisation's list needs
 * portal.requests.read or .approve (otherwise a user sees their own); deciding needs .approve and
 * a place on the open step.
 */
export function registerPortalRequestRoutes(app: FastifyInstance, deps: Deps): void {
  const on = endpointRegistrar(app, deps);

  on(getNewStarterForm, async ({ principal }) =>
    newStarterFormOptions(deps.db, await loadRequestSettings(deps.db, portalCustomerId(principal))),
  );

  on(previewNewStarterAddress, async ({ principal, body }) => {
    const settings = await loadRequestSettings(deps.db, portalCustomerId(principal));
    const { mailNickname: _nickname, ...preview } = await previewAddress(deps, settings, body);
    return preview;
  });

  on(submitNewStarter, async ({ principal, body, request }) => {
    const settings = await loadRequestSettings(deps.db, portalCustomerId(principal));
    return raiseRequest(deps, principal!, request, await newStarterRequest(deps, settings, principal!, body));
  });

  on(submitLeaver, async ({ principal, body, request }) => {
    const settings = await loadRequestSettings(deps.db, portalCustomerId(principal));
    return raiseRequest(deps, principal!, request, await leaverRequest(deps, settings, principal!, body));
  });

  on(listPortalRequests, async ({ principal, query }) => {
    const customerId = portalCustomerId(principal);
    const organisation = seesOrganisation(principal!);
    const page = await createRequestRepository(deps.db).list({
      ...query,
      customerId,
      ...(organisation ? {} : { requestedByAccountId: principal!.accountId }),
      ...(query.mine ? { portalApproverId: principal!.accountId } : {}),
    });
    return toApiPage(page, requestSummaryView);
  });

  on(getPortalRequest, async ({ principal, params }) => {
    const request = await loadRequest(deps, params.id, portalCustomerId(principal));
    const organisation = seesOrganisation(principal!);
    if (!organisation && request.requestedByAccountId !== principal!.accountId)
      throw new ApiHttpError('not_found', 'No such request.');
    return requestDetailView(deps.db, request, principal!);
  });

  on(decidePortalRequest, async ({ principal, params, body, request: http }) => {
    const request = await loadRequest(deps, params.id, portalCustomerId(principal));
    await decideAudited(deps, request, principal!, http, body);
    return requestDetailView(deps.db, await loadRequest(deps, params.id), principal!);
  });
}
