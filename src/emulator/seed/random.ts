import { createRng } from '../ids.js';

/** Seeded random helpers the generator draws everything from, so a seed always yields one estate. */
export interface SeedRandom {
  /** Uniform in [0, 1). */
  next(): number;
  /** Integer in [min, max] (inclusive). */
  int(min: number, max: number): number;
  chance(probability: number): boolean;
  pick<T>(items: readonly T[]): T;
  /** Picks by weight: `[[value, weight], …]`. */
  weighted<T>(items: readonly (readonly [T, number])[]): T;
  /** Standard normal draw (Box–Muller). */
  normal(): number;
  guid(): string;
  /** `length` characters drawn from `alphabet` (ASCII), as one flat string. */
  chars(alphabet: string, length: number): string;
  /** A derived generator, so adding draws in one part does not shift another part's data. */
  fork(salt: number): SeedRandom;
}

const HEX = '0123456789abcdef';
const UINT32 = 0x1_0000_0000;
/** Character positions of the dashes in `8-4-4-4-12`. */
const DASHES = new Set([8, 13, 18, 23]);

/**
 * A version-4-layout GUID drawn from `rng`. Written into a byte buffer and decoded once, so the
 * string is flat: 100k users' ids built by concatenation would cost ~400 bytes each in rope nodes.
 */
function guidFrom(rng: () => number, scratch: Buffer): string {
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

export function createSeedRandom(seed: number): SeedRandom {
  const rng = createRng(seed);
  const scratch = Buffer.alloc(36);
  const random: SeedRandom = {
    next: rng,
    int: (min, max) => min + Math.floor(rng() * (max - min + 1)),
    chance: (p) => rng() < p,
    pick(items) {
      if (items.length === 0) throw new Error('emulator seed: pick from an empty list');
      return items[Math.floor(rng() * items.length)] as (typeof items)[number];
    },
    weighted(items) {
      const total = items.reduce((n, [, w]) => n + w, 0);
      let roll = rng() * total;
      for (const [value, weight] of items) {
        roll -= weight;
        if (roll < 0) return value;
      }
      return items[items.length - 1]![0];
    },
    normal() {
      const u = Math.max(rng(), Number.EPSILON);
      return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng());
    },
    guid: () => guidFrom(rng, scratch),
    chars(alphabet, length) {
      const out = length <= scratch.length ? scratch : Buffer.alloc(length);
      for (let i = 0; i < length; i += 1) out[i] = alphabet.charCodeAt(Math.floor(rng() * alphabet.length));
      return out.toString('latin1', 0, length);
    },
    fork: (salt) => createSeedRandom((Math.floor(rng() * 0x7fffffff) ^ Math.imul(salt, 0x9e3779b1)) >>> 0),
  };
  return random;
}
