import type { EmulatorContext } from '../../context.js';

/** Owned by: graph batch. */
export function registerBatchRoutes(_ctx: EmulatorContext): void {}
