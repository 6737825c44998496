import { useState } from 'react';
import { Link } from 'react-router';
import { applyImport, type previewImport } from '../../../../../src/contracts/api/entra-import.js';
import type { CallResult } from '../../../lib/api.js';
import { useApi } from '../../../lib/api-context.js';
import { describeFailure } from '../../../lib/form-errors.js';
import { Alert } from '../../../ui/alert.js';
import { Button } from '../../../ui/button.js';
import { Checkbox } from '../../../ui/checkbox.js';
import { Loading } from '../../../ui/loading.js';

export type TenantPlan = CallResult<typeof previewImport>['tenants'][number];

const COUNTS: { key: keyof NonNullable<TenantPlan['summary']>; label: string }[] = [
  { key: 'created', label: 'Created' },
  { key: 'updated', label: 'Updated' },
  { key: 'deactivated', label: 'Deactivated' },
  { key: 'unchanged', label: 'Unchanged' },
  { key: 'excluded', label: 'Excluded' },
  { key: 'review', label: 'Needs review' },
];

export function Summary({ plan, label }: { plan: TenantPlan; label: string }) {
  if (!plan.summary) return null;
  const summary = plan.summary;
  return (
    <dl className="stat-grid" aria-label={label}>
      {COUNTS.map((c) => (
        <div className="stat" key={c.key}>
          <dt>{c.label}</dt>
          <dd>{summary[c.key]}</dd>
        </div>
      ))}
    </dl>
  );
}

export interface TenantPreviewProps {
  connectionId: string;
  module: 'users' | 'agents';
  plan: TenantPlan;
  /** Several tenants: each applies on its own (its own fingerprint). */
  several: boolean;
  canApply: boolean;
  /** Makes a new preview (after the plan changed). */
  previewAgain: () => Promise<void>;
  /** Told when the plan was written. */
  onApplied: () => void;
}

/**
 * One tenant's plan: the counts, warnings, the mass-deactivation guard, and Apply with the
 * preview's fingerprint (the API re-plans and refuses when the decisions differ).
 */
export function TenantPreview(props: TenantPreviewProps) {
  const { connectionId, module, plan, several, canApply, previewAgain } = props;
  const call = useApi();
  const [confirm, setConfirm] = useState(false);
  const [busy, setBusy] = useState<'apply' | 'preview' | null>(null);
  const [applied, setApplied] = useState<TenantPlan | null>(null);
  const [error, setError] = useState<string | null>(null);
  const guard = plan.guard;
  const needsConfirm = Boolean(guard?.tripped);
  const title = several ? `Tenant ${plan.tenantId}` : 'Summary';

  async function apply() {
    setBusy('apply');
    setError(null);
    try {
      const result = await call(applyImport, {
        params: { id: connectionId },
        body: {
          module,
          tenantId: plan.tenantId,
          ...(plan.fingerprint ? { fingerprint: plan.fingerprint } : {}),
          confirmMassDeactivation: confirm,
        },
      });
      const mine = result.tenants.find((t) => t.tenantId === plan.tenantId) ?? result.tenants[0] ?? null;
      setApplied(mine);
      if (mine?.status === 'succeeded') props.onApplied();
    } catch (cause) {
      setError(describeFailure(cause).message);
    }
    setBusy(null);
  }

  async function review() {
    setBusy('preview');
    await previewAgain().catch((cause: unknown) => setError(describeFailure(cause).message));
    setBusy(null);
  }

  return (
    <section className="card stack" aria-label={title}>
      <h2>{title}</h2>
      {several ? null : <p className="muted">Tenant {plan.tenantId}</p>}
      {plan.error ? (
        <Alert title={plan.status === 'failed' ? 'The tenant could not be read' : 'Stopped'}>
          {plan.error.message} <span className="code">{plan.error.code}</span>
        </Alert>
      ) : null}
      <Summary plan={plan} label={`${title}: counts`} />
      <p className="muted">Microsoft Graph requests made: {plan.graphRequests}.</p>
      {plan.warnings.length > 0 ? (
        <Alert tone="warning" title="Warnings">
          <ul className="problem-list">
            {plan.warnings.map((w) => (
              <li key={w}>{w}</li>
            ))}
          </ul>
        </Alert>
      ) : null}
      {guard?.tripped ? (
        <Alert tone="warning" title="Mass deactivation guard">
          <p>
            This import would deactivate {guard.wouldDeactivate} of {guard.linked} linked {module} (
            {guard.percent.toFixed(1)}
            %), more than the {guard.limitPercent}% this connection allows. Check the “Deactivate” decisions
            below.
          </p>
          {canApply ? (
            <Checkbox isSelected={confirm} onChange={setConfirm}>
              {`I have checked: deactivate these ${guard.wouldDeactivate} ${module} anyway`}
            </Checkbox>
          ) : null}
        </Alert>
      ) : null}
      {applied ? (
        <ApplyResult
          result={applied}
          connectionId={connectionId}
          review={() => void review()}
          busy={busy === 'preview'}
        />
      ) : null}
      {error ? <Alert>{error}</Alert> : null}
      {busy === 'apply' ? (
        <Loading label="Applying: Rollcall reads the tenant again, checks the plan is the same, then writes it in one transaction…" />
      ) : null}
      {busy === 'preview' ? <Loading label="Reading the tenant again and planning…" /> : null}
      {canApply &&
      plan.status === 'previewed' &&
      (!applied || applied.status === 'stopped' || applied.status === 'failed') ? (
        <div className="toolbar">
          <Button
            variant="primary"
            isDisabled={busy !== null || (needsConfirm && !confirm)}
            isPending={busy === 'apply'}
            onPress={() => void apply()}
          >
            {several ? `Apply to tenant ${plan.tenantId}` : 'Apply'}
          </Button>
          {needsConfirm && !confirm ? <span className="muted">Confirm the deactivations first.</span> : null}
        </div>
      ) : null}
    </section>
  );
}

function ApplyResult({
  result,
  connectionId,
  review,
  busy,
}: {
  result: TenantPlan;
  connectionId: string;
  review: () => void;
  busy: boolean;
}) {
  const runLink = `/integrations/entra/${connectionId}?tab=inbound&run=${result.runId}`;
  if (result.status === 'succeeded')
    return (
      <Alert tone="success" title="Applied">
        <Summary plan={result} label="Applied: counts" />
        <p>
          <Link to={runLink}>See what changed in Inbound Requests</Link> ·{' '}
          <Link to={`/integrations/entra/${connectionId}?tab=runs`}>Runs</Link>
        </p>
      </Alert>
    );
  if (result.status === 'changed')
    return (
      <Alert tone="warning" title="The plan changed since this preview">
        <p>
          The directory or the desk changed after the preview, so its decisions are out of date. Nothing was
          applied.
        </p>
        <Button variant="primary" onPress={review} isPending={busy}>
          Review the new plan
        </Button>
      </Alert>
    );
  if (result.status === 'stopped')
    return (
      <Alert tone="warning" title="Stopped by the mass-deactivation guard">
        {result.error?.message ?? 'Confirm the deactivations and apply again.'}
      </Alert>
    );
  return (
    <Alert title="The import failed">
      {result.error ? `${result.error.message} (${result.error.code})` : 'See the run for details.'}
    </Alert>
  );
}
