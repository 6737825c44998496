import type { AssetMatchingField, IntuneDeviceField } from '../../contracts/api/assets-config.js';

/**
 * An Intune managed device as the asset planner reads it: the properties it was read with, as
 * Graph returned them (strings, booleans, numbers or null).
 */
export type IntuneDevice = { id: string } & Partial<Record<IntuneDeviceField, unknown>>;

/** A device property as text: trimmed, '' when absent; booleans and numbers as Intune shows them. */
export function deviceValue(device: IntuneDevice, field: IntuneDeviceField): string {
  const value = device[field];
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return '';
}

/** iOS, iPadOS and Android devices: the ones the user identifier's mobile override applies to. */
export function isMobileDevice(device: IntuneDevice): boolean {
  return /^(ios|ipados|android)/i.test(deviceValue(device, 'operatingSystem'));
}

/**
 * Devices Microsoft Defender for Endpoint manages ("Sense"): Graph's managementAgent `msSense`
 * (managementAgentType 1024, "managed by Microsoft Defender for Endpoint").
 */
export function isSenseManaged(device: IntuneDevice): boolean {
  return deviceValue(device, 'managementAgent').toLowerCase() === 'mssense';
}

/**
 * Values manufacturers and Intune put where there is no real identifier: matching on them would
 * merge unrelated machines into one asset.
 */
const PLACEHOLDERS = new Set([
  '0',
  'none',
  'n/a',
  'na',
  'null',
  'unknown',
  'default string',
  'system serial number',
  'to be filled by o.e.m.',
  'not specified',
  '123456789',
  '0123456789',
  '00:00:00:00:00:00',
  '000000000000',
]);

/**
 * The asset matching key of a device: the matching field's value, trimmed and lower-cased (MAC
 * addresses without separators); null when blank or a placeholder.
 */
export function matchKeyOf(device: IntuneDevice, field: AssetMatchingField): string | null {
  return normaliseMatchKey(deviceValue(device, field), field);
}

/** {@link matchKeyOf} for a value from any source (another integration, a person). */
export function normaliseMatchKey(
  value: string | null | undefined,
  field: AssetMatchingField,
): string | null {
  let key = (value ?? '').trim().toLowerCase();
  if (!key || PLACEHOLDERS.has(key)) return null;
  if (field === 'wiFiMacAddress') key = key.replace(/[^0-9a-f]/g, '');
  return key && !PLACEHOLDERS.has(key) ? key : null;
}
