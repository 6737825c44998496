import { createRng, guid } from '../ids.js';

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
    guid: () => guid(rng, scratch),
    chars(alphabet, length) {
      const out = length <= scratch.length ? scratch : Buffer.alloc(length);
      for (let i = 0; i < length; i += 1) out[i] = alphabet.charCodeAt(Math.floor(rng() * alphabet.length));
      return out.toString('latin1', 0, length);
    },
    fork: (salt) => createSeedRandom((Math.floor(rng() * 0x7fffffff) ^ Math.imul(salt, 0x9e3779b1)) >>> 0),
  };
  return random;
}

/**
 * An ASCII string as one flat string. Template literals build ropes (a 32-byte node per join);
 * for values kept by the hundred thousand (phone numbers, device names) the copy is smaller.
 */
export function flat(ascii: string): string {
  return Buffer.from(ascii, 'latin1').toString('latin1');
}
