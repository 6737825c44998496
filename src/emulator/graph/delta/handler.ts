import type { EmulatorContext } from '../../context.js';
import type { EmuRequest, EmuResponse } from '../../http/types.js';
import type { TenantRecord } from '../../state/types.js';
import type { GraphHandler } from '../auth.js';
import { graphBase, graphJson, odataContext } from '../respond.js';
import type { ChangeWindows } from './changes.js';
import { changeItems } from './changes-round.js';
import { expiredTokenResponse } from './expired.js';
import { initialItems } from './initial-round.js';
import type { ManagerHistory } from './manager-history.js';
import { buildPage, type DeltaItem } from './page.js';
import { replaysOn, roundItems, type RoundSources } from './replays.js';
import { parseDeltaQuery, shapeOf, type DeltaQuery, type DeltaResource } from './query.js';
import type { SnapshotCache } from './snapshots.js';
import { decodeDeltaToken, encodeDeltaToken, type DeltaCursor, type DeltaToken } from './token.js';

export interface DeltaEngine {
  snapshots: SnapshotCache;
  windows: ChangeWindows;
  managers: ManagerHistory;
}

const START: DeltaToken['cursor'] = { pos: null, members: 0 };
const MS_PER_SECOND = 1000;
const SALT_RANGE = 0x7fffffff;

function queryOf(token: DeltaToken): DeltaQuery {
  return {
    resource: token.resource,
    select: token.select,
    ids: token.ids,
    expandMembers: token.expandMembers,
  };
}

/** A salt for a round that starts now, when replays are on (drawn from the seeded generator). */
function newSalt(ctx: EmulatorContext): { salt?: number } {
  return replaysOn(ctx.behaviour.graph.deltaReplays) ? { salt: Math.floor(ctx.random() * SALT_RANGE) } : {};
}

function wantsMinimal(req: EmuRequest): boolean {
  return /(^|[,;\s])return=minimal(\s|,|;|$)/i.test(req.headers.prefer ?? '');
}

/**
 * A token the caller may use now, or null (garbled, another tenant or resource, too old, or a
 * watermark the change log no longer holds — all answered as an expired token).
 */
function usableToken(
  ctx: EmulatorContext,
  raw: string,
  kind: DeltaToken['kind'],
  tenant: TenantRecord,
  resource: DeltaResource,
): DeltaToken | null {
  const token = decodeDeltaToken(raw);
  if (!token || token.kind !== kind || token.tenantId !== tenant.id || token.resource !== resource)
    return null;
  const { deltaTokenLifetimeSeconds, pageTokenLifetimeSeconds } = ctx.behaviour.graph;
  const lifetime = kind === 'delta' ? deltaTokenLifetimeSeconds : pageTokenLifetimeSeconds;
  if (ctx.clock.now() - token.issuedAt > lifetime * MS_PER_SECOND) return null;
  const log = ctx.estate.log;
  const watermark = kind === 'delta' || token.phase === 'changes' ? Math.min(token.from, token.to) : token.to;
  if (token.to > log.version(tenant.id) || watermark + 1 < log.floor(tenant.id)) return null;
  return token;
}

function sourcesOf(
  ctx: EmulatorContext,
  req: EmuRequest,
  token: DeltaToken,
  engine: DeltaEngine,
  tenant: TenantRecord,
): RoundSources {
  const query = queryOf(token);
  const shape = shapeOf(query);
  const minimal = token.phase === 'changes' && wantsMinimal(req);
  const version = ctx.estate.log.version(tenant.id);
  const initial = (cursor: DeltaCursor) =>
    initialItems({ tenant, version, query, shape, cursor, snapshots: engine.snapshots });
  const changes = (cursor: DeltaCursor, from: number, to: number, replay: boolean) =>
    changeItems({
      tenant,
      query,
      shape,
      cursor,
      changes: engine.windows.window(tenant.id, token.resource, from, to),
      from,
      minimal: minimal && !replay,
      managers: engine.managers,
      currentMembers: replay,
    });
  const prev = token.previous;
  return {
    main: token.phase === 'initial' ? initial : (cursor) => changes(cursor, token.from, token.to, false),
    previous: prev
      ? {
          round: prev,
          items:
            prev.phase === 'initial'
              ? (cursor) =>
                  existedAt(initial(cursor), bornAfter(engine, tenant, token.resource, prev.to, version))
              : (cursor) => changes(cursor, prev.from, prev.to, true),
        }
      : null,
  };
}

