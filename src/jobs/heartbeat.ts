import type { RollcallJobCatalogue } from './catalogue/index.js';
import type { JobLogger } from './connection.js';
import type { JobRuntime } from './runtime.js';

/** A process with workers enqueues a `system.ping` this often. */
export const HEARTBEAT_INTERVAL_SECONDS = 30;
/** Missing this many pings in a row means this process's workers no longer run jobs. */
const STALE_AFTER_INTERVALS = 3;
const MS_PER_SECOND = 1000;

/** One `system.ping` run: when it was asked for and when a worker ran it. */
export interface Heartbeat {
  jobId: string;
  enqueuedAt: Date;
  ranAt: Date;
}

/** How the heartbeat of this process stands (for /healthz). */
export interface HeartbeatStatus {
  /**
   * `ok`: a ping ran within `staleAfterSeconds`; `waiting`: none has run yet, but the monitor
   * started less than `staleAfterSeconds` ago; `stale`: otherwise.
   */
  state: 'ok' | 'waiting' | 'stale';
  lastRunAt: Date | null;
  /** Seconds since the last ping ran; null until one has. */
  ageSeconds: number | null;
  staleAfterSeconds: number;
}

/** Keeps the last heartbeat seen by this process (for /healthz in a process that runs workers). */
export interface HeartbeatMonitor {
  record(beat: Heartbeat): void;
  /** The most recent run, by `ranAt`; undefined until the first ping has run here. */
  lastHeartbeat(): Heartbeat | undefined;
  status(): HeartbeatStatus;
}

/**
 * An in-memory heartbeat record, watching from the moment it is created; pings are expected every
 * `intervalSeconds` ({@link HEARTBEAT_INTERVAL_SECONDS} by default).
 */
export function createHeartbeatMonitor(
  options: { intervalSeconds?: number; now?: () => Date } = {},
): HeartbeatMonitor {
  const now = options.now ?? (() => new Date());
  const staleAfterSeconds = (options.intervalSeconds ?? HEARTBEAT_INTERVAL_SECONDS) * STALE_AFTER_INTERVALS;
  const since = now();
  let last: Heartbeat | undefined;
  return {
    record(beat) {
      if (!last || beat.ranAt >= last.ranAt) last = beat;
    },
    lastHeartbeat: () => last,
    status() {
      const at = now().getTime();
      const secondsSince = (time: Date) => Math.max(0, (at - time.getTime()) / MS_PER_SECOND);
      const ageSeconds = last ? Math.round(secondsSince(last.ranAt) * 10) / 10 : null;
      const late = secondsSince(last?.ranAt ?? since) > staleAfterSeconds;
      return {
        state: late ? 'stale' : last ? 'ok' : 'waiting',
        lastRunAt: last?.ranAt ?? null,
        ageSeconds,
        staleAfterSeconds,
      };
    },
  };
}

/** Enqueues a ping now and then every `intervalSeconds` until stopped. */
export function scheduleHeartbeat(options: {
  enqueuePing(payload: { at: string }): Promise<unknown>;
  intervalSeconds: number;
  now?: () => Date;
  logger?: JobLogger;
}): { stop(): void } {
  const now = options.now ?? (() => new Date());
  const ping = (): void => {
    Promise.resolve()
      .then(() => options.enqueuePing({ at: now().toISOString() }))
      .catch((error: unknown) => {
        options.logger?.warn(
          { err: error instanceof Error ? error.message : String(error) },
          'heartbeat not enqueued',
        );
      });
  };
  ping();
  // A heartbeat must not keep a stopping process alive.
  const timer = setInterval(ping, options.intervalSeconds * MS_PER_SECOND).unref();
  return { stop: () => clearInterval(timer) };
}

/**
 * `runtime` with a heartbeat: once started it enqueues `system.ping` every `intervalSeconds`, and
 * stops doing so before it stops. For runtimes with workers (`rollcall serve` embedded or with
 * in-process workers, and `rollcall worker`).
 */
export function withHeartbeat(
  runtime: JobRuntime<RollcallJobCatalogue>,
  options: { intervalSeconds?: number; now?: () => Date; logger?: JobLogger } = {},
): JobRuntime<RollcallJobCatalogue> {
  let heartbeat: { stop(): void } | undefined;
  return {
    ...runtime,
    async start() {
      await runtime.start();
      heartbeat = scheduleHeartbeat({
        enqueuePing: (payload) => runtime.enqueue('system.ping', payload),
        intervalSeconds: options.intervalSeconds ?? HEARTBEAT_INTERVAL_SECONDS,
        ...(options.now ? { now: options.now } : {}),
        ...(options.logger ? { logger: options.logger } : {}),
      });
    },
    async stop() {
      heartbeat?.stop();
      await runtime.stop();
    },
  };
}
