import { useState } from 'react';
import { Alert } from '../../../ui/alert.js';
import { Button } from '../../../ui/button.js';
import { ModalDialog } from '../../../ui/dialog.js';

function CopyValue({ label, noun, value }: { label: string; noun: string; value: string }) {
  const [state, setState] = useState<'idle' | 'copied' | 'refused'>('idle');
  return (
    <div className="field">
      <span className="field-label">{label}</span>
      <div className="toolbar">
        <code className="code" aria-label={label}>
          {value}
        </code>
        <Button
          onPress={() =>
            void navigator.clipboard.writeText(value).then(
              () => setState('copied'),
              () => setState('refused'),
            )
          }
        >
          {state === 'copied' ? 'Copied' : `Copy the ${noun}`}
        </Button>
      </div>
      {state === 'refused' ? (
        <p className="field-error">The browser did not allow copying: select the text and copy it by hand.</p>
      ) : null}
    </div>
  );
}

/**
 * The SCIM base URL as an HR system needs it: absolute. Without a configured public URL the server
 * gives a path, which is under the address this console is opened at.
 */
export function absoluteUrl(url: string): string {
  return new URL(url, window.location.origin).href;
}

export interface ScimTokenDialogProps {
  /** The token and where HR systems push to; null keeps the dialog closed. */
  shown: { baseUrl: string; token: string } | null;
  onClose: () => void;
}

/** A SCIM source's bearer token, shown this once with the base URL to configure the HR system with. */
export function ScimTokenDialog({ shown, onClose }: ScimTokenDialogProps) {
  return (
    <ModalDialog
      title="SCIM connection details"
      isOpen={shown !== null}
      onOpenChange={(open) => (open ? undefined : onClose())}
      isDismissable={false}
    >
      {(close) =>
        shown ? (
          <div className="stack">
            <Alert tone="warning" title="Copy the token now">
              This token will not be shown again. Enter both values in the HR system’s SCIM provisioning
              settings; if the token is lost, issue a new one on the source (the old one then stops working).
            </Alert>
            <CopyValue label="SCIM base URL" noun="URL" value={absoluteUrl(shown.baseUrl)} />
            <CopyValue label="Bearer token" noun="token" value={shown.token} />
            <div className="form-actions">
              <Button variant="primary" onPress={close}>
                I have copied the token
              </Button>
            </div>
          </div>
        ) : null
      }
    </ModalDialog>
  );
}
