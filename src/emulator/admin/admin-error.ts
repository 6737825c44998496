/** Codes the admin API answers with; `status` is the HTTP status. */
export type AdminErrorCode =
  | 'ValidationFailed'
  | 'InvalidJson'
  | 'TenantNotFound'
  | 'UserNotFound'
  | 'GroupNotFound'
  | 'SkuNotFound'
  | 'SubscriptionNotFound'
  | 'DeviceNotFound'
  | 'AppNotFound'
  | 'SecretNotFound'
  | 'FaultNotFound'
  | 'NoPartner'
  | 'NoSeatsAvailable'
  | 'UsageLocationMissing'
  | 'InvalidCertificate'
  | 'SeedConflict'
  | 'Conflict';

/** A failed admin request: thrown by the mutation functions, turned into JSON by the routes. */
export class AdminError extends Error {
  override readonly name = 'AdminError';
  constructor(
    readonly status: number,
    readonly code: AdminErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}
