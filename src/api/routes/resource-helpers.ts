import type { FastifyInstance } from 'fastify';
import type { Endpoint } from '../../contracts/api/endpoint.js';
import { AlreadyExistsError, InvalidCursorError, type Page } from '../../store/index.js';
import type { ApiDeps } from '../deps.js';
import { ApiHttpError } from '../http/api-error.js';
import { registerEndpoint, type EndpointHandler } from '../http/register-endpoint.js';

/** Store errors a person can act on, as API errors naming the field. */
function translate(error: unknown): unknown {
  if (error instanceof AlreadyExistsError) {
    return new ApiHttpError('conflict', error.message, [{ field: error.field, message: error.message }]);
  }
  if (error instanceof InvalidCursorError) {
    return new ApiHttpError(
      'validation_failed',
      'The page cursor is not valid; start again from the first page.',
      [{ field: 'cursor', message: 'not a cursor of this list' }],
    );
  }
  return error;
}

/**
 * `registerEndpoint` for the resource modules, with the store's typed errors (duplicate names,
 * foreign cursors) answered as 409/400 naming the field instead of 500.
 */
export function endpointRegistrar(app: FastifyInstance, deps: Pick<ApiDeps, 'resolvePrincipal'>) {
  return <E extends Endpoint>(endpoint: E, handler: EndpointHandler<E>): void =>
    registerEndpoint(app, endpoint, deps.resolvePrincipal, async (ctx) => {
      try {
        return await handler(ctx);
      } catch (error) {
        throw translate(error);
      }
    });
}

/** 404 in the API's words. */
export function notFound(what: string): ApiHttpError {
  return new ApiHttpError('not_found', `No such ${what}.`);
}

/** A page of the store as a page of the API (`pageSchema`). */
export function toApiPage<T, R>(page: Page<T>, map: (item: T) => R, total: number | null = null) {
  return { items: page.items.map(map), nextCursor: page.nextCursor ?? null, total };
}

export function iso(date: Date): string {
  return date.toISOString();
}

export function isoOrNull(date: Date | null): string | null {
  return date ? date.toISOString() : null;
}

/** `changes` without the keys whose value is undefined (absent from a PATCH body). */
export function definedOnly<T extends object>(changes: T): { [K in keyof T]?: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined)) as never;
}
