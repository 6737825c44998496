import { randomUUID } from 'node:crypto';
import { graphError } from '../graph/respond.js';
import { tokenError } from '../identity/token-error.js';
import { pcError, pcThrottled } from '../partner-center/respond.js';
import type { EmuRequest, EmuResponse, Service } from './types.js';

const defaultGraphCodes: Record<number, [string, string]> = {
  429: ['TooManyRequests', 'Please retry again later.'],
  500: ['generalException', 'An unexpected error occurred.'],
  502: ['badGateway', 'The server, while acting as a proxy, received an invalid response.'],
  503: ['serviceNotAvailable', 'The service is temporarily unavailable. Please try again later.'],
  504: ['gatewayTimeout', 'The server, while acting as a proxy, did not receive a timely response.'],
  507: ['insufficientStorage', 'The maximum storage quota has been reached.'],
};

/** An injected or internal error in the envelope of the service the route belongs to. */
export function serviceError(
  service: Service,
  req: EmuRequest,
  status: number,
  opts: {
    retryAfterSeconds?: number;
    code?: string;
    message?: string;
    headers?: Record<string, string>;
  } = {},
): EmuResponse {
  const headers: Record<string, string> = { ...(opts.headers ?? {}) };
  if (opts.retryAfterSeconds !== undefined) headers['retry-after'] = String(opts.retryAfterSeconds);
  if (service === 'graph') {
    const [code, message] = defaultGraphCodes[status] ?? ['UnknownError', 'An error occurred.'];
    const res = graphError(req, status, opts.code ?? code, opts.message ?? message, undefined, headers);
    if (status === 429) {
      // Graph's documented 429 sample carries its own innerError fields.
      const inner = (res.body as { error: { innerError: Record<string, unknown> } }).error.innerError;
      Object.assign(inner, { code: '429', message: 'Please retry after', status: '429' });
    }
    return res;
  }
  if (service === 'partnercenter') {
    if (status === 429) return pcThrottled(opts.retryAfterSeconds ?? 60);
    return pcError(status, opts.code ?? status, opts.message ?? 'An unexpected error occurred.', [], headers);
  }
  if (service === 'identity') {
    const res = tokenError({
      status,
      error: opts.code ?? (status >= 500 ? 'temporarily_unavailable' : 'invalid_request'),
      aadsts: status === 429 ? 90055 : 500000,
      description:
        opts.message ??
        (status === 429
          ? 'TenantThrottlingError: There are too many requests.'
          : 'An internal error occurred.'),
    });
    return { ...res, headers: { ...res.headers, ...headers } };
  }
  return {
    status,
    headers: { 'content-type': 'application/json', ...headers },
    body: { error: opts.message ?? `error ${status}` },
  };
}

/** Headers every response of a service carries (ProxyUtils.BuildGraphResponseHeaders and PCSDK headers.md). */
export function serviceHeaders(service: Service, req: EmuRequest): Record<string, string> {
  const requestId = randomUUID();
  if (service === 'graph') {
    return {
      'request-id': requestId,
      'client-request-id': req.headers['client-request-id'] ?? requestId,
      'x-ms-ags-diagnostic': JSON.stringify({
        ServerInfo: {
          DataCenter: 'Emulator',
          Slice: 'E',
          Ring: '0',
          ScaleUnit: '000',
          RoleInstance: 'EMU000000000',
          ADSiteName: 'EMU',
        },
      }),
      'cache-control': 'no-store',
      'odata-version': '4.0',
    };
  }
  if (service === 'partnercenter') {
    return {
      'ms-correlationid': req.headers['ms-correlationid'] ?? randomUUID(),
      'ms-requestid': req.headers['ms-requestid'] ?? requestId,
      'ms-cv': `${requestId.slice(0, 22)}.0`,
      'ms-serverid': 'emulator',
    };
  }
  if (service === 'identity') {
    return { 'x-ms-request-id': requestId, 'cache-control': 'no-store, no-cache', pragma: 'no-cache' };
  }
  return {};
}
