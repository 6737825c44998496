import type { Estate } from '../state/estate.js';
import {
  GRAPH_APP_ID,
  PARTNER_API_APP_ID,
  PARTNER_CENTER_APP_ID,
  type AppKind,
  type AppRegistration,
  type AppSecret,
  type TenantRecord,
} from '../state/types.js';
import type { SeedRandom } from './random.js';
import { DAY_MS } from './time.js';

/** Graph application permissions Rollcall's multi-tenant GDAP app and per-tenant apps ask for. */
export const DIRECTORY_APP_ROLES = [
  'User.Read.All',
  'Group.Read.All',
  'Organization.Read.All',
  'LicenseAssignment.ReadWrite.All',
  'User.ReadWrite.All',
  'GroupMember.ReadWrite.All',
  'AuditLog.Read.All',
  'DeviceManagementManagedDevices.Read.All',
];

/** Secrets the portal hands out are valid up to two years. */
const SECRET_LIFETIME_DAYS = 730;
const SECRET_ALPHABET = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.-~';
const ALNUM = SECRET_ALPHABET.slice(0, 62);

/** A client secret shaped like Entra's (40 characters, `Q~` after the fourth). */
export function secretValue(random: SeedRandom): string {
  const draw = (alphabet: string, n: number) =>
    Array.from({ length: n }, () => alphabet[random.int(0, alphabet.length - 1)]).join('');
  return `${draw(ALNUM, 3)}${random.int(0, 9)}Q~${draw(SECRET_ALPHABET, 34)}`;
}

export function newSecret(random: SeedRandom, now: number, lifetimeDays = SECRET_LIFETIME_DAYS): AppSecret {
  return { id: random.guid(), value: secretValue(random), expiresAt: now + lifetimeDays * DAY_MS };
}

export interface SeedAppInput {
  kind: AppKind;
  displayName: string;
  home: TenantRecord;
  multiTenant: boolean;
  graphRoles?: string[];
  graphScopes?: string[];
  partnerCenterScopes?: string[];
  partnerApiScopes?: string[];
  redirectUris?: string[];
}

/** Registers an app with one valid secret and consents it in its home tenant. */
export function registerSeedApp(
  estate: Estate,
  random: SeedRandom,
  now: number,
  input: SeedAppInput,
): AppRegistration {
  const requiredAppRoles: Record<string, string[]> = {};
  const requiredScopes: Record<string, string[]> = {};
  if (input.graphRoles?.length) requiredAppRoles[GRAPH_APP_ID] = [...input.graphRoles];
  if (input.graphScopes?.length) requiredScopes[GRAPH_APP_ID] = [...input.graphScopes];
  if (input.partnerCenterScopes?.length)
    requiredScopes[PARTNER_CENTER_APP_ID] = [...input.partnerCenterScopes];
  if (input.partnerApiScopes?.length) requiredScopes[PARTNER_API_APP_ID] = [...input.partnerApiScopes];
  const app = estate.registerApp({
    clientId: random.guid(),
    displayName: input.displayName,
    homeTenantId: input.home.id,
    multiTenant: input.multiTenant,
    kind: input.kind,
    secrets: [newSecret(random, now)],
    certificates: [],
    redirectUris: input.redirectUris ?? [],
    requiredAppRoles,
    requiredScopes,
  });
  consent(estate, random, input.home.id, app.clientId);
  return app;
}

/** Admin consent with a service principal id drawn from the seed (the estate would draw a random one). */
export function consent(estate: Estate, random: SeedRandom, tenantId: string, clientId: string): void {
  const sp = estate.grantConsent(tenantId, clientId);
  sp.id = random.guid();
}
