import type { z } from 'zod';
import { ApiRequestError } from './api.js';

/** Field name → message, the shape react-aria's `Form validationErrors` takes. */
export type FieldErrors = Record<string, string>;

/**
 * Errors of list items (`allowedTenants.2`) also belong to the field holding the list, so the
 * message shows beside the control that has the name `allowedTenants`.
 */
function withParents(errors: FieldErrors): FieldErrors {
  const out = { ...errors };
  for (const [field, message] of Object.entries(errors)) {
    const parts = field.split('.');
    for (let i = parts.length - 1; i > 0; i--) out[parts.slice(0, i).join('.')] ??= message;
  }
  return out;
}

/**
 * Checks form values with the endpoint's own contract schema before sending, so the browser says
 * the same thing the server would. Returns the parsed value or the errors per field.
 */
export function validate<S extends z.ZodType>(
  schema: S,
  values: unknown,
): { ok: true; value: z.output<S> } | { ok: false; errors: FieldErrors } {
  const parsed = schema.safeParse(values);
  if (parsed.success) return { ok: true, value: parsed.data };
  const errors: FieldErrors = {};
  for (const issue of parsed.error.issues) {
    const field = issue.path.map(String).join('.') || 'form';
    errors[field] ??= issue.message;
  }
  return { ok: false, errors: withParents(errors) };
}

/** Splits a failed call into messages per field and one message for the whole form. */
export function describeFailure(cause: unknown): { fieldErrors: FieldErrors; message: string } {
  if (cause instanceof ApiRequestError) {
    return { fieldErrors: withParents(cause.fieldErrors), message: cause.message };
  }
  return { fieldErrors: {}, message: 'Something went wrong. Try again.' };
}

/** The values of a form, as strings, keyed by each control's `name`. */
export function formValues(form: HTMLFormElement): Record<string, string> {
  const out: Record<string, string> = {};
  new FormData(form).forEach((value, key) => {
    if (typeof value === 'string') out[key] = value;
  });
  return out;
}
