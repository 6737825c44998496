import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { randomUUID } from 'node:crypto';
import { installErrorHandling } from './http/error-handler.js';

export interface CreateServerOptions {
  /** pino options or an instance; false in tests that assert nothing on logs. */
  logger?: FastifyServerOptions['logger'] | FastifyServerOptions['loggerInstance'];
  /**
   * Trust `X-Forwarded-For`/`-Proto` from a reverse proxy. Off by default: exposed directly, a
   * client could otherwise pick its own address and dodge per-address login limits.
   */
  trustProxy?: boolean;
  /** Registers the route modules; runs after the shared plugins. */
  routes: (app: FastifyInstance) => Promise<void> | void;
}

/** The Fastify app with zod validation, request ids, the one error shape and the contract registry. */
export async function createServer(options: CreateServerOptions): Promise<FastifyInstance> {
  const app = Fastify({
    ...(options.logger && typeof options.logger === 'object' && 'child' in options.logger
      ? { loggerInstance: options.logger as FastifyServerOptions['loggerInstance'] }
      : { logger: options.logger ?? false }),
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[\w-]{8,64}$/.test(given) ? given : randomUUID();
    },
    trustProxy: options.trustProxy ?? false,
  });
  app.decorate('endpoints', []);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
  installErrorHandling(app);
  await options.routes(app);
  return app;
}
