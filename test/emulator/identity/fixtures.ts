import type { Emulator, EmulatorOptions } from '../../../src/emulator/index.js';
import { hashPassword } from '../../../src/emulator/identity/passwords.js';
import {
  GRAPH_APP_ID,
  GRAPH_RESOURCE,
  PARTNER_CENTER_RESOURCE,
  type AppRegistration,
  type TenantRecord,
} from '../../../src/emulator/state/types.js';
import { startEmulator } from '../../support/emulator.js';

const DAY_MS = 24 * 3600 * 1000;

export const CONTOSO_ID = 'c0c0c0c0-0000-4000-8000-000000000001';
export const FABRIKAM_ID = 'fabf0000-0000-4000-8000-000000000002';
export const NORTHWIND_ID = '40d40d40-0000-4000-8000-000000000003';

export const REDIRECT_URI = 'https://rollcall.example/auth/callback';
export const SECRET = 'Zx8Q~valid.secret-value_0123456789abcdef';
export const EXPIRED_SECRET = 'Zx8Q~expired.secret-value_0123456789abcd';
/** Password of `carol`, who has her own hash (everyone else signs in with DEMO_PASSWORD). */
export const CAROL_PASSWORD = 'Carol-Own-Password-1!';

export const CLIENTS = {
  /** Single-tenant Graph app in Contoso, admin-consented for User.Read.All (app) + delegated scopes. */
  graph: '11111111-aaaa-4aaa-8aaa-000000000001',
  /** Single-tenant app in Contoso, never consented: tokens carry no roles. */
  unconsented: '11111111-aaaa-4aaa-8aaa-000000000002',
  /** Multi-tenant app from Contoso, consented in Northwind only (no service principal in Fabrikam). */
  multi: '11111111-aaaa-4aaa-8aaa-000000000003',
  /** Certificate-only app in Contoso. */
  cert: '11111111-aaaa-4aaa-8aaa-000000000004',
  /** Partner Center app + user (delegated user_impersonation). */
  partner: '11111111-aaaa-4aaa-8aaa-000000000005',
} as const;

export interface IdentityFixture {
  emu: Emulator;
  contoso: TenantRecord;
  fabrikam: TenantRecord;
  northwind: TenantRecord;
  users: { alice: string; bob: string; carol: string; dave: string };
  app(clientId: string): AppRegistration;
}

function app(
  input: Partial<AppRegistration> & Pick<AppRegistration, 'clientId' | 'displayName'>,
): AppRegistration {
  return {
    homeTenantId: CONTOSO_ID,
    multiTenant: false,
    kind: 'graph',
    secrets: [{ id: `${input.clientId}-s1`, value: SECRET, expiresAt: Date.now() + 365 * DAY_MS }],
    certificates: [],
    redirectUris: [REDIRECT_URI],
    requiredAppRoles: {},
    requiredScopes: {},
    ...input,
  };
}

/** A small estate for identity tests: three tenants, five apps, four users. */
export async function createIdentityFixture(options: EmulatorOptions = {}): Promise<IdentityFixture> {
  const emu = await startEmulator({ preset: 'empty', ...options });
  const { estate } = emu;
  const contoso = estate.createTenant({
    id: CONTOSO_ID,
    displayName: 'Contoso',
    initialDomain: 'contoso.onmicrosoft.com',
    customDomains: ['contoso.com'],
  });
  const fabrikam = estate.createTenant({
    id: FABRIKAM_ID,
    displayName: 'Fabrikam',
    initialDomain: 'fabrikam.onmicrosoft.com',
    countryLetterCode: 'US',
  });
  const northwind = estate.createTenant({
    id: NORTHWIND_ID,
    displayName: 'Northwind',
    initialDomain: 'northwind.onmicrosoft.com',
  });

  estate.registerApp(
    app({
      clientId: CLIENTS.graph,
      displayName: 'Rollcall Graph',
      secrets: [
        { id: 'expired', value: EXPIRED_SECRET, expiresAt: Date.now() - DAY_MS },
        { id: 'valid', value: SECRET, expiresAt: Date.now() + 365 * DAY_MS },
      ],
      requiredAppRoles: { [GRAPH_RESOURCE]: ['User.Read.All', 'Group.Read.All'] },
      requiredScopes: { [GRAPH_APP_ID]: ['User.Read', 'Directory.Read.All'] },
    }),
  );
  estate.registerApp(app({ clientId: CLIENTS.unconsented, displayName: 'Unconsented app' }));
  estate.registerApp(
    app({
      clientId: CLIENTS.multi,
      displayName: 'Rollcall multi-tenant',
      multiTenant: true,
      requiredAppRoles: { [GRAPH_RESOURCE]: ['User.ReadWrite.All'] },
      requiredScopes: { [GRAPH_RESOURCE]: ['User.Read'] },
    }),
  );
  estate.registerApp(app({ clientId: CLIENTS.cert, displayName: 'Certificate app', secrets: [] }));
  estate.registerApp(
    app({
      clientId: CLIENTS.partner,
      displayName: 'Rollcall Partner Center',
      kind: 'partner',
      requiredScopes: { [PARTNER_CENTER_RESOURCE]: ['user_impersonation'] },
    }),
  );
  estate.grantConsent(CONTOSO_ID, CLIENTS.graph);
  estate.grantConsent(NORTHWIND_ID, CLIENTS.multi);

  const user = (
    tenant: TenantRecord,
    id: string,
    upn: string,
    name: string,
    extra: Record<string, unknown> = {},
  ) =>
    estate.addUser(
      tenant,
      { id, userPrincipalName: upn, displayName: name, mail: upn, accountEnabled: true, ...extra },
      { silent: true },
    );
  const users = {
    alice: 'a11ce000-0000-4000-8000-000000000001',
    bob: 'b0b00000-0000-4000-8000-000000000002',
    carol: 'ca201000-0000-4000-8000-000000000003',
    dave: 'da7e0000-0000-4000-8000-000000000004',
  };
  user(contoso, users.alice, 'alice@contoso.com', 'Alice Émilie Dupont', {
    givenName: 'Alice',
    surname: 'Dupont',
  });
  user(contoso, users.bob, 'bob@contoso.com', 'Bob Disabled', { accountEnabled: false });
  user(contoso, users.carol, 'carol@contoso.onmicrosoft.com', 'Carol Own-Password').passwordHash =
    hashPassword(CAROL_PASSWORD);
  user(fabrikam, users.dave, 'dave@fabrikam.onmicrosoft.com', 'Dave Fabrikam');

  return {
    emu,
    contoso,
    fabrikam,
    northwind,
    users,
    app: (clientId) => estate.apps.get(clientId.toLowerCase())!,
  };
}
