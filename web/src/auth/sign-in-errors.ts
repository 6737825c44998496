import type { SsoErrorCode } from '../../../src/contracts/api/auth.js';

/** What to tell a person when single sign-on sent them back with `?signin_error=<code>`. */
const SIGN_IN_ERRORS: Record<SsoErrorCode, string> = {
  sso_not_configured:
    'Signing in with Microsoft is not set up on this Rollcall. Use your email and password.',
  sso_unavailable: 'Microsoft could not be reached to sign you in. Try again in a few minutes.',
  sso_state_invalid: 'The sign-in took too long or was started in another tab. Start again.',
  sso_cancelled: 'Signing in with Microsoft was cancelled.',
  sso_failed: 'Signing in with Microsoft did not complete. Try again.',
  tenant_not_allowed:
    "Your organisation's Microsoft tenant may not sign in here. Ask an administrator to allow it in Settings.",
  account_not_found:
    'You signed in with Microsoft, but there is no Rollcall account for you here. Ask an administrator to add you.',
  account_ambiguous:
    'More than one Rollcall account matches your Microsoft account. Ask an administrator to sort it out.',
  account_disabled: 'Your Rollcall account is disabled. Ask an administrator to enable it.',
};

/** A known code's explanation; anything else gets a general message (never the raw text). */
export function signInErrorMessage(code: string): string {
  return code in SIGN_IN_ERRORS
    ? SIGN_IN_ERRORS[code as SsoErrorCode]
    : 'Signing in with Microsoft did not complete. Try again.';
}
