import {
  de,
  el,
  en,
  en_GB,
  en_US,
  es,
  fr,
  nb_NO,
  nl,
  pl,
  ru,
  sv,
  type LocaleDefinition,
} from '@faker-js/faker';

export type LocaleKey =
  'en_GB' | 'en_US' | 'de' | 'fr' | 'es' | 'pl' | 'sv' | 'nb' | 'nl' | 'ru' | 'el' | 'ja' | 'zh';

/** What a locale contributes: names (faker, or the romanised tables for CJK), and where people work. */
export interface LocaleInfo {
  key: LocaleKey;
  /** faker definitions, most specific first; null for CJK (see cjk-names.ts). */
  faker: LocaleDefinition[] | null;
  /** ISO country for usageLocation and offices. */
  country: string;
  language: string;
  /** Family name first in display names (ja, zh). */
  familyFirst: boolean;
  /** Space between the parts of a display name. */
  separator: string;
  callingCode: string;
  tld: string;
  cities: string[];
}

const L = (info: Omit<LocaleInfo, 'familyFirst' | 'separator'> & Partial<LocaleInfo>): LocaleInfo => ({
  familyFirst: false,
  separator: ' ',
  ...info,
});

/** Every locale the generator knows; offices carry accented city names on purpose. */
export const LOCALES: Record<LocaleKey, LocaleInfo> = {
  en_GB: L({
    key: 'en_GB',
    faker: [en_GB, en],
    country: 'GB',
    language: 'en-GB',
    callingCode: '+44',
    tld: 'co.uk',
    cities: ['London', 'Manchester', 'Edinburgh', 'Bristol', 'Leeds'],
  }),
  en_US: L({
    key: 'en_US',
    faker: [en_US, en],
    country: 'US',
    language: 'en-US',
    callingCode: '+1',
    tld: 'com',
    cities: ['New York', 'Chicago', 'Seattle', 'Austin'],
  }),
  de: L({
    key: 'de',
    faker: [de, en],
    country: 'DE',
    language: 'de-DE',
    callingCode: '+49',
    tld: 'de',
    cities: ['München', 'Köln', 'Düsseldorf', 'Berlin', 'Nürnberg'],
  }),
  fr: L({
    key: 'fr',
    faker: [fr, en],
    country: 'FR',
    language: 'fr-FR',
    callingCode: '+33',
    tld: 'fr',
    cities: ['Paris', 'Lyon', 'Orléans', 'Nîmes', 'Besançon'],
  }),
  es: L({
    key: 'es',
    faker: [es, en],
    country: 'ES',
    language: 'es-ES',
    callingCode: '+34',
    tld: 'es',
    cities: ['Madrid', 'Barcelona', 'Málaga', 'Córdoba', 'A Coruña'],
  }),
  pl: L({
    key: 'pl',
    faker: [pl, en],
    country: 'PL',
    language: 'pl-PL',
    callingCode: '+48',
    tld: 'pl',
    cities: ['Kraków', 'Warszawa', 'Łódź', 'Gdańsk', 'Wrocław'],
  }),
  sv: L({
    key: 'sv',
    faker: [sv, en],
    country: 'SE',
    language: 'sv-SE',
    callingCode: '+46',
    tld: 'se',
    cities: ['Stockholm', 'Göteborg', 'Malmö', 'Västerås', 'Linköping'],
  }),
  nb: L({
    key: 'nb',
    faker: [nb_NO, en],
    country: 'NO',
    language: 'nb-NO',
    callingCode: '+47',
    tld: 'no',
    cities: ['Oslo', 'Bergen', 'Tromsø', 'Trondheim', 'Bodø'],
  }),
  nl: L({
    key: 'nl',
    faker: [nl, en],
    country: 'NL',
    language: 'nl-NL',
    callingCode: '+31',
    tld: 'nl',
    cities: ['Amsterdam', 'Rotterdam', 'Den Haag', 'Utrecht'],
  }),
  ru: L({
    key: 'ru',
    faker: [ru, en],
    country: 'CY',
    language: 'ru-RU',
    callingCode: '+357',
    tld: 'com.cy',
    cities: ['Limassol', 'Nicosia'],
  }),
  el: L({
    key: 'el',
    faker: [el, en],
    country: 'GR',
    language: 'el-GR',
    callingCode: '+30',
    tld: 'gr',
    cities: ['Athens', 'Thessaloniki'],
  }),
  ja: L({
    key: 'ja',
    faker: null,
    country: 'JP',
    language: 'ja-JP',
    familyFirst: true,
    callingCode: '+81',
    tld: 'co.jp',
    cities: ['Tokyo', 'Osaka'],
  }),
  zh: L({
    key: 'zh',
    faker: null,
    country: 'CN',
    language: 'zh-CN',
    familyFirst: true,
    separator: '',
    callingCode: '+86',
    tld: 'cn',
    cities: ['Shanghai', 'Shenzhen'],
  }),
};

/** Locales a customer tenant can be headquartered in (Latin script, so domains fold cleanly). */
export const HOME_LOCALES: readonly (readonly [LocaleKey, number])[] = [
  ['en_GB', 30],
  ['en_US', 12],
  ['de', 14],
  ['fr', 10],
  ['es', 8],
  ['pl', 6],
  ['sv', 6],
  ['nb', 6],
  ['nl', 8],
];

/** Where colleagues from elsewhere come from: every tenant has some, so non-Latin names always occur. */
export const STAFF_MIX: readonly (readonly [LocaleKey, number])[] = [
  ['en_GB', 12],
  ['en_US', 6],
  ['de', 8],
  ['fr', 8],
  ['es', 8],
  ['pl', 8],
  ['sv', 4],
  ['nb', 4],
  ['nl', 4],
  ['ru', 6],
  ['el', 5],
  ['ja', 5],
  ['zh', 6],
];
