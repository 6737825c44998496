import { z } from 'zod';

/**
 * Naming conventions for new starters (issue 8): how a customer's new Entra user's
 * userPrincipalName (and e-mail address) is computed from the names typed on the form, and what is
 * tried when that address is taken. The computation itself is in `src/domain/onboarding/naming.ts`;
 * this file holds what the server, the console and the portal validate alike.
 *
 * Microsoft's rules (Graph `user` resource; "username policies"): the part before `@` is at most 64
 * characters of `A–Z a–z 0–9 ' . - _ ! # ^ ~`, with no accented letters and no spaces, and may not
 * start or end with a dot.
 */

/** The address formats a customer can choose; `custom` uses {@link NamingConvention.customPattern}. */
export const EMAIL_FORMATS = [
  'firstname.lastname',
  'firstinitial.lastname',
  'firstname.lastinitial',
  'firstname',
  'lastname.firstname',
  'custom',
] as const;
export type EmailFormat = (typeof EMAIL_FORMATS)[number];

/** What the forms show for each format, with Jane Doe as the example. */
export const EMAIL_FORMAT_LABELS: Readonly<Record<EmailFormat, string>> = {
  'firstname.lastname': 'firstname.lastname (jane.doe)',
  'firstinitial.lastname': 'firstinitial.lastname (j.doe)',
  'firstname.lastinitial': 'firstname.lastinitial (jane.d)',
  firstname: 'firstname (jane)',
  'lastname.firstname': 'lastname.firstname (doe.jane)',
  custom: 'custom pattern, e.g. {first:1}{last} (jdoe)',
};

/** One of {@link EMAIL_FORMATS}, refused with the list when it is not. */
export const emailFormatSchema = z.enum(EMAIL_FORMATS, {
  error: () => `format must be one of ${EMAIL_FORMATS.join(', ')}`,
});

/** The name tokens a custom pattern may use, each optionally cut to its first N characters (`{first:1}`). */
export const CUSTOM_PATTERN_TOKENS = ['first', 'last', 'middle', 'initials'] as const;
export type CustomPatternToken = (typeof CUSTOM_PATTERN_TOKENS)[number];

/** One piece of a parsed custom pattern. */
export type CustomPatternPart =
  { kind: 'literal'; text: string } | { kind: 'token'; token: CustomPatternToken; length?: number };

/** A custom pattern read into parts, or why it cannot be. */
export type ParsedCustomPattern =
  { ok: true; parts: readonly CustomPatternPart[] } | { ok: false; message: string };

