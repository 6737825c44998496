import type { EmulatorContext } from '../../context.js';

/** Owned by: graph delta. */
export function registerDeltaRoutes(_ctx: EmulatorContext): void {}
