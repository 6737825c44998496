import { Link } from 'react-router';
import type { HrRulePreview } from '../../../../../../src/contracts/api/hr-rules.js';
import { Alert } from '../../../../ui/alert.js';
import { entitlementLabel } from '../labels.js';

/** Who would gain and lose what if the draft were published: totals, per entitlement, per person, missing groups. */
export function RulesPreview({ preview, sourceId }: { preview: HrRulePreview; sourceId: string }) {
  const t = preview.totals;
  return (
    <section className="card stack" aria-labelledby="hr-rules-preview">
      <h2 id="hr-rules-preview">Preview</h2>
      <dl className="stat-grid">
        <div className="stat">
          <dt>Persons</dt>
          <dd>{t.persons}</dd>
        </div>
        <div className="stat">
          <dt>Affected</dt>
          <dd>{t.personsAffected}</dd>
        </div>
        <div className="stat">
          <dt>Gains</dt>
          <dd>{t.gains}</dd>
        </div>
        <div className="stat">
          <dt>Losses</dt>
          <dd>{t.losses}</dd>
        </div>
      </dl>
      {t.personsAffected === 0 ? <p>Publishing this draft changes nobody’s entitlements.</p> : null}
      {preview.missingGroups.length ? (
        <div className="stack" aria-label="Missing groups">
          {preview.missingGroups.map((g) =>
            g.willBeCreated ? (
              <Alert key={g.name} tone="info">
                Group {g.name} does not exist yet: it will be created.
              </Alert>
            ) : (
              <Alert key={g.name} tone="warning">
                Group {g.name} does not exist in the tenant and no rule creates it: granting it will fail
                until it is made.
              </Alert>
            ),
          )}
        </div>
      ) : null}
      {preview.byEntitlement.length ? (
        <table className="edit-table" aria-label="Changes per entitlement">
          <thead>
            <tr>
              <th scope="col">Entitlement</th>
              <th scope="col">Persons gaining</th>
              <th scope="col">Persons losing</th>
            </tr>
          </thead>
          <tbody>
            {preview.byEntitlement.map((e) => (
              <tr key={`${e.kind}:${e.name}`}>
                <th scope="row">{entitlementLabel(e)}</th>
                <td>{e.gains}</td>
                <td>{e.losses}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {preview.persons.length ? (
        <table className="edit-table" aria-label="Affected persons">
          <thead>
            <tr>
              <th scope="col">Person</th>
              <th scope="col">Gains</th>
              <th scope="col">Loses</th>
            </tr>
          </thead>
          <tbody>
            {preview.persons.map((p) => (
              <tr key={p.employeeId}>
                <th scope="row">
                  <Link to={`/hr/${sourceId}/persons/${encodeURIComponent(p.employeeId)}`}>
                    {p.displayName}
                  </Link>{' '}
                  <span className="muted">{p.employeeId}</span>
                </th>
                <td>
                  {p.gains.map((g) => (
                    <span
                      key={`${g.kind}:${g.name}`}
                      className="badge badge-ok"
                      title={`From ${g.rules.join(', ')}`}
                    >
                      + {entitlementLabel(g)}
                    </span>
                  ))}
                </td>
                <td>
                  {p.loses.map((g) => (
                    <span
                      key={`${g.kind}:${g.name}`}
                      className="badge badge-off"
                      title={`From ${g.rules.join(', ')}`}
                    >
                      − {entitlementLabel(g)}
                    </span>
                  ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {preview.persons.length < t.personsAffected ? (
        <p className="muted">
          The first {preview.persons.length} of {t.personsAffected} affected persons are listed.
        </p>
      ) : null}
    </section>
  );
}
