/**
 * The job queue's public surface: the typed catalogue, the runtime (pg-boss over PGlite or
 * PostgreSQL), Rollcall's handlers and the heartbeat. See docs/jobs.md.
 */
export {
  defineCatalogue,
  defineJob,
  type JobCatalogue,
  type JobDefinition,
  type JobName,
  type JobPayload,
  type JobPayloadInput,
} from './catalogue.js';
export { jobCatalogue, type RollcallJobCatalogue } from './catalogue/index.js';
export type { JobConnection, JobLogger } from './connection.js';
export { createJobRuntime } from './create-job-runtime.js';
export * from './errors.js';
export { registerJobHandlers, type JobHandlerDeps } from './handlers/index.js';
export type { NotificationJobDeps } from './handlers/notifications.js';
export type { LicenceChangeJobDeps } from './handlers/licence-changes.js';
export { LICENCE_CHANGES_PER_JOB } from './catalogue/licence-changes.js';
export type { SubscriptionJobDeps } from './handlers/subscriptions.js';
export type { BillingJobDeps } from './handlers/billing.js';
export type { RequestJobDeps } from './handlers/requests.js';
export {
  createHeartbeatMonitor,
  HEARTBEAT_INTERVAL_SECONDS,
  scheduleHeartbeat,
  withHeartbeat,
  type Heartbeat,
  type HeartbeatMonitor,
  type HeartbeatStatus,
} from './heartbeat.js';
export { QUEUE_SCHEMA } from './pg-boss-queue.js';
export {
  jobRuntimeSettingsSchema,
  type JobRuntimeOptions,
  type JobRuntimeSettings,
} from './runtime-options.js';
export type {
  DebouncedEnqueueOptions,
  EnqueueOptions,
  JobContext,
  JobEvent,
  JobHandler,
  JobInfo,
  JobRuntime,
  UnfinishedJob,
} from './runtime.js';
