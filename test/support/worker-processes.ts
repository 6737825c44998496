import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

const MAIN = join(import.meta.dirname, '..', '..', 'src', 'cli', 'main.ts');
/** How long a worker may take to start (tsx compiles the CLI first; slow on a loaded machine). */
const START_LIMIT_MS = 90_000;
const STOP_LIMIT_MS = 20_000;

type LogEntry = Record<string, unknown>;

/** A `rollcall worker` process, its JSON log lines as they arrive, and its exit. */
export interface WorkerProcess {
  label: string;
  child: ChildProcessWithoutNullStreams;
  logs: LogEntry[];
  /** The last lines it wrote to stderr (for a failing test's message). */
  stderr(): string;
  /** Resolves with the first entry (logged so far or later) that `matches`; rejects when it exits. */
  waitForLog(matches: (entry: LogEntry) => boolean, limitMs?: number): Promise<LogEntry>;
  exited: Promise<number | null>;
}

function startWorker(label: string, env: NodeJS.ProcessEnv): WorkerProcess {
  // One process (no npx/tsx wrapper), so a signal reaches Rollcall itself.
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN, 'worker'], { stdio: 'pipe', env });
  const logs: LogEntry[] = [];
  const waiters = new Set<() => void>();
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
  createInterface({ input: child.stdout }).on('line', (line) => {
    try {
      logs.push(JSON.parse(line) as LogEntry);
    } catch {
      return;
    }
    for (const wake of waiters) wake();
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    label,
    child,
    logs,
    stderr: () => stderr,
    exited,
    waitForLog(matches, limitMs = START_LIMIT_MS) {
      return new Promise((resolve, reject) => {
        const done = (): void => {
          waiters.delete(check);
          clearTimeout(timer);
        };
        const check = (): void => {
          const found = logs.find(matches);
          if (found) {
            done();
            resolve(found);
          }
        };
        const timer = setTimeout(() => {
          done();
          reject(new Error(`${label}: gave up waiting for a log entry; stderr: ${stderr}`));
        }, limitMs);
        void exited.then((code) => {
          if (!waiters.has(check)) return;
          done();
          reject(new Error(`${label} exited (${code}) before logging what was awaited; stderr: ${stderr}`));
        });
        waiters.add(check);
        check();
      });
    },
  };
}

/**
 * Starts `count` `rollcall worker` processes with `env` (DATABASE_URL, ROLLCALL_SECRET_KEY, the
 * Microsoft settings, …) and resolves once every one says it is running.
 */
export async function startWorkers(count: number, env: Record<string, string>): Promise<WorkerProcess[]> {
  const base = { ...process.env, ...env };
  delete base.ROLLCALL_CONFIG;
  const workers = Array.from({ length: count }, (_, i) => startWorker(`worker ${i + 1}`, base));
  try {
    await Promise.all(workers.map((w) => w.waitForLog((e) => e.msg === 'Rollcall worker is running')));
  } catch (error) {
    await stopWorkers(workers);
    throw error;
  }
  return workers;
}

/** SIGTERM (running jobs finish), then SIGKILL for any that does not stop in time. */
export async function stopWorkers(workers: WorkerProcess[]): Promise<void> {
  await Promise.all(
    workers.map(async (worker) => {
      if (worker.child.exitCode !== null || worker.child.signalCode !== null) return;
      worker.child.kill('SIGTERM');
      const timer = setTimeout(() => worker.child.kill('SIGKILL'), STOP_LIMIT_MS);
      await worker.exited;
      clearTimeout(timer);
    }),
  );
}
