const BOM = '\uFEFF';

/**
 * `JSON.parse` that tolerates a leading UTF-8 BOM (Partner Center sends one on some responses)
 * and treats an empty body as `undefined`. Throws `SyntaxError` on anything else unreadable,
 * which includes a body cut off mid-way.
 */
export function parseJsonBody(text: string): unknown {
  const body = text.startsWith(BOM) ? text.slice(1) : text;
  if (body.trim() === '') return undefined;
  return JSON.parse(body) as unknown;
}

/** Like {@link parseJsonBody} but never throws: error bodies may be HTML from a gateway. */
export function tryParseJsonBody(text: string): unknown {
  try {
    return parseJsonBody(text);
  } catch {
    return undefined;
  }
}
