import type { GraphAttempt } from '../../../contracts/onboarding/directory.js';
import type { GraphClient } from '../../graph/graph-client.js';
import { odataString, withQuery } from '../../graph/odata.js';
import { attempt, succeeded } from './attempt.js';
import { chunked, collectionReads } from './collection-reads.js';
import { addressHolderSchema } from './schemas.js';

/**
 * Graph answers at most 15 `or` clauses in a default directory filter, an `in` list counting one
 * per value (filter-query-parameter.md). Each candidate costs four on users (UPN, mail, SMTP and
 * SIP proxy address): three a filter.
 */
const CANDIDATES_PER_FILTER = 3;

/** Proxy address prefixes that make an address "in use" (Exchange mail, Teams/Skype sign-in). */
const PREFIXES = ['smtp', 'sip'];

const listOf = (values: string[]) => values.map(odataString).join(',');

function addressFilter(candidates: string[], withUpn: boolean): string {
  const prefixes = withUpn ? PREFIXES : ['smtp'];
  const proxies = candidates.flatMap((a) =>
    prefixes.map((prefix) => `proxyAddresses/any(x:x eq ${odataString(`${prefix}:${a}`)})`),
  );
  return [
    ...(withUpn ? [`userPrincipalName in (${listOf(candidates)})`] : []),
    `mail in (${listOf(candidates)})`,
    ...proxies,
  ].join(' or ');
}

/** Every address a user or group holds, lower-cased, without the `smtp:` / `sip:` prefix. */
function addressesOf(user: {
  userPrincipalName?: string | null;
  mail?: string | null;
  proxyAddresses?: string[] | null;
}) {
  const out = [user.userPrincipalName, user.mail].filter((a): a is string => !!a);
  for (const proxy of user.proxyAddresses ?? []) {
    const match = /^(?:smtp|sip):(.+)$/i.exec(proxy);
    if (match) out.push(match[1]!);
  }
  return out.map((a) => a.toLowerCase());
}

/**
 * Which of the candidate addresses some user of the tenant already holds as userPrincipalName,
 * mail, SMTP or SIP proxy address (case-insensitive), or a group as its mail or SMTP address
 * (Graph refuses a new user with a group's address too). Answers the taken ones, lower-cased and
 * sorted. One request: a `$batch` of filtered user and group reads, three candidates each (up to
 * 30 candidates).
 */
export async function findAddressesInUse(
  graph: Pick<GraphClient, 'pages' | 'batch'>,
  addresses: readonly string[],
): Promise<GraphAttempt<string[]>> {
  const candidates = [...new Set(addresses.map((a) => a.trim().toLowerCase()).filter(Boolean))];
  if (candidates.length === 0) return succeeded(null, null, []);
  const urls = chunked(candidates, CANDIDATES_PER_FILTER).flatMap((chunk) => [
    withQuery('/users', {
      $filter: addressFilter(chunk, true),
      $select: ['id', 'userPrincipalName', 'mail', 'proxyAddresses'],
      $top: 999,
    }),
    withQuery('/groups', {
      $filter: addressFilter(chunk, false),
      $select: ['id', 'mail', 'proxyAddresses'],
      $top: 999,
    }),
  ]);
  const reads = collectionReads(graph, urls, addressHolderSchema);
  return attempt(reads.request, async () => {
    const held = new Set((await reads.run()).flatMap(addressesOf));
    const value = candidates.filter((a) => held.has(a)).sort();
    return { value, response: { status: 200, body: { inUse: value } } };
  });
}
