import type { EmulatorBehaviour } from '../../config.js';
import type { EmuRequest, EmuResponse } from '../../http/types.js';
import { graphBase, graphError } from '../respond.js';
import type { DeltaQuery } from './query.js';

/** Messages of the error codes errors.md lists for stale sync state; others get a generic one. */
const MESSAGES: Record<string, string> = {
  syncstatenotfound:
    'The sync state generation is not found. The delta token is expired and data must be synchronized again.',
  resyncrequired: 'The delta token is no longer valid, and the app must reset the sync state.',
  directory_expiredpagetoken:
    'The specified page token value has expired and can no longer be included in your request.',
};

/** The delta URL that starts a new round with the same query: `$deltatoken` empty (synchronization reset). */
export function resetUrl(req: EmuRequest, query: DeltaQuery): string {
  const parts: string[] = [];
  if (query.select) parts.push(`$select=${encodeURIComponent(query.select.join(','))}`);
  if (query.ids) {
    parts.push(`$filter=${encodeURIComponent(query.ids.map((id) => `id eq '${id}'`).join(' or '))}`);
  }
  if (query.expandMembers) parts.push('$expand=members');
  parts.push('$deltatoken=');
  return `${graphBase(req)}/${query.resource}/delta?${parts.join('&')}`;
}

/**
 * How an expired, stale or unknown token is answered (`graph.expiredDeltaToken`): by default
 * `410 Gone` + `syncStateNotFound` + `Location` to a fresh delta query, as delta-query-overview
 * describes a synchronization reset.
 */
export function expiredTokenResponse(
  req: EmuRequest,
  behaviour: EmulatorBehaviour,
  query: DeltaQuery,
): EmuResponse {
  const { status, code, location } = behaviour.graph.expiredDeltaToken;
  const message =
    MESSAGES[code.toLowerCase()] ?? 'The delta token is no longer valid; start a new delta round.';
  return graphError(
    req,
    status,
    code,
    message,
    undefined,
    location ? { location: resetUrl(req, query) } : {},
  );
}
