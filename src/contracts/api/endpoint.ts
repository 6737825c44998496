import type { z } from 'zod';
import type { Access, PermissionOrGrant } from '../permissions.js';

type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * One API endpoint's contract, shared by the server (validation, permission, OpenAPI) and the web
 * UI (typed calls, form validation). The server refuses to register an endpoint without `access`.
 */
export interface Endpoint<
  Params extends z.ZodType = z.ZodType,
  Query extends z.ZodType = z.ZodType,
  Body extends z.ZodType = z.ZodType,
  Response extends z.ZodType = z.ZodType,
> {
  method: HttpMethod;
  /** Fastify-style path: `/api/customers/:id`. */
  path: string;
  access: Access;
  /**
   * Narrows `access: { signedIn: 'agent' }` for endpoints more agents use than one permission's
   * holders (the permission, or a connection grant): checked with `access`, before the input is
   * read, and refused with 403.
   */
  alsoRequires?: PermissionOrGrant;
  summary: string;
  tags: string[];
  params?: Params;
  query?: Query;
  body?: Body;
  response: Response;
  /** 200 unless said otherwise (201 for creations, 202 for work queued, 204 without body). */
  status?: 200 | 201 | 202 | 204;
  /**
   * Largest request body in bytes, for the few endpoints whose body legitimately exceeds the
   * server's 1 MiB default (a whole import configuration of a partner with thousands of tenants).
   */
  bodyLimit?: number;
  /** State-changing requests need the CSRF header; only sign-in/first-run style endpoints opt out. */
  csrf?: boolean;
}

export function defineEndpoint<
  Params extends z.ZodType,
  Query extends z.ZodType,
  Body extends z.ZodType,
  Response extends z.ZodType,
>(endpoint: Endpoint<Params, Query, Body, Response>): Endpoint<Params, Query, Body, Response> {
  return endpoint;
}

export type EndpointParams<E> = E extends Endpoint<infer P> ? z.infer<P> : never;
export type EndpointQuery<E> = E extends Endpoint<z.ZodType, infer Q> ? z.infer<Q> : never;
export type EndpointBody<E> = E extends Endpoint<z.ZodType, z.ZodType, infer B> ? z.infer<B> : never;
export type EndpointResponse<E> =
  E extends Endpoint<z.ZodType, z.ZodType, z.ZodType, infer R> ? z.infer<R> : never;
