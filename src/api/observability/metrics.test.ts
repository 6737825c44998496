import { register as globalRegistry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { createMetrics, microsoftObserver } from './metrics.js';

describe('createMetrics', () => {
  it('keeps each app in its own registry, never the global one', async () => {
    const first = createMetrics({ processMetrics: false });
    const second = createMetrics({ processMetrics: false });
    first.jobs.total.inc({ name: 'system.ping', state: 'completed' });
    expect(await first.render()).toContain('rollcall_jobs_total{name="system.ping",state="completed"} 1');
    expect(await second.render()).not.toContain('name="system.ping"');
    expect(await globalRegistry.metrics()).not.toContain('rollcall_');
  });

  it('exposes the sync and job metrics later parts record into', async () => {
    const metrics = createMetrics({ processMetrics: false });
    metrics.sync.runs.inc({ module: 'users', outcome: 'succeeded' });
    metrics.sync.changes.inc({ module: 'users', change: 'created' }, 3);
    metrics.jobs.duration.observe({ name: 'sync.tenant-users', state: 'failed' }, 2);
    const text = await metrics.render();
    expect(text).toContain('rollcall_sync_runs_total{module="users",outcome="succeeded"} 1');
    expect(text).toContain('rollcall_sync_changes_total{module="users",change="created"} 3');
    expect(text).toContain('rollcall_job_duration_seconds_sum{name="sync.tenant-users",state="failed"} 2');
  });
});

describe('microsoftObserver', () => {
  it('counts every attempt by service and status (network failures too) and times them', async () => {
    const metrics = createMetrics({ processMetrics: false });
    const observer = microsoftObserver(metrics);
    const call = {
      service: 'graph' as const,
      method: 'GET',
      url: 'https://graph.microsoft.com/v1.0/users',
      attempt: 1,
    };
    observer.onResponse!({ ...call, status: 200, durationMs: 80 });
    observer.onResponse!({ ...call, status: 200, durationMs: 120 });
    observer.onResponse!({ ...call, service: 'identity', durationMs: 5000, errorCode: 'network' });
    const text = await metrics.render();
    expect(text).toContain('rollcall_microsoft_requests_total{service="graph",status="200"} 2');
    expect(text).toContain('rollcall_microsoft_requests_total{service="identity",status="network_error"} 1');
    expect(text).toContain('rollcall_microsoft_request_duration_seconds_sum{service="graph"} 0.2');
  });
});
