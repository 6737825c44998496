import type {
  DeactivationGuard,
  DirectoryUser,
  EntraImportConfig,
  PlanDeskAgent,
  PlanDeskUser,
  PlannedUser,
  PlanSite,
  PlanSummary,
} from '../../contracts/entra/index.js';

/** Which module of the Entra import runs: desk users, or agents. */
export type ImportModule = 'users' | 'agents';
export type RunTrigger = 'manual' | 'scheduled' | 'cli' | 'api' | 'notification';

/** What the import reads from one tenant's directory (implemented over Graph in src/microsoft). */
export interface DirectoryPort {
  read(spec: {
    tenantId: string;
    fields: readonly string[];
    groupNames: readonly string[];
    lastSignIn: boolean;
  }): Promise<{
    membership: { missing: string[]; ambiguous: string[] };
    pages: AsyncIterable<DirectoryUser[]>;
  }>;
  /** Microsoft requests made so far through this port (for the run record and benchmarks). */
  requestCount(): number;
}

/** The desk records the customers/sites of a configuration reach. */
export interface DeskReach {
  customerIds: string[] | 'all';
  siteIds: string[];
}

/** What the import reads from the desk (implemented in src/store). */
export interface DeskStatePort {
  loadUsers(query: {
    tenantIds: string[];
    reach: DeskReach;
    /** The desk fields the plan reads (`deskFieldsRead`); the others may be left out. */
    fields: readonly string[];
  }): Promise<{ users: PlanDeskUser[]; sites: PlanSite[] }>;
  loadAgents(query: {
    tenantIds: string[];
  }): Promise<{ agents: PlanDeskAgent[]; teams: { id: string; name: string }[] }>;
}

/** A plan ready to be written. */
export interface PlanToApply {
  module: ImportModule;
  records: PlannedUser[];
  newSites: { customerId: string; name: string }[];
}

/** Writes inside one transaction: the plan, then the run's end; all or nothing. */
export interface ApplyPort {
  apply(
    runId: string,
    plan: PlanToApply,
    finish: { counts: PlanSummary; graphRequests: number },
  ): Promise<{ rowsWritten: Record<string, number> }>;
}

/** Run records (sync_runs). */
export interface RunLogPort {
  start(run: {
    connectionId: string;
    tenantId: string;
    module: ImportModule;
    mode: 'full' | 'delta';
    trigger: RunTrigger;
    dryRun: boolean;
  }): Promise<string>;
  finish(
    runId: string,
    result: {
      status: 'succeeded' | 'failed' | 'stopped';
      counts: Partial<PlanSummary>;
      error: { code: string; message: string } | null;
      graphRequests: number;
    },
  ): Promise<void>;
}

/** Everything one import run needs, injected by the composition root. */
export interface EntraImportPorts {
  connectionId: string;
  /** The tenants this connection reads. */
  tenantIds: string[];
  config: EntraImportConfig;
  configVersion: number;
  directory: DirectoryPort;
  desk: DeskStatePort;
  runs: RunLogPort;
  applier: ApplyPort;
}

/** The outcome of planning one tenant (the preview, and the input of the apply). */
export interface TenantPlan {
  tenantId: string;
  module: ImportModule;
  records: PlannedUser[];
  newSites: { customerId: string; name: string }[];
  summary: PlanSummary;
  guard: DeactivationGuard;
  /** Group names of the configuration the tenant does not have / has twice. */
  warnings: string[];
  /**
   * Hash of the decisions ({@link planFingerprint}), set when someone may compare it: a preview,
   * an apply of a preview, a plan stopped for confirmation. Null when the plan went straight to
   * the desk (hashing every decision of a large tenant costs a quarter of a second).
   */
  fingerprint: string | null;
  graphRequests: number;
}