/** Ids of objects created after `from` (they were not in a round that started at `from`). */
function bornAfter(
  engine: DeltaEngine,
  tenant: TenantRecord,
  resource: DeltaResource,
  from: number,
  to: number,
) {
  return new Set(
    engine.windows.window(tenant.id, resource, from, to).flatMap((c) => (c.created ? [c.id] : [])),
  );
}

function* existedAt(items: Iterable<DeltaItem>, born: ReadonlySet<string>): Generator<DeltaItem> {
  for (const item of items) if (!born.has(item.pos as string)) yield item;
}

/** The cursor a round starts at: its replays of the previous round first, when it has any. */
function roundStart(token: Pick<DeltaToken, 'salt' | 'previous'>): DeltaCursor {
  return token.salt !== undefined && token.previous ? { ...START, part: 'replayed' } : START;
}

function respond(
  ctx: EmulatorContext,
  req: EmuRequest,
  token: DeltaToken,
  engine: DeltaEngine,
  tenant: TenantRecord,
  opts: { contextSelect: boolean },
): EmuResponse {
  const query = queryOf(token);
  const minimal = token.phase === 'changes' && wantsMinimal(req);
  const { deltaPageSize, deltaMembersPerPage, deltaReplays } = ctx.behaviour.graph;
  const items = roundItems(
    sourcesOf(ctx, req, token, engine, tenant),
    token.cursor,
    token.salt,
    deltaReplays,
  );
  const page = buildPage(items, token.cursor, { objects: deltaPageSize, members: deltaMembersPerPage });
  const now = ctx.clock.now();
  const base = `${graphBase(req)}/${token.resource}/delta`;
  const fragment =
    opts.contextSelect && query.select ? `${token.resource}(${query.select.join(',')})` : token.resource;
  const { previous: _previous, salt, ...rest } = token;
  // The deltaLink remembers this round only when it drew replays: the next round may send some again.
  const finished: DeltaToken = {
    ...rest,
    kind: 'delta',
    phase: 'changes',
    from: token.to,
    issuedAt: now,
    cursor: START,
    ...(salt === undefined ? {} : { previous: { phase: token.phase, from: token.from, to: token.to, salt } }),
  };
  const link = page.next
    ? {
        '@odata.nextLink': `${base}?$skiptoken=${encodeDeltaToken({ ...token, kind: 'skip', issuedAt: now, cursor: page.next })}`,
      }
    : { '@odata.deltaLink': `${base}?$deltatoken=${encodeDeltaToken(finished)}` };
  return graphJson(
    200,
    { '@odata.context': odataContext(req, fragment), ...link, value: page.value },
    minimal ? { 'preference-applied': 'return=minimal' } : {},
  );
}

/** `GET /{users|groups}/delta`: starts a round, continues one (`$skiptoken`) or starts the next (`$deltatoken`). */
export function createDeltaHandler(
  ctx: EmulatorContext,
  resource: DeltaResource,
  engine: DeltaEngine,
): GraphHandler {
  return (req, _params, caller) => {
    const tenant = caller.tenant;
    const params = req.url.searchParams;
    const version = ctx.estate.log.version(tenant.id);
    const skip = params.get('$skiptoken');
    const delta = params.get('$deltatoken');
    const raw = skip || delta;
    if (raw && raw.toLowerCase() !== 'latest') {
      const kind = skip ? 'skip' : 'delta';
      const token = usableToken(ctx, raw, kind, tenant, resource);
      if (!token) {
        const known = decodeDeltaToken(raw);
        const fallback = known?.resource === resource ? queryOf(known) : null;
        return expiredTokenResponse(
          req,
          ctx.behaviour,
          fallback ?? { resource, select: null, ids: null, expandMembers: false },
        );
      }
      if (kind === 'skip') return respond(ctx, req, token, engine, tenant, { contextSelect: false });
      const next: DeltaToken = { ...token, from: token.to, to: version, ...newSalt(ctx) };
      return respond(ctx, req, { ...next, cursor: roundStart(next) }, engine, tenant, {
        contextSelect: false,
      });
    }

    const query = parseDeltaQuery(req, resource);
    if ('status' in query) return query;
    const base: DeltaToken = {
      kind: 'skip',
      tenantId: tenant.id,
      resource,
      select: query.select,
      ids: query.ids,
      expandMembers: query.expandMembers,
      phase: raw ? 'changes' : 'initial',
      from: version,
      to: version,
      issuedAt: ctx.clock.now(),
      cursor: START,
      ...newSalt(ctx),
    };
    // `$deltatoken=latest`: no current state, only a deltaLink that starts from now.
    return respond(ctx, req, base, engine, tenant, { contextSelect: !raw });
  };
}
