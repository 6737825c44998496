import type { CspAuthorisation, CspCheck } from '../../../../../src/contracts/api/csp-connections.js';
import { formatDateTime } from '../../../lib/format.js';
import { Alert } from '../../../ui/alert.js';

const STATUS_BADGE: Record<CspCheck['status'], { className: string; text: string }> = {
  ok: { className: 'badge badge-ok', text: 'OK' },
  failed: { className: 'badge badge-off', text: 'Failed' },
  skipped: { className: 'badge', text: 'Not checked' },
};

function Check({ check }: { check: CspCheck }) {
  const badge = STATUS_BADGE[check.status];
  return (
    <li className="card stack" aria-label={check.label}>
      <div className="toolbar">
        <strong>{check.label}</strong> <span className={badge.className}>{badge.text}</span>
      </div>
      <p>{check.detail}</p>
      {check.commonError ? (
        <dl className="details">
          <dt>Known problem</dt>
          <dd>{check.commonError.symptom}</dd>
          <dt>Cause</dt>
          <dd>{check.commonError.cause}</dd>
          <dt>How to fix it</dt>
          <dd>{check.commonError.solution}</dd>
        </dl>
      ) : null}
      {check.problem ? (
        <details className="changes">
          <summary>Microsoft’s answer ({check.problem.microsoftCode ?? check.problem.code})</summary>
          <p>{check.problem.whatHappened}</p>
          <pre className="code">{check.problem.microsoftMessage ?? ''}</pre>
        </details>
      ) : null}
    </li>
  );
}

/** The last "Authorise": its verdict, then each prerequisite ok or failed with its explanation. */
export function ChecksResult({ result }: { result: CspAuthorisation }) {
  return (
    <div className="stack" role="group" aria-label="Authorisation result">
      <Alert
        tone={result.status === 'authorised' ? 'success' : 'error'}
        title={result.status === 'authorised' ? 'Authorised' : 'Not authorised'}
      >
        <p>{result.message}</p>
        <p className="muted">
          Checked {formatDateTime(result.checkedAt)}
          {result.signedInAs ? `, signed in as ${result.signedInAs}` : ''}.
        </p>
      </Alert>
      <ul className="stack plain-list">
        {result.checks.map((c) => (
          <Check key={c.check} check={c} />
        ))}
      </ul>
    </div>
  );
}
