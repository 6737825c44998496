import { useDebouncedValue } from '../../lib/use-debounced-value.js';
import { useQuery } from '../../lib/use-query.js';
import type { RequestFormSource } from './request-source.js';

export interface AddressPreviewInput {
  firstName: string;
  middleName: string;
  lastName: string;
  emailFormat: string;
  domain: string;
}

/**
 * The address the new starter will get, asked of the server as the names are typed (debounced):
 * which addresses were skipped as taken, and whether the tenant itself was asked.
 */
export function AddressPreview({ input, source }: { input: AddressPreviewInput; source: RequestFormSource }) {
  const settled = useDebouncedValue(input, 400);
  const ready = settled.firstName.trim() !== '' && settled.lastName.trim() !== '';
  const preview = useQuery(`address-preview:${source.key}:${JSON.stringify(settled)}`, (signal) =>
    ready
      ? source.preview(
          {
            firstName: settled.firstName,
            lastName: settled.lastName,
            ...(settled.middleName.trim() ? { middleName: settled.middleName } : {}),
            ...(settled.emailFormat ? { emailFormat: settled.emailFormat as never } : {}),
            ...(settled.domain ? { domain: settled.domain } : {}),
          },
          signal,
        )
      : Promise.resolve(null),
  );
  const data = preview.data;
  return (
    <section className="card stack" aria-label="Address preview" aria-live="polite">
      <h2>Their address</h2>
      {!ready ? (
        <p className="muted">Type the first and last name to see the address they will get.</p>
      ) : preview.error ? (
        <p className="field-error">The address could not be checked: {preview.error.message}</p>
      ) : !data ? (
        <p className="muted">Checking…</p>
      ) : data.problem || !data.userPrincipalName ? (
        <p className="field-error">{data.problem ?? 'No address could be made from these names.'}</p>
      ) : (
        <>
          <p>
            <strong data-testid="address-preview">{data.userPrincipalName}</strong>
            {preview.loading ? <span className="muted"> (checking…)</span> : null}
          </p>
          {data.taken.length ? (
            <p className="muted">Already taken, so skipped: {data.taken.join(', ')}</p>
          ) : null}
          <p className="muted">
            {data.checkedAgainst === 'tenant'
              ? 'Checked against your Microsoft tenant just now.'
              : 'Microsoft could not be asked just now: checked against the service desk’s records only. The address is checked again when the account is created.'}
          </p>
        </>
      )}
    </section>
  );
}
