import type { OutboundExchange } from '../../contracts/api/outbound-log.js';
import type { schema } from '../../store/index.js';

/**
 * Names of headers, query parameters and body fields that carry credentials. The writer redacts
 * exchanges before storing them; reading drops these again so a writer's slip never reaches a screen.
 */
const SECRET_NAME =
  /^(authorization|proxy-authorization|cookie|set-cookie)$|token|secret|password|passwd|assertion|api[-_]?key|credential|signature|^sig$/i;

export const REDACTED = '[redacted]';

/** `value` with every field named like a secret replaced by {@link REDACTED}, at any depth. */
export function redactSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redactSecrets);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, inner]) => [
      key,
      SECRET_NAME.test(key) ? REDACTED : redactSecrets(inner),
    ]),
  );
}

function redactUrl(url: string): string {
  const query = url.indexOf('?');
  if (query < 0) return url;
  const params = new URLSearchParams(url.slice(query + 1));
  for (const name of [...params.keys()]) if (SECRET_NAME.test(name)) params.set(name, REDACTED);
  return `${url.slice(0, query)}?${params.toString()}`;
}

/** A stored exchange as the API shows it: credential headers left out, secret-named fields redacted. */
export function exchangeView(exchange: schema.RedactedExchange | null): OutboundExchange | null {
  if (!exchange) return null;
  const headers = Object.fromEntries(
    Object.entries(exchange.headers ?? {}).filter(([name]) => !SECRET_NAME.test(name)),
  );
  return {
    method: exchange.method ?? null,
    url: exchange.url === undefined ? null : redactUrl(exchange.url),
    status: exchange.status ?? null,
    headers,
    body: redactSecrets(exchange.body ?? null),
  };
}
