import { errorCatalogue, isCatalogued, type MicrosoftErrorCode } from './catalogue.js';
import { graphCatalogue, graphRefinements } from './graph-catalogue.js';
import { MicrosoftError } from './microsoft-error.js';
import type { ClientFailureCode, MicrosoftFailure } from './types.js';

const graphCodesByLowerCase = new Map(
  Object.keys(graphCatalogue).map((code) => [code.toLowerCase(), code as MicrosoftErrorCode]),
);

/** MSAL errors are recognised by shape so this module does not depend on MSAL's classes. */
interface MsalLikeError extends Error {
  name: string;
  errorCode: string;
  errorMessage?: string;
  errorNo?: string | number;
  status?: number;
}

function isMsalLike(err: unknown): err is MsalLikeError {
  return (
    err instanceof Error &&
    typeof (err as Partial<MsalLikeError>).errorCode === 'string' &&
    /AuthError|ServerError|ConfigurationError/.test(err.name)
  );
}

function isFailure(err: unknown): err is MicrosoftFailure {
  return (
    typeof err === 'object' &&
    err !== null &&
    !(err instanceof Error) &&
    typeof (err as Partial<MicrosoftFailure>).service === 'string'
  );
}

/** MSAL puts the description between "Description: " and " - Correlation ID:". */
function msalDescription(message: string | undefined): string | undefined {
  const match = message?.match(/Description: ([\s\S]*?)(?: - Correlation ID:|$)/);
  return (match?.[1] ?? message)?.trim() || undefined;
}

const msalClientCodes: Record<string, ClientFailureCode> = {
  network_error: 'NetworkError',
  token_parsing_error: 'MalformedResponse',
  openid_config_error: 'Configuration',
  endpoints_resolution_error: 'Configuration',
};

function failureFromMsal(err: MsalLikeError): MicrosoftFailure {
  if (err.name === 'ServerError' || err.name === 'InteractionRequiredAuthError') {
    const fromMessage = err.errorMessage?.match(/AADSTS(\d+)/)?.[1];
    const number = Number(err.errorNo || fromMessage);
    return {
      service: 'identity',
      status: err.status,
      microsoftCode: err.errorCode || undefined,
      aadsts: Number.isFinite(number) && number > 0 ? number : undefined,
      message: msalDescription(err.errorMessage),
      cause: err,
    };
  }
  const clientCode: ClientFailureCode = err.name.includes('Configuration')
    ? 'Configuration'
    : (msalClientCodes[err.errorCode] ?? 'Unknown');
  return { service: 'client', clientCode, message: err.errorMessage ?? err.message, cause: err };
}

function failureFromThrown(err: unknown): MicrosoftFailure {
  const name = err instanceof Error ? err.name : '';
  const message = err instanceof Error ? err.message : String(err);
  if (name === 'TimeoutError' || name === 'AbortError') {
    return { service: 'client', clientCode: 'Timeout', message, cause: err };
  }
  if (name === 'SyntaxError')
    return { service: 'client', clientCode: 'MalformedResponse', message, cause: err };
  if (name === 'ZodError') return { service: 'client', clientCode: 'InvalidResponse', message, cause: err };
  const code = (err as { code?: unknown } | null)?.code;
  if (name === 'TypeError' || (typeof code === 'string' && /^(E[A-Z]+|UND_ERR|ERR_SSL|CERT_)/.test(code))) {
    return { service: 'client', clientCode: 'NetworkError', message, cause: err };
  }
  return { service: 'client', clientCode: 'Unknown', message, cause: err };
}

function byStatus(status: number | undefined): MicrosoftErrorCode {
  if (status === undefined) return 'Client.Unknown';
  const exact = `Http.${status}`;
  if (isCatalogued(exact)) return exact;
  return status >= 500 && status <= 599 ? 'Http.5xx' : 'Http.other';
}

function graphCode(f: MicrosoftFailure, code: string): MicrosoftErrorCode | undefined {
  for (const r of graphRefinements) {
    if (r.graphCode.toLowerCase() !== code.toLowerCase()) continue;
    const detailHit =
      r.detail &&
      (f.details ?? []).some(
        (d) =>
          (r.detail!.code === undefined || d.code === r.detail!.code) &&
          (r.detail!.target === undefined || r.detail!.target.test(d.target ?? '')),
      );
    if (detailHit || (r.message && r.message.test(f.message ?? ''))) return r.code;
  }
  return graphCodesByLowerCase.get(code.toLowerCase());
}

/** The catalogue code for a raw failure: most specific first, the HTTP status last. */
export function catalogueCodeFor(f: MicrosoftFailure): MicrosoftErrorCode {
  if (f.clientCode) return `Client.${f.clientCode}`;
  if (f.aadsts !== undefined && isCatalogued(`AADSTS${f.aadsts}`))
    return `AADSTS${f.aadsts}` as MicrosoftErrorCode;
  const code = f.microsoftCode;
  if (f.service === 'identity' || f.aadsts !== undefined) {
    if (code && isCatalogued(`OAuth.${code}`)) return `OAuth.${code}` as MicrosoftErrorCode;
    return byStatus(f.status);
  }
  if (f.service === 'partnercenter') {
    if (f.status === 429) return 'PartnerCenter.Throttled';
    if (code && isCatalogued(`PartnerCenter.${code}`)) return `PartnerCenter.${code}` as MicrosoftErrorCode;
    // Partner Center's 403 carries codes of its own; a role missing is what it means in practice.
    if (f.status === 403) return 'PartnerCenter.403';
    return byStatus(f.status);
  }
  if (code) {
    const graph = graphCode(f, code);
    if (graph) return graph;
  }
  return byStatus(f.status);
}

/**
 * The one way to turn anything thrown while talking to Microsoft into a catalogued error:
 * raw failures from the HTTP core, MSAL errors, network/timeout/parse errors, or an already
 * classified {@link MicrosoftError} (returned unchanged).
 */
export function classifyMicrosoftError(err: unknown): MicrosoftError {
  if (err instanceof MicrosoftError) return err;
  const failure = isFailure(err) ? err : isMsalLike(err) ? failureFromMsal(err) : failureFromThrown(err);
  const code = catalogueCodeFor(failure);
  return new MicrosoftError(code, errorCatalogue[code], failure);
}
