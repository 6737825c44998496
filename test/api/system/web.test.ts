import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../support/app.js';

/** The shape of Vite's multi-page build: console, portal and hashed assets. */
async function fakeWebBuild(): Promise<string> {
  const dist = await mkdtemp(join(tmpdir(), 'rollcall-web-dist-'));
  await mkdir(join(dist, 'portal'));
  await mkdir(join(dist, 'assets'));
  await writeFile(join(dist, 'index.html'), '<!doctype html><title>console page</title>');
  await writeFile(join(dist, 'portal', 'index.html'), '<!doctype html><title>portal page</title>');
  await writeFile(join(dist, 'assets', 'console-1a2b3c.js'), 'console.log("console bundle");');
  return dist;
}

describe('web app serving', () => {
  let dist: string;
  let app: TestApp;
  beforeAll(async () => {
    dist = await fakeWebBuild();
    app = await startTestApp({ webDistDir: dist });
  });
  afterAll(async () => {
    await app.close();
    await rm(dist, { recursive: true, force: true });
  });

  const get = (url: string) => app.app.inject({ method: 'GET', url });

  it('serves the console for / and any deep link outside /portal', async () => {
    for (const url of ['/', '/customers', '/customers/6f1c0c4e-9a59-4f0e-8d7e-6a1f4f1d2b3c?tab=users']) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(200);
      expect(res.body, url).toContain('console page');
      expect(res.headers['content-type']).toContain('text/html');
      expect(res.headers['cache-control']).toBe('no-cache');
    }
  });

  it('serves the portal for /portal and its deep links', async () => {
    for (const url of ['/portal', '/portal/', '/portal/requests/42']) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(200);
      expect(res.body, url).toContain('portal page');
    }
  });

  it('serves hashed assets with a long cache, and 404s missing files instead of a page', async () => {
    const asset = await get('/assets/console-1a2b3c.js');
    expect(asset.statusCode).toBe(200);
    expect(asset.body).toContain('console bundle');
    expect(asset.headers['cache-control']).toContain('immutable');
    const missing = await get('/assets/gone-000000.js');
    expect(missing.statusCode).toBe(404);
    expect(missing.body).not.toContain('console page');
  });

  it('never falls back for /api: unknown API paths get the JSON 404', async () => {
    for (const url of ['/api/nothing-here', '/api', '/api/customers/x/y']) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(404);
      expect(res.json(), url).toMatchObject({ code: 'not_found', requestId: expect.any(String) });
    }
    const post = await app.app.inject({ method: 'POST', url: '/api/nothing-here', payload: {} });
    expect(post.statusCode).toBe(404);
    expect(post.json()).toMatchObject({ code: 'not_found' });
  });

  it('refuses to serve files outside the build folder', async () => {
    const res = await get('/..%2f..%2f..%2fetc%2fpasswd.txt');
    expect([403, 404]).toContain(res.statusCode);
    expect(res.body).not.toContain('root:');
  });

  it('marks pages with a CSP that forbids framing and foreign scripts', async () => {
    const res = await get('/');
    const csp = res.headers['content-security-policy'] as string;
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("object-src 'none'");
    expect(res.headers['x-frame-options']).toBe('DENY');
  });
});

describe('web app not built', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ webDistDir: join(tmpdir(), 'rollcall-no-such-web-dist') });
  });
  afterAll(() => app.close());

  it('answers pages with a short explanation of how to build it, and keeps the API working', async () => {
    const page = await app.app.inject({ method: 'GET', url: '/' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.body).toContain('npm run build');
    const api = await app.app.inject({ method: 'GET', url: '/api/version' });
    expect(api.statusCode).toBe(200);
  });
});
