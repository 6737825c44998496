import {
  REQUEST_STATUS_LABELS,
  REQUEST_TYPE_LABELS,
  type RequestStatus,
  type RequestType,
} from '../../../src/contracts/onboarding/workflow.js';
import type { RequestSummary } from '../../../src/contracts/api/requests.js';
import { formatDateTime } from '../lib/format.js';
import type { TableColumn } from '../ui/data-table.js';

const TONES: Record<RequestStatus, string> = {
  awaitingApproval: 'badge-warn',
  rejected: 'badge-off',
  approved: '',
  inProgress: '',
  scheduled: '',
  failed: 'badge-off',
  completed: 'badge-ok',
  cancelled: 'badge-off',
};

/** A request's status in words (colour only repeats it). */
export function RequestStatusBadge({ status }: { status: RequestStatus }) {
  return <span className={`badge ${TONES[status]}`.trim()}>{REQUEST_STATUS_LABELS[status]}</span>;
}

/** "New starter" or "Leaver". */
export function requestTypeLabel(type: RequestType): string {
  return REQUEST_TYPE_LABELS[type];
}

/** The columns of the request lists; the console's (`customer`) adds the customer and the assignee. */
export function requestColumns(options: { customer: boolean }): TableColumn<RequestSummary>[] {
  return [
    { id: 'reference', name: 'Reference', isRowHeader: true, render: (r) => r.reference },
    { id: 'type', name: 'Type', render: (r) => requestTypeLabel(r.type) },
    ...(options.customer
      ? [{ id: 'customer', name: 'Customer', render: (r: RequestSummary) => r.customerName }]
      : []),
    { id: 'summary', name: 'Summary', render: (r) => r.summary },
    { id: 'status', name: 'Status', render: (r) => <RequestStatusBadge status={r.status} /> },
    { id: 'requestedBy', name: 'Requested by', render: (r) => r.requestedBy },
    ...(options.customer
      ? [
          {
            id: 'assignedTo',
            name: 'Assigned to',
            render: (r: RequestSummary) => r.assignedTo?.name ?? 'Nobody',
          },
        ]
      : []),
    { id: 'createdAt', name: 'Created', render: (r) => formatDateTime(r.createdAt) },
  ];
}
