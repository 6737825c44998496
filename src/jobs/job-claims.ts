import { z } from 'zod';
import { QUEUE_SCHEMA } from './pg-boss-queue.js';
import type { SqlAdapter } from './sql-adapter.js';

/** A job this process has claimed (pg-boss state `active`) and is about to run. */
export interface ClaimedJob {
  id: string;
  name: string;
  data: unknown;
  /** Attempts before this one. */
  retryCount: number;
  retryLimit: number;
}

const claimedJobSchema = z.object({
  id: z.string(),
  name: z.string(),
  data: z.unknown(),
  retryCount: z.number().int(),
  retryLimit: z.number().int(),
});

/**
 * pg-boss 10's fetch, plus one condition: a waiting job whose singleton key already has an active
 * job is passed over. pg-boss's own fetch picks it anyway, trips the unique index that keeps one
 * job per key active, and so fetches nothing at all until that key's job ends (its maintainer's
 * answer in timgit/pg-boss#535): one busy tenant would stall every other tenant. The unique index
 * still guards the race of two processes claiming one key at once (that claim fails and is
 * retried at the next poll). Within one batch, only the first job per key is claimed.
 *
 * The claim also starts the job's lease: `expire_in` becomes the lease, so pg-boss's expiry
 * (`started_on + expire_in < now()`) fails the job back to the queue unless the claiming process
 * renews it (`renewSql`). See job-leases.ts.
 */
const claimSql = `
  WITH next AS (
    SELECT id, singleton_key, policy
      FROM ${QUEUE_SCHEMA}.job waiting
     WHERE name = $1
       AND state < 'active'
       AND start_after < now()
       AND (policy IS DISTINCT FROM 'singleton' OR NOT EXISTS (
             SELECT 1 FROM ${QUEUE_SCHEMA}.job busy
              WHERE busy.name = $1 AND busy.state = 'active' AND busy.policy = 'singleton'
                AND COALESCE(busy.singleton_key, '') = COALESCE(waiting.singleton_key, '')))
     ORDER BY priority DESC, created_on, id
     LIMIT $2
       FOR UPDATE SKIP LOCKED
  ), ranked AS (
    SELECT id, row_number() OVER (
             PARTITION BY CASE WHEN policy = 'singleton' THEN COALESCE(singleton_key, '') ELSE id::text END
           ) AS rank
      FROM next
  )
  UPDATE ${QUEUE_SCHEMA}.job job
     SET state = 'active',
         started_on = now(),
         expire_in = make_interval(secs => $3::float8),
         retry_count = CASE WHEN started_on IS NOT NULL THEN retry_count + 1 ELSE retry_count END
    FROM ranked
   WHERE job.name = $1 AND job.id = ranked.id AND ranked.rank = 1
  RETURNING job.id, job.name, job.data, job.retry_count AS "retryCount", job.retry_limit AS "retryLimit"`;

/**
 * Renews the leases of jobs this process runs: each expires `$4` seconds from now. A job matches
 * only while it is still active in the attempt this process claimed (its retry count), so an
 * attempt the queue already failed back, or that another process has claimed since, is not
 * renewed and is missing from the answer.
 */
const renewSql = `
  UPDATE ${QUEUE_SCHEMA}.job job
     SET expire_in = (now() - job.started_on) + make_interval(secs => $4::float8)
    FROM unnest($1::text[], $2::uuid[], $3::int[]) AS mine(name, id, retry_count)
   WHERE job.name = mine.name AND job.id = mine.id AND job.retry_count = mine.retry_count
     AND job.state = 'active'
  RETURNING job.id`;

/** Lapsed leases listed at most, per look. */
const LAPSED_LIMIT = 100;

/** Leases of active jobs that lapsed: their workers stopped renewing them (for the log). */
const lapsedSql = `
  SELECT name, id FROM ${QUEUE_SCHEMA}.job
   WHERE state = 'active' AND started_on + expire_in < now()
   ORDER BY started_on LIMIT $1`;

// pg-boss has no "put back": cancel+resume would lose the job if the process died in between, and
// fail() would spend an attempt on a job that never ran.
const releaseSql = `
  UPDATE ${QUEUE_SCHEMA}.job SET state = 'created', started_on = NULL
   WHERE name = $1 AND id = ANY($2::uuid[]) AND state = 'active'`;

// pg-boss's state enum orders created < retry < active < completed < cancelled < failed.
const unfinishedSql = `
  SELECT id, state, singleton_key AS "singletonKey", data, retry_count AS "retryCount", created_on AS "createdAt"
    FROM ${QUEUE_SCHEMA}.job
   WHERE name = $1 AND state < 'completed' AND left(COALESCE(singleton_key, ''), length($2)) = $2
   ORDER BY created_on, id`;

const unfinishedJobSchema = z.object({
  id: z.string(),
  state: z.enum(['created', 'retry', 'active']),
  singletonKey: z.string().nullable(),
  data: z.unknown(),
  retryCount: z.number().int(),
  createdAt: z.coerce.date(),
});

/** One attempt of a job, as its lease names it. */
export interface LeasedJob {
  name: string;
  id: string;
  retryCount: number;
}

/** Claiming jobs to run, giving back claimed jobs that were never started, and listing unfinished ones. */
export interface JobClaims {
  /** Claims up to `batchSize` jobs, each with a lease of `leaseSeconds` from now. */
  claim(name: string, batchSize: number, leaseSeconds: number): Promise<ClaimedJob[]>;
  /** Renews the leases of these attempts; answers the ids whose lease this process still holds. */
  renew(jobs: readonly LeasedJob[], leaseSeconds: number): Promise<Set<string>>;
  /** Active jobs whose lease has lapsed (at most 100). */
  lapsed(): Promise<Array<{ name: string; id: string }>>;
  release(name: string, ids: string[]): Promise<void>;
  unfinished(name: string, keyPrefix: string): Promise<z.infer<typeof unfinishedJobSchema>[]>;
}

/** The claim statements over the runtime's connection. */
export function createJobClaims(adapter: SqlAdapter): JobClaims {
  return {
    async claim(name, batchSize, leaseSeconds) {
      const { rows } = await adapter.executeSql(claimSql, [name, batchSize, leaseSeconds]);
      return rows.map((row) => claimedJobSchema.parse(row));
    },
    async renew(jobs, leaseSeconds) {
      if (jobs.length === 0) return new Set();
      const { rows } = await adapter.executeSql(renewSql, [
        jobs.map((job) => job.name),
        jobs.map((job) => job.id),
        jobs.map((job) => job.retryCount),
        leaseSeconds,
      ]);
      return new Set(rows.map((row) => String(row.id)));
    },
    async lapsed() {
      const { rows } = await adapter.executeSql(lapsedSql, [LAPSED_LIMIT]);
      return rows.map((row) => ({ name: String(row.name), id: String(row.id) }));
    },
    async release(name, ids) {
      await adapter.executeSql(releaseSql, [name, ids]);
    },
    async unfinished(name, keyPrefix) {
      const { rows } = await adapter.executeSql(unfinishedSql, [name, keyPrefix]);
      return rows.map((row) => unfinishedJobSchema.parse(row));
    },
  };
}
