import type { ChangeEntry } from './types.js';

export type ChangeListener = (tenantId: string, entry: ChangeEntry) => void;

/**
 * Per-tenant ordered log of directory changes. Versions are per tenant and only grow; a delta
 * token is a version watermark, so a round returns the entries after it.
 */
export interface ChangeLog {
  record(tenantId: string, entry: Omit<ChangeEntry, 'version' | 'at'>): ChangeEntry;
  /** Current version of a tenant (0 before any change). */
  version(tenantId: string): number;
  /** Entries of a tenant with version > `after`, oldest first. */
  since(tenantId: string, after: number): ChangeEntry[];
  /** Oldest version still held (entries before it were trimmed). */
  floor(tenantId: string): number;
  onChange(listener: ChangeListener): () => void;
}

export function createChangeLog(now: () => number): ChangeLog {
  const logs = new Map<string, { version: number; entries: ChangeEntry[]; floor: number }>();
  const listeners = new Set<ChangeListener>();
  const logOf = (tenantId: string) => {
    let log = logs.get(tenantId);
    if (!log) {
      log = { version: 0, entries: [], floor: 0 };
      logs.set(tenantId, log);
    }
    return log;
  };
  return {
    record(tenantId, partial) {
      const log = logOf(tenantId);
      log.version += 1;
      const entry: ChangeEntry = { ...partial, version: log.version, at: now() };
      log.entries.push(entry);
      for (const l of listeners) l(tenantId, entry);
      return entry;
    },
    version: (tenantId) => logOf(tenantId).version,
    since(tenantId, after) {
      const { entries } = logOf(tenantId);
      // Entries are sorted by version: binary search the first one after the watermark.
      let lo = 0;
      let hi = entries.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (entries[mid]!.version <= after) lo = mid + 1;
        else hi = mid;
      }
      return entries.slice(lo);
    },
    floor: (tenantId) => logOf(tenantId).floor,
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
