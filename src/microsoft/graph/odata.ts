/** A value that goes into an OData expression as written (a property path, a GUID literal). */
export interface ODataRaw {
  readonly odataRaw: string;
}

/** Marks trusted expression text (never user input) to be inserted without quoting. */
export function raw(text: string): ODataRaw {
  return { odataRaw: text };
}

/** Doubles single quotes, OData's only escape inside a string literal. */
export function escapeODataString(value: string): string {
  return value.replace(/'/g, "''");
}

/** A quoted, escaped OData string literal: `O'Brien` → `'O''Brien'`. */
export function odataString(value: string): string {
  return `'${escapeODataString(value)}'`;
}

type ODataValue = string | number | boolean | null | ODataRaw;

function literal(value: ODataValue): string {
  if (value === null) return 'null';
  if (typeof value === 'string') return odataString(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new RangeError(`not an OData number: ${value}`);
    return String(value);
  }
  if (typeof value === 'boolean') return String(value);
  return value.odataRaw;
}

/**
 * Builds a `$filter` expression with every interpolated value turned into a literal:
 * ``odataFilter`userPrincipalName eq ${upn} and accountEnabled eq ${true}` ``. Strings are
 * quoted and escaped; wrap trusted expression text in {@link raw}. The only sanctioned way to
 * put a value in a filter.
 */
export function odataFilter(strings: TemplateStringsArray, ...values: ODataValue[]): string {
  return strings.reduce((out, part, i) => out + part + (i < values.length ? literal(values[i]!) : ''), '');
}

/**
 * `path?$a=…&$b=…` with values percent-encoded (so `#EXT#` UPNs and `&` survive) and keys
 * left as Graph documents them. Arrays are joined with commas (`$select`).
 */
export function withQuery(
  path: string,
  params: Record<string, string | number | boolean | string[] | undefined>,
): string {
  const parts = Object.entries(params)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}=${encodeURIComponent(Array.isArray(v) ? v.join(',') : String(v))}`);
  if (parts.length === 0) return path;
  return `${path}${path.includes('?') ? '&' : '?'}${parts.join('&')}`;
}
