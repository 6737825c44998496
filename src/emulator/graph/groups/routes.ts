import type { EmulatorContext } from '../../context.js';

/** Owned by: graph groups. */
export function registerGroupRoutes(_ctx: EmulatorContext): void {}
