import type { FastifyInstance } from 'fastify';
import type { ApiDeps } from '../deps.js';

/** Every route module of the API, one file per resource. */
export async function registerApiRoutes(app: FastifyInstance, deps: ApiDeps): Promise<void> {
  void app;
  void deps;
}
