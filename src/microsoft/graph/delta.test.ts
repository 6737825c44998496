import { describe, expect, it } from 'vitest';
import { graphError, json } from '../../../test/microsoft/support/fake-fetch.js';
import { FAKE_GRAPH_BASE as BASE, graphSetup } from '../../../test/microsoft/support/fake-graph.js';
import { ResyncRequiredError } from '../errors/microsoft-error.js';
import type { DeltaPage } from './delta.js';
import { groupSchema } from './schemas/group.js';
import { userSchema } from './schemas/user.js';

const STORED = `${BASE}/users/delta?$deltatoken=oEcOySpF_hWYmTIUZBOIfPzcwisr`;

async function round<T>(gen: AsyncGenerator<DeltaPage<T>, { deltaLink: string }>) {
  const pages: DeltaPage<T>[] = [];
  for (;;) {
    const step = await gen.next();
    if (step.done) return { pages, result: step.value };
    pages.push(step.value);
  }
}

describe('graph delta', () => {
  it('runs a round over nextLinks and returns the deltaLink (documented example shapes)', async () => {
    const next = `${BASE}/users/delta?$skiptoken=pqwSUjGYvb3jQpbwVAwEL7yuI3dU1LecfkkfLPtnIjtQ5LOhVoS7qQG_wdVCHHlbQpga7`;
    const t = graphSetup([
      json(200, {
        '@odata.context': `${BASE}/$metadata#users(displayName,givenName,surname)`,
        '@odata.nextLink': next,
        value: [
          {
            displayName: 'Cameron White',
            givenName: 'Cameron',
            surname: 'White',
            id: 'ffff7b1a-13b6-477b-8c0c-380905cd99f7',
          },
          { id: '86462606-fde0-4fc4-9e0c-a20eb73e54c6', '@removed': { reason: 'deleted' } },
        ],
      }),
      json(200, {
        '@odata.deltaLink': STORED,
        value: [{ displayName: 'Lidia Holloway', id: '25dcffff-959e-4ece-9973-e5d9b800e8cc' }],
      }),
    ]);
    const { pages, result } = await round(
      t.graph.delta('/users/delta?$select=displayName,givenName,surname', userSchema),
    );
    expect(pages.map((p) => p.items.map((u) => u.id))).toEqual([
      ['ffff7b1a-13b6-477b-8c0c-380905cd99f7', '86462606-fde0-4fc4-9e0c-a20eb73e54c6'],
      ['25dcffff-959e-4ece-9973-e5d9b800e8cc'],
    ]);
    expect(pages[0]!.items[1]!['@removed']).toEqual({ reason: 'deleted' });
    expect(pages.at(-1)!.deltaLink).toBe(STORED);
    expect(result).toEqual({ deltaLink: STORED });
    expect(t.calls[1]!.url).toBe(next);
  });

  it('re-sends Prefer: return=minimal on every page of a stored deltaLink round', async () => {
    const t = graphSetup([
      json(200, { '@odata.nextLink': `${BASE}/users/delta?$skiptoken=a`, value: [] }),
      json(200, { '@odata.deltaLink': `${BASE}/users/delta?$deltatoken=new`, value: [] }),
    ]);
    await round(t.graph.delta(STORED, userSchema, { headers: { Prefer: 'return=minimal' } }));
    expect(t.calls.map((c) => c.headers.Prefer)).toEqual(['return=minimal', 'return=minimal']);
  });

  it('signals a full resync with Microsoft’s Location on 410 syncStateNotFound', async () => {
    const fresh = `${BASE}/users/delta?$deltatoken=`;
    const t = graphSetup([
      graphError(410, 'syncStateNotFound', 'The sync state generation is not found.', { location: fresh }),
    ]);
    const err = await round(t.graph.delta(STORED, userSchema)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ResyncRequiredError);
    expect(err).toMatchObject({
      action: 'resync',
      fullResync: true,
      restartFrom: fresh,
      code: 'syncStateNotFound',
    });
  });

  it.each([
    [400, 'resyncRequired'],
    [400, 'Request_BadRequest'],
    [404, 'Request_ResourceNotFound'],
    [400, 'Directory_ExpiredPageToken'],
  ])('treats %i %s on a stored deltaLink as a full resync', async (status, code) => {
    const t = graphSetup([graphError(status, code, 'stale')]);
    const err = await round(t.graph.delta(STORED, userSchema)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ResyncRequiredError);
    expect(err).toMatchObject({ action: 'resync', fullResync: true, restartFrom: null });
  });

  it('asks to restart the round from its start when a page token expires mid-round', async () => {
    const t = graphSetup([
      json(200, { '@odata.nextLink': `${BASE}/users/delta?$skiptoken=a`, value: [{ id: '1' }] }),
      graphError(400, 'Directory_ExpiredPageToken', 'The specified page token value has expired.'),
    ]);
    const err = await round(t.graph.delta('/users/delta', userSchema)).catch((e: unknown) => e);
    expect(err).toMatchObject({ fullResync: false, restartFrom: `${BASE}/users/delta` });
  });

  it('does not call a bad initial query a resync', async () => {
    const t = graphSetup([graphError(400, 'Request_BadRequest', "Invalid $select property 'nope'.")]);
    const err = await round(t.graph.delta('/users/delta?$select=nope', userSchema)).catch((e: unknown) => e);
    expect(err).not.toBeInstanceOf(ResyncRequiredError);
    expect(err).toMatchObject({ code: 'Request_BadRequest' });
  });

  it('merges members@delta slices of one group spread over pages when asked', async () => {
    const slice = (ids: string[], removed: string[] = []) => [
      ...ids.map((id) => ({ '@odata.type': '#microsoft.graph.user', id })),
      ...removed.map((id) => ({
        '@odata.type': '#microsoft.graph.user',
        id,
        '@removed': { reason: 'deleted' },
      })),
    ];
    const t = graphSetup([
      json(200, {
        '@odata.nextLink': `${BASE}/groups/delta?$skiptoken=1`,
        value: [
          { id: 'g1', displayName: 'Big', 'members@delta': slice(['u1', 'u2']) },
          { id: 'g2', displayName: 'Small' },
        ],
      }),
      json(200, {
        '@odata.deltaLink': `${BASE}/groups/delta?$deltatoken=2`,
        value: [{ id: 'g1', 'members@delta': slice(['u3'], ['u9']) }],
      }),
    ]);
    const { pages } = await round(t.graph.delta('/groups/delta', groupSchema, { mergeMembers: true }));
    expect(pages).toHaveLength(1);
    const [g1, g2] = pages[0]!.items;
    expect(g1!.displayName).toBe('Big');
    expect(g1!['members@delta']!.map((m) => [m.id, m['@removed']?.reason ?? 'added'])).toEqual([
      ['u1', 'added'],
      ['u2', 'added'],
      ['u3', 'added'],
      ['u9', 'deleted'],
    ]);
    expect(g2!.id).toBe('g2');
    expect(pages[0]!.deltaLink).toBe(`${BASE}/groups/delta?$deltatoken=2`);
  });
});
