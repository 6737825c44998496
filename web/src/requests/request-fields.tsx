import type { ReactNode } from 'react';
import type { RequestDetail } from '../../../src/contracts/api/requests.js';
import type { LeaverFields, NewStarterFields } from '../../../src/contracts/onboarding/request-fields.js';

function Row({ term, children }: { term: string; children: ReactNode }) {
  return (
    <>
      <dt>{term}</dt>
      <dd>{children ?? 'Not given'}</dd>
    </>
  );
}

function NewStarter({ fields }: { fields: NewStarterFields }) {
  const names = [fields.firstName, fields.middleName, fields.lastName].filter(Boolean).join(' ');
  return (
    <dl className="details">
      <Row term="Name">{names}</Row>
      <Row term="Display name">{fields.displayName}</Row>
      <Row term="Address">{fields.userPrincipalName}</Row>
      <Row term="Job title">{fields.jobTitle}</Row>
      <Row term="Department">{fields.department}</Row>
      <Row term="Office">{fields.officeLocation}</Row>
      <Row term="Manager">{fields.manager?.name}</Row>
      <Row term="Start date">{fields.startDate}</Row>
      <Row term="Usage location">{fields.usageLocation}</Row>
      <Row term="Mobile">{fields.mobilePhone}</Row>
      <Row term="Groups">{fields.groups.length ? fields.groups.map((g) => g.name).join(', ') : 'None'}</Row>
      <Row term="Licences">
        {fields.licences.length ? fields.licences.map((l) => l.name).join(', ') : 'None'}
      </Row>
      <Row term="Notes">{fields.notes}</Row>
    </dl>
  );
}

function Leaver({ fields }: { fields: LeaverFields }) {
  return (
    <dl className="details">
      <Row term="User">
        {fields.user.name}
        {fields.user.userPrincipalName ? ` (${fields.user.userPrincipalName})` : ''}
      </Row>
      <Row term="Leave date">{fields.leaveDate}</Row>
      <Row term="Remove groups">{fields.removeGroups ? 'Yes' : 'No'}</Row>
      <Row term="Remove licences">{fields.removeLicences ? 'Yes' : 'No'}</Row>
      <Row term="Delete the account">
        {fields.deleteAfterDays === null ? 'Never' : `${fields.deleteAfterDays} days after the leave date`}
      </Row>
      <Row term="Hand-over notes">{fields.handoverNotes}</Row>
    </dl>
  );
}

/** What the requester asked for, as the request keeps it. */
export function RequestFieldsSection({ request }: { request: RequestDetail }) {
  return (
    <section className="card" aria-labelledby="request-asked">
      <h2 id="request-asked">What was asked</h2>
      {request.newStarter ? <NewStarter fields={request.newStarter} /> : null}
      {request.leaver ? <Leaver fields={request.leaver} /> : null}
    </section>
  );
}
