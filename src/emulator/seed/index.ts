import type { Estate } from '../state/estate.js';

export interface SeedOptions {
  seed: number;
  preset?: 'demo' | 'empty';
  tenants?: number;
  users?: number;
}

/** Owned by: seed generator. Fills the estate deterministically from `seed`. */
export function seedEstate(_estate: Estate, _opts: SeedOptions): void {}
