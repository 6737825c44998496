import { listPortalUsers } from '../../../../../src/contracts/api/users.js';
import { useApi } from '../../../lib/api-context.js';
import { ComboPicker } from '../../../ui/combo-picker.js';
import type { SelectOption } from '../../../ui/select-field.js';

export interface OrganisationUser extends SelectOption {
  email: string | null;
}

export interface OrganisationUserPickerProps {
  label: string;
  /** The form field the chosen user's id is submitted as. */
  name: string;
  value: OrganisationUser | null;
  onChange: (user: OrganisationUser | null) => void;
  description?: string;
  errorMessage?: string | undefined;
}

/** One of the organisation's people, searched by name or e-mail as one types. */
export function OrganisationUserPicker(props: OrganisationUserPickerProps) {
  const call = useApi();
  return (
    <>
      <ComboPicker<OrganisationUser>
        label={props.label}
        sourceKey="portal-users"
        value={props.value?.id ?? null}
        valueLabel={props.value?.label}
        onChange={props.onChange}
        search={async (text, signal) => {
          const page = await call(listPortalUsers, { query: { search: text, limit: 20 }, signal });
          return page.items.map((u) => ({
            id: u.id,
            label: u.email ? `${u.displayName} (${u.email})` : u.displayName,
            email: u.email,
          }));
        }}
        {...(props.description ? { description: props.description } : {})}
        errorMessage={props.errorMessage}
      />
      <input type="hidden" name={props.name} value={props.value?.id ?? ''} />
    </>
  );
}
