import type { GraphAttempt } from '../../../contracts/onboarding/directory.js';
import type { LoggedExchange, MicrosoftRefusal } from '../../../contracts/outbound.js';
import { errorCatalogue, type MicrosoftErrorCode } from '../../errors/catalogue.js';
import { MicrosoftError, refusalOf } from '../../errors/microsoft-error.js';

/** What the log keeps of a refusal: Graph's status, code and words (never the whole envelope). */
export function loggedFailure(error: MicrosoftError): LoggedExchange | null {
  if (error.status === undefined) return null;
  return {
    status: error.status,
    body: { error: { code: error.microsoftCode ?? null, message: error.microsoftMessage ?? null } },
  };
}

/** A catalogued error restated as another catalogue entry that fits what the caller knows. */
export function refusalAs(code: MicrosoftErrorCode, error: MicrosoftError): MicrosoftRefusal {
  const entry = errorCatalogue[code];
  return {
    code,
    title: entry.title,
    whatHappened: entry.whatHappened,
    howToFix: entry.howToFix,
    microsoftMessage: error.microsoftMessage ?? null,
    retryable: entry.retryable,
    retryAfterSeconds: error.retryAfterSeconds ?? null,
  };
}

/** A successful attempt. */
export const succeeded = <T>(
  request: LoggedExchange | null,
  response: LoggedExchange | null,
  value: T,
): GraphAttempt<T> => ({ request, response, ok: true, value });

/** A refused attempt: Graph's answer logged, the refusal catalogued (or restated). */
export const refused = <T>(
  request: LoggedExchange | null,
  error: MicrosoftError,
  refusal: MicrosoftRefusal = refusalOf(error),
): GraphAttempt<T> => ({ request, response: loggedFailure(error), ok: false, refusal });

/**
 * Runs one Graph call and turns a catalogued failure into a refused attempt; `onError` may answer
 * some failures differently (a 404 that means "already done"). Anything else still throws: it is a
 * bug, not Microsoft's answer.
 */
export async function attempt<T>(
  request: LoggedExchange,
  call: () => Promise<{ value: T; response: LoggedExchange }>,
  onError?: (error: MicrosoftError) => GraphAttempt<T> | undefined,
): Promise<GraphAttempt<T>> {
  try {
    const { value, response } = await call();
    return succeeded(request, response, value);
  } catch (thrown) {
    if (!(thrown instanceof MicrosoftError)) throw thrown;
    return onError?.(thrown) ?? refused(request, thrown);
  }
}

/** Graph's 404 names the object it could not find: `Resource '<id>' does not exist…`. */
export function notFoundNames(error: MicrosoftError, id: string): boolean {
  if (error.status !== 404) return false;
  return (error.microsoftMessage ?? '').toLowerCase().includes(`'${id.toLowerCase()}'`);
}

/** A 404 naming the user the workflow just created: it has not replicated yet, so try again. */
export function notReplicatedYet(error: MicrosoftError, userId: string): MicrosoftRefusal | null {
  return notFoundNames(error, userId) ? refusalAs('Request_ResourceNotFound.UserNotReplicated', error) : null;
}

/** `/users/{id | upn}` with the key percent-encoded (`#EXT#` guests, `+` and `'` in names). */
export const userPath = (idOrUpn: string) => `/users/${encodeURIComponent(idOrUpn)}`;
