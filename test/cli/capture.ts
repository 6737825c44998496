import type { SyncOutput } from '../../src/cli/commands/sync.js';

/** A command's output, line by line, as its three streams would have printed it. */
export function captureOutput() {
  const lines = { progress: [] as string[], result: [] as string[], error: [] as string[] };
  const output: SyncOutput = {
    progress: (l) => lines.progress.push(l),
    result: (l) => lines.result.push(l),
    error: (l) => lines.error.push(l),
  };
  return { lines, output };
}
