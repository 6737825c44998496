import { Link, useParams } from 'react-router';
import { listSites } from '../../../../src/contracts/api/sites.js';
import { getUser, updateUser } from '../../../../src/contracts/api/users.js';
import { useMe } from '../../auth/session.js';
import { bodySchemaOf, type CallResult } from '../../lib/api.js';
import { useApi } from '../../lib/api-context.js';
import { formatDateTime } from '../../lib/format.js';
import { can } from '../../lib/permissions.js';
import { useFormSubmit } from '../../lib/use-form-submit.js';
import { useQuery } from '../../lib/use-query.js';
import { Checkbox } from '../../ui/checkbox.js';
import { DialogButton } from '../../ui/dialog.js';
import { FormBody } from '../../ui/form-body.js';
import { Page } from '../../ui/page.js';
import { RecordPending } from '../../ui/record-pending.js';
import { SelectField } from '../../ui/select-field.js';
import { StatusBadge } from '../../ui/status-badge.js';
import { TextField } from '../../ui/text-field.js';
import { UserLicencesCard } from './user-licences.js';
import { COVERAGE_LABELS, TicketBadges } from './users.js';

type User = CallResult<typeof getUser>;

/** Most sites a customer's site picker offers (the API's page limit). */
const SITE_PICKER_LIMIT = 200;

function EditUserForm({ user, close, saved }: { user: User; close: () => void; saved: () => void }) {
  const call = useApi();
  const sites = useQuery(`sites:${user.customerId}`, (signal) =>
    call(listSites, {
      params: { id: user.customerId },
      query: { limit: SITE_PICKER_LIMIT, sort: 'name' },
      signal,
    }),
  );
  const submit = useFormSubmit({
    schema: bodySchemaOf(updateUser),
    toBody: (v) => ({
      displayName: v.displayName,
      givenName: v.givenName,
      surname: v.surname,
      email: v.email ? v.email : null,
      jobTitle: v.jobTitle,
      ...(v.siteId ? { siteId: v.siteId } : {}),
      inactive: v.inactive === 'on',
      isServiceAccount: v.isServiceAccount === 'on',
    }),
    send: (body) => call(updateUser, { params: { id: user.id }, body }),
    onDone: () => {
      close();
      saved();
    },
  });
  const siteOptions = (sites.data?.items ?? []).map((s) => ({ id: s.id, label: s.name }));
  return (
    <FormBody submit={submit} submitLabel="Save" label="Edit user" onCancel={close}>
      <p className="field-description">
        A later sync from Microsoft may bring Microsoft’s values back for fields Microsoft holds.
      </p>
      <TextField label="Display name" name="displayName" defaultValue={user.displayName} autoFocus />
      <TextField label="Given name" name="givenName" defaultValue={user.givenName ?? ''} />
      <TextField label="Surname" name="surname" defaultValue={user.surname ?? ''} />
      <TextField label="Email" name="email" type="email" defaultValue={user.email ?? ''} />
      <TextField label="Job title" name="jobTitle" defaultValue={user.jobTitle ?? ''} />
      {siteOptions.length > 0 ? (
        <SelectField label="Site" name="siteId" options={siteOptions} defaultValue={user.siteId} />
      ) : null}
      <Checkbox name="isServiceAccount" defaultSelected={user.isServiceAccount}>
        Service account (not a person)
      </Checkbox>
      <Checkbox name="inactive" defaultSelected={user.inactive}>
        Inactive
      </Checkbox>
    </FormBody>
  );
}

/** One desk user: what the desk and Microsoft know about them. */
export function UserDetailPage() {
  const { userId = '' } = useParams();
  const me = useMe();
  const call = useApi();
  const user = useQuery(`user:${userId}`, (signal) => call(getUser, { params: { id: userId }, signal }));
  const data = user.data;
  if (user.error || !data) {
    return (
      <RecordPending
        title="User"
        noun="user"
        error={user.error}
        back={{ to: '/users', label: 'Back to users' }}
      />
    );
  }
  return (
    <Page
      title={data.displayName}
      description={
        <>
          <Link to="/users">Users</Link> ›{' '}
          <Link to={`/customers/${data.customerId}`}>{data.customerName}</Link> › {data.displayName}
        </>
      }
      actions={
        can(me, 'customers.write') ? (
          <DialogButton label="Edit user" title={`Edit ${data.displayName}`}>
            {(close) => <EditUserForm user={data} close={close} saved={user.reload} />}
          </DialogButton>
        ) : null
      }
    >
      <section className="card" aria-labelledby="user-details">
        <h2 id="user-details">Details</h2>
        <dl className="details">
          <dt>Status</dt>
          <dd>
            <StatusBadge inactive={data.inactive} /> <TicketBadges user={data} />
          </dd>
          <dt>Tickets</dt>
          <dd>
            {data.tickets.allowed
              ? data.tickets.flagged
                ? `Allowed, flagged: ${data.tickets.reason ?? ''}`
                : 'Allowed'
              : `Not allowed: ${data.tickets.reason ?? ''}`}
          </dd>
          <dt>Contract coverage</dt>
          <dd>
            {data.contractCoverage
              ? COVERAGE_LABELS[data.contractCoverage]
              : 'Not checked (contract compliance is off for its connection)'}
          </dd>
          <dt>Email</dt>
          <dd>{data.email ?? '—'}</dd>
          <dt>Sign-in name (UPN)</dt>
          <dd>{data.userPrincipalName ?? '—'}</dd>
          <dt>Given name / surname</dt>
          <dd>{[data.givenName, data.surname].filter(Boolean).join(' ') || '—'}</dd>
          <dt>Job title</dt>
          <dd>{data.jobTitle ?? '—'}</dd>
          <dt>Customer</dt>
          <dd>
            <Link to={`/customers/${data.customerId}`}>{data.customerName}</Link>
          </dd>
          <dt>Site</dt>
          <dd>{data.siteName}</dd>
          <dt>Network login</dt>
          <dd>{data.networkLogin ?? '—'}</dd>
          <dt>Microsoft Entra</dt>
          <dd>{data.linked ? `Linked (object ${data.entraObjectId ?? ''})` : 'Not linked yet'}</dd>
          <dt>Last sign-in</dt>
          <dd>{formatDateTime(data.lastSignInAt)}</dd>
          <dt>Updated</dt>
          <dd>{formatDateTime(data.updatedAt)}</dd>
        </dl>
      </section>
      <UserLicencesCard userId={data.id} />
    </Page>
  );
}
