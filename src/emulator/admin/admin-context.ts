import type { EmulatorContext } from '../context.js';
import type { ThrottlingSettings } from '../faults/throttler-config.js';
import { createNamePools, type NamePools } from '../seed/names.js';
import { createSeedRandom, type SeedRandom } from '../seed/random.js';
import type { TenantRecord } from '../state/types.js';
import { AdminError } from './admin-error.js';

/**
 * What the admin mutations work with. Created once per emulator by `registerAdminRoutes`; tests
 * and benchmarks create their own with `createAdminContext(emulator.context)` to call the
 * mutation functions in-process.
 */
export interface AdminContext {
  emulator: EmulatorContext;
  /** Seeded from the emulator's generator, so a scripted run of mutations is reproducible. */
  random: SeedRandom;
  /** Name pools for joiners (built on first use: they take a moment). */
  names(): NamePools;
  /** The throttling mode last set through the admin API (`off` until then). */
  throttling: ThrottlingSettings;
  /** A tenant by id or domain, or a 404 `AdminError`. */
  tenant(idOrDomain: string): TenantRecord;
}

const UINT31 = 0x7fffffff;

export function createAdminContext(emulator: EmulatorContext): AdminContext {
  const seed = Math.floor(emulator.random() * UINT31);
  let pools: NamePools | undefined;
  return {
    emulator,
    random: createSeedRandom(seed),
    names: () => (pools ??= createNamePools(seed)),
    throttling: { mode: 'off' },
    tenant(idOrDomain) {
      const tenant = emulator.estate.tenant(idOrDomain);
      if (!tenant) throw new AdminError(404, 'TenantNotFound', `No tenant '${idOrDomain}' in the emulator.`);
      return tenant;
    },
  };
}
