import type { EmulatorContext } from '../../context.js';

/** Owned by: graph licences. */
export function registerLicenceRoutes(_ctx: EmulatorContext): void {}
