import type { EmulatorContext } from '../context.js';

/** Owned by: identity platform. */
export function registerIdentityRoutes(_ctx: EmulatorContext): void {}
