import type { JobLogger } from './connection.js';

/** One `system.ping` run: when it was asked for and when a worker ran it. */
export interface Heartbeat {
  jobId: string;
  enqueuedAt: Date;
  ranAt: Date;
}

/** Keeps the last heartbeat seen by this process (for /healthz in a process that runs workers). */
export interface HeartbeatMonitor {
  record(beat: Heartbeat): void;
  /** The most recent run, by `ranAt`; undefined until the first ping has run here. */
  lastHeartbeat(): Heartbeat | undefined;
}

/** An in-memory heartbeat record. */
export function createHeartbeatMonitor(): HeartbeatMonitor {
  let last: Heartbeat | undefined;
  return {
    record(beat) {
      if (!last || beat.ranAt >= last.ranAt) last = beat;
    },
    lastHeartbeat: () => last,
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
    options.enqueuePing({ at: now().toISOString() }).catch((error: unknown) => {
      options.logger?.warn(
        { err: error instanceof Error ? error.message : String(error) },
        'heartbeat not enqueued',
      );
    });
  };
  ping();
  // A heartbeat must not keep a stopping process alive.
  const timer = setInterval(ping, options.intervalSeconds * 1000).unref();
  return { stop: () => clearInterval(timer) };
}
