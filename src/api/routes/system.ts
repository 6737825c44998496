import fastifySwagger from '@fastify/swagger';
import { sql } from 'drizzle-orm';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';
import { timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Endpoint } from '../../contracts/api/endpoint.js';
import {
  healthEndpoint,
  metricsEndpoint,
  openApiEndpoint,
  versionEndpoint,
  type Health,
} from '../../contracts/api/system.js';
import { PERMISSIONS } from '../../contracts/permissions.js';
import { SESSION_COOKIE } from '../auth/cookies.js';
import type { ApiDeps } from '../deps.js';
import { ApiHttpError } from '../http/api-error.js';
import { CSRF_HEADER, registerEndpoint } from '../http/register-endpoint.js';

/** A dependency slower than this counts as failing: orchestrators must not hang on /healthz. */
const HEALTH_CHECK_TIMEOUT_MS = 3000;
const SERVICE_UNAVAILABLE = 503;

/** The version of the running package (src/ and dist/ sit at the same depth below it). */
export function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as {
    version: string;
  };
  return pkg.version;
}

function accessText(endpoint: Endpoint): string {
  const { access } = endpoint;
  const who =
    'public' in access
      ? 'Public: no session needed.'
      : 'signedIn' in access
        ? `Any signed-in ${access.signedIn === 'any' ? 'account' : access.signedIn === 'agent' ? 'agent' : 'portal user'}.`
        : `Needs the \`${access.permission}\` permission (${PERMISSIONS[access.permission].label}).`;
  const rule = endpoint.alsoRequires;
  const narrowed = rule
    ? ` Also needs ${rule.permissions.map((p) => `\`${p}\``).join(' or ')} or a grant on a connection of kind \`${rule.orGrantOn}\`.`
    : '';
  const csrf = needsCsrf(endpoint)
    ? ` State-changing: send the session's CSRF token in \`${CSRF_HEADER}\`.`
    : '';
  return who + narrowed + csrf;
}

const needsCsrf = (endpoint: Endpoint) =>
  endpoint.method !== 'GET' && endpoint.csrf !== false && !('public' in endpoint.access);

/**
 * Registers @fastify/swagger so the OpenAPI document is built from every route's zod schemas;
 * must run before any route is registered. Each operation says who may call it (from its
 * contract's `access`) and which credentials it needs.
 */
export async function registerOpenApiDocument(app: FastifyInstance, options: { publicUrl?: string }) {
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Rollcall API',
        version: packageVersion(),
        description:
          'Every route validates its input and output with the contracts in src/contracts/api. Errors share ' +
          'one body: `{ code, message, errors?: [{ field, message }], requestId }`.',
      },
      ...(options.publicUrl ? { servers: [{ url: options.publicUrl }] } : {}),
      components: {
        securitySchemes: {
          session: {
            type: 'apiKey',
            in: 'cookie',
            name: SESSION_COOKIE,
            description: 'HTTP-only session cookie set by sign-in',
          },
          csrf: {
            type: 'apiKey',
            in: 'header',
            name: CSRF_HEADER,
            description: '`csrfToken` of the session (GET /api/auth/me)',
          },
        },
      },
    },
    transform: (input) => {
      const out = jsonSchemaTransform(input);
      const methods = [input.route.method].flat();
      const endpoint = app.endpoints.find((e) => e.path === input.url && methods.includes(e.method));
      if (!endpoint || (out.schema as { hide?: boolean }).hide) return out;
      const scheme: Record<string, string[]> = needsCsrf(endpoint)
        ? { session: [], csrf: [] }
        : { session: [] };
      const security = 'public' in endpoint.access ? [] : [scheme];
      return { ...out, schema: { ...out.schema, description: accessText(endpoint), security } };
    },
  });
}

