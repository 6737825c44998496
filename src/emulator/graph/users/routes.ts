import type { EmulatorContext } from '../../context.js';

/** Owned by: graph users. */
export function registerUserRoutes(_ctx: EmulatorContext): void {}
