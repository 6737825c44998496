import type { Clock } from '../clock.js';
import type { ChangeLog } from './change-log.js';
import type { Estate } from './estate.js';
import type { AppRegistration, GroupRecord, TenantRecord, UserRecord } from './types.js';

/** What the estate's parts share: the maps, the log and the clock. */
export interface EstateCore {
  clock: Clock;
  log: ChangeLog;
  tenants: Map<string, TenantRecord>;
  /** Lower-cased domain → tenant id. */
  domainIndex: Map<string, string>;
  apps: Map<string, AppRegistration>;
  /** The estate itself, for operations that call other operations (a user's deletion leaves its groups). */
  self(): Estate;
}

export interface WriteOptions {
  /** Seeding writes the starting state and does not show up as changes in delta rounds. */
  silent?: boolean;
}

export function userOf(tenant: TenantRecord, id: string): UserRecord {
  const user = tenant.users.get(id);
  if (!user) throw new Error(`emulator: no user ${id} in tenant ${tenant.id}`);
  return user;
}

export function groupOf(tenant: TenantRecord, id: string): GroupRecord {
  const group = tenant.groups.get(id);
  if (!group) throw new Error(`emulator: no group ${id} in tenant ${tenant.id}`);
  return group;
}

/** Applies a Graph-style patch to `props`; returns the names of properties whose value changed. */
export function applyPatch(props: Record<string, unknown>, patch: Record<string, unknown>): string[] {
  const changed: string[] = [];
  for (const [key, value] of Object.entries(patch)) {
    if (key === 'id' || sameValue(props[key], value)) continue;
    props[key] = value;
    changed.push(key);
  }
  return changed;
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  return JSON.stringify(a) === JSON.stringify(b);
}
