import { describe, expect, it } from 'vitest';
import {
  EMAIL_FORMAT_LABELS,
  EMAIL_FORMATS,
  customPatternSchema,
  namingConventionSchema,
  newStarterNameSchema,
  parseCustomPattern,
} from './naming.js';

const patternError = (pattern: string) => {
  const result = customPatternSchema.safeParse(pattern);
  expect(result.success).toBe(false);
  return result.error?.issues.map((i) => i.message).join('; ') ?? '';
};

describe('email formats', () => {
  it('labels every format with an example the form can show', () => {
    expect(Object.keys(EMAIL_FORMAT_LABELS).sort()).toEqual([...EMAIL_FORMATS].sort());
    expect(EMAIL_FORMAT_LABELS['firstname.lastname']).toBe('firstname.lastname (jane.doe)');
    expect(EMAIL_FORMAT_LABELS['firstinitial.lastname']).toContain('(j.doe)');
  });
});

describe('custom patterns', () => {
  it('reads tokens, lengths and literal characters', () => {
    expect(parseCustomPattern('{first:1}{last}')).toEqual({
      ok: true,
      parts: [
        { kind: 'token', token: 'first', length: 1 },
        { kind: 'token', token: 'last' },
      ],
    });
    expect(parseCustomPattern('{first}.{middle:1}_{last:5}')).toMatchObject({ ok: true });
    expect(parseCustomPattern('ext-{initials}')).toMatchObject({
      ok: true,
      parts: [
        { kind: 'literal', text: 'ext-' },
        { kind: 'token', token: 'initials' },
      ],
    });
    expect(customPatternSchema.parse('  {FIRST}.{last}  ')).toBe('{FIRST}.{last}');
  });

  it('names an unknown token and the token to write instead', () => {
    expect(patternError('{firstname}.{last}')).toContain('unknown token {firstname}: write {first} instead');
    expect(patternError('{first}.{surname}')).toContain('write {last} instead');
    expect(patternError('{nickname}')).toMatch(/unknown token \{nickname\}: use \{first\}, \{last\}/);
  });

  it('refuses unbalanced braces, saying where', () => {
    expect(patternError('{first.{last}')).toContain('"{" at position 1 that is not closed');
    expect(patternError('{first}.{last')).toContain('"{" at position 9 that is not closed');
    expect(patternError('first}.{last}')).toContain('"}" at position 6 with no "{" before it');
    expect(patternError('{}{last}')).toContain('empty token');
  });

  it('refuses bad lengths', () => {
    expect(patternError('{first:0}{last}')).toContain(
      'the length in {first:0} must be a whole number from 1 to 64',
    );
    expect(patternError('{first:x}{last}')).toContain('{first:1}');
    expect(patternError('{first:1:2}{last}')).toContain('more than one ":"');
  });

  it('refuses characters Microsoft does not allow, and patterns that give no per-person address', () => {
    expect(patternError('{first} {last}')).toContain('a space, which Microsoft does not allow');
    expect(patternError('{first}+{last}')).toContain('"+"');
    expect(patternError('{first}.{last}@contoso.com')).toContain('the domain is chosen separately');
    expect(patternError('{first}..{last}')).toContain('two dots in a row');
    expect(patternError('.{first}')).toContain('starts with "."');
    expect(patternError('{last}.')).toContain('ends with "."');
    expect(patternError('')).toContain('the custom pattern is empty');
    expect(patternError('admin')).toContain('include {first}, {last} or {initials}');
    expect(patternError('{middle}')).toContain('include {first}, {last} or {initials}');
  });
});

describe('namingConventionSchema', () => {
  it('defaults the fallbacks to middle initial then number, up to 99', () => {
    expect(namingConventionSchema.parse({ format: 'firstname.lastname' })).toEqual({
      format: 'firstname.lastname',
      fallbacks: ['middleInitial', 'number'],
      maxNumber: 99,
    });
  });

  it('requires a valid customPattern with custom, and only then', () => {
    const missing = namingConventionSchema.safeParse({ format: 'custom' });
    expect(missing.error?.issues).toEqual([
      expect.objectContaining({
        path: ['customPattern'],
        message: expect.stringContaining('is required when format is custom'),
      }),
    ]);
    const blank = namingConventionSchema.safeParse({ format: 'custom', customPattern: '  ' });
    expect(blank.error?.issues[0]?.path).toEqual(['customPattern']);
    const bad = namingConventionSchema.safeParse({ format: 'custom', customPattern: '{firstname}' });
    expect(bad.error?.issues[0]?.message).toContain('customPattern: unknown token {firstname}');
    const stray = namingConventionSchema.safeParse({ format: 'firstname', customPattern: '{first}' });
    expect(stray.error?.issues[0]).toMatchObject({ path: ['customPattern'] });
    expect(stray.error?.issues[0]?.message).toContain('used only with format custom');
    expect(
      namingConventionSchema.parse({ format: 'custom', customPattern: '{first:1}{last}' }).customPattern,
    ).toBe('{first:1}{last}');
  });

  it('names the field that is wrong', () => {
    const format = namingConventionSchema.safeParse({ format: 'first.last' });
    expect(format.error?.issues[0]?.message).toContain('format must be one of firstname.lastname');
    const twice = namingConventionSchema.safeParse({ format: 'firstname', fallbacks: ['number', 'number'] });
    expect(twice.error?.issues[0]).toMatchObject({ path: ['fallbacks'] });
    expect(twice.error?.issues[0]?.message).toContain('lists number more than once');
    const unknown = namingConventionSchema.safeParse({ format: 'firstname', fallbacks: ['letters'] });
    expect(unknown.error?.issues[0]?.message).toContain('fallbacks must be chosen from middleInitial');
    const low = namingConventionSchema.safeParse({ format: 'firstname', maxNumber: 1 });
    expect(low.error?.issues[0]?.message).toContain('maxNumber must be at least 2');
    const high = namingConventionSchema.safeParse({ format: 'firstname', maxNumber: 5000 });
    expect(high.error?.issues[0]?.message).toContain('maxNumber must be at most 999');
  });
});

describe('newStarterNameSchema', () => {
  it('trims the names, treats an empty middle name as none and requires first and last', () => {
    expect(
      newStarterNameSchema.parse({ firstName: ' Zoë ', middleName: '', lastName: ' Ärger-Smith' }),
    ).toEqual({
      firstName: 'Zoë',
      middleName: undefined,
      lastName: 'Ärger-Smith',
    });
    const missing = newStarterNameSchema.safeParse({ firstName: ' ', lastName: 'Doe' });
    expect(missing.error?.issues[0]).toMatchObject({ path: ['firstName'], message: 'firstName is required' });
  });
});
