import { useState, type FormEvent } from 'react';
import type { z } from 'zod';
import { describeFailure, formValues, validate, type FieldErrors } from './form-errors.js';

export interface FormSubmit {
  fieldErrors: FieldErrors;
  /** A message for the whole form (the API's `message`), or null. */
  message: string | null;
  busy: boolean;
  onSubmit: (event: FormEvent<HTMLFormElement>) => void;
}

export interface UseFormSubmitOptions<S extends z.ZodType, R> {
  /** The endpoint's body schema: the browser checks what the server will check. */
  schema: S;
  /**
   * Turns the form's named controls into the body (checkboxes send "on" when ticked; `data` has
   * every value of repeated names).
   */
  toBody?: (values: Record<string, string>, data: FormData) => unknown;
  send: (body: z.output<S>) => Promise<R>;
  onDone: (result: R) => void;
}

/**
 * Submitting a form to the API: validate with the contract, send, and show the server's field
 * errors beside the fields they name (react-aria `Form validationErrors`).
 */
export function useFormSubmit<S extends z.ZodType, R>(options: UseFormSubmitOptions<S, R>): FormSubmit {
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(form: HTMLFormElement) {
    const values = formValues(form);
    const checked = validate(
      options.schema,
      options.toBody ? options.toBody(values, new FormData(form)) : values,
    );
    setFieldErrors(checked.ok ? {} : checked.errors);
    setMessage(checked.ok ? null : 'Some fields need correcting.');
    if (!checked.ok) return;
    setBusy(true);
    try {
      const result = await options.send(checked.value);
      setBusy(false);
      options.onDone(result);
    } catch (cause) {
      const failure = describeFailure(cause);
      setFieldErrors(failure.fieldErrors);
      setMessage(failure.message);
      setBusy(false);
    }
  }

  return {
    fieldErrors,
    message,
    busy,
    onSubmit: (event) => {
      event.preventDefault();
      void submit(event.currentTarget);
    },
  };
}
