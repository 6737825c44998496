/** What replaces a secret in logs. */
export const REDACTED = '[redacted]';

/**
 * Keys whose values are secrets wherever they appear: headers (authorization, cookie, set-cookie),
 * passwords and their hashes, client secrets, access/refresh/id/CSRF tokens, API keys.
 */
const SECRET_KEY = /password|secret|token|authorization|cookie|api[-_]?key|private[-_]?key/i;

/** Query parameters that carry credentials (OAuth's one-time `code` included). */
const SECRET_QUERY_KEY = /^(code|assertion)$/i;

/** Deeper than any object worth logging; stops pathological nesting. */
const MAX_DEPTH = 12;

export function isSecretKey(key: string): boolean {
  return SECRET_KEY.test(key);
}

function isPlain(value: object): boolean {
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

/**
 * A copy of `value` with every secret-named field replaced by {@link REDACTED}, at any depth.
 * Only plain objects and arrays are walked: class instances (requests, errors) are left to their
 * serializers, which redact their own output.
 */
export function redactDeep<T>(value: T, depth = 0, seen = new WeakSet<object>()): T {
  if (typeof value !== 'object' || value === null || depth > MAX_DEPTH) return value;
  if (seen.has(value)) return value;
  if (Array.isArray(value)) {
    seen.add(value);
    return value.map((item) => redactDeep(item, depth + 1, seen)) as T;
  }
  if (!isPlain(value)) return value;
  seen.add(value);
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    out[key] = isSecretKey(key) && item !== undefined ? REDACTED : redactDeep(item, depth + 1, seen);
  }
  return out as T;
}

/** The URL with the values of credential-like query parameters replaced. */
export function redactUrlQuery(url: string): string {
  const question = url.indexOf('?');
  if (question < 0) return url;
  const params = new URLSearchParams(url.slice(question + 1));
  let changed = false;
  for (const key of new Set(params.keys())) {
    if (isSecretKey(key) || SECRET_QUERY_KEY.test(key)) {
      params.set(key, REDACTED);
      changed = true;
    }
  }
  return changed ? `${url.slice(0, question)}?${params.toString()}` : url;
}
