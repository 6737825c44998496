import { describe, expect, it } from 'vitest';
import { diffImport, personHash } from './import-diff.js';
import { person } from './testing/persons.js';

describe('import diff', () => {
  it('a person’s hash ignores key and contract order but not content', () => {
    const a = person({
      contracts: [
        { id: '1', startDate: '2026-01-01' },
        { id: '2', startDate: '2026-05-01' },
      ],
    });
    const reordered = { ...a, contracts: [a.contracts[1]!, a.contracts[0]!] };
    const keysShuffled = Object.fromEntries(Object.entries(a).reverse()) as typeof a;
    expect(personHash(reordered)).toBe(personHash(a));
    expect(personHash(keysShuffled)).toBe(personHash(a));
    expect(personHash({ ...a, surname: 'Jones' })).not.toBe(personHash(a));
  });

  it('sorts persons into added, removed, changed and unchanged', () => {
    const kept = person({ employeeId: 'K' });
    const changed = person({ employeeId: 'C' });
    const previous = new Map([
      ['K', personHash(kept)],
      ['C', personHash(changed)],
      ['R', 'old'],
    ]);
    const diff = diffImport(previous, [kept, { ...changed, givenName: 'Cat' }, person({ employeeId: 'N' })]);
    expect(diff).toMatchObject({ added: ['N'], removed: ['R'], changed: ['C'], unchanged: ['K'] });
    expect([...diff.hashes.keys()]).toEqual(['K', 'C', 'N']);
  });
});
