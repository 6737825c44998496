import type { FastifyInstance } from 'fastify';
import type { ResolvedSession } from '../../store/index.js';

/** Enough for every session a busy desk has open at once; beyond it the oldest entries go. */
export const DEFAULT_SESSION_CACHE_ENTRIES = 10_000;

/**
 * Resolved sessions kept in this process for a few seconds, so a request needs no query to know
 * who is asking. Entries are the stored data, not a verdict: the caller still checks expiry, idle
 * time and sign-out against them on every request. See docs/adr/0008-session-cache.md.
 */
export interface SessionCache {
  /** The session cached under `id` no longer than the cache's lifetime before `now`. */
  get(id: string, now: Date): ResolvedSession | undefined;
  /**
   * Caches a session read from the database, unless the cache was cleared after `generation`
   * was taken: the read may predate the change that cleared it.
   */
  set(id: string, session: ResolvedSession, now: Date, generation: number): void;
  /** Replaces a cached session's data (e.g. a moved `lastSeenAt`), keeping when it was read. */
  update(id: string, session: ResolvedSession): void;
  delete(id: string): void;
  /** Forgets every session: something that decides who may do what has changed. */
  clear(): void;
  /** Take it before reading a session from the database; hand it to `set`. */
  generation(): number;
  size(): number;
}

interface Entry {
  session: ResolvedSession;
  cachedAt: number;
}

/**
 * A {@link SessionCache} holding entries for `seconds` (0: holds nothing) and at most
 * `maxEntries`, evicting the oldest first.
 */
export function createSessionCache(options: { seconds: number; maxEntries?: number }): SessionCache {
  const lifetimeMs = options.seconds * 1000;
  const maxEntries = options.maxEntries ?? DEFAULT_SESSION_CACHE_ENTRIES;
  // A Map iterates in insertion order: its first key is the oldest entry.
  const entries = new Map<string, Entry>();
  let generation = 0;

  return {
    get(id, now) {
      const entry = entries.get(id);
      if (!entry) return undefined;
      const age = now.getTime() - entry.cachedAt;
      // A clock that went backwards cannot vouch for the entry's age either.
      if (age >= lifetimeMs || age < 0) {
        entries.delete(id);
        return undefined;
      }
      return entry.session;
    },

    set(id, session, now, asOf) {
      if (lifetimeMs <= 0 || asOf !== generation) return;
      entries.delete(id);
      entries.set(id, { session, cachedAt: now.getTime() });
      if (entries.size > maxEntries) {
        const oldest = entries.keys().next();
        if (!oldest.done) entries.delete(oldest.value);
      }
    },

    update(id, session) {
      const entry = entries.get(id);
      if (entry) entry.session = session;
    },

    delete: (id) => void entries.delete(id),

    clear() {
      generation += 1;
      entries.clear();
    },

    generation: () => generation,
    size: () => entries.size,
  };
}

const READ_ONLY_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Clears `cache` whenever a state-changing request succeeds, before its answer leaves: sign-outs,
 * role, grant and account changes are rare, and forgetting every session is simpler than knowing
 * which ones a change touched. Register it before the routes.
 */
export function clearSessionCacheOnChange(app: FastifyInstance, cache: SessionCache): void {
  app.addHook('onSend', async (request, reply, payload) => {
    if (!READ_ONLY_METHODS.has(request.method) && reply.statusCode < 400) cache.clear();
    return payload;
  });
}
