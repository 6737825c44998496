import { useEffect, useState } from 'react';
import { CheckboxGroup, Label, Text } from 'react-aria-components';
import { getCustomer, listCustomers } from '../../../../../../src/contracts/api/customers.js';
import type { RoleKind } from '../../../../../../src/contracts/api/roles.js';
import { listSites } from '../../../../../../src/contracts/api/sites.js';
import { useApi } from '../../../../lib/api-context.js';
import { useQuery } from '../../../../lib/use-query.js';
import { Checkbox } from '../../../../ui/checkbox.js';
import { ComboPicker } from '../../../../ui/combo-picker.js';
import { SelectField } from '../../../../ui/select-field.js';
import { TextField } from '../../../../ui/text-field.js';
import { useLookups } from './lookups.js';

const NONE = '__none';

interface PickerProps {
  label: string;
  value: string | null;
  onChange: (id: string | null) => void;
  errorMessage?: string | undefined;
  isDisabled?: boolean;
  labelHidden?: boolean;
  description?: string;
}

/**
 * A record Rollcall cannot list yet (teams, CABs, CAB roles have no API; roles need agents.read):
 * its id, typed or pasted.
 */
export function IdField({ what, ...props }: PickerProps & { what: string }) {
  return (
    <TextField
      label={props.label}
      value={props.value ?? ''}
      onChange={(v) => props.onChange(v.trim() === '' ? null : v.trim())}
      description={props.description ?? `The ${what}’s id (a GUID): Rollcall cannot list ${what}s here yet.`}
      errorMessage={props.errorMessage}
      isDisabled={props.isDisabled ?? false}
      labelHidden={props.labelHidden ?? false}
    />
  );
}

/** A desk role of one kind (agent roles, or portal "user" roles); "None" when `allowNone`. */
export function RolePicker({
  kind,
  allowNone,
  ...props
}: PickerProps & { kind: RoleKind; allowNone?: boolean }) {
  const { roles } = useLookups();
  if (roles.error)
    return (
      <IdField
        what="role"
        {...props}
        description={`Roles cannot be listed (${roles.error.message}): paste the role’s id.`}
      />
    );
  const options = (roles.data ?? []).filter((r) => r.kind === kind).map((r) => ({ id: r.id, label: r.name }));
  return (
    <SelectField
      label={props.label}
      options={allowNone ? [{ id: NONE, label: 'None' }, ...options] : options}
      value={props.value ?? (allowNone ? NONE : null)}
      onChange={(id) => props.onChange(id === NONE ? null : id)}
      errorMessage={props.errorMessage}
      isDisabled={props.isDisabled ?? false}
      labelHidden={props.labelHidden ?? false}
      {...(props.description ? { description: props.description } : {})}
    />
  );
}

/** Several agent roles (licence management's lists), as checkboxes. */
export function RoleChecklist(props: {
  label: string;
  description: string;
  value: string[];
  onChange: (ids: string[]) => void;
  isDisabled: boolean;
  errorMessage?: string | undefined;
}) {
  const { roles } = useLookups();
  if (roles.error)
    return (
      <TextField
        label={props.label}
        value={props.value.join('\n')}
        rows={3}
        onChange={(text) => props.onChange(text.split(/[\s,]+/).filter(Boolean))}
        description={`Roles cannot be listed (${roles.error.message}): one role id per line.`}
        isDisabled={props.isDisabled}
        errorMessage={props.errorMessage}
      />
    );
  const agentRoles = (roles.data ?? []).filter((r) => r.kind === 'agent');
  return (
    <CheckboxGroup
      className="field"
      value={props.value}
      onChange={props.onChange}
      isDisabled={props.isDisabled}
      {...(props.errorMessage ? { isInvalid: true } : {})}
    >
      <Label className="field-label">{props.label}</Label>
      <Text slot="description" className="field-description">
        {props.description}
      </Text>
      {agentRoles.map((r) => (
        <Checkbox key={r.id} value={r.id}>
          {r.name}
        </Checkbox>
      ))}
      {props.errorMessage ? <span className="field-error">{props.errorMessage}</span> : null}
    </CheckboxGroup>
  );
}

