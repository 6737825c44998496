import { createContext, useCallback, useContext, useMemo, useRef, useState, type ReactNode } from 'react';
import {
  getEntraImportLookups,
  lookupSites,
  MAX_SITE_LOOKUP_IDS,
  type EntraImportLookups,
  type SiteLookup,
} from '../../../../../../src/contracts/api/lookups.js';
import { useApi } from '../../../../lib/api-context.js';
import { useQuery, type QueryState } from '../../../../lib/use-query.js';

interface Lookups {
  /** Teams, CABs, CAB roles, agent and user roles and custom fields, by name. */
  records: QueryState<EntraImportLookups>;
  /** A role's name (agent or user role), when the lookups know it. */
  roleName: (id: string) => string | undefined;
  /** A site known by id (resolved, or picked), with its customer. */
  site: (id: string) => SiteLookup | undefined;
  /** Where a site stored only by id belongs; ids asked for together go in one request. */
  resolveSite: (id: string) => Promise<SiteLookup | null>;
  rememberSite: (site: SiteLookup) => void;
  /** Customer names learnt while picking, so tables show names rather than ids. */
  customerName: (id: string) => string | undefined;
  rememberCustomer: (id: string, name: string) => void;
}

const LookupsContext = createContext<Lookups | null>(null);

export function useLookups(): Lookups {
  const lookups = useContext(LookupsContext);
  if (!lookups) throw new Error('useLookups() outside <LookupsProvider>');
  return lookups;
}

type Waiting = Map<string, ((site: SiteLookup | null) => void)[]>;

/**
 * What the import configuration's pickers choose from, loaded once per connection page
 * (`GET /api/lookups/entra-import`), and the sites it names (`GET /api/lookups/sites?ids=…`):
 * both are open to every agent who may open the configuration, grants included.
 */
export function LookupsProvider({ children }: { children: ReactNode }) {
  const call = useApi();
  const records = useQuery('entra-lookups', (signal) => call(getEntraImportLookups, { signal }));
  const [sites, setSites] = useState<Record<string, SiteLookup>>({});
  const [customers, setCustomers] = useState<Record<string, string>>({});
  const known = useRef(new Map<string, Promise<SiteLookup | null>>());
  const waiting = useRef<Waiting>(new Map());

  const rememberSite = useCallback((site: SiteLookup) => {
    setSites((s) => ({ ...s, [site.id]: site }));
    setCustomers((c) => ({ ...c, [site.customerId]: site.customerName }));
  }, []);
  const rememberCustomer = useCallback(
    (id: string, name: string) => setCustomers((c) => ({ ...c, [id]: name })),
    [],
  );

  const flush = useCallback(async () => {
    const batch: Waiting = new Map(waiting.current);
    waiting.current.clear();
    const ids = [...batch.keys()];
    for (let start = 0; start < ids.length; start += MAX_SITE_LOOKUP_IDS) {
      const chunk = ids.slice(start, start + MAX_SITE_LOOKUP_IDS);
      const found = await call(lookupSites, { query: { ids: chunk.join(',') } }).then(
        (page) => page.items,
        () => [] as SiteLookup[],
      );
      for (const site of found) rememberSite(site);
      for (const id of chunk) {
        const site = found.find((s) => s.id === id) ?? null;
        for (const resolve of batch.get(id) ?? []) resolve(site);
      }
    }
  }, [call, rememberSite]);

  const resolveSite = useCallback(
    (id: string) => {
      const pending = known.current.get(id);
      if (pending) return pending;
      const found = new Promise<SiteLookup | null>((resolve) => {
        // The first request of a render schedules one look-up for every id asked for meanwhile.
        if (waiting.current.size === 0) setTimeout(() => void flush(), 0);
        waiting.current.set(id, [...(waiting.current.get(id) ?? []), resolve]);
      });
      known.current.set(id, found);
      return found;
    },
    [flush],
  );

  const value = useMemo<Lookups>(() => {
    const roles = new Map(
      [...(records.data?.agentRoles ?? []), ...(records.data?.userRoles ?? [])].map((r) => [r.id, r.name]),
    );
    return {
      records,
      roleName: (id) => roles.get(id),
      site: (id) => sites[id],
      resolveSite,
      rememberSite,
      customerName: (id) => customers[id],
      rememberCustomer,
    };
  }, [records, sites, customers, resolveSite, rememberSite, rememberCustomer]);
  return <LookupsContext.Provider value={value}>{children}</LookupsContext.Provider>;
}
