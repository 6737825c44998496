import type { EmulatorContext } from '../context.js';

/** Owned by: admin API. */
export function registerAdminRoutes(_ctx: EmulatorContext): void {}
