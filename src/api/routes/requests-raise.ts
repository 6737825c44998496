import type { FastifyInstance } from 'fastify';
import {
  getCustomerNewStarterForm,
  previewCustomerNewStarterAddress,
  raiseLeaver,
  raiseNewStarter,
} from '../../contracts/api/requests.js';
import type { ApiDeps } from '../deps.js';
import { previewAddress } from '../integrations/requests/address-preview.js';
import { newStarterFormOptions } from '../integrations/requests/form-options.js';
import { loadRequestSettings } from '../integrations/requests/request-settings.js';
import { leaverRequest, newStarterRequest } from '../integrations/requests/request-submission.js';
import { raiseRequest } from './requests-portal.js';
import { endpointRegistrar } from './resource-helpers.js';

/**
 * Agents raising a request for a customer (customers.write): the portal's forms and checks, the
 * agent as requester; the customer's approval steps apply as for a portal request.
 */
export function registerRaiseRequestRoutes(
  app: FastifyInstance,
  deps: Pick<ApiDeps, 'db' | 'secrets' | 'microsoft' | 'resolvePrincipal' | 'jobs' | 'audit'>,
): void {
  const on = endpointRegistrar(app, deps);

  on(getCustomerNewStarterForm, async ({ params }) =>
    newStarterFormOptions(deps.db, await loadRequestSettings(deps.db, params.id)),
  );

  on(previewCustomerNewStarterAddress, async ({ params, body }) => {
    const { mailNickname: _nickname, ...preview } = await previewAddress(
      deps,
      await loadRequestSettings(deps.db, params.id),
      body,
    );
    return preview;
  });

  on(raiseNewStarter, async ({ params, body, principal, request }) => {
    const settings = await loadRequestSettings(deps.db, params.id);
    return raiseRequest(deps, principal!, request, await newStarterRequest(deps, settings, principal!, body));
  });

  on(raiseLeaver, async ({ params, body, principal, request }) => {
    const settings = await loadRequestSettings(deps.db, params.id);
    return raiseRequest(deps, principal!, request, await leaverRequest(deps, settings, principal!, body));
  });
}
