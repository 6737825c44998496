import type { z } from 'zod';
import { classifyMicrosoftError } from '../errors/classify.js';
import { MicrosoftError, ResyncRequiredError } from '../errors/microsoft-error.js';
import { graphPageSchema, type MemberDelta } from './schemas/common.js';
import type { GraphRequestOptions, GraphTransport } from './request.js';

export interface DeltaOptions extends GraphRequestOptions {
  /**
   * Merge the `members@delta` slices of a group that Graph spreads over several pages into one
   * entry per group id. Needs the whole round, so the round is yielded as a single page.
   */
  mergeMembers?: boolean;
}

/** One page of a delta round; the last one carries the `deltaLink` to store. */
export interface DeltaPage<T> {
  items: T[];
  deltaLink?: string;
}

export interface DeltaRoundResult {
  deltaLink: string;
}

const RESYNC_CODES = new Set(['syncStateNotFound', 'resyncRequired', 'Http.410']);
const STALE_LINK_STATUSES = new Set([400, 404, 410]);

/** Whether a link carries a stored delta token (as opposed to an initial query or a skip token). */
function isStoredDeltaLink(url: string): boolean {
  // `$deltatoken=` (empty) is Microsoft's reset link and `latest` means "from now": neither is stored state.
  const token = new URL(url).searchParams.get('$deltatoken');
  return token !== null && token !== '' && token !== 'latest';
}

function resyncSignal(err: MicrosoftError, url: string, startUrl: string, firstRequest: boolean) {
  const onStoredLink = firstRequest && isStoredDeltaLink(url);
  if (
    RESYNC_CODES.has(err.code) ||
    (onStoredLink && err.status !== undefined && STALE_LINK_STATUSES.has(err.status))
  ) {
    return new ResyncRequiredError(err, true, err.location ?? null);
  }
  if (err.code === 'Directory_ExpiredPageToken') {
    // Only the page position expired: the round can restart from where it began.
    return onStoredLink
      ? new ResyncRequiredError(err, true, err.location ?? null)
      : new ResyncRequiredError(err, false, startUrl);
  }
  return undefined;
}

function mergeEntries<T extends { id: string }>(items: T[]): T[] {
  const byId = new Map<string, T>();
  for (const item of items) {
    const seen = byId.get(item.id);
    if (!seen) {
      byId.set(item.id, item);
      continue;
    }
    const members = [
      ...(((seen as Record<string, unknown>)['members@delta'] as MemberDelta[] | undefined) ?? []),
      ...(((item as Record<string, unknown>)['members@delta'] as MemberDelta[] | undefined) ?? []),
    ];
    // The later entry says whether the object is gone: one removed and then sent again is back.
    const { '@removed': _removed, ...before } = seen as Record<string, unknown>;
    byId.set(item.id, { ...before, ...item, ...(members.length ? { 'members@delta': members } : {}) } as T);
  }
  return [...byId.values()];
}

/**
 * Runs one delta round from an initial query (`/users/delta?$select=…`) or a stored deltaLink:
 * yields each page (following nextLinks verbatim, re-sending headers) and returns the new
 * deltaLink. A dead token surfaces as {@link ResyncRequiredError}: 410/`syncStateNotFound`/
 * `resyncRequired`, or any 400/404 on a stored deltaLink, means a full resync; an expired page
 * token mid-round means restarting the round.
 */
export async function* graphDelta<T extends { id: string }>(
  transport: GraphTransport,
  start: string,
  itemSchema: z.ZodType<T>,
  options: DeltaOptions = {},
): AsyncGenerator<DeltaPage<T>, DeltaRoundResult, undefined> {
  const { mergeMembers = false, ...requestOptions } = options;
  const schema = graphPageSchema(itemSchema);
  const startUrl = transport.resolve(start);
  const buffered: T[] = [];
  let url = startUrl;
  for (let page = 1; ; page += 1) {
    let body: z.infer<typeof schema>;
    try {
      body = (await transport.send('GET', url, { ...requestOptions, schema })).body;
    } catch (err) {
      if (!(err instanceof MicrosoftError)) throw err;
      throw resyncSignal(err, url, startUrl, page === 1) ?? err;
    }
    const deltaLink = body['@odata.deltaLink'];
    const nextLink = body['@odata.nextLink'];
    if (mergeMembers) buffered.push(...body.value);
    if (deltaLink !== undefined) {
      const items = mergeMembers ? mergeEntries(buffered) : body.value;
      yield { items, deltaLink };
      return { deltaLink };
    }
    if (nextLink === undefined) {
      throw classifyMicrosoftError({
        service: 'client',
        clientCode: 'InvalidResponse',
        message: 'delta page has neither @odata.nextLink nor @odata.deltaLink',
      });
    }
    if (!mergeMembers) yield { items: body.value };
    url = transport.resolve(nextLink);
  }
}
