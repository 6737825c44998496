import type {
  DeactivationGuard,
  DirectoryUser,
  EntraImportConfig,
  PlanDeskAgent,
  PlanDeskUser,
  PlannedUser,
  PlanSite,
  PlanSummary,
  RemovedDirectoryUser,
} from '../../contracts/entra/index.js';
import type { DirectoryLicence } from '../../contracts/entra/import-plan.js';
import type { DeltaMethod } from '../../contracts/entra/mapping-config.js';

/** Which module of the Entra import runs: desk users, or agents. */
export type ImportModule = 'users' | 'agents';
export type RunTrigger = 'manual' | 'scheduled' | 'cli' | 'api' | 'notification';

/** The mapped groups' transitive members by lower-cased name, and the names a tenant lacks or repeats. */
export interface MembershipSnapshot {
  membersByName: Map<string, Set<string>>;
  missing: string[];
  ambiguous: string[];
  /** The groups found (lower-cased names) and whether groups are nested in them. */
  groups?: { id: string; name: string; nested: boolean }[];
}

/** What a run reads from one tenant. */
export interface DirectorySpec {
  tenantId: string;
  fields: readonly string[];
  groupNames: readonly string[];
  lastSignIn: boolean;
}

/** Where the next delta rounds of users and groups start (`groups` empty: no group is mapped). */
export interface DeltaLinks {
  users: string;
  groups: string;
}

/** What changed in a tenant since a pair of links. */
export interface DirectoryChanges {
  users: DirectoryUser[];
  removed: { id: string; reason: RemovedDirectoryUser['reason'] }[];
  membership: MembershipSnapshot;
  /** Whether `membership` differs from the snapshot handed in (read again, or updated from `members@delta`). */
  membershipUpdated: boolean;
  links: DeltaLinks;
}

/** What the import reads from one tenant's directory (implemented over Graph in src/microsoft). */
export interface DirectoryPort {
  read(spec: DirectorySpec): Promise<{
    membership: MembershipSnapshot;
    pages: AsyncIterable<DirectoryUser[]>;
  }>;
  /**
   * Changes since `links` (`membership`: the snapshot they were taken with). Throws an error that
   * {@link DirectoryPort.restartOf} recognises when the links are dead.
   */
  readChanges(
    spec: DirectorySpec & { method: DeltaMethod; links: DeltaLinks; membership: MembershipSnapshot | null },
  ): Promise<DirectoryChanges>;
  /** Links from now on (`$deltatoken=latest`), without reading the current state. */
  latestLinks(spec: Omit<DirectorySpec, 'lastSignIn'> & { method: DeltaMethod }): Promise<DeltaLinks>;
  /** What the delta queries of `spec` ask for: links taken with another signature are not reused. */
  deltaSignature(spec: { fields: readonly string[]; method: DeltaMethod }): string;
  /** `full`: the links are dead, read in full; `round`: only this round's page token expired. */
  restartOf(error: unknown): 'full' | 'round' | null;
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
    /**
     * Partial runs: only the records linked to these Entra users (plus unlinked records in reach,
     * which new users may adopt), and the count of every active linked record of the tenants.
     */
    entraIds?: readonly string[];
    /** With `entraIds`: the count stops at this many (enough to decide the guard). */
    countLinkedUpTo?: number;
  }): Promise<{ users: PlanDeskUser[]; sites: PlanSite[]; linkedTotal?: number }>;
  loadAgents(query: {
    tenantIds: string[];
  }): Promise<{ agents: PlanDeskAgent[]; teams: { id: string; name: string }[] }>;
}

/** The licences a directory user read by a run holds (for `desk_user_licences`). */
export interface UserLicences {
  tenantId: string;
  entraId: string;
  licences: readonly DirectoryLicence[];
}

/** A plan ready to be written. */
export interface PlanToApply {
  module: ImportModule;
  records: PlannedUser[];
  newSites: { customerId: string; name: string }[];
  /** Users module: the licences of the users read whose licences Graph returned. */
  userLicences?: readonly UserLicences[];
}

/** How a run read its tenant, for the run record. */
export interface ReadMode {
  mode: 'full' | 'delta';
  /** Why, when it is news: `delta.noCheckpoint`, `delta.tokenExpired`, `delta.queryChanged`, `delta.configChanged`, `delta.latest`. */
  reason: string | null;
}

/** A checkpoint to move with an apply (compare-and-swap on `expectedVersion`). */
export interface CheckpointWrite {
  tenantId: string;
  module: ImportModule;
  expectedVersion: number;
  cursor: string;
  /** The reader's state to store with the cursor; absent: keep the stored one. */
  state?: Record<string, unknown>;
}

/** A tenant's stored delta position for a module. */
export interface StoredCheckpoint {
  cursor: string | null;
  state: Record<string, unknown> | null;
  version: number;
}

/** Delta checkpoints (sync_checkpoints). */
export interface CheckpointPort {
  get(tenantId: string, module: ImportModule): Promise<StoredCheckpoint>;
}

/**
 * Writes inside one transaction: the plan, the run's end, and the checkpoint (which therefore
 * never moves ahead of the desk); all or nothing. A checkpoint another run moved meanwhile fails
 * the apply with a typed error.
 */
export interface ApplyPort {
  apply(
    runId: string,
    plan: PlanToApply,
    finish: {
      counts: PlanSummary;
      graphRequests: number;
      mode?: ReadMode['mode'];
      modeReason?: string | null;
      /** What the run did not do as configured and why, with the fix (e.g. last sign-in not readable). */
      warnings?: readonly string[];
    },
    checkpoint: CheckpointWrite | null,
  ): Promise<{ rowsWritten: Record<string, number> }>;
}

/** Run records (sync_runs). */
export interface RunLogPort {
  /** Marks this key's runs left `running` since before `before` by a stopped process as interrupted. */
  interruptStale(
    key: { connectionId: string; tenantId: string; module: ImportModule },
    before: Date,
  ): Promise<number>;
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
      mode?: ReadMode['mode'];
      modeReason?: string | null;
      /** As the apply's `warnings`: kept on the run record beside its counts. */
      warnings?: readonly string[];
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
  checkpoints: CheckpointPort;
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
  /** How the tenant was read. */
  read: ReadMode;
  /** The checkpoint the apply moves (delta enabled, not a preview); null: none. */
  checkpoint: CheckpointWrite | null;
  /** Users module: the licences of the users read (see {@link PlanToApply.userLicences}). */
  userLicences?: UserLicences[];
}
