import { z } from 'zod';
import { defineEndpoint } from './endpoint.js';

/** The state of one dependency: `not running` when this process runs no job queue. */
export const healthCheckStateSchema = z.enum(['ok', 'failing', 'not running']);

/**
 * The heartbeat of this process's workers: `ok` when a `system.ping` ran here recently, `waiting`
 * just after start, `stale` when none ran for `staleAfterSeconds`, `not running` without workers.
 */
export const heartbeatStateSchema = z.enum(['ok', 'waiting', 'stale', 'not running']);

/**
 * What `/healthz` answers: 200 when every check is ok, waiting or not running; 503 when one is
 * failing or the heartbeat is stale.
 */
export const healthSchema = z.object({
  status: z.enum(['ok', 'failing']),
  checks: z.object({
    database: z.enum(['ok', 'failing']).describe('`select 1` against the database'),
    jobs: healthCheckStateSchema.describe(
      'The job queue (pg-boss) answers; `not running` if this process has none',
    ),
    heartbeat: heartbeatStateSchema.describe(
      "This process's workers run jobs: a ping enqueued every 30 s ran within the last 90 s",
    ),
  }),
  heartbeat: z
    .object({
      lastRunAt: z.iso.datetime().nullable().describe('When the last ping ran here; null until one has'),
      ageSeconds: z.number().nullable().describe('Seconds since then'),
      staleAfterSeconds: z.number(),
    })
    .optional()
    .describe('Present in processes that run workers'),
});
export type Health = z.infer<typeof healthSchema>;

/** The running Rollcall. */
export const versionSchema = z.object({
  name: z.literal('rollcall'),
  version: z.string().describe('The package version, e.g. 0.1.0'),
});
export type Version = z.infer<typeof versionSchema>;

/** Liveness and readiness in one: for load balancers and orchestrators, no session needed. */
export const healthEndpoint = defineEndpoint({
  method: 'GET',
  path: '/healthz',
  access: { public: true },
  summary: 'Health of the server, its database and its job queue (503 when a check fails)',
  tags: ['system'],
  response: healthSchema,
});

/**
 * Prometheus text format. Scrapers have no session, so it is public unless the `metrics.token`
 * setting is set; then it needs `Authorization: Bearer <token>`.
 */
export const metricsEndpoint = defineEndpoint({
  method: 'GET',
  path: '/metrics',
  access: { public: true },
  summary: 'Prometheus metrics: HTTP, jobs, sync, Microsoft calls and the process',
  tags: ['system'],
  response: z.string().describe('Prometheus text exposition format 0.0.4'),
});

/** This document, generated from the same contracts the server validates with. */
export const openApiEndpoint = defineEndpoint({
  method: 'GET',
  path: '/api/openapi.json',
  access: { public: true },
  summary: 'The OpenAPI 3.1 description of this API',
  tags: ['system'],
  response: z.record(z.string(), z.unknown()),
});

export const versionEndpoint = defineEndpoint({
  method: 'GET',
  path: '/api/version',
  access: { public: true },
  summary: 'Name and version of the running server',
  tags: ['system'],
  response: versionSchema,
});
