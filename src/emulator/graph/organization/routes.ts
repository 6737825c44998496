import type { EmulatorContext } from '../../context.js';

/** Owned by: graph organization and domains. */
export function registerOrganizationRoutes(_ctx: EmulatorContext): void {}
