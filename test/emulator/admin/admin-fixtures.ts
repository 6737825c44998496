import type { Emulator } from '../../../src/emulator/index.js';
import type { TenantRecord } from '../../../src/emulator/state/types.js';

export type Inject = (method: string, url: string, body?: unknown) => ReturnType<Emulator['inject']>;

/** Calls the admin API in-process. */
export const adminClient =
  (emu: Emulator): Inject =>
  (method, url, body) =>
    emu.inject({ method, url: `/_emulator${url}`, ...(body === undefined ? {} : { body }) });

/** A demo customer by the start of its name. */
export function demoTenant(emu: Emulator, prefix: string): TenantRecord {
  const tenant = [...emu.estate.tenants.values()].find((t) => t.displayName.startsWith(prefix));
  if (!tenant) throw new Error(`no demo tenant ${prefix}`);
  return tenant;
}

/** Change-log entries recorded for a tenant after `version`. */
export const changesSince = (emu: Emulator, tenant: TenantRecord, version: number) =>
  emu.estate.log.since(tenant.id, version);
