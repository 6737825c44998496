import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  EMAIL_FORMATS,
  namingConventionSchema,
  type NamingConventionInput,
  type NewStarterName,
} from '../../contracts/onboarding/naming.js';
import { isValidAddress } from './name-parts.js';
import {
  addressCandidates,
  chooseAddress,
  defaultDisplayName,
  mailNicknameFor,
  previewAddress,
} from './naming.js';

const convention = (input: NamingConventionInput) => namingConventionSchema.parse(input);
const name = (firstName: string, lastName: string, middleName?: string): NewStarterName => ({
  firstName,
  lastName,
  middleName,
});

/** The candidates, asserting there are some and that each one is an address Microsoft accepts. */
function candidates(person: NewStarterName, input: NamingConventionInput, domain = 'contoso.com'): string[] {
  const result = addressCandidates(person, convention(input), domain);
  if (!result.ok) throw new Error(`expected candidates, got ${result.problem.message}`);
  for (const c of result.candidates) expect(isValidAddress(c), c).toBe(true);
  expect(new Set(result.candidates).size).toBe(result.candidates.length);
  return [...result.candidates];
}
const first = (person: NewStarterName, input: NamingConventionInput = { format: 'firstname.lastname' }) =>
  candidates(person, input)[0];

describe('addresses from names typed in any language', () => {
  it.each([
    [name('José', 'Núñez'), 'jose.nunez@contoso.com'],
    [name('Zoë', 'Ärger-Smith'), 'zoe.arger-smith@contoso.com'],
    [name('Łukasz', 'Żółć'), 'lukasz.zolc@contoso.com'],
    [name('Søren', 'Ørsted'), 'soren.orsted@contoso.com'],
    [name('François', 'Lefèvre'), 'francois.lefevre@contoso.com'],
    [name('Björn', 'Müller'), 'bjorn.muller@contoso.com'],
    [name('Mary Jane', 'van der Berg'), 'maryjane.vanderberg@contoso.com'],
    [name('Seán', "O'Brien"), 'sean.obrien@contoso.com'],
    [name('Siobhán', 'O’Connor'), 'siobhan.oconnor@contoso.com'],
    [name('小明', '王'), 'xiaoming.wang@contoso.com'],
    [name('Анна', 'Иванова'), 'anna.ivanova@contoso.com'],
    [name('Jean--Luc', '-Picard-'), 'jean-luc.picard@contoso.com'],
    [name('Jane 🙂', 'Doe (contractor)'), 'jane.doecontractor@contoso.com'],
  ])('%o → %s', (person, address) => {
    expect(first(person)).toBe(address);
  });

  it('lower-cases the domain and drops a leading @', () => {
    expect(candidates(name('Jane', 'Doe'), { format: 'firstname' }, ' @Contoso.CO.uk ')[0]).toBe(
      'jane@contoso.co.uk',
    );
  });

  it('handles single-letter names', () => {
    expect(first(name('J', 'D'))).toBe('j.d@contoso.com');
    expect(first(name('J', 'Doe'), { format: 'firstinitial.lastname' })).toBe('j.doe@contoso.com');
  });

  it('keeps very long names within 64 characters before the @, numbers included', () => {
    const person = name('Maximiliana-Josephina', 'Wolfeschlegelsteinhausenbergerdorff-Montgomery-Smythe');
    const all = candidates(person, { format: 'firstname.lastname', maxNumber: 12 });
    expect(all).toHaveLength(12);
    for (const address of all) expect(address.split('@')[0]!.length).toBeLessThanOrEqual(64);
    expect(all[0]).toBe('maximiliana-josephina.wolfeschlegelsteinhausenbergerdorff-montgo@contoso.com');
    expect(all[11]).toBe('maximiliana-josephina.wolfeschlegelsteinhausenbergerdorff-mont12@contoso.com');
  });

  it('refuses clearly when a name leaves nothing usable', () => {
    const result = addressCandidates(
      name('🙂🙂', 'Doe'),
      convention({ format: 'firstname.lastname' }),
      'contoso.com',
    );
    expect(result).toEqual({
      ok: false,
      problem: expect.objectContaining({ code: 'nameUnusable', field: 'firstName' }),
    });
    if (!result.ok)
      expect(result.problem.message).toContain('firstName "🙂🙂" leaves no letters for an address');
    // A format that does not use the unusable name is fine.
    expect(first(name('Jane', '123'), { format: 'firstname' })).toBe('jane@contoso.com');
  });

  it('refuses a domain that is not a domain name', () => {
    const result = addressCandidates(name('Jane', 'Doe'), convention({ format: 'firstname' }), 'contoso');
    expect(result).toMatchObject({ ok: false, problem: { code: 'domainInvalid', field: 'domain' } });
  });
});

