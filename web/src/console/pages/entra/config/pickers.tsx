import { CheckboxGroup, Label, Text } from 'react-aria-components';
import { getCustomer, listCustomers } from '../../../../../../src/contracts/api/customers.js';
import type { EntraImportLookups } from '../../../../../../src/contracts/api/lookups.js';
import type { RoleKind } from '../../../../../../src/contracts/api/roles.js';
import { useApi } from '../../../../lib/api-context.js';
import { useQuery } from '../../../../lib/use-query.js';
import { Checkbox } from '../../../../ui/checkbox.js';
import { ComboPicker } from '../../../../ui/combo-picker.js';
import type { SelectOption } from '../../../../ui/select-field.js';
import { useLookups } from './lookups.js';

const NONE = '__none';

export interface PickerProps {
  label: string;
  value: string | null;
  onChange: (id: string | null) => void;
  errorMessage?: string | undefined;
  isDisabled?: boolean;
  labelHidden?: boolean;
  description?: string;
}

/** Options whose name, or a word of it, starts with `text` (any case). */
export function matching<T extends SelectOption>(options: readonly T[], text: string): T[] {
  const term = text.toLocaleLowerCase();
  if (!term) return [...options];
  return options.filter((o) => {
    const name = o.label.toLocaleLowerCase();
    return name.startsWith(term) || name.split(/[^\p{L}\p{N}_-]+/u).some((word) => word.startsWith(term));
  });
}

/** What a saved id is called: its name, or (once the list is known) that it names nothing. */
export function savedLabel(
  options: readonly SelectOption[] | undefined,
  value: string | null,
  what: string,
): string | undefined {
  if (!value || !options) return undefined;
  return options.find((o) => o.id === value)?.label ?? `Unknown ${what} (${value})`;
}

/**
 * One of the short lists of the import lookups, chosen by name. A saved id stays as it is, named
 * as unknown when it is not in the list (the save's validation says what to do).
 */
function NamedPicker({
  what,
  list,
  allowNone,
  ...props
}: PickerProps & {
  what: string;
  list: (lookups: EntraImportLookups) => SelectOption[];
  allowNone?: boolean;
}) {
  const { records } = useLookups();
  const options = records.data ? list(records.data) : undefined;
  const choices = allowNone ? [{ id: NONE, label: 'None' }, ...(options ?? [])] : (options ?? []);
  return (
    <ComboPicker
      label={props.label}
      sourceKey={`entra-lookups:${what}:${options?.length ?? 'loading'}`}
      value={props.value}
      valueLabel={savedLabel(options, props.value, what)}
      onChange={(option) => props.onChange(!option || option.id === NONE ? null : option.id)}
      search={async (text) => matching(choices, text)}
      errorMessage={props.errorMessage ?? records.error?.message}
      isDisabled={props.isDisabled ?? false}
      labelHidden={props.labelHidden ?? false}
      placeholder={allowNone ? 'None' : `Type a ${what}’s name…`}
      {...(props.description ? { description: props.description } : {})}
    />
  );
}

const named = (records: { id: string; name: string }[]) => records.map((r) => ({ id: r.id, label: r.name }));

/** A team of agents (inactive teams are marked). */
export function TeamPicker(props: PickerProps) {
  return (
    <NamedPicker
      what="team"
      list={(l) => l.teams.map((t) => ({ id: t.id, label: t.inactive ? `${t.name} (inactive)` : t.name }))}
      {...props}
    />
  );
}

/** A change advisory board. */
export function CabPicker(props: PickerProps) {
  return <NamedPicker what="CAB" list={(l) => named(l.cabs)} {...props} />;
}

/** The role an agent holds on a CAB. */
export function CabRolePicker(props: PickerProps) {
  return <NamedPicker what="CAB role" list={(l) => named(l.cabRoles)} {...props} />;
}

/** A desk role of one kind (agent roles, or portal "user" roles); "None" when `allowNone`. */
export function RolePicker({ kind, ...props }: PickerProps & { kind: RoleKind; allowNone?: boolean }) {
  return (
    <NamedPicker
      what={kind === 'agent' ? 'agent role' : 'user role'}
      list={(l) => named(kind === 'agent' ? l.agentRoles : l.userRoles)}
      {...props}
    />
  );
}

/** Several agent roles (licence management's lists), as checkboxes; saved unknown ids stay listed. */
export function RoleChecklist(props: {
  label: string;
  description: string;
  value: string[];
  onChange: (ids: string[]) => void;
  isDisabled: boolean;
  errorMessage?: string | undefined;
}) {
  const { records } = useLookups();
  const roles = records.data?.agentRoles ?? [];
  const unknown = records.data ? props.value.filter((id) => !roles.some((r) => r.id === id)) : [];
  const error = props.errorMessage ?? records.error?.message;
  return (
    <CheckboxGroup
      className="field"
      value={props.value}
      onChange={props.onChange}
      isDisabled={props.isDisabled}
      {...(error ? { isInvalid: true } : {})}
    >
      <Label className="field-label">{props.label}</Label>
      <Text slot="description" className="field-description">
        {props.description}
      </Text>
      {roles.map((r) => (
        <Checkbox key={r.id} value={r.id}>
          {r.name}
        </Checkbox>
      ))}
      {unknown.map((id) => (
        <Checkbox key={id} value={id}>
          {`Unknown agent role (${id})`}
        </Checkbox>
      ))}
      {error ? <span className="field-error">{error}</span> : null}
    </CheckboxGroup>
  );
}

/** A customer, searched by name (needs customers.read: the lookups do not list customers). */
export function CustomerPicker(props: PickerProps) {
  const call = useApi();
  const lookups = useLookups();
  const known = props.value ? lookups.customerName(props.value) : undefined;
  const name = useQuery(`customer-name:${props.value ?? ''}:${known ?? ''}`, async (signal) => {
    if (!props.value || known) return null;
    const customer = await call(getCustomer, { params: { id: props.value }, signal });
    lookups.rememberCustomer(customer.id, customer.name);
    return customer.name;
  });
  return (
    <ComboPicker
      label={props.label}
      sourceKey="customers"
      value={props.value}
      valueLabel={known ?? name.data ?? undefined}
      onChange={(option) => {
        if (option) lookups.rememberCustomer(option.id, option.label);
        props.onChange(option?.id ?? null);
      }}
      search={async (text, signal) => {
        const page = await call(listCustomers, { query: { search: text, limit: 20, sort: 'name' }, signal });
        return page.items.map((c) => ({ id: c.id, label: c.name }));
      }}
      errorMessage={props.errorMessage ?? (name.error ? name.error.message : undefined)}
      isDisabled={props.isDisabled ?? false}
      {...(props.description ? { description: props.description } : {})}
    />
  );
}

/** A customer's name, for tables (its id when the agent may not read customers). */
export function CustomerName({ customerId }: { customerId: string }) {
  const call = useApi();
  const lookups = useLookups();
  const known = lookups.customerName(customerId);
  const name = useQuery(
    `customer-name:${customerId}:${known ?? ''}`,
    async (signal) => known ?? (await call(getCustomer, { params: { id: customerId }, signal })).name,
  );
  return <>{name.data ?? known ?? customerId}</>;
}
