import type { ReactNode } from 'react';
import { Form } from 'react-aria-components';
import type { FormSubmit } from '../lib/use-form-submit.js';
import { Alert } from './alert.js';
import { Button } from './button.js';

export interface FormBodyProps {
  submit: FormSubmit;
  submitLabel: string;
  /** Names the form for screen readers. */
  label: string;
  onCancel?: () => void;
  /** Full width (forms holding a table); single fields keep a readable width. */
  wide?: boolean;
  children: ReactNode;
}

/** A form with its whole-form message, fields, and Save/Cancel buttons (used in dialogs and pages). */
export function FormBody({ submit, submitLabel, label, onCancel, wide, children }: FormBodyProps) {
  return (
    <Form
      validationBehavior="aria"
      className={wide ? 'form form-wide' : 'form'}
      aria-label={label}
      validationErrors={submit.fieldErrors}
      onSubmit={submit.onSubmit}
    >
      {submit.message ? <Alert>{submit.message}</Alert> : null}
      {children}
      <div className="form-actions">
        {onCancel ? (
          <Button variant="quiet" onPress={onCancel}>
            Cancel
          </Button>
        ) : null}
        <Button type="submit" variant="primary" isPending={submit.busy}>
          {submitLabel}
        </Button>
      </div>
    </Form>
  );
}
