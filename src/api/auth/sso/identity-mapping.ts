import type { SsoErrorCode } from '../../../contracts/api/auth.js';
import type { SignInSettings } from '../../../contracts/api/sign-in-settings.js';
import {
  AccountEmailTakenError,
  createAccountRepository,
  type AccountMatch,
  type Database,
} from '../../../store/index.js';
import { BUILT_IN_ROLES, PORTAL_REQUESTER_ROLE } from '../built-in-roles.js';
import type { SsoIdentity } from './oidc-client.js';

/** Who the identity turned out to be, and whether this sign-in linked or created the account. */
export type IdentityMapping =
  | {
      ok: true;
      account: { id: string; kind: 'agent' | 'portal'; displayName: string };
      how: 'linked-before' | 'linked-by-email' | 'created-just-in-time';
    }
  | {
      ok: false;
      code: Extract<SsoErrorCode, 'account_not_found' | 'account_ambiguous' | 'account_disabled'>;
    };

/**
 * Emails that may link an identity to an account. The UPN (`preferred_username`) is safe: its
 * domain must be verified in the person's own tenant. The `email` claim is not (any tenant admin
 * can set it, the "nOAuth" trap), so it counts only when Microsoft says its domain owner is
 * verified (`xms_edov`).
 */
export function linkableEmails(identity: SsoIdentity): string[] {
  const emails = [identity.upn, identity.verifiedEmail]
    .filter((e): e is string => typeof e === 'string' && e.includes('@'))
    .map((e) => e.toLowerCase());
  return [...new Set(emails)];
}

/**
 * An email match is trusted only where the tenant fits the account: an agent not linked to
 * another tenant by a sync, a portal user whose customer is mapped to this tenant (or whose desk
 * user was synced from it). Accounts linked to another Entra identity never match by email.
 */
function emailMatchFits(match: AccountMatch, tenantId: string): boolean {
  if (match.entraObjectId !== null) return false;
  const subjectTenantFits = match.subjectTenantId === null || match.subjectTenantId === tenantId;
  if (match.kind === 'agent') return subjectTenantFits;
  return match.customerInTenant || match.subjectTenantId === tenantId;
}

/**
 * Maps a signed-in Microsoft identity to an account: by (tenant, object id) first, then by a
 * linkable email (and links the identity to the account), then, when just-in-time creation is on,
 * by creating a portal account for a matching desk user of a customer mapped to the tenant.
 * Two candidates are never guessed between.
 */
export async function mapIdentity(
  deps: { db: Database; now: () => Date },
  identity: SsoIdentity,
  settings: SignInSettings,
): Promise<IdentityMapping> {
  const repo = createAccountRepository(deps.db);
  const found = (m: AccountMatch, how: Extract<IdentityMapping, { ok: true }>['how']): IdentityMapping =>
    m.disabled
      ? { ok: false, code: 'account_disabled' }
      : { ok: true, account: { id: m.id, kind: m.kind, displayName: m.displayName }, how };

  const byId = await repo.findByEntraId(identity.tenantId, identity.objectId);
  if (byId.length > 1) return { ok: false, code: 'account_ambiguous' };
  if (byId[0]) {
    const linkedTo = byId[0].entraObjectId;
    // Its agent / desk user says it is this person, but the account is linked to someone else.
    if (
      linkedTo !== null &&
      (linkedTo !== identity.objectId || byId[0].entraTenantId !== identity.tenantId)
    ) {
      return { ok: false, code: 'account_ambiguous' };
    }
    if (linkedTo === null) {
      await repo.linkEntraIdentity(byId[0].id, identity.tenantId, identity.objectId, deps.now());
    }
    return found(byId[0], 'linked-before');
  }

  const emails = linkableEmails(identity);
  const byEmail = (await repo.findByEmails(emails, identity.tenantId)).filter((m) =>
    emailMatchFits(m, identity.tenantId),
  );
  if (byEmail.length > 1) return { ok: false, code: 'account_ambiguous' };
  if (byEmail[0]) {
    if (byEmail[0].disabled) return { ok: false, code: 'account_disabled' };
    const linked = await repo.linkEntraIdentity(
      byEmail[0].id,
      identity.tenantId,
      identity.objectId,
      deps.now(),
    );
    return linked ? found(byEmail[0], 'linked-by-email') : { ok: false, code: 'account_not_found' };
  }

  if (!settings.jitPortalUsers) return { ok: false, code: 'account_not_found' };
  const deskUsers = await repo.findJitDeskUsers(identity.tenantId, identity.objectId, emails);
  if (deskUsers.length > 1) return { ok: false, code: 'account_ambiguous' };
  const deskUser = deskUsers[0];
  if (!deskUser) return { ok: false, code: 'account_not_found' };
  const email = deskUser.email ?? deskUser.userPrincipalName ?? identity.upn;
  if (!email) return { ok: false, code: 'account_not_found' };
  await repo.ensureRoles(BUILT_IN_ROLES);
  let accountId: string;
  try {
    ({ accountId } = await repo.createPortalAccount({
      deskUserId: deskUser.id,
      email,
      displayName: deskUser.displayName,
      entraTenantId: identity.tenantId,
      entraObjectId: identity.objectId,
      roleNames: [PORTAL_REQUESTER_ROLE],
      now: deps.now(),
    }));
  } catch (error) {
    // Another account (an agent, say) already has the desk user's email: not a guess to make.
    if (error instanceof AccountEmailTakenError) return { ok: false, code: 'account_ambiguous' };
    throw error;
  }
  return {
    ok: true,
    account: { id: accountId, kind: 'portal', displayName: deskUser.displayName },
    how: 'created-just-in-time',
  };
}
