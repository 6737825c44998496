import type {
  AssignedLicences,
  CreatedDirectoryUser,
  DirectoryGroup,
  DirectoryUserPatch,
  DirectoryUserState,
  GraphAttempt,
  GroupMembershipOutcome,
  LicenceChangeRequest,
  NewDirectoryUser,
  ResolvedGroups,
} from '../../contracts/onboarding/directory.js';
import type { LeaverFields, NewStarterFields } from '../../contracts/onboarding/request-fields.js';
import type {
  RequestStatus,
  RequestType,
  StepStatus,
  WorkflowStepKey,
} from '../../contracts/onboarding/workflow.js';
import type { NamingConvention } from '../../contracts/onboarding/naming.js';

/**
 * What the request workflows need from the outside world, as narrow interfaces: one tenant's
 * directory (src/microsoft/directory/provisioning implements it), the desk, and the store of the
 * workflow's own state. Workflows import only contracts and domain.
 */

/** One call to Microsoft: what was sent and answered (never secrets), and the outcome. */
export type DirectoryCall<T> = GraphAttempt<T>;

/**
 * One tenant's directory, as the workflows use it (src/microsoft/directory/provisioning
 * implements each method for a Graph client of the tenant).
 */
export interface RequestDirectory {
  createUser(user: NewDirectoryUser): Promise<GraphAttempt<CreatedDirectoryUser>>;
  /** Null when Microsoft does not show the user (not replicated yet, or gone). */
  readUser(idOrUpn: string): Promise<GraphAttempt<DirectoryUserState | null>>;
  resolveGroups(names: readonly string[]): Promise<GraphAttempt<ResolvedGroups>>;
  addToGroups(userId: string, groupIds: readonly string[]): Promise<GraphAttempt<GroupMembershipOutcome[]>>;
  removeFromGroups(
    userId: string,
    groupIds: readonly string[],
  ): Promise<GraphAttempt<GroupMembershipOutcome[]>>;
  listGroups(userId: string): Promise<GraphAttempt<DirectoryGroup[]>>;
  setManager(userId: string, managerId: string): Promise<GraphAttempt<unknown>>;
  assignLicences(userId: string, change: LicenceChangeRequest): Promise<GraphAttempt<AssignedLicences>>;
  updateUser(userId: string, patch: DirectoryUserPatch): Promise<GraphAttempt<unknown>>;
  revokeSessions(userId: string): Promise<GraphAttempt<unknown>>;
  deleteUser(userId: string): Promise<GraphAttempt<unknown>>;
}

/** A request as the workflow sees it. */
export interface WorkflowRequest {
  id: string;
  type: RequestType;
  status: RequestStatus;
  customerId: string;
  tenantId: string | null;
  fields: NewStarterFields | LeaverFields;
  /** When the last approval step was decided: accounts created before it are not this request's. */
  approvedAt: Date | null;
  /** The naming convention the address came from (fallbacks when it is taken at creation). */
  naming: NamingConvention | null;
}

export interface StepError {
  code: string;
  title: string;
  message: string;
  howToFix: string | null;
}

export interface StepItem {
  name: string;
  status: 'done' | 'needsManual' | 'failed' | 'pending';
  message: string | null;
}

/** A step as stored. */
export interface StepState {
  key: WorkflowStepKey;
  position: number;
  status: StepStatus;
  attempts: number;
  dueAt: Date | null;
  detail: string | null;
  items: StepItem[];
  error: StepError | null;
  /** The step's memory across attempts (e.g. the created user's id). */
  state: Record<string, unknown>;
}

/** What running a step decided. */
export type StepOutcome =
  | {
      status: 'done' | 'needsManual' | 'skipped';
      detail: string;
      items?: StepItem[];
      state?: Record<string, unknown>;
    }
  | {
      /** `date`: waits for a day (start, leave, deletion); `retry`: Microsoft asked to wait. */
      status: 'waiting';
      reason: 'date' | 'retry';
      dueAt: Date;
      detail: string;
      items?: StepItem[];
      error?: StepError | null;
      state?: Record<string, unknown>;
    }
  | {
      status: 'failed';
      error: StepError;
      detail?: string;
      items?: StepItem[];
      state?: Record<string, unknown>;
    };

/** The workflow's state in the store. Claims are conditional, so two workers never run one step. */
export interface WorkflowStore {
  load(requestId: string): Promise<{ request: WorkflowRequest; steps: StepState[] } | null>;
  /**
   * Marks the step running (one more attempt) if it is still `from` (and its `attempts` still
   * `attempts`), answering whether this worker got it.
   */
  claim(requestId: string, step: StepState): Promise<boolean>;
  /** Records the outcome of the step's attempt, and the request's status in the same transaction. */
  settle(
    requestId: string,
    key: WorkflowStepKey,
    outcome: StepOutcome,
    request: { status: RequestStatus; entraObjectId?: string; completed?: boolean },
  ): Promise<void>;
  /** Keeps one Microsoft exchange in the Outbound Requests log, under the request's tenant. */
  logCall(requestId: string, key: WorkflowStepKey, kind: string, call: DirectoryCall<unknown>): Promise<void>;
}

/** The desk side of the workflows. */
export interface RequestDesk {
  /** The new starter's temporary password (decrypted); null when it is not kept any more. */
  password(requestId: string): Promise<string | null>;
  /** Leaver: the desk user becomes inactive (their open requests stay as they are). */
  deactivateUser(deskUserId: string): Promise<{ changed: boolean }>;
  /** Friendly names of licences (SKU id → name) of the request's customer, for the step's words. */
  licenceNames(customerId: string): Promise<Map<string, string>>;
}

/** A change people are told about (e-mail, webhook). */
export type RequestEvent = 'completed' | 'stepFailed';
