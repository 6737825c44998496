import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { stat } from 'node:fs/promises';
import { join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The Vite build of `web/` (console at `index.html`, portal at `portal/index.html`). */
export const DEFAULT_WEB_DIST_DIR = fileURLToPath(new URL('../../web/dist', import.meta.url));

const CONSOLE_PAGE = 'index.html';
const PORTAL_PAGE = 'portal/index.html';
/** Vite's output folder for hashed files, which can therefore be cached for good. */
const ASSETS_FOLDER = 'assets';
const ONE_YEAR_SECONDS = 31_536_000;

const NOT_BUILT_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Rollcall</title></head>
<body><h1>Rollcall is running, but its web app is not built</h1>
<p>The API works (see <a href="/api/openapi.json">/api/openapi.json</a> and <a href="/healthz">/healthz</a>).
To get the console, run <code>npm run build</code> in the Rollcall folder and reload this page.</p>
</body></html>
`;

export interface WebAppOptions {
  /** Absolute path of the built web app; {@link DEFAULT_WEB_DIST_DIR} in production. */
  distDir: string;
}

export interface SecurityHeaderOptions {
  /** Microsoft's sign-in host: the only other place a form may lead (SSO). */
  authorityHost: string;
  /** Set when Rollcall is reached over HTTPS: browsers then refuse plain HTTP for it. */
  https: boolean;
}

function contentSecurityPolicy(authorityHost: string): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    // Component libraries set inline styles; scripts stay strictly same-origin.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    `form-action 'self' ${new URL(authorityHost).origin}`,
    "frame-ancestors 'none'",
  ].join('; ');
}

/** Hardening headers on every answer: CSP for the React app, no sniffing, no framing, no referrer. */
export function installSecurityHeaders(app: FastifyInstance, options: SecurityHeaderOptions): void {
  const headers: Record<string, string> = {
    'content-security-policy': contentSecurityPolicy(options.authorityHost),
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'x-frame-options': 'DENY',
    'cross-origin-opener-policy': 'same-origin',
    ...(options.https ? { 'strict-transport-security': `max-age=${ONE_YEAR_SECONDS}` } : {}),
  };
  app.addHook('onSend', async (_request, reply) => {
    reply.headers(headers);
  });
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

const isApiPath = (path: string) => path === '/api' || path.startsWith('/api/');
const isPortalPath = (path: string) => path === '/portal' || path.startsWith('/portal/');
/** A last segment with a dot names a file (`/assets/app-1a2b.js`, `/favicon.ico`), never a page. */
const isFilePath = (path: string) => (path.split('/').pop() ?? '').includes('.');

/**
 * Serves the built web app: files as they are, and every other GET as a single-page-app page —
 * the portal's under `/portal`, the console's elsewhere — so deep links work. `/api/*` never
 * falls back: unknown API paths get the JSON 404. Without a build, pages explain how to make one.
 */
export async function registerWebApp(app: FastifyInstance, options: WebAppOptions): Promise<void> {
  const assetsFolder = join(options.distDir, ASSETS_FOLDER) + sep;
  await app.register(fastifyStatic, {
    root: options.distDir,
    serve: false,
    cacheControl: false,
    setHeaders: (res, path) => {
      const immutable = path.startsWith(assetsFolder);
      res.setHeader(
        'cache-control',
        immutable ? `public, max-age=${ONE_YEAR_SECONDS}, immutable` : 'no-cache',
      );
    },
  });
  app.route({
    method: ['GET', 'HEAD'],
    url: '/*',
    schema: { hide: true },
    handler: async (request, reply) => {
      const path = request.url.split('?')[0] ?? '/';
      if (isApiPath(path)) return reply.callNotFound();
      if (isFilePath(path)) return reply.sendFile(path);
      const page = isPortalPath(path) ? PORTAL_PAGE : CONSOLE_PAGE;
      if (!(await exists(join(options.distDir, page)))) {
        return reply
          .type('text/html; charset=utf-8')
          .header('cache-control', 'no-cache')
          .send(NOT_BUILT_PAGE);
      }
      return reply.sendFile(page);
    },
  });
}
