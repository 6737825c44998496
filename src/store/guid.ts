const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether `value` is a GUID (any case): what a `uuid` column accepts without an error. */
export function isGuid(value: string): boolean {
  return GUID.test(value);
}
