import type { EmulatorContext } from '../../context.js';

/** Owned by: graph intune devices. */
export function registerDeviceRoutes(_ctx: EmulatorContext): void {}
