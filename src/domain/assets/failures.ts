/** What the assets module records when reading a tenant's devices fails. */
export interface AssetFailure {
  code: string;
  message: string;
  /** Whether a later attempt may succeed without anyone doing anything. */
  transient: boolean;
}

interface ErrorLike {
  code?: unknown;
  status?: unknown;
  retryable?: unknown;
  microsoftMessage?: unknown;
}

/** Intune's answer for a tenant without an Intune licence ("Request not applicable to target tenant."). */
export const INTUNE_NOT_LICENSED_MESSAGE =
  'Intune is not available in this tenant: Microsoft answered "Request not applicable to target tenant", ' +
  'which it does for tenants without an Intune licence. Fix: license Intune in the tenant, or (CSP) edit ' +
  'its mapping on the Tenants tab and tick "Exclude this tenant from the Intune asset import".';

export const INTUNE_FORBIDDEN_MESSAGE =
  'Microsoft refused to list managed devices (403). The app needs the application permission ' +
  'DeviceManagementManagedDevices.Read.All with admin consent (CSP: the GDAP app consented in the customer ' +
  'tenant, and a GDAP role such as Intune Administrator). Grant it, then run again.';

/**
 * Why a tenant's asset import failed, in words an administrator can act on: no Intune licence,
 * no permission, or Microsoft's catalogued error; anything else is a bug (`internal`).
 */
export function explainAssetFailure(error: unknown): AssetFailure {
  const e = (error ?? {}) as ErrorLike;
  const message = typeof e.microsoftMessage === 'string' ? e.microsoftMessage : '';
  if (e.status === 400 && /not applicable to target tenant/i.test(message)) {
    return { code: 'assets.intuneNotLicensed', message: INTUNE_NOT_LICENSED_MESSAGE, transient: false };
  }
  if (e.status === 403) {
    return { code: 'assets.forbidden', message: INTUNE_FORBIDDEN_MESSAGE, transient: false };
  }
  if (error instanceof Error && typeof e.code === 'string') {
    return { code: e.code, message: error.message, transient: e.retryable === true };
  }
  return {
    code: 'internal',
    message: 'an unexpected error stopped this run; the server log has the details (search for the run id)',
    transient: false,
  };
}
