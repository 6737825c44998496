import type { AssetImportConfig, IntuneDeviceField } from '../../contracts/api/assets-config.js';
import { userLookupFields } from './user-fields.js';

/** Fields every asset run reads: identity, name, matching, Sense, mobile override. */
const ALWAYS: readonly IntuneDeviceField[] = [
  'id',
  'deviceName',
  'managedDeviceName',
  'serialNumber',
  'operatingSystem',
  'managementAgent',
];

/**
 * The `$select` of an asset run: only what the configuration reads (Intune returns every property
 * without one, about 40 per device).
 */
export function devicePropertiesToRead(config: AssetImportConfig): IntuneDeviceField[] {
  const fields = new Set<IntuneDeviceField>(ALWAYS);
  fields.add(config.matchingField);
  const type = config.assetType;
  if (type.mode === 'intuneField') fields.add(type.field);
  if (type.mode === 'rules') for (const rule of type.rules) fields.add(rule.field);
  for (const field of userLookupFields(config.userMatching)) fields.add(field);
  for (const mapping of config.fieldMappings) fields.add(mapping.intuneField);
  return [...fields];
}
