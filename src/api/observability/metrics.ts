import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';
import type { HttpObserver } from '../../microsoft/index.js';

/** Request durations worth telling apart, in seconds: API calls should sit in the low buckets. */
const HTTP_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
/** Jobs run from milliseconds (a no-op) to many minutes (a full sync of a large tenant). */
const JOB_BUCKETS = [0.05, 0.25, 1, 5, 15, 60, 300, 900, 3600];
/** Microsoft answers in tens of milliseconds to tens of seconds (large pages, throttling). */
const MICROSOFT_BUCKETS = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

/**
 * Every metric Rollcall exposes on `/metrics`, in a registry of its own (never prom-client's
 * global one, so two apps in one process — tests — do not share counters). Later parts record
 * into these: the HTTP hook here, the job runtime, sync runs, and Microsoft calls through
 * {@link microsoftObserver}.
 */
export interface Metrics {
  registry: Registry;
  http: {
    requests: Counter<'method' | 'route' | 'status'>;
    duration: Histogram<'method' | 'route' | 'status'>;
  };
  jobs: {
    /** `state`: completed, failed (no attempts left), retry (failed, another attempt scheduled). */
    total: Counter<'name' | 'state'>;
    duration: Histogram<'name' | 'state'>;
  };
  sync: {
    /** `outcome`: succeeded, failed, resynced (delta token expired). */
    runs: Counter<'module' | 'outcome'>;
    /** `change`: created, updated, deleted. */
    changes: Counter<'module' | 'change'>;
  };
  microsoft: {
    /** One per attempt (retries count); `status` is the HTTP status or `network_error`. */
    requests: Counter<'service' | 'status'>;
    duration: Histogram<'service'>;
  };
  /** The Prometheus text exposition of every metric. */
  render(): Promise<string>;
  contentType: string;
}

export interface CreateMetricsOptions {
  /** CPU, memory, event loop and GC metrics of this process (prom-client's defaults). */
  processMetrics?: boolean;
}

/** A fresh set of Rollcall metrics in its own registry. */
export function createMetrics(options: CreateMetricsOptions = {}): Metrics {
  const registry = new Registry();
  if (options.processMetrics !== false) collectDefaultMetrics({ register: registry });
  const registers = [registry];
  return {
    registry,
    http: {
      requests: new Counter({
        name: 'rollcall_http_requests_total',
        help: 'HTTP requests answered, by method, route pattern and status',
        labelNames: ['method', 'route', 'status'],
        registers,
      }),
      duration: new Histogram({
        name: 'rollcall_http_request_duration_seconds',
        help: 'Time to answer HTTP requests, by method, route pattern and status',
        labelNames: ['method', 'route', 'status'],
        buckets: HTTP_BUCKETS,
        registers,
      }),
    },
    jobs: {
      total: new Counter({
        name: 'rollcall_jobs_total',
        help: 'Jobs finished, by job name and final state',
        labelNames: ['name', 'state'],
        registers,
      }),
      duration: new Histogram({
        name: 'rollcall_job_duration_seconds',
        help: 'Time jobs ran, by job name and final state',
        labelNames: ['name', 'state'],
        buckets: JOB_BUCKETS,
        registers,
      }),
    },
    sync: {
      runs: new Counter({
        name: 'rollcall_sync_runs_total',
        help: 'Sync runs finished, by module and outcome',
        labelNames: ['module', 'outcome'],
        registers,
      }),
      changes: new Counter({
        name: 'rollcall_sync_changes_total',
        help: 'Desk records changed by sync, by module and kind of change',
        labelNames: ['module', 'change'],
        registers,
      }),
    },
    microsoft: {
      requests: new Counter({
        name: 'rollcall_microsoft_requests_total',
        help: 'Requests to Microsoft (identity platform, Graph, Partner Center), by service and status',
        labelNames: ['service', 'status'],
        registers,
      }),
      duration: new Histogram({
        name: 'rollcall_microsoft_request_duration_seconds',
        help: 'Time Microsoft took to answer, by service',
        labelNames: ['service'],
        buckets: MICROSOFT_BUCKETS,
        registers,
      }),
    },
    render: () => registry.metrics(),
    contentType: registry.contentType,
  };
}

const MS_PER_SECOND = 1000;

/**
 * The `HttpObserver` of `src/microsoft` that records every attempt into `metrics`: pass it as
 * `observer` when creating Microsoft clients. Never throws (the client's contract).
 */
export function microsoftObserver(metrics: Metrics): HttpObserver {
  return {
    onResponse(info) {
      try {
        const status = info.status === undefined ? 'network_error' : String(info.status);
        metrics.microsoft.requests.inc({ service: info.service, status });
        metrics.microsoft.duration.observe({ service: info.service }, info.durationMs / MS_PER_SECOND);
      } catch {
        // A metric must never break a call to Microsoft.
      }
    },
  };
}
