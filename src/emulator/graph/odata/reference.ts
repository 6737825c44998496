import type { QueryError } from './query-errors.js';

const REFERENCE =
  /(?:^|\/)(?:directoryObjects|users|groups|devices|servicePrincipals|contacts|orgContacts)\/([^/?#]+?)\/?(?:[?#].*)?$/i;

/**
 * The object id an `@odata.id` / `@odata.bind` URL points at
 * (`https://graph.microsoft.com/v1.0/directoryObjects/{id}`, `…/users/{id}`, or relative).
 */
export function referencedId(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const match = REFERENCE.exec(value.trim());
  return match ? decodeURIComponent(match[1]!) : null;
}

export const invalidReference = (value: unknown): QueryError => ({
  status: 400,
  code: 'Request_BadRequest',
  message: `Invalid object identifier '${typeof value === 'string' ? value : JSON.stringify(value ?? null)}'.`,
});
