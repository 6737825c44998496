/** Keys whose values never reach the audit trail (or any other log) in clear. */
export const SECRET_KEY_PATTERN = /secret|password|token|key|certificate/i;

export const REDACTED = '[redacted]';

/** Nesting beyond this is cut: audit details are records of a change, not arbitrary documents. */
const MAX_DEPTH = 12;

/**
 * A JSON-safe copy of `value` with the value of every key matching {@link SECRET_KEY_PATTERN}
 * replaced by `[redacted]`, at any depth. Dates become ISO strings; functions, symbols and
 * cycles are dropped.
 */
export function redactSecrets(value: unknown): unknown {
  return redact(value, 0, new WeakSet());
}

function redact(value: unknown, depth: number, seen: WeakSet<object>): unknown {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
  if (typeof value !== 'object') return undefined;
  if (seen.has(value) || depth >= MAX_DEPTH) return '[omitted]';
  seen.add(value);
  try {
    if (Array.isArray(value)) return value.map((item) => redact(item, depth + 1, seen) ?? null);
    const copy: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      if (SECRET_KEY_PATTERN.test(key)) copy[key] = REDACTED;
      else {
        const redacted = redact(item, depth + 1, seen);
        if (redacted !== undefined) copy[key] = redacted;
      }
    }
    return copy;
  } finally {
    seen.delete(value);
  }
}
