import type { ReactNode } from 'react';
import type { CspTenantView } from '../../../../../src/contracts/api/csp-tenants.js';
import { formatDateTime } from '../../../lib/format.js';
import { Button } from '../../../ui/button.js';
import type { TableColumn } from '../../../ui/data-table.js';
import { DialogButton } from '../../../ui/dialog.js';
import { MappingEditor, MappingSummary, type MappingOutcome } from './tenants-mapping.js';
import { ConsentState, Explanation, Relationships } from './tenants-status.js';

export type TenantRow = CspTenantView & { id: string };

/** A message shown in a tenant's row after an action on it (a save, a test). */
export interface RowNote {
  tone: 'success' | 'error' | 'info';
  text: ReactNode;
}

export interface TenantColumnsOptions {
  connectionId: string;
  /** False once the API refused a change (403): write buttons are hidden. */
  canWrite: boolean;
  busyTenant: string | null;
  notes: Record<string, RowNote | undefined>;
  onUseSuggestion: (tenant: CspTenantView, customerId: string) => void;
  onMappingSaved: (tenant: CspTenantView, outcome: MappingOutcome | null) => void;
  onGrantConsent: (tenant: CspTenantView) => void;
  onTestAccess: (tenant: CspTenantView) => void;
  onForbidden: () => void;
}

/** Consent is for tenants mapped to a customer and reached through GDAP (guide 002 "Granting Admin Consent"). */
export const needsConsent = (t: CspTenantView) =>
  Boolean(t.mapping?.customerId) && t.relationships.length > 0;

function Note({ note }: { note: RowNote | undefined }) {
  if (!note) return null;
  const mark = note.tone === 'success' ? '✓ ' : note.tone === 'error' ? '✕ ' : '';
  return (
    <span
      className={note.tone === 'error' ? 'field-error' : undefined}
      role={note.tone === 'error' ? 'alert' : 'status'}
    >
      {mark}
      {note.text}
    </span>
  );
}

/** The tenants table's columns (guide 002 "Tenants" and issue 6). */
export function tenantColumns(o: TenantColumnsOptions): TableColumn<TenantRow>[] {
  return [
    {
      id: 'name',
      name: 'Tenant',
      isRowHeader: true,
      render: (t) => (
        <span className="stack">
          <strong>{t.name}</strong>
          <span className="code">{t.tenantId}</span>
          {t.removedAt ? (
            <span className="badge badge-off">Removed {formatDateTime(t.removedAt)}</span>
          ) : null}
        </span>
      ),
    },
    { id: 'domain', name: 'Default domain', render: (t) => t.defaultDomain ?? 'Unknown' },
    { id: 'relationships', name: 'Relationships', render: (t) => <Relationships tenant={t} /> },
    {
      id: 'roles',
      name: 'Roles granted',
      render: (t) =>
        t.gdap.roles.length === 0 ? (
          'None'
        ) : (
          <details>
            <summary>
              {t.gdap.roles.length} {t.gdap.roles.length === 1 ? 'role' : 'roles'}
            </summary>
            <ul className="problem-list">
              {t.gdap.roles.map((role) => (
                <li key={role}>{role}</li>
              ))}
            </ul>
          </details>
        ),
    },
    {
      id: 'mapping',
      name: 'Mapping',
      render: (t) => (
        <span className="stack">
          <MappingSummary tenant={t} />
          {t.suggestions.map((s) => (
            <span className="stack" key={s.customerId}>
              <span>
                Suggested: <strong>{s.customerName}</strong> <span className="muted">({s.reason})</span>
              </span>
              {o.canWrite ? (
                <Button
                  variant="quiet"
                  isDisabled={o.busyTenant !== null}
                  aria-label={`Use suggestion ${s.customerName} for ${t.name}`}
                  onPress={() => o.onUseSuggestion(t, s.customerId)}
                >
                  Use suggestion
                </Button>
              ) : null}
            </span>
          ))}
          {o.canWrite ? (
            <DialogButton
              label={t.mapping ? 'Change mapping' : 'Map'}
              accessibleLabel={`${t.mapping ? 'Change mapping of' : 'Map'} ${t.name}`}
              title={`Mapping of ${t.name}`}
              variant="quiet"
              isDisabled={o.busyTenant !== null}
            >
              {(close) => (
                <MappingEditor
                  connectionId={o.connectionId}
                  tenant={t}
                  onSaved={(outcome) => o.onMappingSaved(t, outcome)}
                  onForbidden={o.onForbidden}
                  close={close}
                />
              )}
            </DialogButton>
          ) : null}
          <Note note={o.notes[`mapping:${t.tenantId}`]} />
        </span>
      ),
    },
    {
      id: 'consent',
      name: 'Admin consent',
      render: (t) => (
        <span className="stack">
          <ConsentState consent={t.consent} />
          {o.canWrite && needsConsent(t) ? (
            <span className="toolbar">
              <Button
                isDisabled={o.busyTenant !== null}
                aria-label={`Grant admin consent for ${t.name}`}
                onPress={() => o.onGrantConsent(t)}
              >
                Grant admin consent
              </Button>
              <Button
                variant="quiet"
                isDisabled={o.busyTenant !== null}
                isPending={o.busyTenant === t.tenantId}
                aria-label={`Test access to ${t.name}`}
                onPress={() => o.onTestAccess(t)}
              >
                Test access
              </Button>
            </span>
          ) : null}
          <Note note={o.notes[`consent:${t.tenantId}`]} />
        </span>
      ),
    },
    { id: 'lastSync', name: 'Last sync', render: (t) => formatDateTime(t.lastSyncAt) },
    {
      id: 'lastError',
      name: 'Last error',
      render: (t) => (t.lastError ? <Explanation detail={t.lastError} /> : 'None'),
    },
  ];
}
