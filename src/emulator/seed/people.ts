import { LOCALES, STAFF_MIX, type LocaleInfo } from './locales.js';
import type { NamePart, Sex } from './names.js';
import type { TenantBuild } from './tenant-build.js';

/** Share of colleagues named in the tenant's own language; the rest come from `STAFF_MIX`. */
const HOME_SHARE = 0.72;
/** Share of people given exactly the name of someone drawn before (two "Anna Nowak"s). */
const DUPLICATE_SHARE = 0.015;
/** How many recent names a duplicate can copy. */
const RECENT_NAMES = 64;

export interface PersonName {
  given: NamePart;
  family: NamePart;
  locale: LocaleInfo;
  displayName: string;
}

/** Names drawn so far in a tenant, for deliberate duplicates. */
export type RecentNames = PersonName[];

export function drawName(build: TenantBuild, recent: RecentNames): PersonName {
  const { random } = build;
  if (recent.length > 0 && random.chance(DUPLICATE_SHARE)) return random.pick(recent);
  const locale = random.chance(HOME_SHARE) ? build.home : LOCALES[random.weighted(STAFF_MIX)];
  const sex: Sex = random.chance(0.5) ? 'female' : 'male';
  const pool = build.pools.people[locale.key];
  const given = random.pick(pool.given[sex]);
  const family = random.pick(pool.family[sex]);
  const displayName = locale.familyFirst
    ? `${family.native}${locale.separator}${given.native}`
    : `${given.native}${locale.separator}${family.native}`;
  const name = { given, family, locale, displayName };
  if (recent.length < RECENT_NAMES) recent.push(name);
  else recent[random.int(0, RECENT_NAMES - 1)] = name;
  return name;
}

/**
 * A mail alias not yet used in the tenant: `given.family`, then `given.family2`, … as admins do.
 * Empty folds (a name with no Latin letters) fall back to `user`.
 */
export function uniqueAlias(build: TenantBuild, wanted: string): string {
  const base = wanted.replace(/^\.+|\.+$/g, '') || 'user';
  let alias = base;
  for (let n = 2; build.aliases.has(alias); n += 1) alias = `${base}${n}`;
  build.aliases.add(alias);
  return alias;
}

export function personAlias(name: PersonName): string {
  return `${name.given.ascii}.${name.family.ascii}`;
}
