import type { EmulatorContext } from '../context.js';
import type { EmuRequest, EmuResponse, Handler } from '../http/types.js';
import {
  PARTNER_CENTER_APP_ID,
  PARTNER_CENTER_READ_ROLES,
  PARTNER_CENTER_RESOURCE,
  type PartnerCenterState,
  type TenantRecord,
} from '../state/types.js';
import { pcError } from './respond.js';
import { settleSubscriptions } from './pending.js';

/** Partner Center's words to an app-only token on an API documented "App+User credentials only". */
export const APP_USER_ONLY =
  'This API supports application + user authentication only (not application-only).';

/** The partner calling Partner Center: app-only, or app + user (the secure application model). */
export interface PcCaller {
  partner: TenantRecord;
  state: PartnerCenterState;
  appId: string;
  userId: string | null;
}

export type PcHandler = (
  req: EmuRequest,
  params: Record<string, string>,
  caller: PcCaller,
) => Promise<EmuResponse> | EmuResponse;

const reasons = {
  empty: 'The request carries no bearer token.',
  malformed: 'The bearer token is not a valid JWT.',
  expired: 'The bearer token has expired.',
  signature: 'The bearer token signature is invalid.',
  audience: `The bearer token audience is not ${PARTNER_CENTER_RESOURCE}.`,
  notPartner: 'The bearer token was not issued in a partner tenant.',
  appOnly: APP_USER_ONLY,
} as const;

/** 401 with Partner Center's envelope and `WWW-Authenticate: OAuth realm=urn:cpsvc:cpid:…`. */
function unauthorized(ctx: EmulatorContext, reason: keyof typeof reasons): EmuResponse {
  const realm = `urn:cpsvc:cpid:${ctx.estate.partnerTenantId ?? '00000000-0000-0000-0000-000000000000'}`;
  return pcError(401, 400, 'Access denied', [reasons[reason]], {
    'www-authenticate': `OAuth realm=${realm}`,
  });
}

/** App + user calls act with the user's Partner Center roles; unlisted users are Admin agents. */
function hasReadRole(state: PartnerCenterState, userId: string): boolean {
  const roles = state.userRoles.get(userId.toLowerCase());
  return (
    roles === undefined || roles.some((r) => (PARTNER_CENTER_READ_ROLES as readonly string[]).includes(r))
  );
}

/** Unverified body: Partner Center answers 403 "Forbidden" to users without a role for the call. */
function forbidden(userId: string): EmuResponse {
  return pcError(403, 403, 'Forbidden', [
    `User ${userId} has no Partner Center role that allows this operation (Admin agent, Sales agent or Helpdesk agent).`,
  ]);
}

/**
 * Wraps a Partner Center handler: the token must be for Partner Center and issued in the
 * partner's tenant; with `appUserOnly` (an API whose page says "App+User credentials only") it
 * must also carry a partner user. Due subscription changes (slow PATCHes, renewals) are applied first.
 */
export function pcRoute(
  ctx: EmulatorContext,
  handler: PcHandler,
  options: { appUserOnly?: boolean } = {},
): Handler {
  return async (req, params) => {
    const result = await ctx.issuer.verifyAccess(req.headers.authorization, [
      PARTNER_CENTER_RESOURCE,
      PARTNER_CENTER_APP_ID,
    ]);
    if (!result.ok) return unauthorized(ctx, result.reason);
    const partner = ctx.estate.tenant(result.claims.tid);
    if (!partner?.partnerCenter || partner.id !== ctx.estate.partnerTenantId) {
      return unauthorized(ctx, 'notPartner');
    }
    const userId = result.claims.idtyp === 'user' ? result.claims.oid : null;
    if (userId === null && options.appUserOnly) return unauthorized(ctx, 'appOnly');
    if (userId !== null && !hasReadRole(partner.partnerCenter, userId)) return forbidden(userId);
    settleSubscriptions(ctx);
    return handler(req, params, {
      partner,
      state: partner.partnerCenter,
      appId: result.claims.appid,
      userId,
    });
  };
}
