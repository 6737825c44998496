import FindMyWay from 'find-my-way';
import type { Handler, RouteMatch, RouteMeta } from './types.js';

type HTTPMethod = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

interface Store {
  meta: RouteMeta;
  handler: Handler;
}

/** Route table of the emulator; find-my-way does the matching, handlers stay transport-free. */
export interface Router {
  on(method: HTTPMethod, path: string, meta: RouteMeta, handler: Handler): void;
  find(method: string, pathname: string): (RouteMatch & { handler: Handler }) | undefined;
}

export function createRouter(): Router {
  const fmw = FindMyWay({ caseSensitive: false, ignoreTrailingSlash: true, ignoreDuplicateSlashes: true });
  return {
    on(method, path, meta, handler) {
      const store: Store = { meta, handler };
      fmw.on(method, path, () => undefined, store);
    },
    find(method, pathname) {
      const found = fmw.find(method as HTTPMethod, pathname);
      if (!found) return undefined;
      const store = found.store as Store;
      const params: Record<string, string> = {};
      for (const [k, v] of Object.entries(found.params)) if (v !== undefined) params[k] = v;
      return { meta: store.meta, handler: store.handler, params };
    },
  };
}
