/**
 * The request workflows (issue 8, guide 000) as data: the kinds of request, the states a request
 * (ticket) goes through, and the steps each automation runs, in order. The workflow engine
 * (src/workflows/requests) and the console's step list both read these.
 */

/** Kinds of request a portal user or an agent can raise. */
export const REQUEST_TYPES = ['newStarter', 'leaver'] as const;
export type RequestType = (typeof REQUEST_TYPES)[number];

export const REQUEST_TYPE_LABELS: Record<RequestType, string> = {
  newStarter: 'New starter',
  leaver: 'Leaver',
};

/**
 * Where a request stands:
 * - `awaitingApproval`: an approval step is open; nothing has been written to Microsoft;
 * - `rejected`: an approver said no (final; nothing was written);
 * - `approved`: approved without "Trigger automation": the desk carries it out by hand, or an agent
 *   starts the automation later;
 * - `inProgress`: the automation is running or will retry;
 * - `scheduled`: the automation waits for a date (a start or leave date, a deletion after N days);
 * - `failed`: a step failed and needs a person (the step says what); retry it after fixing the cause;
 * - `completed`: every step is done (steps needing manual action are listed on the request);
 * - `cancelled`: withdrawn before anything was written.
 */
export const REQUEST_STATUSES = [
  'awaitingApproval',
  'rejected',
  'approved',
  'inProgress',
  'scheduled',
  'failed',
  'completed',
  'cancelled',
] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

export const REQUEST_STATUS_LABELS: Record<RequestStatus, string> = {
  awaitingApproval: 'Waiting for approval',
  rejected: 'Rejected',
  approved: 'Approved (manual)',
  inProgress: 'Being set up',
  scheduled: 'Scheduled',
  failed: 'Needs attention',
  completed: 'Done',
  cancelled: 'Cancelled',
};

/** The new-starter automation (guide 000 "Approve and Trigger Onboarding"), in order. */
export const NEW_STARTER_STEPS = [
  'createUser',
  'waitUntilReadable',
  'addToGroups',
  'setManager',
  'assignLicences',
  'enableAccount',
] as const;

/** The leaver automation, in order; `deleteUser` only when the request asks for deletion after N days. */
export const LEAVER_STEPS = [
  'blockSignIn',
  'revokeSessions',
  'removeGroups',
  'removeLicences',
  'deactivateDeskUser',
  'deleteUser',
] as const;

export type WorkflowStepKey = (typeof NEW_STARTER_STEPS)[number] | (typeof LEAVER_STEPS)[number];

export const WORKFLOW_STEP_LABELS: Record<WorkflowStepKey, string> = {
  createUser: 'Create the user in Entra',
  waitUntilReadable: 'Wait until Microsoft shows the new user',
  addToGroups: 'Add to groups',
  setManager: 'Set the manager',
  assignLicences: 'Set usage location and assign licences',
  enableAccount: 'Enable sign-in on the start date',
  blockSignIn: 'Block sign-in',
  revokeSessions: 'Sign out of every session',
  removeGroups: 'Remove group memberships',
  removeLicences: 'Remove licences',
  deactivateDeskUser: 'Set the desk user inactive',
  deleteUser: 'Delete the Entra account',
};

/**
 * A step's state: `pending` (not reached), `running`, `waiting` (due later: a date, or Microsoft
 * asked to wait), `done`, `needsManual` (done as far as automation can; the detail lists what a
 * person must do, e.g. a distribution list), `skipped` (nothing to do), `failed` (stopped; retry).
 */
export const STEP_STATUSES = [
  'pending',
  'running',
  'waiting',
  'done',
  'needsManual',
  'skipped',
  'failed',
] as const;
export type StepStatus = (typeof STEP_STATUSES)[number];

/** Step states after which the workflow moves on. */
export const SETTLED_STEP_STATUSES: readonly StepStatus[] = ['done', 'needsManual', 'skipped'];
