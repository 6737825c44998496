import type { LoadClient } from './http-load.js';

/** Desk users per page, as the console asks for them. */
const PAGE_LIMIT = 50;

/** A scenario as plain data, so it can cross into the load worker. */
export type ScenarioSpec =
  { kind: 'path'; path: string } | { kind: 'user-search'; prefixes: readonly string[]; pages: number };

/** One search as a person types it: the first page, then the next ones while there are more. */
function userSearch(prefixes: readonly string[], pages: number) {
  return async (client: LoadClient) => {
    const search = encodeURIComponent(prefixes[Math.floor(Math.random() * prefixes.length)]!);
    let cursor: string | null = null;
    for (let page = 0; page < pages; page += 1) {
      const after = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
      const { status, body } = await client.get(`/api/users?search=${search}&limit=${PAGE_LIMIT}${after}`);
      if (status !== 200) return;
      cursor = (JSON.parse(body) as { nextCursor: string | null }).nextCursor;
      if (!cursor) return;
    }
  };
}

/** The scenario function a {@link ScenarioSpec} describes. */
export function scenarioOf(spec: ScenarioSpec): (client: LoadClient) => Promise<void> {
  if (spec.kind === 'path') return async (client) => void (await client.get(spec.path));
  return userSearch(spec.prefixes, spec.pages);
}
