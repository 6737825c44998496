import { randomUUID } from 'node:crypto';

/** Deterministic pseudo-random numbers (mulberry32) so a seed always yields the same estate. */
export function createRng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const HEX = '0123456789abcdef';
const UINT32 = 0x1_0000_0000;
/** Character positions of the dashes in `8-4-4-4-12`. */
const DASHES = new Set([8, 13, 18, 23]);

/**
 * A GUID drawn from `rng` (version-4 layout), or a random one when no rng is given. Written into a
 * byte buffer and decoded once so the string is flat: ids built by concatenation cost ~400 bytes
 * each in rope nodes, which adds up over 100k users. `scratch` (36 bytes) may be reused by callers
 * that draw many ids.
 */
export function guid(rng?: () => number, scratch: Buffer = Buffer.allocUnsafe(36)): string {
  if (!rng) return randomUUID();
  let word = 0;
  let nibbles = 0;
  for (let i = 0; i < 36; i += 1) {
    if (DASHES.has(i)) {
      scratch[i] = 0x2d;
      continue;
    }
    if (nibbles === 0) {
      word = Math.floor(rng() * UINT32);
      nibbles = 8;
    }
    let nibble = word & 0xf;
    word >>>= 4;
    nibbles -= 1;
    if (i === 14) nibble = 4;
    if (i === 19) nibble = 8 | (nibble & 3);
    scratch[i] = HEX.charCodeAt(nibble);
  }
  return scratch.toString('latin1', 0, 36);
}
