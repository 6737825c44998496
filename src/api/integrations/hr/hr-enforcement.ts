import type { JobRuntime } from '../../../jobs/index.js';
import {
  createConnectionRepository,
  createHrPersonRepository,
  createHrRunRepository,
  createHrSourceRepository,
  createOnboardingConfigRepository,
  type Database,
  type SecretBox,
  type StoredHrRun,
} from '../../../store/index.js';
import { enforceHrSource, HrRulesInvalidError } from '../../../workflows/hr/enforce.js';
import type { HrAuditEntry, HrEnforcementStore, HrTarget } from '../../../workflows/hr/ports.js';
import type { ApiDeps } from '../../deps.js';
import { tenantGraph } from '../tenant-graph.js';
import { createEntraHrTarget } from './entra-target.js';
import { createHrSourceWriter } from './source-writer.js';
import { enforcedPerson, ruleSet, sourceSettings, utcDay } from './source-settings.js';

export interface HrEnforcerDeps {
  db: Database;
  secrets: () => Promise<SecretBox>;
  microsoft: ApiDeps['microsoft'];
  now: () => Date;
  jobs: () => JobRuntime | null;
  sleep?: (ms: number) => Promise<void>;
}

/** SCIM pushes within this many seconds share one enforcement. */
const PUSH_DEBOUNCE_SECONDS = 5;

/** Raised when the source's tenant cannot be reached: the run fails with this message. */
export class HrTargetUnreachableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'HrTargetUnreachableError';
  }
}

/**
 * Enforcement's store: each person's applied state and audit entries in one transaction, dry-run
 * entries, and the evaluation (phase, pending actions) shown in lists.
 */
export function createHrEnforcementStore(db: Database, sourceId: string, runId: string): HrEnforcementStore {
  const event = (e: HrAuditEntry) => ({ ...e, sourceId, runId });
  return {
    async savePerson(employeeId, outcome) {
      await db.transaction(async (tx) => {
        await createHrRunRepository(tx).record(outcome.audit.map(event));
        await createHrPersonRepository(tx).saveApplied(sourceId, employeeId, {
          applied: outcome.applied as unknown as Record<string, unknown>,
          objectId: outcome.applied.deleted ? null : outcome.applied.objectId,
          userPrincipalName: outcome.applied.userPrincipalName,
          lastError: outcome.lastError,
          pendingActions: outcome.pendingActions,
        });
      });
    },
    recordDryRun: (audit) => createHrRunRepository(db).record(audit.map(event)),
    saveEvaluation: (rows) => createHrPersonRepository(db).saveEvaluation(sourceId, rows),
  };
}

/**
 * HR enforcement wired to the store and Entra: runs are recorded (`hr_runs`), started by the
 * console, an import, a publish or the hourly sweep, and executed by the `hr.enforce` job.
 */
