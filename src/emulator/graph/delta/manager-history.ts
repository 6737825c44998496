import type { Estate } from '../../state/estate.js';

/**
 * Who each user's manager was after each manager change, so a later round can name the manager
 * that was removed (`manager@delta` with `@removed`). The change log records only that `manager`
 * changed, not the old value.
 */
export interface ManagerHistory {
  /** The manager recorded at the last manager change at or before `version`; undefined if none is known. */
  managerAt(tenantId: string, userId: string, version: number): string | null | undefined;
}

export function createManagerHistory(estate: Estate): ManagerHistory {
  const history = new Map<string, { version: number; managerId: string | null }[]>();
  estate.log.onChange((tenantId, entry) => {
    if (entry.resource !== 'users' || entry.kind !== 'updated' || !entry.props?.includes('manager')) return;
    const user = estate.tenant(tenantId)?.users.get(entry.id);
    if (!user) return;
    const key = `${tenantId}|${entry.id}`;
    const list = history.get(key) ?? [];
    list.push({ version: entry.version, managerId: user.managerId });
    history.set(key, list);
  });
  return {
    managerAt(tenantId, userId, version) {
      const list = history.get(`${tenantId}|${userId}`);
      if (!list) return undefined;
      for (let i = list.length - 1; i >= 0; i--) {
        if (list[i]!.version <= version) return list[i]!.managerId;
      }
      return undefined;
    },
  };
}
