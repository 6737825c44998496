import type { AssetImportConfig } from '../../contracts/api/assets-config.js';
import { decideAssetType } from './asset-type.js';
import { deviceValue, isSenseManaged, matchKeyOf, type IntuneDevice } from './device.js';
import { userKey, userLookupOf, type DeskUserRef } from './user-link.js';

/** An asset as the desk holds it, as far as planning needs it. */
export interface StoredAsset {
  id: string;
  customerId: string;
  siteId: string;
  deskUserId: string | null;
  typeName: string;
  statusName: string;
  name: string;
  serialNumber: string | null;
  matchKey: string | null;
  fields: Record<string, string>;
  /** The Intune device it was read from (null: created elsewhere, not yet matched). */
  intuneDeviceId: string | null;
  removed: boolean;
}

/** What an asset should hold after the run. */
export interface AssetValues {
  customerId: string;
  siteId: string;
  deskUserId: string | null;
  typeName: string;
  statusName: string;
  name: string;
  serialNumber: string | null;
  matchKey: string | null;
  fields: Record<string, string>;
}

/** One device's outcome, with the reason a person sees in the inbound log. */
export type AssetOperation =
  | { kind: 'create'; deviceId: string; values: AssetValues; reasonCode: string; reason: string }
  | {
      kind: 'update';
      deviceId: string;
      assetId: string;
      values: AssetValues;
      changed: string[];
      reasonCode: string;
      reason: string;
    }
  | { kind: 'unchanged'; deviceId: string; assetId: string }
  | {
      kind: 'excluded';
      deviceId: string;
      /** The asset read from this device before: kept as it is (the device is still in Intune). */
      assetId: string | null;
      reasonCode: string;
      reason: string;
    };

/** The tenant a page of devices comes from. */
export interface AssetTenant {
  tenantId: string;
  /** The customer a CSP tenant is mapped to; null for an Entra tenant (customers come from users). */
  customerId: string | null;
  /**
   * Where a device without a linked user goes, for a customer: the configured default site when
   * it is that customer's, else the customer's (or CSP mapping's) default site; null if none.
   */
  defaultSiteOf(customerId: string | null): { id: string; customerId: string } | null;
}

/** What the desk holds for one page of devices (looked up by the sync before planning). */
export interface PageDesk {
  /** Assets already read from these devices, by Intune device id. */
  byDeviceId: ReadonlyMap<string, StoredAsset>;
  /** Assets not read from Intune yet, by `${customerId}|${matchKey}`. */
  byMatchKey: ReadonlyMap<string, readonly StoredAsset[]>;
  /** Desk users by {@link userKey}. */
  users: ReadonlyMap<string, readonly DeskUserRef[]>;
}

export const matchIndexKey = (customerId: string, matchKey: string) => `${customerId}|${matchKey}`;

const SENSE_REASON = 'excluded: managed by Microsoft Defender (Sense), and such devices are excluded';

/** Mapped Intune fields; a blank Intune value never wipes what the asset holds. */
function mappedFields(config: AssetImportConfig, device: IntuneDevice, before: Record<string, string>) {
  const fields = { ...before };
  for (const mapping of config.fieldMappings) {
    const value = deviceValue(device, mapping.intuneField);
    if (value) fields[mapping.assetField] = value;
  }
  return fields;
}

function sameFields(a: Record<string, string>, b: Record<string, string>): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => a[k] === b[k]);
}

interface UserDecision {
  user: DeskUserRef | null;
  note: string;
}

function decideUser(
  config: AssetImportConfig,
  device: IntuneDevice,
  desk: PageDesk,
  customerId: string | null,
): UserDecision {
  const lookup = userLookupOf(config.userMatching, device);
  if (!lookup) return { user: null, note: 'no user on the device' };
  const found = (desk.users.get(userKey(lookup.identifier, lookup.value)) ?? []).filter(
    (u) => customerId === null || u.customerId === customerId,
  );
  if (found.length === 1) return { user: found[0]!, note: `linked to a user (${lookup.via})` };
  if (found.length > 1) {
    return {
      user: null,
      note: `not linked: ${found.length} users match ${lookup.identifier} "${lookup.value}"`,
    };
  }
  return { user: null, note: `no desk user with ${lookup.identifier} "${lookup.value}"` };
}

