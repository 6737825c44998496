import { useState } from 'react';
import { useSearchParams } from 'react-router';
import type { z } from 'zod';
import {
  listCspTenants,
  startCspTenantConsent,
  syncCspTenants,
  testCspTenantAccess,
  type CspTenantView,
} from '../../../../../src/contracts/api/csp-tenants.js';
import { useApi } from '../../../lib/api-context.js';
import { describeFailure } from '../../../lib/form-errors.js';
import { useList } from '../../../lib/use-list.js';
import { useQuery } from '../../../lib/use-query.js';
import { Alert } from '../../../ui/alert.js';
import { Button } from '../../../ui/button.js';
import { Checkbox } from '../../../ui/checkbox.js';
import { EmptyState } from '../../../ui/empty-state.js';
import { ListView } from '../../../ui/list-view.js';
import { useSaveMapping } from './tenants-mapping.js';
import { CspTenantSettingsCard } from './tenants-settings.js';
import { Explanation, isForbidden } from './tenants-status.js';
import { tenantColumns, type RowNote, type TenantRow } from './tenants-table.js';

type SyncResult = z.infer<typeof syncCspTenants.response>;

const COUNT_LABELS: Record<string, string> = {
  added: 'added',
  updated: 'updated',
  returned: 'returned',
  removed: 'removed',
  unchanged: 'unchanged',
  failed: 'failed',
};

/** "3 added, 1 updated, 2 unchanged": the run's counts in words. */
function countsText(counts: Record<string, number>): string {
  const parts = Object.entries(counts)
    .filter(([, n]) => n > 0)
    .map(([key, n]) => `${n} ${COUNT_LABELS[key] ?? key}`);
  return parts.length > 0 ? parts.join(', ') : 'no tenants returned';
}

function SyncOutcome({ result, names }: { result: SyncResult; names: Map<string, string> }) {
  if (result.status === 'failed') {
    return (
      <Alert title="The sync failed; nothing was changed">
        <Explanation detail={result.error} />
      </Alert>
    );
  }
  return (
    <Alert tone={result.tenantErrors.length > 0 ? 'warning' : 'success'} title="Sync finished">
      <p>Tenants: {countsText(result.counts)}.</p>
      {result.tenantErrors.length > 0 ? (
        <ul className="problem-list">
          {result.tenantErrors.map((e) => (
            <li key={e.tenantId}>
              {names.get(e.tenantId) ?? e.tenantId}: <Explanation detail={e.error} />
            </li>
          ))}
        </ul>
      ) : null}
    </Alert>
  );
}

/** The banner after Microsoft sends the browser back from "Grant admin consent". */
function ConsentBanner({ connectionId }: { connectionId: string }) {
  const call = useApi();
  const [params] = useSearchParams();
  const outcome = params.get('consent');
  const tenantId = params.get('tenant');
  const tenant = useQuery(`csp-consent-tenant:${connectionId}:${tenantId ?? ''}`, async (signal) => {
    if (!tenantId) return null;
    const page = await call(listCspTenants, {
      params: { id: connectionId },
      query: { search: tenantId, limit: 1, includeRemoved: 'true' },
      signal,
    });
    return page.items.find((t) => t.tenantId === tenantId) ?? null;
  });
  if (!outcome) return null;
  const name = tenant.data?.name ?? tenantId ?? 'the tenant';
  if (outcome === 'granted') {
    return (
      <Alert tone="success" title={`Admin consent granted for ${name}`}>
        Use Test access on its row to prove Rollcall can read the tenant.
      </Alert>
    );
  }
  if (outcome === 'failed') {
    return (
      <Alert title={`Admin consent failed for ${name}`}>
        {tenant.data ? <Explanation detail={tenant.data.consent.detail} /> : null}
        <p>
          The administrator must be native to the customer&apos;s tenant (not invited from yours), allowed to
          create enterprise apps, and complete MFA. Grant consent again once that is sorted.
        </p>
      </Alert>
    );
  }
  return (
    <Alert title="Admin consent was not recorded">
      The answer from Microsoft did not match a consent request of yours (it expired, or someone else started
      it). Press Grant admin consent again.
    </Alert>
  );
}

/**
 * The CSP connection's Tenants tab (guide 002 "Tenants"): customer tenants the partner reaches,
 * their mapping to desk customers, admin consent and the tenant settings.
 */
