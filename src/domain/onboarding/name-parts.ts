import anyAscii from 'any-ascii';

/**
 * Turning typed names into the pieces of an address local part, and finishing a local part so that
 * Microsoft accepts it as the part of a userPrincipalName before the `@` (Graph `user` resource and
 * "username policies"): at most 64 characters of `A–Z a–z 0–9 ' . - _ ! # ^ ~`, no accented
 * letters, no spaces, not starting or ending with a dot. We also never write two dots in a row.
 */

/** The longest part before the `@` Microsoft accepts. */
export const MAX_LOCAL_PART_LENGTH = 64;

/**
 * Everything that is not part of how a name is spelled: digits, punctuation other than apostrophes
 * and hyphens, symbols and emoji. Removed before transliteration, which would otherwise spell emoji
 * out as words (`:grinning:`).
 */
const NOT_NAME = /[^\p{L}\p{M}\s'’ʼ‘`\-‐‑‒–—]/gu;

/**
 * A name (or one part of it) as it appears in an address: transliterated to ASCII (any-ascii:
 * José → jose, Łukasz → lukasz, Søren → soren, 王小明 → wangxiaoming, Анна → anna), lower-cased,
 * spaces and apostrophes removed (van der Berg → vanderberg, O'Brien → obrien), hyphens kept
 * (Ärger-Smith → arger-smith) but never doubled or at either end. Empty when nothing usable is left.
 */
export function normaliseNamePart(raw: string): string {
  const spelled = raw.normalize('NFC').replace(NOT_NAME, '');
  return anyAscii(spelled)
    .toLowerCase()
    .replace(/[^a-z0-9-]/g, '')
    .replace(/-{2,}/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** Dots and hyphens are removed from the ends of a local part: a dot there is refused, a hyphen looks broken. */
function trimEnds(local: string): string {
  return local.replace(/^[.-]+|[.-]+$/g, '');
}

/**
 * A local part made safe: lower-cased, characters Microsoft refuses removed, no two dots in a row,
 * no dot or hyphen at either end, at most `maxLength` characters (cut at the end).
 */
export function finishLocalPart(local: string, maxLength = MAX_LOCAL_PART_LENGTH): string {
  const cleaned = trimEnds(
    local
      .toLowerCase()
      .replace(/[^a-z0-9'._\-!#^~]/g, '')
      .replace(/\.{2,}/g, '.'),
  );
  return trimEnds(cleaned.slice(0, maxLength));
}

const VALID_LOCAL_PART = /^[a-z0-9'_\-!#^~](?:[a-z0-9'._\-!#^~]*[a-z0-9'_\-!#^~])?$/;
const VALID_DOMAIN = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]$/;

/** Whether a lower-case local part is one Microsoft accepts and we would write. */
export function isValidLocalPart(local: string): boolean {
  return local.length <= MAX_LOCAL_PART_LENGTH && VALID_LOCAL_PART.test(local) && !local.includes('..');
}

/** Whether a lower-case domain looks like a DNS name (labels of letters, digits and hyphens, dotted). */
export function isValidDomain(domain: string): boolean {
  return VALID_DOMAIN.test(domain);
}

/** Whether `local@domain` (lower case) is an address this module could have produced. */
export function isValidAddress(address: string): boolean {
  const at = address.lastIndexOf('@');
  return at > 0 && isValidLocalPart(address.slice(0, at)) && isValidDomain(address.slice(at + 1));
}
