import type { Clock } from '../../clock.js';
import type { EmulatorBehaviour } from '../../config.js';
import { postTo } from './http-post.js';

/** One notification on its way to a URL, and whose subscription it belongs to. */
export interface PendingNotification {
  tenantId: string;
  subscriptionId: string;
  kind: 'change' | 'lifecycle';
  payload: Record<string, unknown>;
}

export interface DeliveryLogEntry {
  subscriptionId: string;
  tenantId: string;
  url: string;
  kind: 'change' | 'lifecycle';
  /** 1 for the first POST of these notifications, then one more per retry. */
  attempt: number;
  /** Emulator-clock time of the attempt (ISO). */
  at: string;
  notifications: number;
  outcome: 'delivered' | 'failed' | 'dropped';
  status: number | null;
  error?: string;
}

export interface DeliveryStats {
  posts: number;
  delivered: number;
  failed: number;
  notificationsDelivered: number;
  notificationsDropped: number;
}

export interface Deliverer {
  enqueue(url: URL, notification: PendingNotification): void;
  log(subscriptionId?: string): DeliveryLogEntry[];
  stats(): DeliveryStats;
  /** Resolves once nothing is queued, in flight or waiting for a retry. */
  idle(): Promise<void>;
}

/** Entries kept per subscription; older ones are forgotten. */
const LOG_LIMIT_PER_SUBSCRIPTION = 200;

interface Attempt {
  url: URL;
  notifications: PendingNotification[];
  attempt: number;
  firstAt: number;
}

export interface DelivererOptions {
  clock: Clock;
  behaviour: EmulatorBehaviour;
  /** Whether a subscription still exists and has not expired (checked before every POST). */
  isLive(tenantId: string, subscriptionId: string): boolean;
}

/**
 * Delivers notifications like Graph's webhook pipeline: coalesced per URL, one POST with a 3 s
 * deadline, redelivered with backoff on non-2xx or timeout until the retry window (emulator clock)
 * is over, never for expired or deleted subscriptions.
 */
export function createDeliverer(opts: DelivererOptions): Deliverer {
  const queues = new Map<string, { url: URL; items: PendingNotification[] }>();
  const logs = new Map<string, DeliveryLogEntry[]>();
  const counts: DeliveryStats = {
    posts: 0,
    delivered: 0,
    failed: 0,
    notificationsDelivered: 0,
    notificationsDropped: 0,
  };
  let pending = 0;
  let waiters: (() => void)[] = [];
  const graph = () => opts.behaviour.graph;

  const hold = () => void (pending += 1);
  const release = () => {
    pending -= 1;
    if (pending > 0) return;
    const ready = waiters;
    waiters = [];
    for (const resolve of ready) resolve();
  };

  const record = (
    a: Attempt,
    items: PendingNotification[],
    entry: Pick<DeliveryLogEntry, 'outcome' | 'status' | 'error'>,
  ) => {
    const bySub = new Map<string, PendingNotification[]>();
    for (const n of items) {
      const list = bySub.get(n.subscriptionId);
      if (list) list.push(n);
      else bySub.set(n.subscriptionId, [n]);
    }
    for (const [subscriptionId, list] of bySub) {
      const log = logs.get(subscriptionId) ?? [];
      log.push({
        subscriptionId,
        tenantId: list[0]!.tenantId,
        url: a.url.href,
        kind: list[0]!.kind,
        attempt: a.attempt,
        at: new Date(opts.clock.now()).toISOString(),
        notifications: list.length,
        ...entry,
      });
      if (log.length > LOG_LIMIT_PER_SUBSCRIPTION) log.shift();
      logs.set(subscriptionId, log);
    }
  };

  const drop = (a: Attempt, items: PendingNotification[], reason: string) => {
    if (items.length === 0) return;
    counts.notificationsDropped += items.length;
    record(a, items, { outcome: 'dropped', status: null, error: reason });
  };

  const send = async (a: Attempt): Promise<void> => {
    const live: PendingNotification[] = [];
    const gone: PendingNotification[] = [];
    for (const n of a.notifications) (opts.isLive(n.tenantId, n.subscriptionId) ? live : gone).push(n);
    drop(a, gone, 'subscription expired or deleted');
    if (live.length === 0) return;
    if (opts.clock.now() - a.firstAt > graph().webhookRetryWindowSeconds * 1000) {
      drop(a, live, 'retry window is over');
      return;
    }
    counts.posts += 1;
    const body = JSON.stringify({ value: live.map((n) => n.payload) });
    let status: number | null = null;
    let error: string | undefined;
    try {
      status = (
        await postTo(a.url, body, 'application/json; charset=utf-8', graph().webhookDeliveryTimeoutMs)
      ).status;
    } catch (err) {
      error = (err as Error).message;
    }
    if (status !== null && status >= 200 && status < 300) {
      counts.delivered += 1;
      counts.notificationsDelivered += live.length;
      record(a, live, { outcome: 'delivered', status });
      return;
    }
    counts.failed += 1;
    record(
      a,
      live,
      error === undefined ? { outcome: 'failed', status } : { outcome: 'failed', status, error },
    );
    const delay = Math.min(graph().webhookRetryInitialMs * 2 ** (a.attempt - 1), graph().webhookRetryMaxMs);
    hold();
    setTimeout(() => {
      void send({ ...a, notifications: live, attempt: a.attempt + 1 }).finally(release);
    }, delay).unref();
  };

  const flush = (href: string) => {
    const queue = queues.get(href);
    queues.delete(href);
    if (!queue) return release();
    void send({ url: queue.url, notifications: queue.items, attempt: 1, firstAt: opts.clock.now() }).finally(
      release,
    );
  };

  return {
    enqueue(url, notification) {
      const queue = queues.get(url.href);
      if (queue) {
        queue.items.push(notification);
        return;
      }
      queues.set(url.href, { url, items: [notification] });
      hold();
      setTimeout(() => flush(url.href), graph().webhookCoalesceMs).unref();
    },
    log: (subscriptionId) =>
      subscriptionId ? [...(logs.get(subscriptionId) ?? [])] : [...logs.values()].flat(),
    stats: () => ({ ...counts }),
    idle: () => (pending === 0 ? Promise.resolve() : new Promise((resolve) => waiters.push(resolve))),
  };
}
