import { z } from 'zod';
import type { EmulatorContext } from '../../context.js';
import { readJson, type EmuRequest, type EmuResponse } from '../../http/types.js';
import { settleSubscriptions } from '../../partner-center/pending.js';
import { heldOnlyViaGroups } from '../../state/licence-states.js';
import type { TenantRecord, UserRecord } from '../../state/types.js';
import { graphRoute, PERMISSIONS, type GraphCaller } from '../auth.js';
import { USER_PROPERTIES } from '../odata/properties.js';
import { project } from '../odata/select.js';
import { badRequest, graphError, graphJson, notFound, odataContext } from '../respond.js';
import { availableUnits } from './records.js';
import { findLiveUser, targetUserId } from './user-lookup.js';

const assignLicenseBodySchema = z.object({
  addLicenses: z.array(
    z.object({ skuId: z.string(), disabledPlans: z.array(z.string()).nullish() }).passthrough(),
  ),
  removeLicenses: z.array(z.string()),
});

type AssignLicenseBody = z.infer<typeof assignLicenseBodySchema>;

/** The action answers with the whole user object (user-assignlicense.md); these are never in it. */
const NOT_IN_RESPONSE = new Set(['signInActivity', 'manager']);
const RESPONSE_PROPERTIES = [...USER_PROPERTIES].filter((p) => !NOT_IN_RESPONSE.has(p));

const ERRORS = {
  usageLocation: 'License assignment cannot be done for user with invalid usage location.',
  noSeats: (skuId: string) => `Subscription with SKU ${skuId} does not have any available licenses.`,
  unknownSku: (skuId: string) => `License ${skuId} does not correspond to a valid company License.`,
  // Unverified wording [K]: the plan is not part of the SKU being assigned.
  unknownPlan: (planId: string, skuId: string) =>
    `Service plan ${planId} does not correspond to a valid service plan of license ${skuId}.`,
  // Unverified wording [K]: removing a SKU the user does not hold.
  notAssigned: 'User does not have a corresponding license.',
  // Wording as reported by admins removing a group-based licence from a user [O].
  inherited: 'User license is inherited from group membership and cannot be removed directly from the user.',
};

function missingParameters(raw: unknown): string[] {
  const body = (raw ?? {}) as Record<string, unknown>;
  return ['addLicenses', 'removeLicenses'].filter((k) => body[k] === undefined || body[k] === null);
}

/** Every reason Graph refuses the request, checked in the order Graph reports them. */
function validate(
  req: EmuRequest,
  tenant: TenantRecord,
  user: UserRecord,
  body: AssignLicenseBody,
): EmuResponse | null {
  const held = new Set(((user.props.assignedLicenses as { skuId: string }[]) ?? []).map((l) => l.skuId));
  for (const skuId of [...body.addLicenses.map((l) => l.skuId), ...body.removeLicenses]) {
    if (!tenant.skus.has(skuId.toLowerCase())) return badRequest(req, ERRORS.unknownSku(skuId));
  }
  for (const skuId of body.removeLicenses) {
    if (!held.has(skuId.toLowerCase())) return badRequest(req, ERRORS.notAssigned);
    if (heldOnlyViaGroups(user, skuId.toLowerCase())) return badRequest(req, ERRORS.inherited);
  }
  for (const add of body.addLicenses) {
    const sku = tenant.skus.get(add.skuId.toLowerCase())!;
    const plans = new Set(sku.servicePlans.map((p) => p.servicePlanId));
    const unknown = (add.disabledPlans ?? []).find((p) => !plans.has(p.toLowerCase()));
    if (unknown) return badRequest(req, ERRORS.unknownPlan(unknown, add.skuId));
  }
  if (body.addLicenses.length > 0 && !user.props.usageLocation) return badRequest(req, ERRORS.usageLocation);
  for (const add of body.addLicenses) {
    const sku = tenant.skus.get(add.skuId.toLowerCase())!;
    if (!held.has(sku.skuId) && availableUnits(sku) < 1) return badRequest(req, ERRORS.noSeats(add.skuId));
  }
  return null;
}

function assignLicense(
  ctx: EmulatorContext,
  req: EmuRequest,
  params: Record<string, string>,
  caller: GraphCaller,
): EmuResponse {
  const userId = targetUserId(params, caller);
  if (userId === null) {
    return badRequest(req, '/me request is only valid with delegated authentication flow.');
  }
  const raw = readJson(req);
  const missing = missingParameters(raw);
  if (missing.length) {
    return badRequest(
      req,
      `One or more parameters of the function import 'assignLicense' are missing from the request payload. The missing parameters are: ${missing.join(', ')}.`,
    );
  }
  const parsed = assignLicenseBodySchema.safeParse(raw);
  if (!parsed.success) return graphError(req, 400, 'BadRequest', 'Invalid request body for assignLicense.');
  const user = findLiveUser(caller.tenant, userId);
  if (!user) return notFound(req, userId);

  settleSubscriptions(ctx);
  const refusal = validate(req, caller.tenant, user, parsed.data);
  if (refusal) return refusal;
  ctx.estate.setLicenses(
    caller.tenant,
    user.props.id,
    parsed.data.addLicenses.map((l) => ({
      skuId: l.skuId.toLowerCase(),
      disabledPlans: (l.disabledPlans ?? []).map((p) => p.toLowerCase()),
    })),
    parsed.data.removeLicenses.map((s) => ({ skuId: s.toLowerCase() })),
  );
  return graphJson(200, {
    '@odata.context': odataContext(req, 'users/$entity'),
    ...project(user.props, RESPONSE_PROPERTIES),
  });
}

/** `POST /users/{id | userPrincipalName}/assignLicense` and `POST /me/assignLicense`. */
export function registerAssignLicenseRoutes(ctx: EmulatorContext): void {
  const handler = graphRoute(ctx, PERMISSIONS.assignLicenses, (req, params, caller) =>
    assignLicense(ctx, req, params, caller),
  );
  ctx.router.on(
    'POST',
    '/v1.0/users/:id/assignLicense',
    { service: 'graph', name: 'POST /users/{id}/assignLicense' },
    handler,
  );
  ctx.router.on(
    'POST',
    '/v1.0/me/assignLicense',
    { service: 'graph', name: 'POST /me/assignLicense' },
    handler,
  );
}
