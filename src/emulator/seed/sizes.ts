import type { SeedRandom } from './random.js';

/** Spread of the log-normal tenant weights: ~1.3 gives many small customers and a few large ones. */
const SIZE_SPREAD = 1.3;
/** Smallest customer when there are enough users to go round (a sole trader still has a few accounts). */
const MIN_TENANT_USERS = 3;

/**
 * Splits `total` users over `count` customer tenants the way an MSP's book looks: log-normal
 * weights, integer sizes that sum to `total` exactly (largest remainders get the leftovers).
 */
export function skewedSizes(count: number, total: number, random: SeedRandom): number[] {
  if (count <= 0) return [];
  const floor = total >= count * MIN_TENANT_USERS ? MIN_TENANT_USERS : 0;
  const spare = total - floor * count;
  const weights = Array.from({ length: count }, () => Math.exp(SIZE_SPREAD * random.normal()));
  const sum = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => (w / sum) * spare);
  const sizes = exact.map((x) => floor + Math.floor(x));
  let left = total - sizes.reduce((a, b) => a + b, 0);
  const byRemainder = exact
    .map((x, i) => ({ i, rest: x - Math.floor(x) }))
    .sort((a, b) => b.rest - a.rest || a.i - b.i);
  for (let k = 0; left > 0; k = (k + 1) % count, left -= 1) sizes[byRemainder[k]!.i]! += 1;
  return sizes;
}
