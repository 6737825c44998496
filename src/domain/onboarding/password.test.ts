import { randomInt } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  entraPasswordProblems,
  generateTemporaryPassword,
  meetsEntraPasswordRules,
  type RandomInt,
} from './password.js';

const AMBIGUOUS = /[0O1lI]/;

/** A deterministic source: a fixed sequence of numbers, each reduced below the bound asked for. */
function sequence(...values: number[]): RandomInt {
  let i = 0;
  return (maxExclusive) => (values[i++ % values.length] as number) % maxExclusive;
}

function expectStrong(password: string, length = 16) {
  expect([...password]).toHaveLength(length);
  expect(password).toMatch(/[A-Z]/);
  expect(password).toMatch(/[a-z]/);
  expect(password).toMatch(/[0-9]/);
  expect(password).toMatch(/[^A-Za-z0-9]/);
  expect(password).not.toMatch(AMBIGUOUS);
  expect(entraPasswordProblems(password)).toEqual([]);
}

describe('generateTemporaryPassword', () => {
  it('gives passwords Entra accepts, with every kind of character and none easily misread (crypto.randomInt)', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 2000; i += 1) {
      const password = generateTemporaryPassword(randomInt);
      expectStrong(password);
      seen.add(password);
    }
    expect(seen.size).toBe(2000);
  });

  it('places the required kinds anywhere, not always first (shuffled with the same source)', () => {
    const firstCharacters = new Set<string>();
    for (let i = 0; i < 500; i += 1) firstCharacters.add(generateTemporaryPassword(randomInt).charAt(0));
    expect([...firstCharacters].some((c) => /[a-z]/.test(c))).toBe(true);
    expect([...firstCharacters].some((c) => /[0-9]/.test(c))).toBe(true);
  });

  it('meets the rules even from a source that always answers 0', () => {
    const password = generateTemporaryPassword(() => 0);
    expectStrong(password);
    expect(password).toBe(generateTemporaryPassword(() => 0));
  });

  it('is reproducible from a fixed sequence and strong for other lengths', () => {
    const a = generateTemporaryPassword(sequence(7, 3, 11, 5, 2, 13, 17, 19), 12);
    expect(a).toBe(generateTemporaryPassword(sequence(7, 3, 11, 5, 2, 13, 17, 19), 12));
    expectStrong(a, 12);
    expectStrong(generateTemporaryPassword(sequence(1, 2, 3), 8), 8);
    expectStrong(generateTemporaryPassword(randomInt, 256), 256);
  });

  it('refuses lengths Entra would refuse and a broken random source', () => {
    expect(() => generateTemporaryPassword(randomInt, 7)).toThrow('8–256 characters long, not 7');
    expect(() => generateTemporaryPassword(randomInt, 257)).toThrow(RangeError);
    expect(() => generateTemporaryPassword((max) => max)).toThrow('the random source returned');
    expect(() => generateTemporaryPassword(() => 0.5)).toThrow('the random source returned 0.5');
  });
});

describe('meetsEntraPasswordRules', () => {
  it.each([
    ['Passw0rd', true],
    ['password1!', true],
    ['PASSWORD1!', true],
    ['Password!', true],
    ['pass word 1', false],
    ['Pass word 1', true],
    ['password', false],
    ['Password', false],
    ['Pa1!', false],
    ['Pässw0rd!', false],
    ['Passw0rd€', false],
    ['Aa1' + 'x'.repeat(253), true],
    ['Aa1' + 'x'.repeat(254), false],
    ['@#$%^&*-_!+=[]{}|\\:\',.?/`~"();<>a1', true],
  ])('%s → %s', (password, accepted) => {
    expect(meetsEntraPasswordRules(password)).toBe(accepted);
  });

  it('says what is wrong', () => {
    expect(entraPasswordProblems('pässword')).toEqual([
      'it has characters Entra does not allow: ä',
      'it needs three of: an upper-case letter, a lower-case letter, a digit, a symbol',
    ]);
    expect(entraPasswordProblems('Ab1!')).toEqual(['it must be 8–256 characters long']);
  });
});
