import type { FastifyInstance } from 'fastify';
import { getUser, listPortalUsers, listUsers, updateUser, type UserView } from '../../contracts/api/users.js';
import { ticketEligibility } from '../../domain/users/ticket-eligibility.js';
import { createSiteRepository, createUserAdminRepository, type DeskUserView } from '../../store/index.js';
import { portalCustomerId, requireAnyPermission } from '../access/portal-scope.js';
import { audited, auditSource, changedFields } from '../audit/audited.js';
import type { ApiDeps } from '../deps.js';
import { ApiHttpError } from '../http/api-error.js';
import { definedOnly, endpointRegistrar, iso, isoOrNull, notFound, toApiPage } from './resource-helpers.js';

function userView({ user, customerName, siteName }: DeskUserView): UserView {
  return {
    id: user.id,
    customerId: user.customerId,
    customerName,
    siteId: user.siteId,
    siteName,
    displayName: user.displayName,
    givenName: user.givenName,
    surname: user.surname,
    email: user.email,
    userPrincipalName: user.userPrincipalName,
    jobTitle: user.jobTitle,
    inactive: user.inactive,
    isServiceAccount: user.isServiceAccount,
    linked: user.entraObjectId !== null,
    tenantId: user.tenantId,
    lastSignInAt: isoOrNull(user.lastSignInAt),
    contractCoverage: user.contractCoverage,
    tickets: ticketEligibility(user),
    updatedAt: iso(user.updatedAt),
  };
}

function userDetailView(view: DeskUserView) {
  const { user } = view;
  return {
    ...userView(view),
    tenantId: user.tenantId,
    entraObjectId: user.entraObjectId,
    networkLogin: user.networkLogin,
    managerId: user.managerId,
    customFields: user.customFields,
    createdAt: iso(user.createdAt),
  };
}

const EDITABLE = [
  'displayName',
  'givenName',
  'surname',
  'email',
  'jobTitle',
  'siteId',
  'inactive',
  'isServiceAccount',
] as const;

/** Desk users in the console (customers.read / customers.write) and a portal user's colleagues. */
export function registerUserRoutes(app: FastifyInstance, deps: ApiDeps): void {
  const on = endpointRegistrar(app, deps);

  on(listUsers, async ({ query }) => {
    const users = createUserAdminRepository(deps.db);
    const page = await users.list(query);
    // 100k users: count only when a person asked for it, never on every page.
    return toApiPage(page, userView, query.count ? await users.count(query) : null);
  });

  on(getUser, async ({ params }) => {
    const view = await createUserAdminRepository(deps.db).findById(params.id);
    if (!view) throw notFound('user');
    return userDetailView(view);
  });

  on(updateUser, ({ params, body, principal, request }) =>
    audited(deps.db, auditSource(principal, request), async (tx, record) => {
      const users = createUserAdminRepository(tx);
      const before = await users.findById(params.id);
      if (!before) throw notFound('user');
      if (body.siteId && body.siteId !== before.user.siteId) {
        const site = await createSiteRepository(tx).findById(body.siteId);
        if (!site || site.customerId !== before.user.customerId) {
          throw new ApiHttpError('validation_failed', 'Choose a site of the same customer.', [
            { field: 'siteId', message: "not a site of the user's customer" },
          ]);
        }
      }
      await users.update(params.id, definedOnly(body));
      const after = await users.findById(params.id);
      if (!after) throw notFound('user');
      const change = changedFields(before.user, after.user, EDITABLE);
      if (change) {
        await record({
          action: 'user.update',
          target: { type: 'user', id: after.user.id },
          customerId: after.user.customerId,
          ...change,
        });
      }
      return userDetailView(after);
    }),
  );

  on(listPortalUsers, async ({ query, principal }) => {
    const customerId = portalCustomerId(principal);
    requireAnyPermission(principal, ['portal.requests.create', 'portal.requests.read']);
    const page = await createUserAdminRepository(deps.db).list({ ...query, customerId, inactive: false });
    return toApiPage(page, ({ user, siteName }) => ({
      id: user.id,
      displayName: user.displayName,
      email: user.email,
      jobTitle: user.jobTitle,
      siteName,
    }));
  });
}
