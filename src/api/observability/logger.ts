import type { FastifyRequest } from 'fastify';
import { pino, stdSerializers, type DestinationStream, type Logger } from 'pino';
import type { ServerConfig } from '../../contracts/config.js';
import { redactDeep, redactUrlQuery } from './redact.js';

export interface CreateLoggerOptions {
  level: ServerConfig['logLevel'];
  /** Where JSON lines go; stdout by default. Tests pass a stream to read what was logged. */
  destination?: DestinationStream;
}

/** What Fastify logs about a request: never its headers or body, and no credentials in the URL. */
function requestSerializer(request: FastifyRequest) {
  return {
    method: request.method,
    url: redactUrlQuery(request.url),
    host: request.host,
    remoteAddress: request.ip,
  };
}

/**
 * Rollcall's structured logger: pino JSON lines, one per event, with Fastify's request id
 * (`reqId`) on every line logged during a request. Secrets are redacted wherever they sit in a
 * logged object (see `redactDeep`), including inside serialized errors.
 */
export function createLogger(options: CreateLoggerOptions): Logger {
  return pino(
    {
      level: options.level,
      base: { service: 'rollcall' },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: {
        level: (label) => ({ level: label }),
        log: (object) => redactDeep(object),
      },
      serializers: {
        req: requestSerializer,
        // The serialized error has a prototype, so it is spread into a plain object to be walked.
        err: (error: Error) => redactDeep({ ...stdSerializers.err(error) }),
      },
    },
    options.destination ?? process.stdout,
  );
}
