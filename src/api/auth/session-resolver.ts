import type { ServerConfig } from '../../contracts/config.js';
import type { Database } from '../../store/index.js';
import type { PrincipalResolver } from './principal.js';

/** Owned by: auth helper. Resolves the session cookie of a request to its principal. */
export function createSessionResolver(_deps: {
  db: Database;
  config: ServerConfig;
  now: () => Date;
}): PrincipalResolver {
  return async () => null;
}
