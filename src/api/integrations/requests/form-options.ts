import type { NewStarterFormOptions } from '../../../contracts/api/requests.js';
import { EMAIL_FORMAT_LABELS } from '../../../contracts/onboarding/naming.js';
import {
  createOnboardingConfigRepository,
  createRequestRepository,
  type Database,
} from '../../../store/index.js';
import { formatsOffered } from './address-preview.js';
import type { RequestSettings } from './request-settings.js';

/**
 * What the new-starter form offers a customer: formats, domains, groups (those a person adds by
 * hand marked), and licences with the seats left after open requests' promises.
 */
export async function newStarterFormOptions(
  db: Database,
  settings: RequestSettings,
): Promise<NewStarterFormOptions> {
  const config = settings.config;
  const base = {
    customerName: settings.customer.name,
    defaultUsageLocation: settings.customer.defaultUsageLocation,
  };
  if (!config?.tenantId) {
    return {
      ...base,
      unavailable: `New-starter requests are not set up for ${settings.customer.name} yet; the service desk sets them up first.`,
      emailFormats: [],
      defaultEmailFormat: 'firstname.lastname',
      domains: [],
      groups: [],
      licences: [],
    };
  }
  const [held, promised] = await Promise.all([
    createOnboardingConfigRepository(db).tenantLicences(config.tenantId),
    createRequestRepository(db).openNewStarterLicences(settings.customer.id),
  ]);
  const bySku = new Map(held.map((l) => [l.skuId.toLowerCase(), l]));
  return {
    ...base,
    unavailable: null,
    emailFormats: formatsOffered(config).map((format) => ({ format, label: EMAIL_FORMAT_LABELS[format] })),
    defaultEmailFormat: config.naming.format,
    domains: config.allowedDomains,
    groups: settings.groups.map((g) => ({ name: g.name, manual: g.warning !== null })),
    licences: config.licences.map((skuId) => {
      const l = bySku.get(skuId.toLowerCase());
      return {
        skuId,
        name: l?.name ?? skuId,
        available: l ? l.total - l.consumed - (promised.get(skuId.toLowerCase()) ?? 0) : null,
      };
    }),
  };
}
