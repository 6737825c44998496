import type { EmulatorContext } from '../context.js';
import { graphError } from '../graph/respond.js';
import { serviceError, serviceHeaders } from './service-responses.js';
import type { EmuRequest, EmuResponse, RouteMeta, Service } from './types.js';

/** A response plus a socket-level fault the transport must act out (only outside `$batch`). */
export type PipelineResponse = EmuResponse & { socketFault?: 'reset' | 'truncate' };

/** `/users/microsoft.graph.delta()` is the long form SDKs use for `/users/delta`. */
export function normalisePath(pathname: string): string {
  return pathname.replace(/\/microsoft\.graph\.delta(\(\))?(?=\/|$)/i, '/delta');
}

function serviceOfPath(pathname: string): Service {
  if (/^\/(v1\.0|beta)(\/|$)/i.test(pathname)) return 'graph';
  if (/^\/partnercenter(\/|$)/i.test(pathname)) return 'partnercenter';
  if (/^\/_emulator(\/|$)/i.test(pathname)) return 'admin';
  return 'identity';
}

/** Reads `tid`/`appid` from a bearer token without verifying it: only to key counters and faults. */
function peekToken(authorization: string | undefined): { tid: string | null; appid: string | null } {
  const token = authorization?.replace(/^Bearer\s+/i, '');
  const payload = token?.split('.')[1];
  if (!payload) return { tid: null, appid: null };
  try {
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
    return {
      tid: typeof claims.tid === 'string' ? claims.tid : null,
      appid:
        typeof claims.appid === 'string' ? claims.appid : typeof claims.azp === 'string' ? claims.azp : null,
    };
  } catch {
    return { tid: null, appid: null };
  }
}

function callerOf(req: EmuRequest, meta: RouteMeta, params: Record<string, string>) {
  if (meta.service === 'identity') {
    const form =
      req.method === 'POST' ? new URLSearchParams(req.body.toString('utf8')) : req.url.searchParams;
    return { tenantId: params.tenant ?? null, appId: form.get('client_id') };
  }
  if (meta.service === 'admin') return { tenantId: null, appId: null };
  const { tid, appid } = peekToken(req.headers.authorization);
  return { tenantId: tid, appId: appid };
}

const THROTTLE_WARNING_SHARE = 0.8;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface Pipeline {
  handle(req: EmuRequest): Promise<PipelineResponse>;
}

export function createPipeline(ctx: EmulatorContext): Pipeline {
  return {
    async handle(req) {
      const pathname = normalisePath(req.url.pathname.replace(/%24/gi, '$'));
      const found = ctx.router.find(req.method, pathname);
      if (!found) {
        const service = serviceOfPath(pathname);
        if (service === 'graph') {
          const segment = pathname.split('/').filter(Boolean).at(-1) ?? '';
          return withHeaders(
            service,
            req,
            graphError(req, 400, 'BadRequest', `Resource not found for the segment '${segment}'.`),
          );
        }
        return withHeaders(
          service,
          req,
          serviceError(service, req, 404, {
            code: 'NotFound',
            message: `No route ${req.method} ${pathname}`,
          }),
        );
      }
      const { meta, params, handler } = found;
      const { tenantId, appId } = callerOf(req, meta, params);
      ctx.counters.increment({ service: meta.service, route: meta.name, method: req.method, tenantId });

      const inBatch = req.inBatch ?? false;
      const action = ctx.faults.match({
        service: meta.service,
        route: meta.name,
        method: req.method,
        tenantId,
        appId,
        inBatch,
      });
      if (action?.type === 'latency') await sleep(action.ms);
      if (action?.type === 'status') {
        return withHeaders(meta.service, req, serviceError(meta.service, req, action.status, action));
      }
      if (action?.type === 'reset' || action?.type === 'truncate') {
        if (inBatch) return withHeaders(meta.service, req, serviceError(meta.service, req, 503, {}));
        return { status: 200, socketFault: action.type };
      }

      let resourceUnits: number | undefined;
      let usedShare = 0;
      if (meta.service === 'graph' || meta.service === 'partnercenter') {
        const decision = ctx.throttle.current.charge({
          service: meta.service,
          route: meta.name,
          method: req.method,
          tenantId,
          appId,
          query: req.url.searchParams,
        });
        resourceUnits = decision.resourceUnits;
        if (!decision.throttled) usedShare = decision.usedShare;
        if (decision.throttled) {
          return withHeaders(
            meta.service,
            req,
            serviceError(meta.service, req, 429, {
              retryAfterSeconds: decision.retryAfterSeconds,
              headers: {
                'x-ms-throttle-scope': decision.scope,
                'x-ms-throttle-information': decision.information,
                'x-ms-resource-unit': String(resourceUnits),
              },
            }),
          );
        }
      }

      let res: EmuResponse;
      try {
        res = await handler(req, params);
      } catch (err) {
        if (err instanceof SyntaxError) {
          res = serviceError(meta.service, req, 400, {
            code: meta.service === 'graph' ? 'BadRequest' : 'invalid_request',
            message:
              'Unable to read JSON request payload. Please ensure Content-Type header is set and payload is of valid JSON format.',
          });
        } else {
          console.error(`[emulator] ${req.method} ${pathname} failed:`, err);
          res = serviceError(meta.service, req, 500, {});
        }
      }
      const out = withHeaders(meta.service, req, res);
      if (meta.service === 'graph' && resourceUnits !== undefined)
        out.headers!['x-ms-resource-unit'] = String(resourceUnits);
      // Graph sends the share of the limit used only once it is above 80 % (throttling-limits).
      if (meta.service === 'graph' && usedShare > THROTTLE_WARNING_SHARE) {
        out.headers!['x-ms-throttle-limit-percentage'] = usedShare.toFixed(1);
      }
      if (meta.service === 'partnercenter' && ctx.behaviour.partnerCenter.bom && isJsonBody(out.body)) {
        out.body = `\uFEFF${JSON.stringify(out.body)}`;
      }
      return out;
    },
  };
}

function isJsonBody(body: unknown): boolean {
  return body !== undefined && typeof body !== 'string' && !Buffer.isBuffer(body);
}

function withHeaders(service: Service, req: EmuRequest, res: EmuResponse): PipelineResponse {
  return { ...res, headers: { ...serviceHeaders(service, req), ...(res.headers ?? {}) } };
}
