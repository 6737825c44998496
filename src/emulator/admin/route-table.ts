import type { EmulatorContext } from '../context.js';
import type { EmuRequest } from '../http/types.js';
import { adminRoute } from './respond.js';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** Registers admin routes under `/_emulator`; route names read like `POST /_emulator/tenants/{id}/joiners`. */
export function adminRoutes(ctx: EmulatorContext) {
  return (
    method: Method,
    path: string,
    handler: (req: EmuRequest, params: Record<string, string>) => unknown,
    status = 200,
  ) => {
    const full = `/_emulator${path}`;
    const name = `${method} ${full.replace(/:(\w+)/g, '{$1}')}`;
    ctx.router.on(method, full, { service: 'admin', name }, adminRoute(handler, status));
  };
}
