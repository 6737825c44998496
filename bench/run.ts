/**
 * `npm run bench -- <name> [options]`: runs one benchmark and prints ONE JSON object on stdout.
 * Progress goes to stderr so stdout stays machine-readable.
 */
const benches: Record<string, () => Promise<{ run(args: string[]): Promise<Record<string, unknown>> }>> = {
  emulator: () => import('./emulator.js'),
  api: () => import('./api.js'),
  'sync-full': () => import('./sync-full.js'),
  'sync-delta': () => import('./sync-delta.js'),
  'notify-latency': () => import('./notify-latency.js'),
  'scale-out': () => import('./scale-out.js'),
  csp: () => import('./csp.js'),
  assets: () => import('./assets.js'),
  'licence-insight': () => import('./licence-insight.js'),
  'licence-bulk': () => import('./licence-bulk.js'),
  onboarding: () => import('./onboarding.js'),
  hr: () => import('./hr.js'),
};

const [name, ...args] = process.argv.slice(2);
if (!name || name === '--help' || !benches[name]) {
  console.error(`usage: npm run bench -- <name> [options]\n\nbenchmarks: ${Object.keys(benches).join(', ')}`);
  process.exit(name && name !== '--help' ? 2 : 0);
}
const result = await (await benches[name]!()).run(args);
process.stdout.write(`${JSON.stringify(result)}\n`);
