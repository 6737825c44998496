import type { EmulatorContext } from '../../context.js';

/** Owned by: graph GDAP. */
export function registerGdapRoutes(_ctx: EmulatorContext): void {}
