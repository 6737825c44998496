import { useState, type ReactNode } from 'react';
import { formatDateTime } from '../../../lib/format.js';
import { Button } from '../../../ui/button.js';

export interface SecretFieldProps {
  /** What is stored, as the API says (never the value). */
  stored: { stored: boolean; changedAt: string | null } | undefined;
  /** "client secret", "certificate" */
  noun: string;
  /** The inputs that take a new value (shown at once when nothing is stored). */
  children: ReactNode;
}

/**
 * A write-only credential: Rollcall never shows a stored secret, it says one is stored and offers
 * to replace it; leaving it alone keeps the stored one.
 */
export function SecretField({ stored, noun, children }: SecretFieldProps) {
  const [replacing, setReplacing] = useState(false);
  if (!stored?.stored || replacing) return <>{children}</>;
  return (
    <div className="field" role="group" aria-label={`Stored ${noun}`}>
      <span className="field-label">
        {noun.charAt(0).toUpperCase()}
        {noun.slice(1)}
      </span>
      <div className="toolbar">
        <span>Stored — set {formatDateTime(stored.changedAt, 'earlier')}. It is never shown again.</span>
        <Button onPress={() => setReplacing(true)}>{`Replace ${noun}`}</Button>
      </div>
    </div>
  );
}
