import type { PlanSummary } from '../../contracts/entra/index.js';
import { planFingerprint, planTenant, type ImportProgress } from './plan-tenant.js';
import type { EntraImportPorts, ImportModule, RunTrigger, TenantPlan } from './ports.js';

export interface ImportRequest {
  module: ImportModule;
  /** A subset of the connection's tenants; default every one. */
  tenantIds?: string[];
  trigger: RunTrigger;
  /**
   * `full` reads the whole directory; `auto` reads only the changes since the last run when the
   * connection uses delta queries (and falls back to a full read when it has no valid checkpoint).
   * Default `full`. The integrator and change notifications use `auto`.
   */
  read?: 'full' | 'auto';
  /** Plan and record the run, write nothing (the preview). */
  dryRun: boolean;
  /** Apply although the mass-deactivation guard tripped (a person confirmed). */
  confirmMassDeactivation?: boolean;
  /** From a preview: apply only when re-planning gives exactly these decisions. */
  expectedFingerprint?: string;
  onProgress?: (event: ImportProgress) => void;
  /** Told of failures that are not Microsoft's or the desk's known errors (bugs): log them. */
  onUnexpectedError?: (error: unknown, tenantId: string, runId: string) => void;
}

/** A run still `running` after this long was left by a process that stopped. */
const STALE_RUN_MS = 30 * 60 * 1000;

export type TenantRunStatus = 'succeeded' | 'previewed' | 'stopped' | 'changed' | 'failed';

/** What happened to one tenant. */
export interface TenantRunResult {
  tenantId: string;
  runId: string;
  status: TenantRunStatus;
  /** Absent when reading or planning failed. */
  plan: TenantPlan | null;
  /** Why the run stopped or failed; `changed`: the decisions differ from the preview's. */
  error: { code: string; message: string } | null;
  rowsWritten: Record<string, number>;
}

/**
 * A failure as the run record keeps it. Typed errors carry a code (Microsoft's catalogue code, a
 * store error's) and words meant for people; anything else is a bug whose message means nothing
 * to an administrator, so it is recorded as `internal` and only the server log keeps the details.
 */
export function describeFailure(error: unknown): { code: string; message: string; expected: boolean } {
  const code = error instanceof Error ? (error as { code?: unknown }).code : undefined;
  if (error instanceof Error && typeof code === 'string')
    return { code, message: error.message, expected: true };
  return {
    code: 'internal',
    message: 'an unexpected error stopped this run; the server log has the details (search for the run id)',
    expected: false,
  };
}

function guardMessage(plan: TenantPlan): string {
  const g = plan.guard;
  return `this run would deactivate ${g.wouldDeactivate} of ${g.linked} linked records (${g.percent.toFixed(1)}%), more than the ${g.limitPercent}% limit; check the directory and mappings, then confirm to apply`;
}

async function runTenant(
  ports: EntraImportPorts,
  tenantId: string,
  request: ImportRequest,
): Promise<TenantRunResult> {
  const runs = ports.runs;
  // No run lasts this long (an integrator attempt stops at 10 minutes): one still "running" is an orphan.
  const stale = new Date(Date.now() - STALE_RUN_MS);
  await runs.interruptStale({ connectionId: ports.connectionId, tenantId, module: request.module }, stale);
  const runId = await runs.start({
    connectionId: ports.connectionId,
    tenantId,
    module: request.module,
    // What the run really read is recorded when it ends (a delta run may have to read in full).
    mode: request.read === 'auto' && ports.config.delta.enabled ? 'delta' : 'full',
    trigger: request.trigger,
    dryRun: request.dryRun,
  });
  const result = (
    status: TenantRunStatus,
    plan: TenantPlan | null,
    error: TenantRunResult['error'] = null,
  ) => ({
    tenantId,
    runId,
    status,
    plan,
    error,
    rowsWritten: {},
  });
  let plan: TenantPlan | null = null;
  try {
    plan = await planTenant(ports, tenantId, request.module, request);
    const counts: PlanSummary = plan.summary;
    const graphRequests = plan.graphRequests;
    const readMode = { mode: plan.read.mode, modeReason: plan.read.reason, warnings: plan.warnings };
    const end = async (status: 'succeeded' | 'stopped', error: TenantRunResult['error']) =>
      runs.finish(runId, { status, counts, error, graphRequests, ...readMode });
    const stopsHere =
      request.dryRun ||
      request.expectedFingerprint !== undefined ||
      (plan.guard.tripped && !request.confirmMassDeactivation);
    if (stopsHere) plan.fingerprint = planFingerprint(plan.records);
    if (request.dryRun) {
      await end('succeeded', null);
      return result('previewed', plan);
    }
    if (request.expectedFingerprint && request.expectedFingerprint !== plan.fingerprint) {
      const error = {
        code: 'plan_changed',
        message:
          'the directory or the desk changed since the preview; review the new plan before applying it',
      };
      await end('stopped', error);
      return result('changed', plan, error);
    }
    if (plan.guard.tripped && !request.confirmMassDeactivation) {
      const error = { code: 'mass_deactivation_guard', message: guardMessage(plan) };
      await end('stopped', error);
      return result('stopped', plan, error);
    }
    request.onProgress?.({ phase: 'applying', tenantId, records: plan.records.length });
    const applied = await ports.applier.apply(
      runId,
      {
        module: request.module,
        records: plan.records,
        newSites: plan.newSites,
        ...(plan.userLicences ? { userLicences: plan.userLicences } : {}),
      },
      { counts, graphRequests, ...readMode },
      plan.checkpoint,
    );
    return { ...result('succeeded', plan), rowsWritten: applied.rowsWritten };
  } catch (error) {
    const { expected, ...failure } = describeFailure(error);
    if (!expected) request.onUnexpectedError?.(error, tenantId, runId);
    await runs.finish(runId, {
      status: 'failed',
      counts: plan?.summary ?? {},
      error: failure,
      graphRequests: plan?.graphRequests ?? 0,
      ...(plan ? { mode: plan.read.mode, modeReason: plan.read.reason, warnings: plan.warnings } : {}),
    });
    return result('failed', plan, failure);
  }
}

/**
 * Runs one module of an Entra import for each tenant of a connection: read → plan → (guard,
 * fingerprint) → apply in one transaction per tenant. Tenants are independent: one failing does
 * not stop the others.
 */
export async function runEntraImport(
  ports: EntraImportPorts,
  request: ImportRequest,
): Promise<TenantRunResult[]> {
  const tenants = request.tenantIds ?? ports.tenantIds;
  const results: TenantRunResult[] = [];
  for (const tenantId of tenants) results.push(await runTenant(ports, tenantId, request));
  return results;
}
