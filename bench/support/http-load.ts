import { Agent, request } from 'node:http';

const MS_PER_SECOND = 1000;

/** What a simulated client can do: GET a path on the server, timed. */
export interface LoadClient {
  get(path: string): Promise<{ status: number; body: string }>;
}

export interface LoadOptions {
  /** `http://127.0.0.1:PORT` */
  baseUrl: string;
  headers: Record<string, string>;
  clients: number;
  /** Run first and not measured: connections, JIT and the database's caches warm up. */
  warmupSeconds: number;
  seconds: number;
  /** One client's unit of work (e.g. a search and its next page), repeated until time is up. */
  scenario: (client: LoadClient) => Promise<void>;
}

export interface LoadResult {
  /** Requests completed inside the measured window. */
  requests: number;
  /** Non-2xx answers and failed requests, warm-up included: any is a failed run. */
  errors: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  requestsPerSecond: number;
}

/** Nearest-rank percentile of sorted values. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

function timedGet(agent: Agent, url: string, headers: Record<string, string>) {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = request(url, { agent, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

/**
 * `clients` concurrent keep-alive clients each repeat `scenario` for warm-up plus `seconds`;
 * latencies of requests that start and finish inside the measured window are kept.
 */
export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: options.clients });
  const start = performance.now();
  const measureFrom = start + options.warmupSeconds * MS_PER_SECOND;
  const measureTo = measureFrom + options.seconds * MS_PER_SECOND;
  const latencies: number[] = [];
  let errors = 0;
  const client: LoadClient = {
    async get(path) {
      const sent = performance.now();
      let answer: { status: number; body: string };
      try {
        answer = await timedGet(agent, `${options.baseUrl}${path}`, options.headers);
      } catch (error) {
        errors += 1;
        throw error;
      }
      const done = performance.now();
      if (answer.status < 200 || answer.status > 299) errors += 1;
      if (sent >= measureFrom && done <= measureTo) latencies.push(done - sent);
      return answer;
    },
  };
  const loop = async () => {
    while (performance.now() < measureTo) {
      await options.scenario(client).catch(() => undefined);
    }
  };
  try {
    await Promise.all(Array.from({ length: options.clients }, loop));
  } finally {
    agent.destroy();
  }
  latencies.sort((a, b) => a - b);
  const round = (n: number) => Math.round(n * 100) / 100;
  return {
    requests: latencies.length,
    errors,
    p50Ms: round(percentile(latencies, 50)),
    p95Ms: round(percentile(latencies, 95)),
    p99Ms: round(percentile(latencies, 99)),
    requestsPerSecond: Math.round(latencies.length / options.seconds),
  };
}