function changedKeys(before: StoredAsset, after: AssetValues): string[] {
  const changed: string[] = [];
  if (before.customerId !== after.customerId) changed.push('customer');
  if (before.siteId !== after.siteId) changed.push('site');
  if (before.deskUserId !== after.deskUserId) changed.push('user');
  if (before.typeName.toLowerCase() !== after.typeName.toLowerCase()) changed.push('type');
  if (before.statusName.toLowerCase() !== after.statusName.toLowerCase()) changed.push('status');
  if (before.name !== after.name) changed.push('name');
  if (before.serialNumber !== after.serialNumber) changed.push('serialNumber');
  if (before.matchKey !== after.matchKey) changed.push('matchKey');
  if (!sameFields(before.fields, after.fields)) changed.push('fields');
  return changed;
}

/** The existing asset a device updates: the one read from it before, else one with its matching key. */
function existingOf(desk: PageDesk, device: IntuneDevice, customerId: string | null, key: string | null) {
  const linked = desk.byDeviceId.get(device.id);
  if (linked) return { asset: linked, how: 'the asset read from this device before' };
  if (customerId === null || key === null) return null;
  const candidates = desk.byMatchKey.get(matchIndexKey(customerId, key)) ?? [];
  // Two assets with one serial number: adopting either would be a guess.
  if (candidates.length !== 1) return null;
  return { asset: candidates[0]!, how: 'an existing asset with the same matching field' };
}

/**
 * Plans one page of Intune devices against the desk (guide 002 "Assets"): each device is
 * excluded (Sense-managed, no type rule, no site), creates an asset, or updates the asset read
 * from it before or the one with its matching key (serial number by default), with reasons.
 * Pure: the sync looks up `desk` for the page, and applies the operations.
 */
export function planAssetPage(
  config: AssetImportConfig,
  tenant: AssetTenant,
  devices: readonly IntuneDevice[],
  desk: PageDesk,
): AssetOperation[] {
  return devices.map((device) => planDevice(config, tenant, device, desk));
}