describe('any name at all', () => {
  it('gives valid, distinct candidates or says which name cannot be used', () => {
    const anyName = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 70 });
    fc.assert(
      fc.property(
        anyName,
        anyName,
        fc.option(anyName, { nil: undefined }),
        fc.constantFrom(...EMAIL_FORMATS.filter((f) => f !== 'custom')),
        (f, l, m, format) => {
          const result = addressCandidates(
            name(f, l, m),
            convention({ format, fallbacks: ['middleInitial', 'firstNameLetters', 'number'], maxNumber: 5 }),
            'contoso.com',
          );
          if (!result.ok) {
            expect(result.problem.code).toBe('nameUnusable');
            return;
          }
          expect(new Set(result.candidates).size).toBe(result.candidates.length);
          for (const c of result.candidates) expect(isValidAddress(c), c).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('every format', () => {
  const jane = name('Jane', 'Doe', 'Quinn');
  it.each([
    ['firstname.lastname', 'jane.doe@contoso.com'],
    ['firstinitial.lastname', 'j.doe@contoso.com'],
    ['firstname.lastinitial', 'jane.d@contoso.com'],
    ['firstname', 'jane@contoso.com'],
    ['lastname.firstname', 'doe.jane@contoso.com'],
  ] as const)('%s', (format, address) => {
    expect(first(jane, { format })).toBe(address);
  });

  it.each([
    ['{first}.{last}', 'jane.doe@contoso.com'],
    ['{first:1}{last}', 'jdoe@contoso.com'],
    ['{last:3}{first:3}', 'doejan@contoso.com'],
    ['{initials}', 'jqd@contoso.com'],
    ['{first}.{middle:1}.{last}', 'jane.q.doe@contoso.com'],
    ['{FIRST}_{Last}', 'jane_doe@contoso.com'],
    ['x-{last}', 'x-doe@contoso.com'],
  ])('custom %s', (customPattern, address) => {
    expect(first(jane, { format: 'custom', customPattern })).toBe(address);
  });

  it('leaves out the separator of a missing middle name', () => {
    const pattern = { format: 'custom', customPattern: '{first}.{middle}.{last}' } as const;
    expect(first(name('Jane', 'Doe'), pattern)).toBe('jane.doe@contoso.com');
    expect(first(name('Jane', 'Doe'), { format: 'custom', customPattern: '{middle:1}.{first}' })).toBe(
      'jane@contoso.com',
    );
  });

  it('reports an invalid stored custom pattern instead of guessing', () => {
    const result = addressCandidates(
      name('Jane', 'Doe'),
      { format: 'custom', customPattern: '{given}', fallbacks: [], maxNumber: 99 },
      'contoso.com',
    );
    expect(result).toMatchObject({ ok: false, problem: { code: 'patternInvalid', field: 'customPattern' } });
  });
});

describe('fallbacks', () => {
  const local = (address: string | undefined) => address?.split('@')[0];

  it('tries the middle initial before numbers, and numbers 2 to maxNumber', () => {
    const all = candidates(name('Jane', 'Doe', 'Quinn'), { format: 'firstname.lastname' });
    expect(all.slice(0, 4).map(local)).toEqual(['jane.doe', 'jane.q.doe', 'jane.doe2', 'jane.doe3']);
    expect(local(all.at(-1))).toBe('jane.doe99');
    expect(all).toHaveLength(1 + 1 + 98);
  });

  it('follows the convention’s order', () => {
    const all = candidates(name('Jane', 'Doe', 'Quinn'), {
      format: 'firstname.lastname',
      fallbacks: ['number', 'middleInitial'],
      maxNumber: 3,
    });
    expect(all.map(local)).toEqual(['jane.doe', 'jane.doe2', 'jane.doe3', 'jane.q.doe']);
  });

  it('skips the middle initial when there is no middle name', () => {
    const all = candidates(name('Jane', 'Doe'), { format: 'firstname.lastname', maxNumber: 3 });
    expect(all.map(local)).toEqual(['jane.doe', 'jane.doe2', 'jane.doe3']);
  });

  it('puts the middle initial where each format has room for it', () => {
    const jane = name('Jane', 'Doe', 'Quinn');
    const second = (input: NamingConventionInput) =>
      local(candidates(jane, { ...input, fallbacks: ['middleInitial'] })[1]);
    expect(second({ format: 'firstinitial.lastname' })).toBe('j.q.doe');
    expect(second({ format: 'firstname.lastinitial' })).toBe('jane.q.d');
    expect(second({ format: 'firstname' })).toBe('jane.q');
    expect(second({ format: 'lastname.firstname' })).toBe('doe.jane.q');
    expect(second({ format: 'custom', customPattern: '{first:1}{last}' })).toBe('jqdoe');
    expect(second({ format: 'custom', customPattern: '{first}-{last}' })).toBe('jane-q-doe');
    // Patterns that already hold the middle name have no other place for it.
    expect(
      candidates(jane, {
        format: 'custom',
        customPattern: '{initials}.{last}',
        fallbacks: ['middleInitial'],
      }),
    ).toEqual(['jqd.doe@contoso.com']);
  });

  it('uses 2, 3… letters of the first name with first-initial formats', () => {
    const all = candidates(name('Jane', 'Doe', 'Quinn'), {
      format: 'firstinitial.lastname',
      fallbacks: ['firstNameLetters', 'middleInitial', 'number'],
      maxNumber: 3,
    });
    expect(all.map(local)).toEqual(['j.doe', 'ja.doe', 'jan.doe', 'jane.doe', 'j.q.doe', 'j.doe2', 'j.doe3']);
    expect(
      candidates(name('Jane', 'Doe'), {
        format: 'custom',
        customPattern: '{first:1}{last}',
        fallbacks: ['firstNameLetters'],
      }).map(local),
    ).toEqual(['jdoe', 'jadoe', 'jandoe', 'janedoe']);
    // Formats with the whole first name have no more letters to add.
    expect(
      candidates(name('Jane', 'Doe'), { format: 'firstname.lastname', fallbacks: ['firstNameLetters'] }),
    ).toEqual(['jane.doe@contoso.com']);
  });

  it('never repeats a candidate, even for a one-letter first name', () => {
    const all = candidates(name('J', 'Doe', 'J'), {
      format: 'firstinitial.lastname',
      fallbacks: ['firstNameLetters', 'middleInitial', 'number'],
      maxNumber: 2,
    });
    expect(all.map(local)).toEqual(['j.doe', 'j.j.doe', 'j.doe2']);
  });
});

describe('chooseAddress', () => {
  const all = candidates(name('Jane', 'Doe', 'Quinn'), { format: 'firstname.lastname', maxNumber: 3 });

  it('takes the base address when it is free', () => {
    expect(chooseAddress(all, new Set())).toEqual({
      ok: true,
      address: 'jane.doe@contoso.com',
      mailNickname: 'jane.doe',
      index: 0,
    });
  });

  it('skips addresses in use as UPNs or proxy addresses, whatever their case', () => {
    const inUse = new Set([
      'Jane.Doe@Contoso.com',
      'SMTP:jane.q.doe@contoso.com',
      'sip:Jane.Doe2@contoso.com',
    ]);
    expect(chooseAddress(all, inUse)).toMatchObject({ ok: true, address: 'jane.doe3@contoso.com', index: 3 });
  });

  it('says what to do when every candidate is taken', () => {
    const result = chooseAddress(all, new Set(all));
    expect(result).toMatchObject({ ok: false, problem: { code: 'allTaken' } });
    if (!result.ok) {
      expect(result.problem.message).toBe(
        'all 4 candidate addresses (jane.doe@contoso.com … jane.doe3@contoso.com) are in use in the tenant; raise maxNumber, add fallbacks to the naming convention, or choose another format or domain',
      );
    }
    expect(chooseAddress([], new Set())).toMatchObject({ ok: false, problem: { code: 'noCandidates' } });
  });
});

describe('mailNickname and display name', () => {
  it('derives the mailNickname from the address without what Graph refuses in it', () => {
    expect(mailNicknameFor('jane.doe@contoso.com')).toBe('jane.doe');
    expect(mailNicknameFor("d'arcy.o-neil_2@contoso.com")).toBe('darcy.o-neil_2');
    expect(mailNicknameFor('.jane..doe.@contoso.com')).toBe('jane.doe');
    expect(mailNicknameFor(`${'a'.repeat(70)}@contoso.com`)).toHaveLength(64);
  });

  it('suggests "First Last" as typed, accents kept', () => {
    expect(defaultDisplayName(name('  Zoë ', 'Ärger-Smith'))).toBe('Zoë Ärger-Smith');
    expect(defaultDisplayName(name('Mary   Jane', 'van der Berg', 'Q'))).toBe('Mary Jane van der Berg');
  });
});

describe('previewAddress', () => {
  it('shows the address the request would get now, with its nickname and display name', () => {
    const taken = new Set(['francois.lefevre@contoso.com']);
    expect(
      previewAddress(
        name('François', 'Lefèvre'),
        convention({ format: 'firstname.lastname' }),
        'contoso.com',
        taken,
      ),
    ).toEqual({
      ok: true,
      address: 'francois.lefevre2@contoso.com',
      mailNickname: 'francois.lefevre2',
      displayName: 'François Lefèvre',
      usedFallback: true,
    });
  });

  it('passes on the problem when there is no address', () => {
    expect(
      previewAddress(name('Jane', '!!'), convention({ format: 'firstname.lastname' }), 'contoso.com'),
    ).toMatchObject({
      ok: false,
      problem: { code: 'nameUnusable', field: 'lastName' },
    });
  });
});
