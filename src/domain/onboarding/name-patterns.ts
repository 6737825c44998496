import type {
  CustomPatternPart,
  CustomPatternToken,
  EmailFormat,
} from '../../contracts/onboarding/naming.js';

/**
 * Address patterns: the built-in formats written as custom-pattern parts, rendering parts with a
 * person's normalised names, and the pattern variants the fallbacks try.
 */

/** A pattern as parts: tokens and literal characters. */
export type Parts = readonly CustomPatternPart[];
/** The names in address form (see `normaliseNamePart`); `middle` is empty when there is none. */
export interface NameParts {
  first: string;
  middle: string;
  last: string;
}

const token = (name: CustomPatternToken, length?: number): CustomPatternPart =>
  length === undefined ? { kind: 'token', token: name } : { kind: 'token', token: name, length };
const literal = (text: string): CustomPatternPart => ({ kind: 'literal', text });

/** The built-in formats written as patterns, so fallbacks work the same way on both. */
export const BUILT_IN_FORMATS: Readonly<Record<Exclude<EmailFormat, 'custom'>, Parts>> = {
  'firstname.lastname': [token('first'), literal('.'), token('last')],
  'firstinitial.lastname': [token('first', 1), literal('.'), token('last')],
  'firstname.lastinitial': [token('first'), literal('.'), token('last', 1)],
  firstname: [token('first')],
  'lastname.firstname': [token('last'), literal('.'), token('first')],
};

const SEPARATORS = /[._-]/;

function tokenValue(part: Extract<CustomPatternPart, { kind: 'token' }>, names: NameParts): string {
  const full =
    part.token === 'initials'
      ? names.first.slice(0, 1) + names.middle.slice(0, 1) + names.last.slice(0, 1)
      : names[part.token];
  return part.length === undefined ? full : full.slice(0, part.length).replace(/-+$/, '');
}

/** The local part a pattern gives for these names, before `finishLocalPart`. */
export function render(parts: Parts, names: NameParts): string {
  let out = '';
  let previousEmpty = false;
  for (const part of parts) {
    if (part.kind === 'token') {
      const value = tokenValue(part, names);
      out += value;
      previousEmpty = value === '';
      continue;
    }
    let text = part.text.toLowerCase();
    // A separator beside an empty name part goes with it: {first}.{middle}.{last} without a middle
    // name is jane.doe, not jane..doe.
    if (previousEmpty && (out === '' || SEPARATORS.test(out.slice(-1))) && SEPARATORS.test(text.charAt(0))) {
      text = text.slice(1);
    }
    out += text;
    previousEmpty = false;
  }
  return out;
}

/** The pattern with the middle initial after the first name, using the separator beside it (jane.q.doe, jqdoe). */
export function withMiddleInitial(parts: Parts, builtIn: boolean): Parts | undefined {
  if (parts.some((p) => p.kind === 'token' && (p.token === 'middle' || p.token === 'initials')))
    return undefined;
  const at = parts.findIndex((p) => p.kind === 'token' && p.token === 'first');
  if (at === -1) return undefined;
  const after = parts[at + 1];
  const before = parts[at - 1];
  const separator =
    after?.kind === 'literal' && SEPARATORS.test(after.text.charAt(0))
      ? after.text.charAt(0)
      : before?.kind === 'literal' && SEPARATORS.test(before.text.slice(-1))
        ? before.text.slice(-1)
        : builtIn
          ? '.'
          : '';
  return [...parts.slice(0, at + 1), literal(separator), token('middle', 1), ...parts.slice(at + 1)];
}

/** The pattern with 2, 3… letters of the first name wherever it uses only its first letters. */
export function withFirstNameLetters(parts: Parts, firstLength: number): Parts[] {
  const cut = parts.flatMap((p) =>
    p.kind === 'token' && p.token === 'first' && p.length !== undefined ? [p.length] : [],
  );
  if (cut.length === 0) return [];
  const variants: Parts[] = [];
  for (let letters = Math.min(...cut) + 1; letters <= firstLength; letters += 1) {
    variants.push(
      parts.map((p) =>
        p.kind === 'token' && p.token === 'first' && p.length !== undefined
          ? token('first', Math.max(p.length, letters))
          : p,
      ),
    );
  }
  return variants;
}

/** Which typed names a pattern uses, so an unusable one is refused only when it matters. */
export function usedFields(parts: Parts): Set<'firstName' | 'lastName'> {
  const used = new Set<'firstName' | 'lastName'>();
  for (const p of parts) {
    if (p.kind !== 'token') continue;
    if (p.token === 'first' || p.token === 'initials') used.add('firstName');
    if (p.token === 'last' || p.token === 'initials') used.add('lastName');
  }
  return used;
}
