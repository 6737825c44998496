import { base, Faker } from '@faker-js/faker';
import { JA_FAMILY, JA_GIVEN, ZH_FAMILY, ZH_GIVEN, type NamePair } from './cjk-names.js';
import { LOCALES, type LocaleKey } from './locales.js';
import { asciiFold } from './romanise.js';

/** A name as shown (`Zoë`) and as folded into a mail alias (`zoe`). */
export interface NamePart {
  native: string;
  ascii: string;
}

export type Sex = 'female' | 'male';

export interface LocaleNames {
  given: Record<Sex, NamePart[]>;
  family: Record<Sex, NamePart[]>;
}

export interface NamePools {
  people: Record<LocaleKey, LocaleNames>;
  /** Company names per locale for generated customers. */
  companies: Record<LocaleKey, string[]>;
}

/** Distinct names drawn per locale and sex; combined at random, this gives realistic repeats. */
const GIVEN_POOL = 120;
const FAMILY_POOL = 160;
const COMPANY_POOL = 80;
/** faker repeats itself; stop drawing after this many tries per wanted name. */
const DRAW_ATTEMPTS = 4;

function distinct(count: number, draw: () => string): NamePart[] {
  const seen = new Map<string, NamePart>();
  for (let i = 0; i < count * DRAW_ATTEMPTS && seen.size < count; i += 1) {
    const native = draw();
    if (!seen.has(native)) seen.set(native, { native, ascii: asciiFold(native) });
  }
  return [...seen.values()];
}

const pairs = (list: readonly NamePair[]): NamePart[] => list.map(([native, ascii]) => ({ native, ascii }));

/**
 * Builds the name pools once per seeding: a seeded faker per locale draws a few hundred names, and
 * users combine them. Calling faker per user would dominate the time of a 100k-user seed.
 */
export function createNamePools(seed: number): NamePools {
  const people = {} as Record<LocaleKey, LocaleNames>;
  const companies = {} as Record<LocaleKey, string[]>;
  for (const [index, info] of Object.values(LOCALES).entries()) {
    if (!info.faker) {
      const [family, given] = info.key === 'ja' ? [JA_FAMILY, JA_GIVEN] : [ZH_FAMILY, ZH_GIVEN];
      people[info.key] = {
        given: { female: pairs(given), male: pairs(given) },
        family: { female: pairs(family), male: pairs(family) },
      };
      companies[info.key] = [];
      continue;
    }
    const faker = new Faker({ locale: [...info.faker, base] });
    faker.seed(seed * 31 + index);
    people[info.key] = {
      given: {
        female: distinct(GIVEN_POOL, () => faker.person.firstName('female')),
        male: distinct(GIVEN_POOL, () => faker.person.firstName('male')),
      },
      family: {
        female: distinct(FAMILY_POOL, () => faker.person.lastName('female')),
        male: distinct(FAMILY_POOL, () => faker.person.lastName('male')),
      },
    };
    companies[info.key] = distinct(COMPANY_POOL, () => faker.company.name()).map((c) => c.native);
  }
  return { people, companies };
}
