import { useEffect, useState } from 'react';
import {
  Button as AriaButton,
  ComboBox,
  FieldError,
  Input,
  Label,
  ListBox,
  ListBoxItem,
  Popover,
  Text,
  type Key,
} from 'react-aria-components';
import { useDebouncedValue } from '../lib/use-debounced-value.js';
import { useQuery } from '../lib/use-query.js';
import type { SelectOption } from './select-field.js';

export interface ComboPickerProps<T extends SelectOption> {
  label: string;
  /** The chosen record's id, or null. */
  value: string | null;
  /** What the chosen record is called, when known (shown in the input). */
  valueLabel?: string | undefined;
  onChange: (option: T | null) => void;
  /** Asks the API for records whose name starts with `text` (a page is enough). */
  search: (text: string, signal: AbortSignal) => Promise<T[]>;
  /** A key for the search source, so two pickers over different lists do not share answers. */
  sourceKey: string;
  description?: string;
  errorMessage?: string | undefined;
  isDisabled?: boolean;
  /** Keeps the label for screen readers only (a column header already says it). */
  labelHidden?: boolean;
  /** What the input shows when nothing is typed (default "Type to search…"). */
  placeholder?: string;
}

/**
 * Choosing one record from a list searched as one types (customers and agents on the server;
 * short lists such as teams in the page): type a few letters, pick from the answers. Only picked
 * records are accepted; a saved value stays until another is picked.
 */
export function ComboPicker<T extends SelectOption>(props: ComboPickerProps<T>) {
  const [input, setInput] = useState(props.valueLabel ?? '');
  // Nothing is asked of the API until the person opens or types in the field.
  const [active, setActive] = useState(false);
  useEffect(() => {
    if (props.value === null) setInput('');
    else if (props.valueLabel !== undefined) setInput(props.valueLabel);
  }, [props.value, props.valueLabel]);
  const text = useDebouncedValue(input.trim());
  const term = text === props.valueLabel ? '' : text;
  const options = useQuery(`${props.sourceKey}:${active ? 'active' : 'idle'}:${term}`, (signal) =>
    active ? props.search(term, signal) : Promise.resolve([] as T[]),
  );
  const items = options.data ?? [];
  return (
    <ComboBox
      className="field"
      validationBehavior="aria"
      menuTrigger="focus"
      allowsEmptyCollection
      items={items}
      inputValue={input}
      onInputChange={(text) => {
        setInput(text);
        setActive(true);
      }}
      onOpenChange={(open) => open && setActive(true)}
      selectedKey={props.value as Key | null}
      onSelectionChange={(key) => {
        const picked = items.find((o) => o.id === key) ?? null;
        if (key === null) return;
        if (picked) {
          setInput(picked.label);
          props.onChange(picked);
        }
      }}
      {...(props.isDisabled ? { isDisabled: true } : {})}
      {...(props.errorMessage ? { isInvalid: true } : {})}
    >
      <Label className={props.labelHidden ? 'visually-hidden' : 'field-label'}>{props.label}</Label>
      <div className="search-row">
        <Input className="field-input combo-input" placeholder={props.placeholder ?? 'Type to search…'} />
        <AriaButton className="button button-quiet" aria-label={`Show ${props.label} choices`}>
          ▾
        </AriaButton>
      </div>
      {props.description ? (
        <Text slot="description" className="field-description">
          {props.description}
        </Text>
      ) : null}
      <FieldError className="field-error">{props.errorMessage}</FieldError>
      <Popover className="popover">
        <ListBox
          className="listbox"
          renderEmptyState={() => (
            <div className="listbox-empty">
              {options.loading ? 'Searching…' : options.error ? options.error.message : 'Nothing matches.'}
            </div>
          )}
        >
          {(option: T) => (
            <ListBoxItem id={option.id} className="listbox-item" textValue={option.label}>
              {option.label}
            </ListBoxItem>
          )}
        </ListBox>
      </Popover>
    </ComboBox>
  );
}