export function createHrEnforcer(deps: HrEnforcerDeps) {
  const sources = createHrSourceRepository(deps.db);
  const persons = createHrPersonRepository(deps.db);
  const runs = createHrRunRepository(deps.db);

  async function target(customerId: string, tenantId: string): Promise<HrTarget> {
    const tenant = (await createOnboardingConfigRepository(deps.db).tenants(customerId)).find(
      (t) => t.tenantId === tenantId,
    );
    if (!tenant)
      throw new HrTargetUnreachableError(
        'No active connection reaches the source’s tenant (the CSP mapping or the Entra connection was removed): fix the source’s tenant.',
      );
    const secrets = await deps.secrets();
    const connection = await createConnectionRepository(deps.db, secrets).findById(tenant.connectionId);
    if (!connection) throw new HrTargetUnreachableError('The connection to the source’s tenant was deleted.');
    return createEntraHrTarget(
      await tenantGraph({ db: deps.db, secrets, microsoft: deps.microsoft }, connection, tenantId),
    );
  }

  return {
    /** The target the source's persons are provisioned in (its customer's tenant). */
    target,

    /** Records a run (the caller queues it, or runs it). */
    async record(
      sourceId: string,
      options: { dryRun: boolean; triggeredByName: string },
    ): Promise<StoredHrRun> {
      const source = await sources.find(sourceId);
      if (!source) throw new Error(`HR source ${sourceId} not found`);
      return runs.start({
        sourceId,
        dryRun: options.dryRun,
        rulesVersion: source.publishedVersion,
        asOf: utcDay(deps.now()),
        triggeredByName: options.triggeredByName,
      });
    },

    /** Records a run and queues it (`hr.enforce`). */
    async start(
      sourceId: string,
      options: { dryRun: boolean; triggeredByName: string },
    ): Promise<StoredHrRun> {
      const run = await this.record(sourceId, options);
      await deps.jobs()?.enqueue('hr.enforce', { sourceId, runId: run.id });
      return run;
    },

    /**
     * After SCIM pushes: one enforcement for all pushes of a few seconds (debounced per source),
     * recorded when it starts.
     */
    async afterPush(sourceId: string): Promise<void> {
      await deps.jobs()?.enqueue('hr.enforce', { sourceId }, { debounceSeconds: PUSH_DEBOUNCE_SECONDS });
    },

    /** Runs (or resumes) a recorded run; without one (a SCIM push), records it first. */
    async enforce(sourceId: string, runIdOrNone: string | undefined): Promise<Record<string, unknown>> {
      const runId =
        runIdOrNone ?? (await this.record(sourceId, { dryRun: false, triggeredByName: 'SCIM push' })).id;
      const run = await runs.find(runId);
      if (!run || run.status !== 'running')
        return { skipped: run ? `run already ${run.status}` : 'run not found' };
      const source = await sources.find(sourceId);
      if (!source) {
        await runs.finish(runId, { status: 'failed', counts: {}, error: 'The source was deleted.' });
        return { skipped: 'source deleted' };
      }
      try {
        const settings = sourceSettings(source);
        const published = await sources.published(sourceId);
        const rows = await persons.all(sourceId);
        const dryRun = run.dryRun || !settings.enforcementEnabled;
        const summary = await enforceHrSource(
          {
            settings,
            rules: ruleSet(published.rules),
            persons: rows.map(enforcedPerson),
            today: utcDay(deps.now()),
            dryRun,
            // Entitlement changes are `rules` events when this run brings a newer rule set.
            trigger: published.version > (await runs.lastEnforcedVersion(sourceId)) ? 'rules' : 'source',
          },
          {
            target: dryRun ? null : await target(source.customerId, source.tenantId),
            writer: dryRun
              ? null
              : createHrSourceWriter(source, await deps.secrets(), (await deps.microsoft.transport()).fetch),
            store: createHrEnforcementStore(deps.db, sourceId, runId),
            sleep: deps.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))),
          },
        );
        const counts = {
          ...summary.counts,
          persons: summary.persons,
          personsWithActions: summary.personsWithActions,
          failed: summary.failed,
        };
        await runs.finish(runId, { status: 'completed', counts, error: null });
        if (!dryRun) await sources.touch(sourceId, 'enforce');
        return counts;
      } catch (error) {
        // Settings that cannot work fail the run; anything else (Microsoft unreachable, a crash)
        // leaves it running for the job's retry, which resumes where this attempt stopped.
        if (!(error instanceof HrTargetUnreachableError || error instanceof HrRulesInvalidError)) throw error;
        await runs.finish(runId, { status: 'failed', counts: {}, error: error.message });
        return { failed: error.message };
      }
    },

    /** Starts a run for every enforceable source (the hourly sweep). */
    async sweep(): Promise<number> {
      const due = await sources.enforceable();
      for (const { id } of due) await this.start(id, { dryRun: false, triggeredByName: 'Hourly schedule' });
      return due.length;
    },
  };
}
export type HrEnforcer = ReturnType<typeof createHrEnforcer>;
