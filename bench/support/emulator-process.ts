import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { EmulatorInfo } from '../../src/emulator/index.js';

/** An emulator in a process of its own (`rollcall emulator --json`), so its memory is not the bench's. */
export interface RunningEmulator {
  info: EmulatorInfo;
  child: ChildProcess;
  dataDir: string;
}

export async function startEmulatorProcess(args: string[]): Promise<RunningEmulator> {
  const dataDir = mkdtempSync(join(tmpdir(), 'rollcall-bench-emulator-'));
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'src/cli/main.ts',
      'emulator',
      '--json',
      '--port',
      '0',
      '--data-dir',
      dataDir,
      ...args,
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const lines = createInterface({ input: child.stdout! });
  const first = await new Promise<string>((resolve, reject) => {
    lines.once('line', resolve);
    child.once('exit', (code) =>
      reject(new Error(`emulator exited with ${code} before printing its JSON line`)),
    );
  });
  return { info: JSON.parse(first) as EmulatorInfo, child, dataDir };
}

/** Peak resident memory (VmHWM) of a process, in MB. */
export function peakRssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmHWM:\s+(\d+)\s+kB/.exec(status)?.[1] ?? 0);
  return Math.round(kb / 1024);
}

export async function stopEmulatorProcess(emulator: RunningEmulator): Promise<void> {
  const exited = new Promise((resolve) => emulator.child.once('exit', resolve));
  emulator.child.kill('SIGTERM');
  await exited;
  rmSync(emulator.dataDir, { recursive: true, force: true });
}
