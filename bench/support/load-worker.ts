/**
 * Runs {@link runLoad} in a worker thread, so the simulated clients do not share the server's
 * event loop: the server gets a core of its own, as it would behind real browsers.
 */
import { parentPort, Worker, workerData } from 'node:worker_threads';
import { runLoad, type LoadOptions, type LoadResult } from './http-load.js';
import { scenarioOf, type ScenarioSpec } from './load-scenarios.js';

/** {@link LoadOptions} with the scenario as data. */
export type WorkerLoadOptions = Omit<LoadOptions, 'scenario'> & { scenario: ScenarioSpec };

/** Runs the load in a new worker thread and resolves with its result. */
export function runLoadInWorker(options: WorkerLoadOptions): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const self = import.meta.url;
    // Under tsx (the benchmark runs from source) a worker does not inherit its loader: register it first.
    const worker = self.endsWith('.ts')
      ? new Worker(
          `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(self)}); })`,
          { eval: true, workerData: options },
        )
      : new Worker(new URL(self), { workerData: options });
    worker.once('message', (result: LoadResult) => resolve(result));
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the load worker exited with ${code} before answering`)));
  });
}

if (parentPort && workerData) {
  const { scenario, ...rest } = workerData as WorkerLoadOptions;
  parentPort.postMessage(await runLoad({ ...rest, scenario: scenarioOf(scenario) }));
}
