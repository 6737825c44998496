import { Radio as AriaRadio } from 'react-aria-components';

/** One choice of a `RadioGroup`, with a visible dot (the input itself is visually hidden). */
export function Radio({ value, children }: { value: string; children: string }) {
  return (
    <AriaRadio value={value} className="checkbox radio">
      <span className="checkbox-box radio-dot" aria-hidden="true" />
      {children}
    </AriaRadio>
  );
}
