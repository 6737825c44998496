import type { EmulatorContext } from '../context.js';

/** Owned by: partner center. */
export function registerPartnerCenterRoutes(_ctx: EmulatorContext): void {}
