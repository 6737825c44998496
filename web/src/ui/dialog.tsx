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
  /** A wider dialog for editors with tables. */
  wide?: boolean;
  isDisabled?: boolean;
  /** The dialog's body; `close` dismisses it (after a successful save, say). */
  children: (close: () => void) => ReactNode;
}

function DialogFrame({
  title,
  wide,
  children,
}: {
  title: string;
  wide?: boolean;
  children: (close: () => void) => ReactNode;
}) {
  return (
    <Modal className={wide ? 'modal modal-wide' : 'modal'}>
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
  );
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
  wide,
  isDisabled,
  children,
}: DialogButtonProps) {
  return (
    <DialogTrigger>
      <Button
        variant={variant}
        {...(accessibleLabel ? { 'aria-label': accessibleLabel } : {})}
        {...(isDisabled ? { isDisabled } : {})}
      >
        {label}
      </Button>
      <ModalOverlay className="modal-overlay" isDismissable>
        <DialogFrame title={title} wide={wide ?? false}>
          {children}
        </DialogFrame>
      </ModalOverlay>
    </DialogTrigger>
  );
}

export interface ModalDialogProps {
  title: string;
  isOpen: boolean;
  onOpenChange: (open: boolean) => void;
  wide?: boolean;
  /** Outside clicks close it unless it holds unsaved edits. */
  isDismissable?: boolean;
  children: (close: () => void) => ReactNode;
}

/** A modal dialog opened by the screen itself (a confirmation, an editor opened from a table row). */
export function ModalDialog({
  title,
  isOpen,
  onOpenChange,
  wide,
  isDismissable = true,
  children,
}: ModalDialogProps) {
  return (
    <ModalOverlay
      className="modal-overlay"
      isOpen={isOpen}
      onOpenChange={onOpenChange}
      isDismissable={isDismissable}
    >
      <DialogFrame title={title} wide={wide ?? false}>
        {children}
      </DialogFrame>
    </ModalOverlay>
  );
}