/** A customer, searched by name. */
export function CustomerPicker(props: PickerProps) {
  const call = useApi();
  const lookups = useLookups();
  const known = props.value ? lookups.customerName(props.value) : undefined;
  const named = useQuery(`customer-name:${props.value ?? ''}:${known ?? ''}`, async (signal) => {
    if (!props.value || known) return null;
    const customer = await call(getCustomer, { params: { id: props.value }, signal });
    lookups.remember({ customerId: customer.id, customerName: customer.name });
    return customer.name;
  });
  return (
    <ComboPicker
      label={props.label}
      sourceKey="customers"
      value={props.value}
      valueLabel={known ?? named.data ?? undefined}
      onChange={(option) => {
        if (option) lookups.remember({ customerId: option.id, customerName: option.label });
        props.onChange(option?.id ?? null);
      }}
      search={async (text, signal) => {
        const page = await call(listCustomers, { query: { search: text, limit: 20, sort: 'name' }, signal });
        return page.items.map((c) => ({ id: c.id, label: c.name }));
      }}
      errorMessage={props.errorMessage ?? (named.error ? named.error.message : undefined)}
      isDisabled={props.isDisabled ?? false}
      {...(props.description ? { description: props.description } : {})}
    />
  );
}

/** A site of one customer. */
export function SitePicker({ customerId, ...props }: PickerProps & { customerId: string | null }) {
  const call = useApi();
  const lookups = useLookups();
  const sites = useQuery(`sites:${customerId ?? ''}`, async (signal) =>
    customerId
      ? (await call(listSites, { params: { id: customerId }, query: { limit: 200, sort: 'name' }, signal }))
          .items
      : [],
  );
  const customerName = customerId ? lookups.customerName(customerId) : undefined;
  return (
    <SelectField
      label={props.label}
      options={(sites.data ?? []).map((s) => ({
        id: s.id,
        label: `${s.name}${s.isDefault ? ' (default)' : ''}`,
      }))}
      value={props.value}
      onChange={(id) => {
        const site = sites.data?.find((s) => s.id === id);
        if (site && customerId && customerName)
          lookups.remember({ siteId: site.id, siteName: site.name, customerId, customerName });
        props.onChange(id);
      }}
      isDisabled={(props.isDisabled ?? false) || !customerId}
      placeholder={customerId ? 'Choose a site…' : 'Choose the customer first'}
      errorMessage={props.errorMessage ?? (sites.error ? sites.error.message : undefined)}
      {...(props.description ? { description: props.description } : {})}
    />
  );
}

/** Where a site stored only by id belongs (for editing it and for tables). */
export function useSitePlace(siteId: string | null) {
  const lookups = useLookups();
  const known = siteId ? lookups.site(siteId) : undefined;
  const [state, setState] = useState<{ id: string | null; done: boolean }>({ id: null, done: false });
  useEffect(() => {
    if (!siteId || known) return;
    let live = true;
    void lookups.resolveSite(siteId).then(() => live && setState({ id: siteId, done: true }));
    return () => {
      live = false;
    };
  }, [siteId, known, lookups]);
  return { place: known, searching: Boolean(siteId && !known && !(state.id === siteId && state.done)) };
}

/** A customer, then one of its sites (a site mapping's "existing site"). */
export function ExistingSitePicker(props: PickerProps & { siteLabel: string }) {
  const { place, searching } = useSitePlace(props.value);
  const [customerId, setCustomerId] = useState<string | null>(null);
  const chosenCustomer = customerId ?? place?.customerId ?? null;
  return (
    <div className="columns-2">
      <CustomerPicker
        label={props.label}
        value={chosenCustomer}
        onChange={(id) => {
          setCustomerId(id);
          if (id !== chosenCustomer) props.onChange(null);
        }}
        isDisabled={props.isDisabled ?? false}
        {...(searching ? { description: 'Finding the site’s customer…' } : {})}
      />
      <SitePicker
        label={props.siteLabel}
        customerId={chosenCustomer}
        value={props.value}
        onChange={props.onChange}
        errorMessage={props.errorMessage}
        isDisabled={props.isDisabled ?? false}
      />
    </div>
  );
}

/** A site's name with its customer, for tables ("London — Contoso"). */
export function SiteName({ siteId }: { siteId: string }) {
  const { place, searching } = useSitePlace(siteId);
  if (place) return <>{`${place.siteName} — ${place.customerName}`}</>;
  return <span className="muted">{searching ? 'Finding the site…' : `Site ${siteId.slice(0, 8)}…`}</span>;
}

/** A customer's name, for tables. */
export function CustomerName({ customerId }: { customerId: string }) {
  const call = useApi();
  const lookups = useLookups();
  const known = lookups.customerName(customerId);
  const named = useQuery(
    `customer-name:${customerId}:${known ?? ''}`,
    async (signal) => known ?? (await call(getCustomer, { params: { id: customerId }, signal })).name,
  );
  return <>{named.data ?? known ?? customerId}</>;
}
