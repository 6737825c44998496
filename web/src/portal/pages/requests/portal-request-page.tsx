import { Link, useParams } from 'react-router';
import { decidePortalRequest, getPortalRequest } from '../../../../../src/contracts/api/requests.js';
import { useMe } from '../../../auth/session.js';
import { useApi } from '../../../lib/api-context.js';
import { formatDateTime } from '../../../lib/format.js';
import { can } from '../../../lib/permissions.js';
import { Page } from '../../../ui/page.js';
import { RecordPending } from '../../../ui/record-pending.js';
import { ApprovalStepsSection } from '../../../requests/approval-steps.js';
import { AutomationStepsSection } from '../../../requests/automation-steps.js';
import { DecisionPanel } from '../../../requests/decision-panel.js';
import { RequestFieldsSection } from '../../../requests/request-fields.js';
import { RequestStatusBadge, requestTypeLabel } from '../../../requests/request-status.js';
import { useRequest } from '../../../requests/use-request.js';

/** One request of the organisation: what was asked, its approval, and its progress. */
export function PortalRequestPage() {
  const { requestId = '' } = useParams();
  const me = useMe();
  const call = useApi();
  const request = useRequest(`portal-request:${requestId}`, (signal) =>
    call(getPortalRequest, { params: { id: requestId }, signal }),
  );
  const data = request.data;
  if (request.error || !data) {
    return (
      <RecordPending
        title="Request"
        noun="request"
        error={request.error}
        back={{ to: '/', label: 'Back to my requests' }}
      />
    );
  }
  return (
    <Page
      title={`${data.reference}: ${requestTypeLabel(data.type)}`}
      description={
        <>
          <Link to="/">My requests</Link> › {data.reference} · <RequestStatusBadge status={data.status} /> ·
          asked by {data.requestedBy} on {formatDateTime(data.createdAt)}
        </>
      }
    >
      <p>{data.summary}</p>
      {data.canDecide && can(me, 'portal.requests.approve') ? (
        <DecisionPanel
          request={data}
          offerTrigger={false}
          send={({ decision, comment }) =>
            call(decidePortalRequest, {
              params: { id: data.id },
              body: { decision, ...(comment ? { comment } : {}) },
            })
          }
          decided={request.reload}
        />
      ) : null}
      <RequestFieldsSection request={data} />
      <ApprovalStepsSection request={data} />
      <AutomationStepsSection request={data} />
    </Page>
  );
}
