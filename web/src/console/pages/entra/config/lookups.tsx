import { createContext, useCallback, useContext, useMemo, useRef, useState, type ReactNode } from 'react';
import { listCustomers } from '../../../../../../src/contracts/api/customers.js';
import { listRoles, type RoleView } from '../../../../../../src/contracts/api/roles.js';
import { listSites } from '../../../../../../src/contracts/api/sites.js';
import { listUsers } from '../../../../../../src/contracts/api/users.js';
import type { ApiCall } from '../../../../lib/api.js';
import { useApi } from '../../../../lib/api-context.js';
import { useQuery, type QueryState } from '../../../../lib/use-query.js';

/** Where a site belongs, as the pickers show it. */
export interface SitePlace {
  siteId: string;
  siteName: string;
  customerId: string;
  customerName: string;
}

interface Lookups {
  roles: QueryState<RoleView[]>;
  /** Names learnt while picking (customers and sites), so tables show names rather than ids. */
  remember: (place: Partial<SitePlace> & ({ siteId: string } | { customerId: string })) => void;
  customerName: (id: string) => string | undefined;
  site: (id: string) => SitePlace | undefined;
  /** Finds where a site belongs (the API has no "get site" by id: see findSite). */
  resolveSite: (id: string) => Promise<SitePlace | null>;
}

const LookupsContext = createContext<Lookups | null>(null);

export function useLookups(): Lookups {
  const lookups = useContext(LookupsContext);
  if (!lookups) throw new Error('useLookups() outside <LookupsProvider>');
  return lookups;
}

/** Customers scanned at most when a site has no users to say where it is. */
const SCAN_CUSTOMERS = 50;

/**
 * The contracts have no "get site by id", and a site mapping stores only the site's id. A user of
 * the site names its customer; failing that, the first customers' sites are searched.
 */
async function findSite(call: ApiCall, siteId: string): Promise<SitePlace | null> {
  const users = await call(listUsers, { query: { siteId, limit: 1 } });
  const user = users.items[0];
  if (user)
    return { siteId, siteName: user.siteName, customerId: user.customerId, customerName: user.customerName };
  const customers = await call(listCustomers, { query: { limit: SCAN_CUSTOMERS, sort: 'name' } });
  for (const customer of customers.items) {
    const sites = await call(listSites, { params: { id: customer.id }, query: { limit: 200 } });
    const site = sites.items.find((s) => s.id === siteId);
    if (site) return { siteId, siteName: site.name, customerId: customer.id, customerName: customer.name };
  }
  return null;
}

/** Roles, customer and site names for the configuration's pickers, loaded once per connection page. */
export function LookupsProvider({ children }: { children: ReactNode }) {
  const call = useApi();
  const roles = useQuery('entra-lookups:roles', async (signal) => (await call(listRoles, { signal })).items);
  const [customers, setCustomers] = useState<Record<string, string>>({});
  const [sites, setSites] = useState<Record<string, SitePlace>>({});
  const pending = useRef(new Map<string, Promise<SitePlace | null>>());

  const remember = useCallback<Lookups['remember']>((place) => {
    if (place.customerId && place.customerName)
      setCustomers((c) => ({ ...c, [place.customerId as string]: place.customerName as string }));
    if ('siteId' in place && place.siteId && place.siteName && place.customerId && place.customerName)
      setSites((s) => ({ ...s, [place.siteId as string]: place as SitePlace }));
  }, []);

  const resolveSite = useCallback(
    (id: string) => {
      const known = pending.current.get(id);
      if (known) return known;
      const found = findSite(call, id).then(
        (place) => {
          if (place) remember(place);
          return place;
        },
        () => null,
      );
      pending.current.set(id, found);
      return found;
    },
    [call, remember],
  );

  const value = useMemo<Lookups>(
    () => ({
      roles,
      remember,
      customerName: (id) => customers[id],
      site: (id) => sites[id],
      resolveSite,
    }),
    [roles, remember, customers, sites, resolveSite],
  );
  return <LookupsContext.Provider value={value}>{children}</LookupsContext.Provider>;
}
