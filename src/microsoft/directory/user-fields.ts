import type { GraphUser } from '../graph/schemas/user.js';

/**
 * How Rollcall's Entra user field names (src/contracts/entra/fields.ts) are read from Graph: which
 * property to `$select`, and how to turn the value into text.
 */

const EXTENSION_ATTRIBUTE = /^extensionAttribute([1-9]|1[0-5])$/;

/** Always read: identity, state and what the planner needs besides mapped fields. */
const BASE_SELECT = [
  'id',
  'displayName',
  'userPrincipalName',
  'accountEnabled',
  'userType',
  'assignedLicenses',
  'licenseAssignmentStates',
];

/** The Graph property that carries `field` (`manager` is expanded, not selected). */
export function graphPropertyOf(field: string): string | null {
  if (field === 'manager') return null;
  if (EXTENSION_ATTRIBUTE.test(field)) return 'onPremisesExtensionAttributes';
  return field;
}

/** `$select` for reading `fields`; sorted, so the same configuration asks the same query. */
export function graphSelectFor(fields: Iterable<string>, options: { lastSignIn: boolean }): string[] {
  const select = new Set(BASE_SELECT);
  for (const field of fields) {
    const property = graphPropertyOf(field);
    if (property) select.add(property);
  }
  if (options.lastSignIn) select.add('signInActivity');
  return [...select].sort();
}

function asText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (Array.isArray(value)) return value.length === 0 ? null : asText(value[0]);
  if (typeof value === 'string') return value === '' ? null : value;
  if (typeof value === 'boolean' || typeof value === 'number') return String(value);
  return null;
}

/** The text value of `field` on a Graph user (first value of a list; booleans as true/false). */
export function userFieldValue(user: GraphUser, field: string): string | null {
  if (field === 'manager') {
    const manager = (user as { manager?: { id?: unknown } | null }).manager;
    return typeof manager?.id === 'string' ? manager.id : null;
  }
  if (EXTENSION_ATTRIBUTE.test(field)) {
    const attributes = (user as { onPremisesExtensionAttributes?: Record<string, unknown> | null })
      .onPremisesExtensionAttributes;
    return asText(attributes?.[field]);
  }
  return asText((user as Record<string, unknown>)[field]);
}
