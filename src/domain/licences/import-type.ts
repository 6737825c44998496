import {
  DEFAULT_LICENCE_IMPORT_TYPE,
  LICENCE_IMPORT_TYPES,
  type LicenceImportType,
} from '../../contracts/api/csp-licences.js';

const isImportType = (value: unknown): value is LicenceImportType =>
  typeof value === 'string' && (LICENCE_IMPORT_TYPES as readonly string[]).includes(value);

/**
 * The licence import type a tenant uses (guide 002): its mapping's override when it has one, else
 * the connection's setting, else all subscribed SKUs (which every partner tier can read).
 */
export function effectiveImportType(connectionSetting: unknown, override: unknown): LicenceImportType {
  if (isImportType(override)) return override;
  if (isImportType(connectionSetting)) return connectionSetting;
  return DEFAULT_LICENCE_IMPORT_TYPE;
}

/** What a run of `type` reads from Partner Center. */
export function readsOf(type: LicenceImportType): { skus: boolean; subscriptions: boolean } {
  return { skus: type !== 'subscriptions', subscriptions: type !== 'skus' };
}
