import { X509Certificate, createHash, randomBytes, randomUUID } from 'node:crypto';
import { z } from 'zod';
import { DAY_MS } from '../seed/time.js';
import {
  GRAPH_APP_ID,
  PARTNER_API_APP_ID,
  PARTNER_CENTER_APP_ID,
  type AppRegistration,
} from '../state/types.js';
import type { AdminContext } from './admin-context.js';
import { AdminError } from './admin-error.js';

/** Portal default for a new client secret: two years. */
const SECRET_LIFETIME_DAYS = 730;
const names = z.array(z.string().min(1)).default([]);

export const newAppInputSchema = z
  .object({
    tenantId: z.string().min(1),
    displayName: z.string().min(1).max(120),
    kind: z.enum(['graph', 'partner', 'gdap', 'sso']).default('graph'),
    multiTenant: z.boolean().default(false),
    graphRoles: names,
    graphScopes: names,
    partnerCenterScopes: names,
    /** Delegated permissions on the Partner API (price sheets), e.g. `user_impersonation`. */
    partnerApiScopes: names,
    redirectUris: z.array(z.url()).default([]),
    /** Admin consent in the home tenant (creates the service principal with the roles). */
    consent: z.boolean().default(true),
    secretExpiresInDays: z.number().int().default(SECRET_LIFETIME_DAYS),
  })
  .strict();

export const newSecretInputSchema = z
  .object({
    /** Negative values give a secret that has already expired. */
    expiresInDays: z.number().int().optional(),
    expiresAt: z.iso.datetime().optional(),
  })
  .strict();

export const newCertificateInputSchema = z
  .object({ pem: z.string().includes('BEGIN CERTIFICATE'), expiresAt: z.iso.datetime().optional() })
  .strict();

export const consentInputSchema = z.object({ tenantId: z.string().min(1) }).strict();
export const redirectUrisInputSchema = z.object({ uris: z.array(z.url()).min(1) }).strict();

export type NewAppInput = z.input<typeof newAppInputSchema>;

export function appOrThrow(admin: AdminContext, clientId: string): AppRegistration {
  const app = admin.emulator.estate.apps.get(clientId.toLowerCase());
  if (!app) throw new AdminError(404, 'AppNotFound', `No app registration '${clientId}'.`);
  return app;
}

/** Secrets made at run time are random (unlike seeded ones): they are real credentials for the session. */
function runtimeSecret(expiresAt: number) {
  const value = `${randomBytes(3).toString('hex').slice(0, 3)}8Q~${randomBytes(26).toString('base64url').slice(0, 34)}`;
  return { id: randomUUID(), value, expiresAt };
}

export function describeApp(admin: AdminContext, app: AppRegistration) {
  const now = admin.emulator.clock.now();
  return {
    clientId: app.clientId,
    displayName: app.displayName,
    kind: app.kind,
    homeTenantId: app.homeTenantId,
    multiTenant: app.multiTenant,
    redirectUris: app.redirectUris,
    allowedTenantIds: app.allowedTenantIds ?? null,
    requiredAppRoles: app.requiredAppRoles,
    requiredScopes: app.requiredScopes,
    secrets: app.secrets.map((s) => ({
      id: s.id,
      value: s.value,
      expiresAt: new Date(s.expiresAt).toISOString(),
      expired: s.expiresAt <= now,
    })),
    certificates: app.certificates.map((c) => ({
      x5t: c.x5t,
      expiresAt: new Date(c.expiresAt).toISOString(),
    })),
    consentedIn: [...admin.emulator.estate.tenants.values()]
      .filter((t) => t.servicePrincipals.has(app.clientId))
      .map((t) => t.id),
  };
}

/** A new app registration with one secret, consented in its home tenant unless told otherwise. */
export function registerApp(admin: AdminContext, input: NewAppInput) {
  const parsed = newAppInputSchema.parse(input);
  const home = admin.tenant(parsed.tenantId);
  const now = admin.emulator.clock.now();
  const requiredAppRoles: Record<string, string[]> = {};
  const requiredScopes: Record<string, string[]> = {};
  if (parsed.graphRoles.length) requiredAppRoles[GRAPH_APP_ID] = parsed.graphRoles;
  if (parsed.graphScopes.length) requiredScopes[GRAPH_APP_ID] = parsed.graphScopes;
  if (parsed.partnerCenterScopes.length) requiredScopes[PARTNER_CENTER_APP_ID] = parsed.partnerCenterScopes;
  if (parsed.partnerApiScopes.length) requiredScopes[PARTNER_API_APP_ID] = parsed.partnerApiScopes;
  const secret = runtimeSecret(now + parsed.secretExpiresInDays * DAY_MS);
  const app = admin.emulator.estate.registerApp({
    clientId: randomUUID(),
    displayName: parsed.displayName,
    homeTenantId: home.id,
    multiTenant: parsed.multiTenant,
    kind: parsed.kind,
    secrets: [secret],
    certificates: [],
    redirectUris: parsed.redirectUris,
    requiredAppRoles,
    requiredScopes,
  });
  if (parsed.consent) admin.emulator.estate.grantConsent(home.id, app.clientId);
  return {
    tenantId: home.id,
    clientId: app.clientId,
    clientSecret: secret.value,
    secretId: secret.id,
    kind: app.kind,
  };
}

