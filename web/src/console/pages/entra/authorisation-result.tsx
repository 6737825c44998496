import type { Authorisation } from '../../../../../src/contracts/api/entra-connections.js';
import { formatDateTime } from '../../../lib/format.js';
import { Alert } from '../../../ui/alert.js';
import { AUTHORISATION_LABELS } from './labels.js';

/**
 * The result of "Authorise" or "Sign in with Microsoft": what it means, each permission, and for
 * a failure what happened and how to fix it (with Microsoft's own words to expand).
 */
export function AuthorisationResult({ result }: { result: Authorisation }) {
  const tone = result.status === 'authorised' ? 'success' : result.status === 'failed' ? 'error' : 'warning';
  return (
    <div className="stack" aria-label="Authorisation result" role="group">
      <Alert tone={tone} title={AUTHORISATION_LABELS[result.status]}>
        <p>{result.message}</p>
        <p className="muted">
          Checked {formatDateTime(result.checkedAt)}
          {result.signedInAs ? `, signed in as ${result.signedInAs}` : ''}
          {result.readCheck ? `; reading users ${result.readCheck === 'passed' ? 'worked' : 'failed'}` : ''}.
        </p>
      </Alert>
      {result.problem ? (
        <section className="card" aria-labelledby="authorisation-problem">
          <h3 id="authorisation-problem">{result.problem.title}</h3>
          <dl className="details">
            <dt>What happened</dt>
            <dd>{result.problem.whatHappened}</dd>
            <dt>How to fix it</dt>
            <dd>{result.problem.howToFix}</dd>
          </dl>
          {result.problem.microsoftCode || result.problem.microsoftMessage ? (
            <details className="changes">
              <summary>Microsoft’s answer ({result.problem.microsoftCode ?? result.problem.code})</summary>
              <pre className="code">{result.problem.microsoftMessage ?? ''}</pre>
            </details>
          ) : null}
        </section>
      ) : null}
    </div>
  );
}
