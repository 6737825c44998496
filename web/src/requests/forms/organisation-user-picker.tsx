import { ComboPicker } from '../../ui/combo-picker.js';
import type { OrganisationUser, RequestFormSource } from './request-source.js';

export type { OrganisationUser } from './request-source.js';

export interface OrganisationUserPickerProps {
  source: RequestFormSource;
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
  return (
    <>
      <ComboPicker<OrganisationUser>
        label={props.label}
        sourceKey={`users:${props.source.key}`}
        value={props.value?.id ?? null}
        valueLabel={props.value?.label}
        onChange={props.onChange}
        search={props.source.searchUsers}
        {...(props.description ? { description: props.description } : {})}
        errorMessage={props.errorMessage}
      />
      <input type="hidden" name={props.name} value={props.value?.id ?? ''} />
    </>
  );
}