export function addSecret(
  admin: AdminContext,
  clientId: string,
  input: z.input<typeof newSecretInputSchema>,
) {
  const parsed = newSecretInputSchema.parse(input);
  const app = appOrThrow(admin, clientId);
  const now = admin.emulator.clock.now();
  const expiresAt = parsed.expiresAt
    ? Date.parse(parsed.expiresAt)
    : now + (parsed.expiresInDays ?? SECRET_LIFETIME_DAYS) * DAY_MS;
  const secret = runtimeSecret(expiresAt);
  app.secrets.push(secret);
  return { id: secret.id, value: secret.value, expiresAt: new Date(expiresAt).toISOString() };
}

/** Makes a secret expire now (AADSTS7000222 from then on). */
export function expireSecret(admin: AdminContext, clientId: string, secretId: string) {
  const app = appOrThrow(admin, clientId);
  const secret = app.secrets.find((s) => s.id === secretId);
  if (!secret) throw new AdminError(404, 'SecretNotFound', `App ${clientId} has no secret '${secretId}'.`);
  secret.expiresAt = admin.emulator.clock.now() - 1000;
  return { id: secret.id, expiresAt: new Date(secret.expiresAt).toISOString() };
}

/** Uploads a certificate's public part (client assertions signed with its key then work). */
export function addCertificate(
  admin: AdminContext,
  clientId: string,
  input: z.input<typeof newCertificateInputSchema>,
) {
  const parsed = newCertificateInputSchema.parse(input);
  const app = appOrThrow(admin, clientId);
  let cert: X509Certificate;
  try {
    cert = new X509Certificate(parsed.pem);
  } catch (err) {
    throw new AdminError(400, 'InvalidCertificate', `Not a PEM certificate: ${(err as Error).message}`);
  }
  const der = cert.raw;
  const entry = {
    x5t: createHash('sha1').update(der).digest('base64url'),
    x5tS256: createHash('sha256').update(der).digest('base64url'),
    publicKeyPem: cert.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    expiresAt: parsed.expiresAt ? Date.parse(parsed.expiresAt) : Date.parse(cert.validTo),
  };
  app.certificates = [...app.certificates.filter((c) => c.x5t !== entry.x5t), entry];
  return { x5t: entry.x5t, x5tS256: entry.x5tS256, expiresAt: new Date(entry.expiresAt).toISOString() };
}

/** Keeps Partner Center's record of application consents in step with the tenant. */
function recordPcConsent(admin: AdminContext, tenantId: string, clientId: string, granted: boolean) {
  const estate = admin.emulator.estate;
  const partner = estate.partnerTenantId ? estate.tenant(estate.partnerTenantId) : undefined;
  const pc = partner?.partnerCenter;
  if (!pc?.customers.has(tenantId)) return;
  const set = pc.applicationConsents.get(tenantId) ?? new Set<string>();
  if (granted) set.add(clientId);
  else set.delete(clientId);
  pc.applicationConsents.set(tenantId, set);
}

export function grantAppConsent(
  admin: AdminContext,
  clientId: string,
  input: z.input<typeof consentInputSchema>,
) {
  const { tenantId } = consentInputSchema.parse(input);
  const app = appOrThrow(admin, clientId);
  const tenant = admin.tenant(tenantId);
  if (!app.multiTenant && app.homeTenantId !== tenant.id) {
    throw new AdminError(
      409,
      'Conflict',
      `App ${clientId} is single-tenant; it cannot be consented in ${tenant.id}.`,
    );
  }
  const sp = admin.emulator.estate.grantConsent(tenant.id, app.clientId);
  recordPcConsent(admin, tenant.id, app.clientId, true);
  return { tenantId: tenant.id, servicePrincipalId: sp.id, appRoles: sp.appRoles };
}

export function revokeAppConsent(admin: AdminContext, clientId: string, tenantId: string): void {
  const app = appOrThrow(admin, clientId);
  const tenant = admin.tenant(tenantId);
  admin.emulator.estate.revokeConsent(tenant.id, app.clientId);
  recordPcConsent(admin, tenant.id, app.clientId, false);
}

export function addRedirectUris(
  admin: AdminContext,
  clientId: string,
  input: z.input<typeof redirectUrisInputSchema>,
) {
  const { uris } = redirectUrisInputSchema.parse(input);
  const app = appOrThrow(admin, clientId);
  app.redirectUris = [...new Set([...app.redirectUris, ...uris])];
  return { redirectUris: app.redirectUris };
}
