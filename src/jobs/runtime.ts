/** Owned by: jobs helper. The job queue (pg-boss) over PGlite or PostgreSQL; see docs/jobs.md. */
export interface JobRuntime {
  start(): Promise<void>;
  stop(): Promise<void>;
  /** True when the queue answers (for /healthz). */
  healthy(): Promise<boolean>;
}
