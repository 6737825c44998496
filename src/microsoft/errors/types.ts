/**
 * What a caller should do about a failed Microsoft call:
 * - `retry`: transient; try the same request again later (after `retryAfterSeconds` if given).
 * - `reauthorise`: the connection's credentials or consent must be fixed by a person.
 * - `resync`: a delta/page token is no longer valid; start a full read again.
 * - `stop`: nothing the client can change will make this request succeed (missing seats,
 *   object gone, group not writable); report it and move on.
 * - `fix-request`: the request itself is wrong (bad data or a bug); change it before retrying.
 */
export type ErrorAction = 'retry' | 'reauthorise' | 'resync' | 'stop' | 'fix-request';

/** Which Microsoft service answered (or `client` when no answer came back). */
export type MicrosoftService = 'identity' | 'graph' | 'partnercenter' | 'client';

/** One row of the error catalogue: the words a person needs and what the code should do. */
export interface CatalogueEntry {
  action: ErrorAction;
  retryable: boolean;
  title: string;
  whatHappened: string;
  howToFix: string;
}

/** A detail entry of Graph's error envelope (`error.details[]`). */
export interface FailureDetail {
  code?: string;
  message?: string;
  target?: string;
}

/**
 * A failed call as Microsoft described it, before classification: the raw material
 * `classifyMicrosoftError` turns into a catalogued {@link MicrosoftError}.
 */
export interface MicrosoftFailure {
  service: MicrosoftService;
  status?: number;
  /** Graph `error.code`, Partner Center `code`, or the OAuth `error` of the token endpoint. */
  microsoftCode?: string;
  /** First of the token endpoint's `error_codes` (the AADSTS number). */
  aadsts?: number;
  message?: string;
  details?: FailureDetail[];
  retryAfterSeconds?: number;
  location?: string;
  requestId?: string;
  /** Client-side failure kind when Microsoft did not answer usefully. */
  clientCode?: ClientFailureCode;
  cause?: unknown;
}

export type ClientFailureCode =
  | 'NetworkError'
  | 'Timeout'
  | 'MalformedResponse'
  | 'InvalidResponse'
  | 'Configuration'
  | 'OperationTimedOut'
  | 'Unknown';
