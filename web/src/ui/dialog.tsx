import type { ReactNode } from 'react';
import { Dialog, DialogTrigger, Heading, Modal, ModalOverlay } from 'react-aria-components';
import { Button, type ButtonProps } from './button.js';

export interface DialogButtonProps {
  /** The text of the button that opens the dialog. */
  label: string;
  /** A fuller name for screen readers where the visible label repeats (“Edit” in each row). */
  accessibleLabel?: string;
  title: string;
  variant?: ButtonProps['variant'];
  /** The dialog's body; `close` dismisses it (after a successful save, say). */
  children: (close: () => void) => ReactNode;
}

/**
 * A button opening a modal dialog: focus moves into it and returns after, Escape closes it, the
 * rest of the page is inert meanwhile (react-aria).
 */
export function DialogButton({
  label,
  accessibleLabel,
  title,
  variant = 'secondary',
  children,
}: DialogButtonProps) {
  return (
    <DialogTrigger>
      <Button variant={variant} {...(accessibleLabel ? { 'aria-label': accessibleLabel } : {})}>
        {label}
      </Button>
      <ModalOverlay className="modal-overlay" isDismissable>
        <Modal className="modal">
          <Dialog className="dialog">
            {({ close }) => (
              <>
                <Heading slot="title" className="dialog-title">
                  {title}
                </Heading>
                {children(close)}
              </>
            )}
          </Dialog>
        </Modal>
      </ModalOverlay>
    </DialogTrigger>
  );
}
