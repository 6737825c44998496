import type { Estate } from './estate.js';
import type { AppKind } from './types.js';

export interface AppCredential {
  tenantId: string;
  clientId: string;
  clientSecret: string;
  kind: AppKind;
}

/** Each registered app with its first secret: what `rollcall emulator --json` and the admin API print. */
export function appCredentials(estate: Estate): AppCredential[] {
  return [...estate.apps.values()].flatMap((a) =>
    a.secrets
      .slice(0, 1)
      .map((s) => ({ tenantId: a.homeTenantId, clientId: a.clientId, clientSecret: s.value, kind: a.kind })),
  );
}
