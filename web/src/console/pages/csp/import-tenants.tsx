import { createContext, useContext, useState, type ReactNode } from 'react';
import { CheckboxGroup, Label, Text } from 'react-aria-components';
import { listCspImportTenants, type CspImportTenant } from '../../../../../src/contracts/api/csp-users.js';
import { useApi } from '../../../lib/api-context.js';
import { useQuery, type QueryState } from '../../../lib/use-query.js';
import { Checkbox } from '../../../ui/checkbox.js';
import { Loading } from '../../../ui/loading.js';
import { TextField } from '../../../ui/text-field.js';

const TenantsContext = createContext<QueryState<{ items: CspImportTenant[] }> | null>(null);

/** More tenants than this and the picker offers a search box. */
const SEARCH_FROM = 8;

/** The tenants a CSP connection imports (mapped to a customer), loaded once for its configuration tabs. */
export function CspImportTenantsProvider({
  connectionId,
  refreshKey,
  children,
}: {
  connectionId: string;
  /** Read again when this changes (the tab shown: mappings change on the Tenants tab). */
  refreshKey: string;
  children: ReactNode;
}) {
  const call = useApi();
  const tenants = useQuery(`csp-import-tenants:${connectionId}:${refreshKey}`, (signal) =>
    call(listCspImportTenants, { params: { id: connectionId }, signal }),
  );
  return <TenantsContext.Provider value={tenants}>{children}</TenantsContext.Provider>;
}

/** The mapped tenants of the CSP connection being configured; null outside a CSP connection page. */
export function useCspImportTenants(): QueryState<{ items: CspImportTenant[] }> | null {
  return useContext(TenantsContext);
}

const label = (t: CspImportTenant) => (t.defaultDomain ? `${t.name} (${t.defaultDomain})` : t.name);

/** The names of a site mapping's tenant filter, for the site mappings table. */
export function TenantFilterSummary({ tenantIds }: { tenantIds: readonly string[] }) {
  const tenants = useCspImportTenants()?.data?.items ?? [];
  const names = tenantIds.map((id) => tenants.find((t) => t.tenantId === id.toLowerCase())?.name ?? id);
  return <>Only {names.join(', ')}</>;
}

/**
 * A site mapping's tenant filter on a CSP connection: tick the mapped tenants (name and default
 * domain) whose users it applies to; none ticked applies it to every mapped tenant. A saved id
 * that is no longer mapped stays listed, so it can be unticked.
 */
export function TenantFilterPicker(props: {
  value: string[];
  onChange: (tenantIds: string[]) => void;
  errorMessage?: string | undefined;
  isDisabled: boolean;
}) {
  const tenants = useCspImportTenants();
  const [search, setSearch] = useState('');
  if (tenants?.error) return <span className="field-error">{tenants.error.message}</span>;
  if (!tenants?.data) return <Loading label="Loading the mapped tenants…" />;
  const items = tenants.data.items;
  const chosen = new Set(props.value.map((id) => id.toLowerCase()));
  const term = search.trim().toLowerCase();
  const shown = items.filter(
    (t) =>
      !term ||
      chosen.has(t.tenantId) ||
      `${t.name} ${t.defaultDomain ?? ''} ${t.customerName ?? ''} ${t.tenantId}`.toLowerCase().includes(term),
  );
  const unknown = props.value.filter((id) => !items.some((t) => t.tenantId === id.toLowerCase()));
  return (
    <div className="stack">
      {items.length > SEARCH_FROM ? (
        <TextField label="Find a tenant" value={search} onChange={setSearch} isDisabled={props.isDisabled} />
      ) : null}
      <CheckboxGroup
        className="field"
        value={props.value.map((id) => id.toLowerCase())}
        onChange={props.onChange}
        isDisabled={props.isDisabled}
        {...(props.errorMessage ? { isInvalid: true } : {})}
      >
        <Label className="field-label">Only users of these tenants</Label>
        <Text slot="description" className="field-description">
          {items.length
            ? 'Tick the tenants this mapping applies to. None ticked: every mapped tenant.'
            : 'No tenant is mapped to a customer yet: map tenants on the Tenants tab, then choose them here. Until then the mapping applies to every mapped tenant.'}
        </Text>
        {shown.map((t) => (
          <Checkbox key={t.tenantId} value={t.tenantId}>
            {label(t)}
          </Checkbox>
        ))}
        {unknown.map((id) => (
          <Checkbox key={id} value={id.toLowerCase()}>
            {`Not mapped to a customer (${id})`}
          </Checkbox>
        ))}
        {props.errorMessage ? <span className="field-error">{props.errorMessage}</span> : null}
      </CheckboxGroup>
    </div>
  );
}
