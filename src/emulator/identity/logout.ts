import type { EmulatorContext } from '../context.js';
import type { Handler } from '../http/types.js';
import { html, redirect } from './respond.js';
import { signedOutPage } from './sign-in/pages.js';

/** Only URIs some app registered (exactly, or on the same origin) are followed, never arbitrary ones. */
function isKnownRedirect(ctx: EmulatorContext, uri: string): boolean {
  let origin: string;
  try {
    origin = new URL(uri).origin;
  } catch {
    return false;
  }
  for (const app of ctx.estate.apps.values()) {
    for (const registered of app.redirectUris) {
      if (registered === uri) return true;
      try {
        if (new URL(registered).origin === origin) return true;
      } catch {
        continue;
      }
    }
  }
  return false;
}

/** `GET /{tenant}/oauth2/v2.0/logout`: sign-in state lives in no cookie, so this only redirects. */
export function createLogoutHandler(ctx: EmulatorContext): Handler {
  return (req) => {
    const uri = req.url.searchParams.get('post_logout_redirect_uri');
    if (!uri || !isKnownRedirect(ctx, uri)) return html(200, signedOutPage());
    const url = new URL(uri);
    const state = req.url.searchParams.get('state');
    if (state !== null) url.searchParams.set('state', state);
    return redirect(url.toString());
  };
}
