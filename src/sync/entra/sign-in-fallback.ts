import type { DirectorySpec } from './ports.js';

/** Why Microsoft refused to give a tenant's sign-in activity, by the catalogue code of its 403. */
const REFUSALS: Readonly<Record<string, { why: string; fix: string }>> = {
  Authentication_RequestFromNonPremiumTenantOrB2CTenant: {
    why: 'Microsoft Graph answered that the tenant has no Microsoft Entra ID P1 or P2 licence (Authentication_RequestFromNonPremiumTenantOrB2CTenant); sign-in activity is only kept in premium tenants',
    fix: 'assign Microsoft Entra ID P1 or P2 in that tenant, or turn off "Import the last sign-in date" (Imports tab)',
  },
  Authorization_RequestDenied: {
    why: 'Microsoft Graph refused to read sign-in activity (Authorization_RequestDenied): the app does not hold AuditLog.Read.All in that tenant',
    fix: 'add the application permission AuditLog.Read.All to the app registration and grant admin consent again in that tenant, or turn off "Import the last sign-in date" (Imports tab)',
  },
};

/** The warning a run records when a tenant's users were read without their last sign-in. */
export function signInWarning(tenantId: string, code: string): string {
  const refusal = REFUSALS[code]!;
  return `last sign-in dates were not imported for tenant ${tenantId}: ${refusal.why}. Users were imported without them (dates already in the desk are kept). To fix: ${refusal.fix}.`;
}

/** The catalogue code of a failure that only reading `signInActivity` caused; null for any other. */
export function signInRefusal(error: unknown): string | null {
  const code = error instanceof Error ? (error as { code?: unknown }).code : undefined;
  return typeof code === 'string' && code in REFUSALS ? code : null;
}

/**
 * Reads with `spec`; when it asked for sign-in activity and Microsoft refused it (no Entra ID
 * P1/P2, or no AuditLog.Read.All), reads again without it and says why, so the tenant's run
 * finishes with its users instead of failing. A second refusal (e.g. the user permission itself
 * is missing) fails the run as any other error does.
 */
export async function readWithSignInFallback<S extends DirectorySpec, T>(
  spec: S,
  read: (spec: S) => Promise<T>,
): Promise<{ result: T; warnings: string[] }> {
  if (!spec.lastSignIn) return { result: await read(spec), warnings: [] };
  try {
    return { result: await read(spec), warnings: [] };
  } catch (error) {
    const code = signInRefusal(error);
    if (code === null) throw error;
    const result = await read({ ...spec, lastSignIn: false });
    return { result, warnings: [signInWarning(spec.tenantId, code)] };
  }
}
