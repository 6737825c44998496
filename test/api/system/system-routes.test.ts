import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineEndpoint } from '../../../src/contracts/api/endpoint.js';
import { registerEndpoint } from '../../../src/api/http/register-endpoint.js';
import { microsoftObserver } from '../../../src/api/observability/metrics.js';
import { startTestApp, type TestApp } from '../../support/app.js';

/** A guarded, state-changing endpoint, so the document's security rules have something to show. */
const renameThing = defineEndpoint({
  method: 'POST',
  path: '/api/test-things/:id/name',
  access: { permission: 'customers.write' },
  summary: 'Rename a thing (test only)',
  tags: ['test'],
  params: z.object({ id: z.uuid() }),
  body: z.object({ name: z.string().min(1) }),
  response: z.object({ id: z.string(), name: z.string() }),
});

type OpenApi = {
  openapi: string;
  info: { title: string; version: string };
  components: { securitySchemes: Record<string, { type: string; in: string; name: string }> };
  paths: Record<string, Record<string, { description?: string; security?: unknown[]; responses: object }>>;
};

describe('system routes', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
    registerEndpoint(app.app, renameThing, app.deps.resolvePrincipal, ({ params, body }) => ({
      id: params.id,
      name: body.name,
    }));
  });
  afterAll(() => app.close());

  it('describes every registered endpoint in the OpenAPI 3.1 document, with who may call it', async () => {
    const res = await app.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json<OpenApi>();
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.info).toMatchObject({
      title: 'Rollcall API',
      version: expect.stringMatching(/^\d+\.\d+\.\d+/),
    });
    expect(app.app.endpoints.length).toBeGreaterThanOrEqual(5);
    for (const endpoint of app.app.endpoints) {
      const path = endpoint.path.replace(/:(\w+)/g, '{$1}');
      expect(doc.paths[path]?.[endpoint.method.toLowerCase()], `${endpoint.method} ${path}`).toBeDefined();
    }
    const rename = doc.paths['/api/test-things/{id}/name']!.post!;
    expect(rename.security).toEqual([{ session: [], csrf: [] }]);
    expect(rename.description).toContain('`customers.write`');
    expect(doc.paths['/api/version']!.get!.security).toEqual([]);
    expect(doc.components.securitySchemes.session).toMatchObject({ type: 'apiKey', in: 'cookie' });
    expect(doc.components.securitySchemes.csrf).toMatchObject({ in: 'header', name: 'x-csrf-token' });
    expect(JSON.stringify(doc.paths)).not.toContain('/*');
  });

  it('answers /api/version without a session', async () => {
    const res = await app.app.inject({ method: 'GET', url: '/api/version' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ name: 'rollcall', version: expect.stringMatching(/^\d+\.\d+\.\d+/) });
  });

  it('counts requests by route pattern and status on /metrics, with process and Microsoft metrics', async () => {
    const id = '6f1c0c4e-9a59-4f0e-8d7e-6a1f4f1d2b3c';
    await app.app.inject({ method: 'GET', url: '/api/version' });
    await app.app.inject({ method: 'POST', url: `/api/test-things/${id}/name`, payload: { name: 'x' } });
    await app.app.inject({ method: 'GET', url: '/api/no-such-thing/123' });
    microsoftObserver(app.deps.metrics).onResponse!({
      service: 'graph',
      method: 'GET',
      url: 'https://graph.microsoft.com/v1.0/users',
      attempt: 1,
      status: 429,
      durationMs: 120,
    });
    const res = await app.app.inject({ method: 'GET', url: '/metrics' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/plain');
    const text = res.body;
    expect(text).toMatch(
      /rollcall_http_requests_total\{method="GET",route="\/api\/version",status="200"\} [1-9]/,
    );
    expect(text).toContain(
      'rollcall_http_requests_total{method="POST",route="/api/test-things/:id/name",status="401"} 1',
    );
    expect(text).toContain('rollcall_http_requests_total{method="GET",route="unmatched",status="404"} 1');
    expect(text).not.toContain(id);
    expect(text).toMatch(
      /rollcall_http_request_duration_seconds_bucket\{le="0.005",method="GET",route="\/api\/version",status="200"\}/,
    );
    expect(text).toContain('rollcall_microsoft_requests_total{service="graph",status="429"} 1');
    expect(text).toContain('rollcall_microsoft_request_duration_seconds_count{service="graph"} 1');
    expect(text).toMatch(/^process_cpu_user_seconds_total \d/m);
    expect(text).toContain('# TYPE rollcall_jobs_total counter');
    expect(text).toContain('# TYPE rollcall_sync_runs_total counter');
  });

  it('sends security headers suited to the web app', async () => {
    const res = await app.app.inject({ method: 'GET', url: '/api/version' });
    expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
  });
});

describe('/metrics with metrics.token set', () => {
  const token = 'a-long-metrics-token-for-tests';
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ config: { metrics: { token } } });
  });
  afterAll(() => app.close());

  it('refuses scrapers without the bearer token and serves those with it', async () => {
    const missing = await app.app.inject({ method: 'GET', url: '/metrics' });
    expect(missing.statusCode).toBe(401);
    expect(missing.json()).toMatchObject({ code: 'unauthenticated' });
    expect(missing.headers['www-authenticate']).toContain('Bearer');
    const wrong = await app.app.inject({
      method: 'GET',
      url: '/metrics',
      headers: { authorization: 'Bearer nope' },
    });
    expect(wrong.statusCode).toBe(401);
    const right = await app.app.inject({
      method: 'GET',
      url: '/metrics',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(right.statusCode).toBe(200);
    expect(right.body).toContain('rollcall_http_requests_total');
  });
});
