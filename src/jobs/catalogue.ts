import { z } from 'zod';

/** pg-boss refuses expirations of 24 hours or more; one attempt must fit well inside that. */
const MAX_TIMEOUT_SECONDS = 12 * 60 * 60;
/** More retries than this hide a broken job rather than ride out a transient fault. */
const MAX_RETRY_LIMIT = 50;

/**
 * One kind of job, as data: its payload schema and its policy. Handlers are registered apart
 * (`runtime.work(name, handler)`), so the catalogue can be imported by code that only enqueues.
 */
export interface JobDefinition<
  Name extends string = string,
  Payload extends z.ZodType<object> = z.ZodType<object>,
> {
  /** `family.job`, lower-case (e.g. `system.ping`, `sync.tenant-users`). Also the queue's name. */
  name: Name;
  /** One line for logs and docs. */
  summary: string;
  /**
   * Checked when the job is enqueued and again when a worker picks it up: a JSON object without
   * transforms (the parsed payload is what is stored and parsed again).
   */
  payload: Payload;
  /** Attempts after the first one before the job is `failed`. */
  retryLimit: number;
  /** Wait before a retry; with `retryBackoff` the base of an exponential, jittered backoff. */
  retryDelaySeconds: number;
  retryBackoff: boolean;
  /** Timeout of one attempt: the handler's abort signal fires and the attempt counts as failed. */
  expireInSeconds: number;
  /**
   * Jobs with the same key never run at the same time, across every worker process (e.g. one
   * tenant's jobs are serialised; different tenants run in parallel). See docs/jobs.md,
   * "Serialisation by key".
   */
  singletonKey?(payload: z.output<Payload>): string;
  /** Higher runs first among waiting jobs of this kind; 0 when absent. */
  priority?: number;
  /**
   * Enqueue the job on a cron schedule (UTC; pg-boss's scheduler, run by processes with
   * workers: each due time is enqueued once, however many processes run). `payload` defaults to
   * `{}` and is checked against the job's schema when the runtime starts.
   */
  schedule?: { cron: string; payload?: z.input<Payload> };
}

const jobPolicySchema = z.object({
  name: z
    .string()
    .regex(/^[a-z][a-z0-9-]*(\.[a-z][a-z0-9-]*)+$/, 'must look like family.job-name (lower-case)'),
  summary: z.string().min(1),
  retryLimit: z.number().int().min(0).max(MAX_RETRY_LIMIT),
  retryDelaySeconds: z.number().int().min(0),
  retryBackoff: z.boolean(),
  expireInSeconds: z.number().int().min(1).max(MAX_TIMEOUT_SECONDS),
  priority: z.number().int().optional(),
  schedule: z
    .object({
      cron: z
        .string()
        .regex(/^\S+( \S+){4,5}$/, 'must be a cron expression of 5 or 6 fields, e.g. "17 * * * *"'),
    })
    .optional(),
});

/** Declares a job; its policy is checked here, so a wrong catalogue fails at start-up. */
export function defineJob<const Name extends string, Payload extends z.ZodType<object>>(
  definition: JobDefinition<Name, Payload>,
): JobDefinition<Name, Payload> {
  const checked = jobPolicySchema.safeParse(definition);
  if (!checked.success) {
    throw new Error(`job "${definition.name}" is misdeclared: ${z.prettifyError(checked.error)}`);
  }
  const scheduled = definition.schedule && definition.payload.safeParse(definition.schedule.payload ?? {});
  if (scheduled && !scheduled.success) {
    const problem = z.prettifyError(scheduled.error);
    throw new Error(`job "${definition.name}" is misdeclared: its schedule's payload is invalid: ${problem}`);
  }
  return definition;
}

/** Jobs by name. Build it with `defineCatalogue`, which checks names are unique. */
export type JobCatalogue = Readonly<Record<string, JobDefinition>>;

type CatalogueOf<Jobs extends readonly JobDefinition[]> = {
  readonly [Job in Jobs[number] as Job['name']]: Job;
};

/** Turns a list of jobs into a catalogue keyed by name; names must be unique. */
export function defineCatalogue<const Jobs extends readonly JobDefinition[]>(jobs: Jobs): CatalogueOf<Jobs> {
  const catalogue: Record<string, JobDefinition> = {};
  for (const job of jobs) {
    if (catalogue[job.name]) throw new Error(`job "${job.name}" is declared twice in the catalogue`);
    catalogue[job.name] = job;
  }
  return catalogue as CatalogueOf<Jobs>;
}

/** The job names of a catalogue. */
export type JobName<C extends JobCatalogue> = keyof C & string;
/** What `enqueue` accepts for a job (the schema's input, before defaults are applied). */
export type JobPayloadInput<C extends JobCatalogue, N extends JobName<C>> = z.input<C[N]['payload']>;
/** What a handler receives for a job (the schema's output). */
export type JobPayload<C extends JobCatalogue, N extends JobName<C>> = z.output<C[N]['payload']>;
