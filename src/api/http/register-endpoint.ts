import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { Endpoint } from '../../contracts/api/endpoint.js';
import { apiErrorSchema } from '../../contracts/api/errors.js';
import {
  passesPermissionOrGrant,
  permissionsInWords,
  type ConnectionKind,
} from '../../contracts/permissions.js';
import { hasPermission, type Principal, type PrincipalResolver } from '../auth/principal.js';
import { ApiHttpError } from './api-error.js';

export const CSRF_HEADER = 'x-csrf-token';

export interface EndpointContext<E extends Endpoint> {
  params: z.infer<NonNullable<E['params']>>;
  query: z.infer<NonNullable<E['query']>>;
  body: z.infer<NonNullable<E['body']>>;
  /** Null only on public endpoints. */
  principal: Principal | null;
  request: FastifyRequest;
  reply: FastifyReply;
}

export type EndpointHandler<E extends Endpoint> = (
  ctx: EndpointContext<E>,
) => Promise<z.input<E['response']>> | z.input<E['response']>;

const ERROR_RESPONSES = {
  400: apiErrorSchema,
  401: apiErrorSchema,
  403: apiErrorSchema,
  404: apiErrorSchema,
  409: apiErrorSchema,
};

const CONNECTION_KIND_WORDS: Record<ConnectionKind, string> = { entra: 'Microsoft Entra', csp: 'CSP' };

/** What `passesPermissionOrGrant` needs to know of a principal. */
function grantHolder(principal: Principal) {
  return {
    kind: principal.kind,
    permissions: principal.permissions,
    grantKinds: [...principal.connectionGrants.values()].map((grant) => grant.kind),
  };
}

async function authorize(endpoint: Endpoint, request: FastifyRequest, resolve: PrincipalResolver) {
  const { access } = endpoint;
  const principal = await resolve(request);
  if ('public' in access) return principal;
  if (!principal) throw new ApiHttpError('unauthenticated', 'Sign in to continue.');
  if ('signedIn' in access) {
    if (access.signedIn !== 'any' && principal.kind !== access.signedIn) {
      throw new ApiHttpError(
        'forbidden',
        `This is only for ${access.signedIn === 'agent' ? 'agents' : 'portal users'}.`,
      );
    }
  } else if (!hasPermission(principal, access.permission)) {
    throw new ApiHttpError(
      'forbidden',
      `You need the "${access.permission}" permission for this. Ask an administrator.`,
    );
  }
  const rule = endpoint.alsoRequires;
  if (rule && !passesPermissionOrGrant(rule, grantHolder(principal))) {
    throw new ApiHttpError(
      'forbidden',
      `You need the ${permissionsInWords(rule)} permission or access to a ${CONNECTION_KIND_WORDS[rule.orGrantOn]} connection for this. Ask an administrator.`,
    );
  }
  const changesState = endpoint.method !== 'GET';
  if (changesState && endpoint.csrf !== false && request.headers[CSRF_HEADER] !== principal.csrfToken) {
    throw new ApiHttpError(
      'csrf_failed',
      'The request is missing its CSRF token; reload the page and try again.',
    );
  }
  return principal;
}

/**
 * Registers one contract as a Fastify route: zod validation of params/query/body and response,
 * the endpoint's access rule (and CSRF for state-changing requests) before the handler, and the
 * contract in the OpenAPI document. Every route of the API goes through here.
 */
export function registerEndpoint<E extends Endpoint>(
  app: FastifyInstance,
  endpoint: E,
  resolvePrincipal: PrincipalResolver,
  handler: EndpointHandler<E>,
): void {
  app.endpoints.push(endpoint);
  const status = endpoint.status ?? 200;
  const principals = new WeakMap<FastifyRequest, Principal | null>();
  // The contract types the handler; Fastify only needs the schemas (the zod compilers validate).
  app.route({
    method: endpoint.method,
    url: endpoint.path,
    ...(endpoint.bodyLimit ? { bodyLimit: endpoint.bodyLimit } : {}),
    schema: {
      summary: endpoint.summary,
      tags: endpoint.tags,
      ...(endpoint.params ? { params: endpoint.params } : {}),
      ...(endpoint.query ? { querystring: endpoint.query } : {}),
      ...(endpoint.body ? { body: endpoint.body } : {}),
      response: { [status]: endpoint.response, ...ERROR_RESPONSES },
    },
    // Access and CSRF before validation: a stranger learns nothing about an endpoint's input.
    preValidation: async (request) => {
      principals.set(request, await authorize(endpoint, request, resolvePrincipal));
    },
    handler: async (request, reply) => {
      const principal = principals.get(request) ?? null;
      const result = await handler({
        params: request.params as never,
        query: request.query as never,
        body: request.body as never,
        principal,
        request,
        reply,
      });
      reply.status(status);
      return status === 204 ? reply.send(undefined) : result;
    },
  });
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Every contract registered, for the OpenAPI document and the route×role test. */
    endpoints: Endpoint[];
  }
}
