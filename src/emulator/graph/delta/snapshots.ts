/**
 * Sorted key snapshots of the estate's maps (users, groups, group members), so a page of a round
 * resumes from a cursor with a binary search instead of walking every object again. A snapshot is
 * rebuilt only when its map's signature (size + last change version) moves.
 */
export interface SnapshotCache {
  sortedKeys(map: Map<string, unknown>, signature: string): string[];
}

export function createSnapshotCache(): SnapshotCache {
  const cache = new WeakMap<Map<string, unknown>, { signature: string; keys: string[] }>();
  return {
    sortedKeys(map, signature) {
      const hit = cache.get(map);
      if (hit && hit.signature === signature) return hit.keys;
      const keys = [...map.keys()].sort();
      cache.set(map, { signature, keys });
      return keys;
    },
  };
}

/** Index of the first key >= `key` in a sorted array. */
export function lowerBound(keys: readonly string[], key: string): number {
  let lo = 0;
  let hi = keys.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (keys[mid]! < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