function planDevice(
  config: AssetImportConfig,
  tenant: AssetTenant,
  device: IntuneDevice,
  desk: PageDesk,
): AssetOperation {
  const deviceId = device.id;
  const linked = desk.byDeviceId.get(deviceId);
  const excluded = (reasonCode: string, reason: string): AssetOperation => ({
    kind: 'excluded',
    deviceId,
    assetId: linked?.id ?? null,
    reasonCode,
    reason,
  });
  if (config.excludeSenseManaged && isSenseManaged(device))
    return excluded('excluded.senseManaged', SENSE_REASON);
  const type = decideAssetType(config.assetType, device);
  if ('excluded' in type) return excluded(type.excluded.code, type.excluded.reason);

  const key = matchKeyOf(device, config.matchingField);
  const userAny = decideUser(config, device, desk, tenant.customerId);
  // An Entra tenant's customer comes from the asset, else the linked user, else the default site.
  const customerId =
    tenant.customerId ??
    linked?.customerId ??
    userAny.user?.customerId ??
    tenant.defaultSiteOf(null)?.customerId ??
    null;
  if (!customerId) {
    return excluded(
      'excluded.noSite',
      `excluded: ${userAny.note}, and no default site is set for this connection's assets`,
    );
  }
  const existing = existingOf(desk, device, customerId, key);
  const user = userAny.user && userAny.user.customerId === customerId ? userAny.user : null;
  const userNote = userAny.user && !user ? 'not linked: the user belongs to another customer' : userAny.note;

  const name = deviceValue(device, 'deviceName') || deviceValue(device, 'managedDeviceName') || deviceId;
  const serialNumber = deviceValue(device, 'serialNumber') || null;

  if (!existing) {
    const site =
      user && config.siteAllocation !== 'never' ? { id: user.siteId } : tenant.defaultSiteOf(customerId);
    if (!site)
      return excluded('excluded.noSite', `excluded: ${userNote}, and the customer has no default site`);
    return {
      kind: 'create',
      deviceId,
      values: {
        customerId,
        siteId: site.id,
        deskUserId: user?.id ?? null,
        typeName: type.typeName,
        statusName: config.newStatus,
        name,
        serialNumber,
        matchKey: key,
        fields: mappedFields(config, device, {}),
      },
      reasonCode: user ? 'created.linked' : 'created.unlinked',
      reason: `new device: type from ${type.reason}; ${userNote}`,
    };
  }

  const before = existing.asset;
  const moveToUser = user && config.siteAllocation === 'all' && before.customerId === customerId;
  const values: AssetValues = {
    customerId: before.customerId,
    siteId: moveToUser ? user.siteId : before.siteId,
    deskUserId: user && user.customerId === before.customerId ? user.id : before.deskUserId,
    typeName: config.keepTypeOfExisting ? before.typeName : type.typeName,
    statusName: before.removed ? config.newStatus : before.statusName,
    name,
    serialNumber: serialNumber ?? before.serialNumber,
    matchKey: key ?? before.matchKey,
    fields: mappedFields(config, device, before.fields),
  };
  const changed = changedKeys(before, values);
  const adopted = before.intuneDeviceId !== deviceId;
  if (!changed.length && !adopted) return { kind: 'unchanged', deviceId, assetId: before.id };
  const notes = [
    adopted ? `matched ${existing.how}` : null,
    before.removed ? 'back in Intune: status restored' : null,
    changed.length ? `changed ${changed.join(', ')}` : null,
    config.keepTypeOfExisting && before.typeName !== type.typeName
      ? 'type kept (existing assets keep their type)'
      : null,
  ].filter((n): n is string => n !== null);
  return {
    kind: 'update',
    deviceId,
    assetId: before.id,
    values,
    changed,
    reasonCode: adopted ? 'updated.matched' : before.removed ? 'updated.restored' : 'updated',
    reason: notes.join('; '),
  };
}

/** An asset whose device is no longer in Intune, and what happens to it. */
export interface AssetRemoval {
  assetId: string;
  intuneDeviceId: string;
  statusName: string;
  reason: string;
}

/**
 * After a full read: the tenant's assets whose devices were not read are marked deleted from
 * Intune with the configured status (never deleted: another source or a person may hold them).
 * Assets already marked are left alone.
 */
export function planRemovals(
  config: AssetImportConfig,
  missing: readonly { id: string; intuneDeviceId: string; removed: boolean }[],
): AssetRemoval[] {
  return missing
    .filter((asset) => !asset.removed)
    .map((asset) => ({
      assetId: asset.id,
      intuneDeviceId: asset.intuneDeviceId,
      statusName: config.deletedStatus,
      reason: `deleted from Intune: status set to "${config.deletedStatus}"`,
    }));
}

const COUNT_KEYS: Record<AssetOperation['kind'], string> = {
  create: 'created',
  update: 'updated',
  unchanged: 'unchanged',
  excluded: 'excluded',
};

/** Counts of a plan's operations by kind (and exclusions by reason), for the run record. */
export function countOperations(operations: readonly AssetOperation[], into: Record<string, number> = {}) {
  for (const op of operations) {
    const key = COUNT_KEYS[op.kind];
    into[key] = (into[key] ?? 0) + 1;
    if (op.kind === 'excluded') into[op.reasonCode] = (into[op.reasonCode] ?? 0) + 1;
  }
  return into;
}
