import { execFile } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import lockfile from 'proper-lockfile';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const webRoot = join(repoRoot, 'web');
const builtIndex = join(webRoot, 'dist', 'index.html');

/** What the built app is made from: a change in any of these makes `web/dist` stale. */
const SOURCES = [
  join(webRoot, 'src'),
  join(webRoot, 'index.html'),
  join(webRoot, 'portal'),
  join(webRoot, 'vite.config.ts'),
  join(repoRoot, 'src', 'contracts'),
];

function newestChange(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestChange(join(path, entry)));
  return newest;
}

function isFresh(): boolean {
  return existsSync(builtIndex) && statSync(builtIndex).mtimeMs >= Math.max(...SOURCES.map(newestChange));
}

/**
 * Builds the web app when `web/dist` is missing or older than its sources, so `npm test` works from
 * a clean clone without `npm run build` first. Test files run in parallel processes; a lock makes
 * the second one wait for the first one's build instead of building again.
 */
export async function ensureWebBuilt(): Promise<void> {
  if (isFresh()) return;
  const release = await lockfile.lock(webRoot, {
    lockfilePath: join(repoRoot, 'web', '.build.lock'),
    retries: { retries: 600, minTimeout: 200, maxTimeout: 200 },
  });
  try {
    if (isFresh()) return;
    const vite = join(repoRoot, 'node_modules', 'vite', 'bin', 'vite.js');
    await promisify(execFile)(
      process.execPath,
      [vite, 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'],
      // Vitest sets NODE_ENV=test, which would make Vite bundle React's development build.
      { cwd: repoRoot, env: { ...process.env, NODE_ENV: 'production' } },
    ).catch((cause: { stdout?: string; stderr?: string }) => {
      throw new Error(`The web build failed:\n${cause.stdout ?? ''}\n${cause.stderr ?? String(cause)}`);
    });
  } finally {
    await release();
  }
}
