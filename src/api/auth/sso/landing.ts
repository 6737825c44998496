import type { SsoAudience, SsoErrorCode } from '../../../contracts/api/auth.js';

/** Where the console and the portal live (their sign-in pages read `?signin_error=`). */
export const CONSOLE_HOME = '/';
export const PORTAL_HOME = '/portal/';

const homeOf = (where: SsoAudience | 'agent' | 'portal') => (where === 'portal' ? PORTAL_HOME : CONSOLE_HOME);

/** The sign-in page of the console or portal, saying why signing in failed. */
export function signInErrorPath(audience: SsoAudience, code: SsoErrorCode): string {
  return `${homeOf(audience)}?signin_error=${code}`;
}

function inPortal(path: string): boolean {
  return path === '/portal' || path.startsWith('/portal/') || path.startsWith('/portal?');
}

/**
 * Where a signed-in person lands: `returnTo` when it is a path of this site in their own area
 * (agents: the console; portal users: the portal), otherwise their area's home. Anything that
 * could leave the site (`//host`, `/\\host`, a scheme) or point at the API is ignored.
 */
export function landingPath(kind: 'agent' | 'portal', returnTo: string | null): string {
  const home = homeOf(kind);
  if (!returnTo || !returnTo.startsWith('/') || returnTo.startsWith('//') || returnTo.startsWith('/api/')) {
    return home;
  }
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
  if (/[\\\u0000-\u001f\u007f]/.test(returnTo)) return home;
  return (kind === 'portal') === inPortal(returnTo) ? returnTo : home;
}
