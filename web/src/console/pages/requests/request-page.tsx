import { Link, useParams } from 'react-router';
import { decideRequest, getRequest } from '../../../../../src/contracts/api/requests.js';
import { useMe } from '../../../auth/session.js';
import { useApi } from '../../../lib/api-context.js';
import { formatDateTime } from '../../../lib/format.js';
import { can } from '../../../lib/permissions.js';
import { ApprovalStepsSection } from '../../../requests/approval-steps.js';
import { AutomationStepsSection } from '../../../requests/automation-steps.js';
import { DecisionPanel } from '../../../requests/decision-panel.js';
import { RequestFieldsSection } from '../../../requests/request-fields.js';
import { RequestStatusBadge, requestTypeLabel } from '../../../requests/request-status.js';
import { useRequest } from '../../../requests/use-request.js';
import { Alert } from '../../../ui/alert.js';
import { Page } from '../../../ui/page.js';
import { RecordPending } from '../../../ui/record-pending.js';
import { AssigneeField } from './assignee-field.js';
import { PasswordPanel } from './password-panel.js';
import { RequestActions } from './request-actions.js';

/** One request in the console: what was asked, the decision, the automation and its password. */
export function RequestPage() {
  const { requestId = '' } = useParams();
  const me = useMe();
  const call = useApi();
  const request = useRequest(`request:${requestId}`, (signal) =>
    call(getRequest, { params: { id: requestId }, signal }),
  );
  const data = request.data;
  if (!data) {
    return (
      <RecordPending
        title="Request"
        noun="request"
        error={request.error}
        back={{ to: '/tickets', label: 'Back to requests' }}
      />
    );
  }
  const approver = can(me, 'requests.approve');
  return (
    <Page
      title={`${data.reference}: ${requestTypeLabel(data.type)}`}
      description={
        <>
          <Link to="/tickets">Requests</Link> › {data.reference}
        </>
      }
    >
      <section className="card" aria-labelledby="request-overview">
        <h2 id="request-overview">Overview</h2>
        <dl className="details">
          <dt>Status</dt>
          <dd>
            <RequestStatusBadge status={data.status} />
          </dd>
          <dt>Summary</dt>
          <dd>{data.summary}</dd>
          <dt>Customer</dt>
          <dd>
            <Link to={`/customers/${data.customerId}`}>{data.customerName}</Link>
          </dd>
          <dt>Requested by</dt>
          <dd>
            {data.requestedBy} on {formatDateTime(data.createdAt)}
          </dd>
          <dt>Assigned to</dt>
          <dd>
            <AssigneeField request={data} changed={request.reload} />
          </dd>
          {data.deskUserId ? (
            <>
              <dt>Desk user</dt>
              <dd>
                <Link to={`/users/${data.deskUserId}`}>Open the user’s record</Link>
              </dd>
            </>
          ) : null}
          {data.entraObjectId ? (
            <>
              <dt>Entra object id</dt>
              <dd>
                <code className="code">{data.entraObjectId}</code>
              </dd>
            </>
          ) : null}
        </dl>
        {data.flag ? <Alert tone="warning">{data.flag}</Alert> : null}
      </section>
      {request.error ? (
        <Alert title="The request could not be refreshed">{request.error.message}</Alert>
      ) : null}
      {data.canDecide && approver ? (
        <DecisionPanel
          request={data}
          offerTrigger
          send={(body) => call(decideRequest, { params: { id: data.id }, body })}
          decided={request.reload}
        />
      ) : null}
      {approver ? <RequestActions request={data} changed={request.reload} /> : null}
      <AutomationStepsSection request={data} />
      <PasswordPanel request={data} canReveal={approver} changed={request.reload} />
      <RequestFieldsSection request={data} />
      <ApprovalStepsSection request={data} />
    </Page>
  );
}
