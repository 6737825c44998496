import type { AdminContext } from './admin-context.js';
import {
  addCertificate,
  addRedirectUris,
  addSecret,
  appOrThrow,
  consentInputSchema,
  describeApp,
  expireSecret,
  grantAppConsent,
  newAppInputSchema,
  newCertificateInputSchema,
  newSecretInputSchema,
  redirectUrisInputSchema,
  registerApp,
  revokeAppConsent,
} from './apps.js';
import { parseBody } from './respond.js';
import type { adminRoutes } from './route-table.js';

/** App registrations: register, secrets (add, expire), certificates, consent, redirect URIs. */
export function registerAppRoutes(admin: AdminContext, on: ReturnType<typeof adminRoutes>): void {
  const { estate } = admin.emulator;
  on('GET', '/apps', () => [...estate.apps.values()].map((a) => describeApp(admin, a)));
  on('GET', '/apps/:clientId', (_req, p) => describeApp(admin, appOrThrow(admin, p.clientId!)));
  on('POST', '/apps', (req) => registerApp(admin, parseBody(newAppInputSchema, req)), 201);
  on(
    'POST',
    '/apps/:clientId/secrets',
    (req, p) => addSecret(admin, p.clientId!, parseBody(newSecretInputSchema, req)),
    201,
  );
  on('POST', '/apps/:clientId/secrets/:secretId/expire', (_req, p) =>
    expireSecret(admin, p.clientId!, p.secretId!),
  );
  on(
    'POST',
    '/apps/:clientId/certificates',
    (req, p) => addCertificate(admin, p.clientId!, parseBody(newCertificateInputSchema, req)),
    201,
  );
  on('POST', '/apps/:clientId/consents', (req, p) =>
    grantAppConsent(admin, p.clientId!, parseBody(consentInputSchema, req)),
  );
  on('DELETE', '/apps/:clientId/consents/:tenantId', (_req, p) =>
    revokeAppConsent(admin, p.clientId!, p.tenantId!),
  );
  on('POST', '/apps/:clientId/redirect-uris', (req, p) =>
    addRedirectUris(admin, p.clientId!, parseBody(redirectUrisInputSchema, req)),
  );
}
