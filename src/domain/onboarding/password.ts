/**
 * Temporary passwords for new Entra users (issue 8), and Microsoft Entra's password rules for
 * cloud accounts: 8–256 characters, at least three of upper case, lower case, digits and symbols,
 * and only A–Z, a–z, 0–9, the symbols `@ # $ % ^ & * - _ ! + = [ ] { } | \ : ' , . ? / ` ~ " ( ) ; < >`
 * and the space (no other Unicode). Entra also refuses passwords on its banned list, which cannot be
 * checked here; a random 16-character password does not match one.
 */

/** A source of random whole numbers in `[0, maxExclusive)`, such as node's `crypto.randomInt`. */
export type RandomInt = (maxExclusive: number) => number;

/** The symbols Entra accepts in a password (the space aside). */
export const ENTRA_PASSWORD_SYMBOLS = '@#$%^&*-_!+=[]{}|\\:\',.?/`~"();<>';

/** Entra's length limits for a cloud account's password. */
export const MIN_PASSWORD_LENGTH = 8;
export const MAX_PASSWORD_LENGTH = 256;

// The generated passwords leave out characters that are mistaken for one another when read out or
// typed from a ticket (0/O, 1/l/I), and symbols that are hard to see or that quoting mangles when
// pasted (quotes, backtick, backslash, space, | , . ; : and brackets).
const UPPER = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
const LOWER = 'abcdefghijkmnopqrstuvwxyz';
const DIGITS = '23456789';
const SYMBOLS = '!#$%&*+-=?@^_~';
const ALL = UPPER + LOWER + DIGITS + SYMBOLS;

/** A number from the source, checked: a broken source must fail loudly, not weaken passwords. */
function below(maxExclusive: number, randomInt: RandomInt): number {
  const n = randomInt(maxExclusive);
  if (!Number.isInteger(n) || n < 0 || n >= maxExclusive) {
    throw new RangeError(`the random source returned ${n} for a number below ${maxExclusive}`);
  }
  return n;
}

const pick = (alphabet: string, randomInt: RandomInt) => alphabet.charAt(below(alphabet.length, randomInt));

/**
 * A temporary password of `length` characters with at least one upper-case letter, lower-case
 * letter, digit and symbol, none of them easily misread, placed by a Fisher–Yates shuffle.
 *
 * The random source is passed in rather than imported so that this module stays pure (the domain
 * layer does no IO and imports nothing but contracts) and tests can drive it with a fixed sequence.
 * Callers must pass a cryptographically secure source: node's `crypto.randomInt`.
 */
export function generateTemporaryPassword(randomInt: RandomInt, length = 16): string {
  if (!Number.isInteger(length) || length < MIN_PASSWORD_LENGTH || length > MAX_PASSWORD_LENGTH) {
    throw new RangeError(
      `a password must be ${MIN_PASSWORD_LENGTH}–${MAX_PASSWORD_LENGTH} characters long, not ${length}`,
    );
  }
  const characters = [UPPER, LOWER, DIGITS, SYMBOLS].map((alphabet) => pick(alphabet, randomInt));
  while (characters.length < length) characters.push(pick(ALL, randomInt));
  for (let i = characters.length - 1; i > 0; i -= 1) {
    const j = below(i + 1, randomInt);
    [characters[i], characters[j]] = [characters[j] as string, characters[i] as string];
  }
  return characters.join('');
}

const ALLOWED = new Set([
  ...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789',
  ...ENTRA_PASSWORD_SYMBOLS,
  ' ',
]);

/** What in a password Entra would refuse, in words; empty when it meets the rules. */
export function entraPasswordProblems(password: string): string[] {
  const problems: string[] = [];
  const characters = [...password];
  if (characters.length < MIN_PASSWORD_LENGTH || characters.length > MAX_PASSWORD_LENGTH) {
    problems.push(`it must be ${MIN_PASSWORD_LENGTH}–${MAX_PASSWORD_LENGTH} characters long`);
  }
  const refused = [...new Set(characters.filter((c) => !ALLOWED.has(c)))];
  if (refused.length > 0) problems.push(`it has characters Entra does not allow: ${refused.join(' ')}`);
  const classes = [/[A-Z]/, /[a-z]/, /[0-9]/, /[^A-Za-z0-9 ]/].filter((re) => re.test(password)).length;
  if (classes < 3) {
    problems.push('it needs three of: an upper-case letter, a lower-case letter, a digit, a symbol');
  }
  return problems;
}

/** Whether Entra accepts the password for a cloud account (length, characters, three of four kinds). */
export function meetsEntraPasswordRules(password: string): boolean {
  return entraPasswordProblems(password).length === 0;
}