/** Characters Microsoft allows in the part of a userPrincipalName before the `@`. */
const LITERAL_CHARACTER = /^[A-Za-z0-9'._\-!#^~]$/;
const PATTERN_MAX_LENGTH = 100;
const TOKEN_MAX_LENGTH = 64;

/** Names people write for the tokens, mapped to the token they mean, for the error message. */
const TOKEN_SUGGESTIONS: Readonly<Record<string, string>> = {
  firstname: '{first}',
  first_name: '{first}',
  givenname: '{first}',
  given: '{first}',
  forename: '{first}',
  f: '{first:1}',
  firstinitial: '{first:1}',
  lastname: '{last}',
  last_name: '{last}',
  surname: '{last}',
  familyname: '{last}',
  l: '{last:1}',
  lastinitial: '{last:1}',
  middlename: '{middle}',
  middleinitial: '{middle:1}',
  initial: '{initials}',
};

const TOKEN_LIST = CUSTOM_PATTERN_TOKENS.map((t) => `{${t}}`).join(', ');

function parseToken(body: string): CustomPatternPart | string {
  const [name = '', lengthText, extra] = body.split(':');
  const token = CUSTOM_PATTERN_TOKENS.find((t) => t === name.trim().toLowerCase());
  if (!token) {
    const suggestion = TOKEN_SUGGESTIONS[name.trim().toLowerCase()];
    return suggestion
      ? `unknown token {${body}}: write ${suggestion} instead`
      : `unknown token {${body}}: use ${TOKEN_LIST}, optionally with a length such as {first:1}`;
  }
  if (extra !== undefined) return `token {${body}} has more than one ":"; write it as {${token}:N}`;
  if (lengthText === undefined) return { kind: 'token', token };
  const length = Number(lengthText);
  if (!/^\d+$/.test(lengthText.trim()) || length < 1 || length > TOKEN_MAX_LENGTH) {
    return `the length in {${body}} must be a whole number from 1 to ${TOKEN_MAX_LENGTH}, as in {${token}:1}`;
  }
  return { kind: 'token', token, length };
}

function literalProblem(text: string): string | undefined {
  for (const c of text) {
    if (LITERAL_CHARACTER.test(c)) continue;
    if (c === '@')
      return 'the pattern has "@": the domain is chosen separately, so leave out "@" and what follows';
    const shown = c === ' ' ? 'a space' : `"${c}"`;
    return `the pattern has ${shown}, which Microsoft does not allow in an address; use letters, digits or . - _ ' ! # ^ ~ between the tokens`;
  }
  if (text.includes('..')) return 'the pattern has "..": Microsoft refuses addresses with two dots in a row';
  return undefined;
}

/**
 * Reads a custom pattern such as `{first}.{last}` or `{first:1}{last}` into its tokens and literal
 * characters, or says in words what is wrong with it and how to fix it.
 */
export function parseCustomPattern(pattern: string): ParsedCustomPattern {
  const fail = (message: string): ParsedCustomPattern => ({ ok: false, message });
  if (pattern.trim() === '') return fail('the custom pattern is empty; write one such as {first}.{last}');
  if (pattern.length > PATTERN_MAX_LENGTH) {
    return fail(`the custom pattern must be at most ${PATTERN_MAX_LENGTH} characters`);
  }
  const parts: CustomPatternPart[] = [];
  let literal = '';
  let i = 0;
  while (i < pattern.length) {
    const c = pattern[i] as string;
    if (c === '}') {
      return fail(
        `the pattern has a "}" at position ${i + 1} with no "{" before it; remove it or add the "{"`,
      );
    }
    if (c !== '{') {
      literal += c;
      i += 1;
      continue;
    }
    const close = pattern.indexOf('}', i + 1);
    const nextOpen = pattern.indexOf('{', i + 1);
    if (close === -1 || (nextOpen !== -1 && nextOpen < close)) {
      return fail(`the pattern has a "{" at position ${i + 1} that is not closed; close it, as in {first}`);
    }
    if (literal) parts.push({ kind: 'literal', text: literal });
    literal = '';
    const body = pattern.slice(i + 1, close);
    if (body.trim() === '') return fail(`the pattern has an empty token "{}"; use one of ${TOKEN_LIST}`);
    const part = parseToken(body);
    if (typeof part === 'string') return fail(part);
    parts.push(part);
    i = close + 1;
  }
  if (literal) parts.push({ kind: 'literal', text: literal });

  for (const part of parts) {
    if (part.kind !== 'literal') continue;
    const problem = literalProblem(part.text);
    if (problem) return fail(problem);
  }
  const first = parts[0];
  const last = parts[parts.length - 1];
  if (first?.kind === 'literal' && first.text.startsWith('.')) {
    return fail(
      'the pattern starts with "."; Microsoft refuses addresses that start with a dot, so remove it',
    );
  }
  if (last?.kind === 'literal' && last.text.endsWith('.')) {
    return fail('the pattern ends with "."; Microsoft refuses addresses that end with a dot, so remove it');
  }
  // {middle} alone would give an empty address to everyone without a middle name, and literals
  // alone the same address to everyone.
  if (!parts.some((p) => p.kind === 'token' && p.token !== 'middle')) {
    return fail(
      'the pattern has no name in it, so it cannot make an address per person; include {first}, {last} or {initials}',
    );
  }
  return { ok: true, parts };
}

/** A custom pattern, refused with a message naming the bad token or character and the fix. */
export const customPatternSchema = z
  .string('customPattern must be text such as {first}.{last}')
  .trim()
  .superRefine((pattern, ctx) => {
    const parsed = parseCustomPattern(pattern);
    if (!parsed.ok) ctx.addIssue({ code: 'custom', message: `customPattern: ${parsed.message}` });
  });

/**
 * What is tried, in the convention's order, when the base address is taken:
 * - `middleInitial`: the middle name's initial, where the format has a place for it (jane.q.doe);
 * - `firstNameLetters`: 2, 3… letters of the first name, for formats that use the first initial
 *   (ja.doe, jan.doe);
 * - `number`: 2 to `maxNumber` after the base address (jane.doe2).
 */
export const NAMING_FALLBACKS = ['middleInitial', 'firstNameLetters', 'number'] as const;
export type NamingFallback = (typeof NAMING_FALLBACKS)[number];

/** What the forms show for each fallback, with Jane Q. Doe as the example. */
export const NAMING_FALLBACK_LABELS: Readonly<Record<NamingFallback, string>> = {
  middleInitial: 'add the middle initial (jane.q.doe)',
  firstNameLetters: 'more letters of the first name (ja.doe, jan.doe)',
  number: 'add a number (jane.doe2, jane.doe3…)',
};

/** One of {@link NAMING_FALLBACKS}, refused with the list when it is not. */
export const namingFallbackSchema = z.enum(NAMING_FALLBACKS, {
  error: () => `fallbacks must be chosen from ${NAMING_FALLBACKS.join(', ')}`,
});

/** The highest number the `number` fallback may go to. */
export const MAX_NAMING_NUMBER = 999;

/** A customer's naming convention: the format, its custom pattern, and the fallbacks in order. */
export const namingConventionSchema = z
  .object({
    format: emailFormatSchema,
    /** Required when, and only when, `format` is `custom`. */
    customPattern: z
      .string('customPattern must be text such as {first}.{last}')
      .trim()
      .optional()
      .transform((v) => (v === '' ? undefined : v)),
    fallbacks: z
      .array(namingFallbackSchema, 'fallbacks must be a list such as ["middleInitial", "number"]')
      .default(['middleInitial', 'number']),
    maxNumber: z
      .number('maxNumber must be a number')
      .int('maxNumber must be a whole number')
      .min(2, 'maxNumber must be at least 2 (numbers start at 2)')
      .max(MAX_NAMING_NUMBER, `maxNumber must be at most ${MAX_NAMING_NUMBER}`)
      .default(99),
  })
  .superRefine((convention, ctx) => {
    if (convention.format === 'custom') {
      if (convention.customPattern === undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['customPattern'],
          message: 'customPattern is required when format is custom; write one such as {first}.{last}',
        });
      } else {
        const parsed = parseCustomPattern(convention.customPattern);
        if (!parsed.ok) {
          ctx.addIssue({
            code: 'custom',
            path: ['customPattern'],
            message: `customPattern: ${parsed.message}`,
          });
        }
      }
    } else if (convention.customPattern !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['customPattern'],
        message: `customPattern is used only with format custom; remove it or set format to custom (format is ${convention.format})`,
      });
    }
    const seen = new Set<NamingFallback>();
    for (const fallback of convention.fallbacks) {
      if (seen.has(fallback)) {
        ctx.addIssue({
          code: 'custom',
          path: ['fallbacks'],
          message: `fallbacks lists ${fallback} more than once; list each fallback once`,
        });
      }
      seen.add(fallback);
    }
  });
/** A naming convention as stored and used, defaults filled in. */
export type NamingConvention = z.output<typeof namingConventionSchema>;
/** A naming convention as a form or config file may give it (fallbacks and maxNumber optional). */
export type NamingConventionInput = z.input<typeof namingConventionSchema>;

const nameField = (field: string) =>
  z
    .string(`${field} is required`)
    .trim()
    .min(1, `${field} is required`)
    .max(64, `${field} must be at most 64 characters`);

/** The new starter's names as the form gives them (any script; they are transliterated for the address). */
export const newStarterNameSchema = z.object({
  firstName: nameField('firstName'),
  middleName: z
    .string('middleName must be text')
    .trim()
    .max(64, 'middleName must be at most 64 characters')
    .optional()
    .transform((v) => (v === '' ? undefined : v)),
  lastName: nameField('lastName'),
});
export type NewStarterName = z.output<typeof newStarterNameSchema>;
