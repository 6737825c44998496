import type { AssetImportConfig, UserIdentifier } from '../../contracts/api/assets-config.js';
import {
  matchIndexKey,
  matchKeyOf,
  userKey,
  userLookupOf,
  type DeskUserRef,
  type IntuneDevice,
  type PageDesk,
  type StoredAsset,
} from '../../domain/assets/index.js';
import type { AssetDesk } from './ports.js';

/**
 * Looks up what the desk holds for one page of devices: the assets read from them before, the
 * assets with their matching keys, and the users they name. A handful of queries per page.
 */
export async function loadPageDesk(
  desk: AssetDesk,
  config: AssetImportConfig,
  scope: { tenantId: string; customerId: string | null },
  devices: readonly IntuneDevice[],
  /** An Entra tenant's customer when no user says whose (the configured default site's). */
  fallbackCustomerId: string | null = null,
): Promise<PageDesk> {
  const keys = [
    ...new Set(devices.map((d) => matchKeyOf(d, config.matchingField)).filter((k) => k !== null)),
  ];
  const lookups = new Map<UserIdentifier, Set<string>>();
  for (const device of devices) {
    const lookup = userLookupOf(config.userMatching, device);
    if (!lookup) continue;
    const values = lookups.get(lookup.identifier) ?? new Set<string>();
    values.add(lookup.value);
    lookups.set(lookup.identifier, values);
  }
  const [linked, ...userLists] = await Promise.all([
    desk.byDeviceIds(
      scope.tenantId,
      devices.map((d) => d.id),
    ),
    ...[...lookups].map(([identifier, values]) => desk.users(scope, identifier, [...values])),
  ]);
  // Only the customers an asset of this page can belong to are searched for matching keys.
  const customers = scope.customerId
    ? [scope.customerId]
    : [
        ...new Set([
          ...linked.map((a) => a.customerId),
          ...userLists.flat().map((u) => u.customerId),
          ...(fallbackCustomerId ? [fallbackCustomerId] : []),
        ]),
      ];
  const matched = await desk.byMatchKeys(customers, keys);
  const byDeviceId = new Map<string, StoredAsset>();
  for (const asset of linked) if (asset.intuneDeviceId) byDeviceId.set(asset.intuneDeviceId, asset);
  const byMatchKey = new Map<string, StoredAsset[]>();
  for (const asset of matched) {
    if (!asset.matchKey) continue;
    const key = matchIndexKey(asset.customerId, asset.matchKey);
    byMatchKey.set(key, [...(byMatchKey.get(key) ?? []), asset]);
  }
  const users = new Map<string, DeskUserRef[]>();
  for (const found of userLists.flat()) {
    const key = userKey(found.identifier, found.value);
    users.set(key, [
      ...(users.get(key) ?? []),
      { id: found.id, customerId: found.customerId, siteId: found.siteId },
    ]);
  }
  return { byDeviceId, byMatchKey, users };
}

/** Customers a page may place assets with (Entra tenants: users' and existing assets' customers). */
export function customersOf(desk: PageDesk): string[] {
  const ids = new Set<string>();
  for (const asset of desk.byDeviceId.values()) ids.add(asset.customerId);
  for (const list of desk.users.values()) for (const user of list) ids.add(user.customerId);
  return [...ids];
}