export function CspTenantsTab({ connectionId }: { connectionId: string }) {
  const call = useApi();
  const [includeRemoved, setIncludeRemoved] = useState(false);
  const list = useList(listCspTenants, {
    params: { id: connectionId },
    filters: { includeRemoved: includeRemoved ? 'true' : undefined },
  });
  const [forbidden, setForbidden] = useState(false);
  const [syncing, setSyncing] = useState(false);
  const [syncResult, setSyncResult] = useState<SyncResult | null>(null);
  const [syncError, setSyncError] = useState<string | null>(null);
  const [busyTenant, setBusyTenant] = useState<string | null>(null);
  const [notes, setNotes] = useState<Record<string, RowNote | undefined>>({});
  const onForbidden = () => setForbidden(true);
  const saveMapping = useSaveMapping(connectionId, onForbidden);
  const canWrite = !forbidden && !isForbidden(list.error);
  const note = (key: string, value: RowNote) => setNotes((all) => ({ ...all, [key]: value }));
  const names = new Map((list.data?.items ?? []).map((t) => [t.tenantId, t.name]));

  async function syncNow() {
    setSyncing(true);
    setSyncError(null);
    setSyncResult(null);
    try {
      setSyncResult(await call(syncCspTenants, { params: { id: connectionId } }));
      list.reload();
    } catch (cause) {
      if (isForbidden(cause)) onForbidden();
      setSyncError(describeFailure(cause).message);
    }
    setSyncing(false);
  }

  async function applySuggestion(tenant: CspTenantView, customerId: string) {
    setBusyTenant(tenant.tenantId);
    const result = await saveMapping(tenant.tenantId, { target: { kind: 'customer', customerId } });
    setBusyTenant(null);
    if (result.ok) {
      const extra = result.outcome.notes.length > 0 ? ` ${result.outcome.notes.join(' ')}` : '';
      note(`mapping:${tenant.tenantId}`, {
        tone: 'success',
        text: `Mapped to ${result.outcome.tenant.mapping?.customerName ?? 'the customer'}.${extra}`,
      });
      list.reload();
    } else {
      note(`mapping:${tenant.tenantId}`, { tone: 'error', text: result.message });
    }
  }

  async function grantConsent(tenant: CspTenantView) {
    setBusyTenant(tenant.tenantId);
    try {
      const { consentUrl } = await call(startCspTenantConsent, {
        params: { id: connectionId, tenantId: tenant.tenantId },
      });
      // Microsoft's consent page, in this window; it sends the browser back to this tab.
      window.location.assign(consentUrl);
    } catch (cause) {
      if (isForbidden(cause)) onForbidden();
      note(`consent:${tenant.tenantId}`, { tone: 'error', text: describeFailure(cause).message });
      setBusyTenant(null);
    }
  }

  async function testAccess(tenant: CspTenantView) {
    setBusyTenant(tenant.tenantId);
    try {
      const result = await call(testCspTenantAccess, {
        params: { id: connectionId, tenantId: tenant.tenantId },
      });
      note(
        `consent:${tenant.tenantId}`,
        result.ok
          ? {
              tone: 'success',
              text: `Access works: read the directory of ${result.organisation ?? tenant.name}.`,
            }
          : {
              tone: 'error',
              text: (
                <>
                  Access failed. <Explanation detail={result.problem} />
                </>
              ),
            },
      );
      list.reload();
    } catch (cause) {
      if (isForbidden(cause)) onForbidden();
      note(`consent:${tenant.tenantId}`, { tone: 'error', text: describeFailure(cause).message });
    }
    setBusyTenant(null);
  }

  const page = list.data && {
    ...list.data,
    items: list.data.items.map((t): TenantRow => ({ ...t, id: t.tenantId })),
  };
  const columns = tenantColumns({
    connectionId,
    canWrite,
    busyTenant,
    notes,
    onUseSuggestion: (t, customerId) => void applySuggestion(t, customerId),
    onMappingSaved: (t, outcome) => {
      const extra = outcome && outcome.notes.length > 0 ? ` ${outcome.notes.join(' ')}` : '';
      note(`mapping:${t.tenantId}`, {
        tone: 'success',
        text: outcome ? `Mapping saved.${extra}` : 'Mapping removed.',
      });
      list.reload();
    },
    onGrantConsent: (t) => void grantConsent(t),
    onTestAccess: (t) => void testAccess(t),
    onForbidden,
  });
  // Before the first sync the empty list's call to action is the only "Sync tenants now".
  const nothingSynced =
    list.data !== undefined &&
    list.data.items.length === 0 &&
    !list.hasPrevious &&
    !includeRemoved &&
    list.searchText.trim() === '';
  const syncButton = (
    <Button variant="primary" isPending={syncing} onPress={() => void syncNow()}>
      Sync tenants now
    </Button>
  );

  return (
    <div className="stack">
      <ConsentBanner connectionId={connectionId} />
      <section className="card stack" aria-labelledby="csp-tenants-title">
        <h2 id="csp-tenants-title">Customer tenants</h2>
        <p>
          Map each customer tenant to a desk customer, or to Do not import. Several tenants may map to one
          customer. Suggestions are only shown: confirm each one. Then grant admin consent for the GDAP app in
          each mapped tenant, signing in as an administrator native to that tenant, and test access.
        </p>
        {canWrite && !nothingSynced ? <div className="toolbar">{syncButton}</div> : null}
        {syncError ? <Alert title="The sync could not run">{syncError}</Alert> : null}
        {syncResult ? <SyncOutcome result={syncResult} names={names} /> : null}
        {forbidden ? <Alert tone="info">You may view these tenants but not change them.</Alert> : null}
        <ListView
          label="Customer tenants"
          searchLabel="Search by name, domain or tenant ID"
          list={list}
          page={page}
          columns={columns}
          filters={
            <Checkbox isSelected={includeRemoved} onChange={setIncludeRemoved}>
              Show removed tenants
            </Checkbox>
          }
          filtered={
            includeRemoved ? (
              <p>No tenants, removed or not. Sync tenants to read them from Partner Center.</p>
            ) : undefined
          }
          empty={
            <EmptyState title="No tenants synced yet" action={canWrite ? syncButton : undefined}>
              <p>
                Sync tenants now to read the customers of your partner tenant from Partner Center and their
                GDAP relationships. Each tenant then appears here to be mapped to a customer.
              </p>
            </EmptyState>
          }
        />
      </section>
      <CspTenantSettingsCard connectionId={connectionId} readOnly={!canWrite} onForbidden={onForbidden} />
    </div>
  );
}
