/**
 * Text comparison rules of the Entra import: values are compared ignoring case and surrounding
 * spaces, in Unicode NFC so that a composed "é" and "e" + combining accent are the same letter.
 * Accents are significant: "José" and "Jose" are different values.
 */

/** The comparison form of a value: NFC, trimmed, lower case; blank values give ''. */
export function comparable(value: string | null | undefined): string {
  if (value === null || value === undefined) return '';
  return value.normalize('NFC').trim().toLowerCase();
}

/** Whether a value counts as blank (null, empty or only spaces). */
export function isBlank(value: string | null | undefined): value is null | undefined | '' {
  return value === null || value === undefined || value.trim() === '';
}

/** Stable key of an Entra user (or of a desk record's link): tenant and object id, ignoring case. */
export function entraKey(tenantId: string, entraId: string): string {
  return `${tenantId.toLowerCase()}\u0000${entraId.toLowerCase()}`;
}

/** Ordinal string comparison, so sorting never depends on the machine's locale. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Sorted, de-duplicated copy of a list of ids. */
export function sortedUnique(values: Iterable<string>): string[] {
  return [...new Set(values)].sort(compareText);
}
