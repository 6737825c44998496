import { describe, expect, it } from 'vitest';
import { createClock } from '../../../../src/emulator/clock.js';
import { indexById, indexByKey, startAfter } from '../../../../src/emulator/graph/odata/ordered-index.js';
import { createPageTokens } from '../../../../src/emulator/graph/odata/page-token.js';
import { isQueryError } from '../../../../src/emulator/graph/odata/query-errors.js';
import { GROUP_TYPE, USER_TYPE } from '../../../../src/emulator/graph/odata/resource.js';
import { buildSearch, searchTokens } from '../../../../src/emulator/graph/odata/search.js';

describe('$search tokenizer (search-query-parameter.md)', () => {
  it('splits on spaces, lower-to-upper case changes, digits and symbols', () => {
    expect(searchTokens('hello world')).toEqual(['hello', 'world']);
    expect(searchTokens('HelloWorld')).toEqual(['hello', 'world']);
    expect(searchTokens('HELLOworld')).toEqual(['helloworld']);
    expect(searchTokens('HelloWORld')).toEqual(['hello', 'world']);
    expect(searchTokens('hello123world')).toEqual(['hello', '123', 'world']);
    expect(searchTokens('hello.world')).toEqual(['hello', 'world', 'helloworld']);
    expect(searchTokens('李四(David Li)')).toEqual(['李四', 'david', '李四david', 'li']);
  });
});

describe('$search matching', () => {
  const groups = [
    { id: 'g1', displayName: 'OneVideo Team', mail: 'onevideo@contoso.com', description: 'One drive' },
    { id: 'g2', displayName: 'Video Editors', mail: 'editors@contoso.com', description: 'Cuts' },
    { id: 'g3', displayName: 'hello-world', mail: null, description: null },
  ];
  const run = (search: string) => {
    const matcher = buildSearch(search, GROUP_TYPE);
    if (isQueryError(matcher)) throw new Error(matcher.message);
    return groups.filter(matcher).map((g) => g.id);
  };

  it('matches every searched token as a prefix of some token, in any order', () => {
    expect(run('"displayName:OneVideo"')).toEqual(['g1']);
    expect(run('"displayName:vid"')).toEqual(['g1', 'g2']);
    expect(run('"displayName:team one"')).toEqual(['g1']);
    expect(run('"displayName:helloworld"')).toEqual(['g3']);
  });

  it('treats other properties as startsWith and combines clauses with AND, OR and parentheses', () => {
    expect(run('"mail:editors"')).toEqual(['g2']);
    expect(run('"mail:contoso"')).toEqual([]);
    expect(run('"displayName:OneVideo" OR "mail:editors"')).toEqual(['g1', 'g2']);
    expect(run('"description:One" AND ("displayName:Video" OR "displayName:Drive")')).toEqual(['g1']);
  });

  it('refuses malformed searches and unknown properties', () => {
    expect(buildSearch('displayName:foo', USER_TYPE)).toMatchObject({ code: 'Request_UnsupportedQuery' });
    expect(buildSearch('"nosuch:foo"', USER_TYPE)).toMatchObject({
      code: 'BadRequest',
      message: "Could not find a property named 'nosuch' on type 'microsoft.graph.user'.",
    });
  });
});

describe('page tokens', () => {
  it('round-trip a cursor for the same query until they expire', () => {
    const clock = createClock(Date.parse('2025-01-01T00:00:00Z'));
    const tokens = createPageTokens(clock, () => 60);
    const token = tokens.issue('abc', 'tenant\n/v1.0/users');
    expect(token).not.toContain('abc');
    expect(tokens.read(token, 'tenant\n/v1.0/users')).toBe('abc');
    expect(tokens.read(token, 'tenant\n/v1.0/groups')).toMatchObject({ code: 'Request_BadRequest' });
    clock.advance(61_000);
    expect(tokens.read(token, 'tenant\n/v1.0/users')).toEqual({
      status: 400,
      code: 'Directory_ExpiredPageToken',
      message: 'The specified page token value has expired and can no longer be included in your request.',
    });
  });

  it('refuses tampered and foreign tokens', () => {
    const clock = createClock();
    const tokens = createPageTokens(clock, () => 60);
    const token = tokens.issue(['adele', 'id-1'], 's');
    const [payload, signature] = token.split('.');
    const forged = Buffer.from(JSON.stringify({ c: 'zzz', q: 'x', t: clock.now() })).toString('base64url');
    expect(tokens.read(`${forged}.${signature}`, 's')).toMatchObject({ code: 'Request_BadRequest' });
    expect(tokens.read(`${payload}.AAAA`, 's')).toMatchObject({ code: 'Request_BadRequest' });
    expect(tokens.read('garbage', 's')).toMatchObject({ code: 'Request_BadRequest' });
    expect(createPageTokens(clock, () => 60).read(token, 's')).toMatchObject({ code: 'Request_BadRequest' });
  });
});

describe('ordered index', () => {
  it('resumes after a cursor by binary search, by id or by key then id', () => {
    const byId = indexById(['c', 'a', 'b', 'd']);
    expect(byId.ids).toEqual(['a', 'b', 'c', 'd']);
    expect(startAfter(byId, 'b')).toBe(2);
    expect(startAfter(byId, 'bb')).toBe(2);
    const byName = indexByKey(
      [
        ['3', 'bob'],
        ['1', 'amy'],
        ['2', 'bob'],
      ],
      false,
    );
    expect(byName.ids).toEqual(['1', '2', '3']);
    expect(startAfter(byName, ['bob', '2'])).toBe(2);
    const desc = indexByKey(
      [
        ['3', 'bob'],
        ['1', 'amy'],
        ['2', 'bob'],
      ],
      true,
    );
    expect(desc.ids).toEqual(['3', '2', '1']);
    expect(startAfter(desc, ['bob', '2'])).toBe(2);
  });
});
