import type { EmulatorContext } from '../../context.js';

/** Owned by: graph subscriptions. */
export function registerSubscriptionRoutes(_ctx: EmulatorContext): void {}
