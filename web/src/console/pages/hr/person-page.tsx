import { Fragment } from 'react';
import { Link, useParams } from 'react-router';
import {
  getHrPerson,
  listHrEvents,
  type HrPersonDetail,
} from '../../../../../src/contracts/api/hr-persons.js';
import { useApi } from '../../../lib/api-context.js';
import { useList } from '../../../lib/use-list.js';
import { useQuery } from '../../../lib/use-query.js';
import { Alert } from '../../../ui/alert.js';
import { Page } from '../../../ui/page.js';
import { Pager } from '../../../ui/pager.js';
import { RecordPending } from '../../../ui/record-pending.js';
import { ACTION_LABELS, EVENT_LABELS, PHASE_LABELS, entitlementLabel } from './labels.js';
import { EventsTable } from './source/events-table.js';

function HrData({ data }: { data: HrPersonDetail }) {
  const p = data.person;
  const rows: [string, string | null][] = [
    ['Employee ID', p.employeeId],
    ['First name', p.givenName],
    ['Preferred name', p.preferredName],
    ['Middle name', p.middleName],
    ['Last name', p.surname],
    ['Personal e-mail', p.personalEmail],
    ['Mobile phone', p.mobilePhone],
    ...Object.entries(p.custom).map(([k, v]): [string, string] => [`custom.${k}`, v]),
  ];
  return (
    <section className="card stack" aria-labelledby="hr-person-data">
      <h2 id="hr-person-data">HR data</h2>
      <dl className="details">
        {rows.map(([label, value]) => (
          <Fragment key={label}>
            <dt>{label}</dt>
            <dd>{value ?? '—'}</dd>
          </Fragment>
        ))}
        <dt>Phase</dt>
        <dd>{PHASE_LABELS[data.phase]}</dd>
      </dl>
      <table className="edit-table" aria-label="Contracts">
        <thead>
          <tr>
            {[
              'Contract',
              'Department',
              'Title',
              'Cost centre',
              'Location',
              'Company',
              'Type',
              'Manager',
              'Start',
              'End',
            ].map((h) => (
              <th key={h} scope="col">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {p.contracts.map((c) => (
            <tr key={c.id}>
              <th scope="row">{c.id}</th>
              {[
                c.department,
                c.title,
                c.costCentre,
                c.location,
                c.company,
                c.employeeType,
                c.managerEmployeeId,
              ].map((v, i) => (
                <td key={i}>{v ?? '—'}</td>
              ))}
              <td>{c.startDate}</td>
              <td>{c.endDate ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** What the source was last told, in words. */
function writtenBackText(data: HrPersonDetail): string {
  const told = data.writtenBack;
  if (told === null) return 'Not yet';
  const addresses = [told.userPrincipalName, told.mail].filter(
    (a, i, all): a is string => !!a && all.indexOf(a) === i,
  );
  const current =
    told.userPrincipalName === data.userPrincipalName && told.mail === data.mail
      ? ''
      : ' (an earlier address)';
  return `${addresses.join(', ') || '—'}${current}`;
}

function Account({ data }: { data: HrPersonDetail }) {
  return (
    <section className="card stack" aria-labelledby="hr-person-account">
      <h2 id="hr-person-account">Account</h2>
      <dl className="details">
        <dt>UPN</dt>
        <dd>{data.userPrincipalName ?? 'No account yet'}</dd>
        <dt>E-mail</dt>
        <dd>{data.mail ?? '—'}</dd>
        <dt>Sign-in</dt>
        <dd>{data.accountEnabled === null ? '—' : data.accountEnabled ? 'Enabled' : 'Blocked'}</dd>
        <dt>Entra object id</dt>
        <dd>{data.objectId ? <code className="code">{data.objectId}</code> : '—'}</dd>
        {data.addressesToSource === 'writeBack' ? (
          <>
            <dt>Written back to the source</dt>
            <dd>{writtenBackText(data)}</dd>
          </>
        ) : null}
      </dl>
      {data.userPrincipalName && data.addressesToSource !== 'writeBack' ? (
        <p className="muted">
          {data.addressesToSource === 'scim'
            ? 'The HR system reads the UPN and e-mail from the SCIM User (Rollcall’s account extension).'
            : 'This source cannot receive writes: copy the UPN and e-mail above into the HR system.'}
        </p>
      ) : null}
      {data.lastError ? <Alert title="The last enforcement failed">{data.lastError}</Alert> : null}
      <h3>Entitlements</h3>
      {data.entitlements.length === 0 ? (
        <p className="muted">The published rules grant nothing to this person.</p>
      ) : (
        <ul aria-label="Entitlements">
          {data.entitlements.map((e) => (
            <li key={`${e.kind}:${e.name}`}>
              {entitlementLabel(e)} <span className="muted">(from {e.rules.join(', ')})</span>
            </li>
          ))}
        </ul>
      )}
      <h3>Pending actions</h3>
      {data.pending.length === 0 ? (
        <p className="muted">Nothing: Entra matches what the published rules want.</p>
      ) : (
        <ul aria-label="Pending actions">
          {data.pending.map((a, i) => (
            <li key={i}>
              <strong>
                {EVENT_LABELS[a.event]}: {ACTION_LABELS[a.action]}
              </strong>{' '}
              {a.summary} {a.reasons.length ? <span className="muted">({a.reasons.join('; ')})</span> : null}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function PersonAudit({ sourceId, employeeId }: { sourceId: string; employeeId: string }) {
  const list = useList(listHrEvents, { params: { id: sourceId }, filters: { employeeId } });
  return (
    <section className="card stack" aria-labelledby="hr-person-audit">
      <h2 id="hr-person-audit">Audit trail</h2>
      {list.error ? <Alert title="The audit trail could not be loaded">{list.error.message}</Alert> : null}
      <EventsTable items={list.data?.items ?? []} showPerson={false} />
      <Pager
        pageIndex={list.pageIndex}
        pageSize={list.pageSize}
        shown={list.data?.items.length ?? 0}
        total={list.data?.total ?? null}
        hasPrevious={list.hasPrevious}
        hasNext={list.hasNext}
        onPrevious={list.previous}
        onNext={list.next}
      />
    </section>
  );
}

/** One person of an HR source: their HR data, account, entitlements, what is pending, and their audit trail. */
export function HrPersonPage() {
  const { sourceId = '', employeeId = '' } = useParams();
  const call = useApi();
  const person = useQuery(`hr-person:${sourceId}:${employeeId}`, (signal) =>
    call(getHrPerson, { params: { id: sourceId, employeeId }, signal }),
  );
  const data = person.data;
  if (!data)
    return (
      <RecordPending
        title="Person"
        noun="person"
        error={person.error}
        back={{ to: `/hr/${sourceId}?tab=persons`, label: 'Back to the persons' }}
      />
    );
  return (
    <Page
      title={data.displayName}
      description={
        <>
          <Link to="/hr">HR lifecycle</Link> › <Link to={`/hr/${sourceId}?tab=persons`}>Persons</Link> ›{' '}
          {data.employeeId}
        </>
      }
    >
      <HrData data={data} />
      <Account data={data} />
      <PersonAudit sourceId={sourceId} employeeId={employeeId} />
    </Page>
  );
}
