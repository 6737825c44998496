import type { CspTenantView } from '../../../../../src/contracts/api/csp-tenants.js';
import { ApiRequestError } from '../../../lib/api.js';
import { formatDateTime } from '../../../lib/format.js';

const dateOnly = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });

/** An API date as the reader's local date; "no end date" for none. */
export function formatDate(iso: string | null): string {
  if (!iso) return 'no end date';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : dateOnly.format(date);
}

/** Whether a failed call was refused for want of permission (write buttons are then hidden). */
export const isForbidden = (cause: unknown) => cause instanceof ApiRequestError && cause.status === 403;

/** An explanation the API recorded (`{ code, message, fix }`, or a plain `message`), as text parts. */
export function explanationOf(detail: Record<string, unknown> | null | undefined): {
  code: string | null;
  message: string | null;
  fix: string | null;
} {
  const text = (key: string) => (typeof detail?.[key] === 'string' ? (detail[key] as string) : null);
  return { code: text('code'), message: text('message'), fix: text('fix') };
}

/** A recorded explanation: what happened (with Microsoft's code) and how to fix it. */
export function Explanation({ detail }: { detail: Record<string, unknown> | null | undefined }) {
  const { code, message, fix } = explanationOf(detail);
  if (!code && !message && !fix) return null;
  return (
    <span className="stack">
      <span>
        {message ?? 'Failed.'} {code ? <span className="code">{code}</span> : null}
      </span>
      {fix ? <span className="muted">Fix: {fix}</span> : null}
    </span>
  );
}

/**
 * The GDAP access state in words (colour only repeats it): active, expiring (with its end date;
 * guide 002 warns 30 days before), expired, pending or none.
 */
export function GdapBadge({ gdap }: { gdap: CspTenantView['gdap'] }) {
  switch (gdap.state) {
    case 'active':
      return <span className="badge badge-ok">Active</span>;
    case 'expiring':
      return (
        <span className="badge badge-warn">
          ⚠ Expiring {formatDate(gdap.endsAt)}
          {gdap.daysLeft !== null ? ` (${gdap.daysLeft} ${gdap.daysLeft === 1 ? 'day' : 'days'} left)` : ''}
        </span>
      );
    case 'expired':
      return <span className="badge badge-off">Expired {gdap.endsAt ? formatDate(gdap.endsAt) : ''}</span>;
    case 'pending':
      return <span className="badge">Pending approval</span>;
    default:
      return <span className="badge">No GDAP relationship</span>;
  }
}

/** The tenant's relationships: GDAP state, each GDAP relationship with its dates, and reseller (DAP). */
export function Relationships({ tenant }: { tenant: CspTenantView }) {
  return (
    <span className="stack">
      <span>
        GDAP: <GdapBadge gdap={tenant.gdap} />
      </span>
      {tenant.relationships.length > 0 ? (
        <ul className="problem-list">
          {tenant.relationships.map((r) => (
            <li key={r.id}>
              {r.displayName} — {r.status}, ends {formatDate(r.endAt)}
              {r.autoExtends ? ' (auto-extends)' : ''}
            </li>
          ))}
        </ul>
      ) : null}
      <span>{tenant.resellerRelationship ? 'Reseller relationship (DAP)' : 'No reseller relationship'}</span>
    </span>
  );
}

/** Consent of the GDAP app in this tenant, with what the last attempt or test said. */
export function ConsentState({ consent }: { consent: CspTenantView['consent'] }) {
  const badge =
    consent.state === 'granted' ? (
      <span className="badge badge-ok">✓ Granted</span>
    ) : consent.state === 'failed' ? (
      <span className="badge badge-off">✕ Failed</span>
    ) : (
      <span className="badge">Not granted yet</span>
    );
  return (
    <span className="stack">
      <span>
        {badge}
        {consent.checkedAt ? <span className="muted"> {formatDateTime(consent.checkedAt)}</span> : null}
      </span>
      {consent.state === 'failed' ? (
        <Explanation detail={consent.detail} />
      ) : consent.detail && typeof consent.detail.message === 'string' ? (
        <span className="muted">{consent.detail.message}</span>
      ) : null}
    </span>
  );
}
