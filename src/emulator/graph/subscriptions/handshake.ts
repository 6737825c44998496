import { randomUUID } from 'node:crypto';
import { postTo } from './http-post.js';

const PREFIX = 'Subscription validation request failed.';

/**
 * Validation handshake (change-notifications-delivery-webhooks): Graph POSTs
 * `<url>?validationToken=<token>` as text/plain and expects, within the timeout, `200 OK` with a
 * text/plain body equal to the decoded token. Returns null on success, else the error message.
 */
export async function validateEndpoint(url: URL, timeoutMs: number): Promise<string | null> {
  // Graph's tokens contain spaces and colons, so receivers that forget to URL-decode fail here too.
  const token = `Validation: Testing client application reachability for subscription Request-Id: ${randomUUID()}`;
  // Percent-encoded (not `+` for spaces) and appended so the URL's own query string is preserved.
  const target = new URL(`${url.href}${url.search ? '&' : '?'}validationToken=${encodeURIComponent(token)}`);
  let result;
  try {
    result = await postTo(target, '', 'text/plain; charset=utf-8', timeoutMs);
  } catch (err) {
    return `${PREFIX} Notification endpoint did not respond within ${timeoutMs} ms or could not be reached (${(err as Error).message}).`;
  }
  if (result.status !== 200) {
    return `${PREFIX} Notification endpoint must respond with 200 OK to validation request.`;
  }
  if (!/^text\/plain/i.test(result.contentType)) {
    return `${PREFIX} Notification endpoint must respond with Content-Type text/plain to validation request.`;
  }
  if (result.body !== token) {
    return `${PREFIX} Response must exactly match validationToken query parameter.`;
  }
  return null;
}
