import type { HrWrittenBack } from '../../../contracts/hr/lifecycle.js';
import type { FetchLike } from '../../../microsoft/index.js';
import type { SecretBox, StoredHrSource } from '../../../store/index.js';
import type { HrSourceWriter, SourceWriteAttempt } from '../../../workflows/hr/ports.js';
import { sourceSettings } from './source-settings.js';

const WRITE_BACK_TIMEOUT_MS = 30_000;

/** The write-back address of one person: `{employeeId}` replaced, URL-encoded. */
export function writeBackAddress(template: string, employeeId: string): string {
  return template.replaceAll('{employeeId}', encodeURIComponent(employeeId));
}

/** What the source answered, for the audit (a JSON body as such, other text cut short). */
async function answered(response: Response): Promise<Record<string, unknown>> {
  const text = await response.text().catch(() => '');
  if (text === '') return { status: response.status };
  try {
    return { status: response.status, body: JSON.parse(text) as unknown };
  } catch {
    return { status: response.status, body: text.slice(0, 500) };
  }
}

function refusal(status: number, employeeId: string): string {
  if (status === 401 || status === 403)
    return `The JSON source refused the token (HTTP ${status}) when the UPN and e-mail were written back: save the current token on the source.`;
  if (status === 404)
    return `The source does not know employee ${employeeId} at its write-back URL (HTTP 404): check the write-back URL, or the person in the HR system.`;
  return `The source answered HTTP ${status} when the UPN and e-mail were written back; the next enforcement tries again.`;
}

/**
 * A JSON source's write-back (issue 9): `PATCH <writeBackUrl>` with `{userPrincipalName, mail}`
 * and the source's bearer token, over the server's HTTPS transport (the configured extra CA is
 * trusted). Null when the source takes no write-back (another kind, or no write-back URL). The
 * token is never part of the recorded request.
 */
export function createHrSourceWriter(
  source: StoredHrSource,
  secrets: SecretBox,
  fetchImpl: FetchLike,
): HrSourceWriter | null {
  const settings = sourceSettings(source);
  const template = settings.kind === 'json' ? settings.json?.writeBackUrl : null;
  if (!template) return null;
  const ciphertext = source.jsonTokenCiphertext;
  return {
    async writeBack(employeeId: string, addresses: HrWrittenBack): Promise<SourceWriteAttempt> {
      const url = writeBackAddress(template, employeeId);
      const body = { userPrincipalName: addresses.userPrincipalName, mail: addresses.mail };
      const request = { method: 'PATCH', url, body };
      if (ciphertext === null)
        return {
          ok: false,
          message: 'The JSON source has no token: save its token to write the UPN and e-mail back.',
          request: null,
          response: null,
        };
      let token: string;
      try {
        token = secrets.decrypt(ciphertext);
      } catch {
        return {
          ok: false,
          message:
            'The JSON source’s token cannot be read with this server’s key: save the token on the source again.',
          request: null,
          response: null,
        };
      }
      let response: Response;
      try {
        response = await fetchImpl(url, {
          method: 'PATCH',
          headers: {
            authorization: `Bearer ${token}`,
            'content-type': 'application/json',
            accept: 'application/json',
          },
          body: JSON.stringify(body),
          signal: AbortSignal.timeout(WRITE_BACK_TIMEOUT_MS),
        });
      } catch (error) {
        return {
          ok: false,
          message: `The source did not answer the write-back (${error instanceof Error ? error.message : String(error)}); the next enforcement tries again.`,
          request,
          response: null,
        };
      }
      const result = await answered(response);
      if (response.ok) return { ok: true, message: null, request, response: result };
      return { ok: false, message: refusal(response.status, employeeId), request, response: result };
    },
  };
}