async function probe(check: () => Promise<unknown>, log: FastifyRequest['log'], name: string) {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`no answer within ${HEALTH_CHECK_TIMEOUT_MS} ms`)),
      HEALTH_CHECK_TIMEOUT_MS,
    );
  });
  try {
    const result = await Promise.race([check(), timeout]);
    if (result === false) throw new Error('reported unhealthy');
    return 'ok' as const;
  } catch (err) {
    log.warn({ err, check: name }, `health check failed: ${name}`);
    return 'failing' as const;
  } finally {
    clearTimeout(timer);
  }
}

function bearerMatches(request: FastifyRequest, token: string): boolean {
  const given = Buffer.from(request.headers.authorization ?? '');
  const expected = Buffer.from(`Bearer ${token}`);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/**
 * `/healthz`, `/metrics`, `/api/openapi.json` and `/api/version`. The first two answer 503 and
 * plain text, which `registerEndpoint` (always the contract's status, JSON) cannot express: they
 * are plain Fastify routes, and their contracts are still pushed to `app.endpoints` so the
 * OpenAPI document and the route×role test see them.
 */
export function registerSystemRoutes(app: FastifyInstance, deps: ApiDeps): void {
  app.endpoints.push(healthEndpoint);
  app.route({
    method: 'GET',
    url: healthEndpoint.path,
    schema: {
      summary: healthEndpoint.summary,
      tags: healthEndpoint.tags,
      response: { 200: healthEndpoint.response, [SERVICE_UNAVAILABLE]: healthEndpoint.response },
    },
    handler: async (request, reply) => {
      const jobs = deps.jobs;
      const [database, jobsState] = await Promise.all([
        probe(() => deps.db.execute(sql`select 1`), request.log, 'database'),
        jobs ? probe(() => jobs.healthy(), request.log, 'jobs') : ('not running' as const),
      ]);
      // Only a process with workers has a heartbeat; one without stays healthy however idle the queue.
      const heartbeat = deps.heartbeat?.status();
      const failing = database === 'failing' || jobsState === 'failing' || heartbeat?.state === 'stale';
      const body: Health = {
        status: failing ? 'failing' : 'ok',
        checks: { database, jobs: jobsState, heartbeat: heartbeat?.state ?? 'not running' },
        ...(heartbeat
          ? {
              heartbeat: {
                lastRunAt: heartbeat.lastRunAt?.toISOString() ?? null,
                ageSeconds: heartbeat.ageSeconds,
                staleAfterSeconds: heartbeat.staleAfterSeconds,
              },
            }
          : {}),
      };
      if (heartbeat?.state === 'stale') {
        request.log.warn({ check: 'heartbeat', ...body.heartbeat }, 'health check failed: heartbeat');
      }
      return reply
        .status(failing ? SERVICE_UNAVAILABLE : 200)
        .header('cache-control', 'no-store')
        .send(body);
    },
  });

  app.endpoints.push(metricsEndpoint);
  app.route({
    method: 'GET',
    url: metricsEndpoint.path,
    schema: {
      summary: metricsEndpoint.summary,
      tags: metricsEndpoint.tags,
      response: {
        200: {
          description: 'Prometheus text',
          content: { 'text/plain': { schema: metricsEndpoint.response } },
        },
      },
    },
    handler: async (request, reply) => {
      const token = deps.config.metrics.token;
      if (token && !bearerMatches(request, token)) {
        throw new ApiHttpError(
          'unauthenticated',
          'Metrics need "Authorization: Bearer <token>" with the token of the metrics.token setting.',
          undefined,
          { 'www-authenticate': 'Bearer realm="rollcall-metrics"' },
        );
      }
      const text = await deps.metrics.render();
      return reply.type(deps.metrics.contentType).header('cache-control', 'no-store').send(text);
    },
  });

  registerEndpoint(
    app,
    openApiEndpoint,
    deps.resolvePrincipal,
    () => app.swagger() as Record<string, unknown>,
  );
  const version = packageVersion();
  registerEndpoint(app, versionEndpoint, deps.resolvePrincipal, () => ({
    name: 'rollcall' as const,
    version,
  }));
}
