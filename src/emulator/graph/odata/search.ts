import type { GraphProps } from '../../state/types.js';
import { queryErrors, type QueryError } from './query-errors.js';
import { canonicalProperty, type ResourceType } from './resource.js';

type Matcher = (props: GraphProps) => boolean;

const LETTER = /\p{L}/u;
const DIGIT = /\p{N}/u;
const LOWER = /\p{Ll}/u;
const UPPER = /\p{Lu}/u;

const classOf = (ch: string) => (LETTER.test(ch) ? 'letter' : DIGIT.test(ch) ? 'digit' : 'symbol');

/**
 * Graph's directory `$search` tokenizer (search-query-parameter.md): words split on spaces,
 * lower→upper case changes (`HelloWorld` → hello, world; `HELLOworld` stays one), letter/digit
 * changes and symbols; words joined only by symbols also count as one token (`hello.world` →
 * hello, world, helloworld). Symbols themselves never need matching. Tokens are lower-cased.
 */
export function searchTokens(value: string): string[] {
  const tokens: string[] = [];
  for (const word of value.split(/\s+/)) {
    const parts: string[] = [];
    let current = '';
    let previous = '';
    for (const ch of word) {
      const kind = classOf(ch);
      const split =
        kind === 'symbol' ||
        (current !== '' && (classOf(previous) !== kind || (LOWER.test(previous) && UPPER.test(ch))));
      if (split && current) {
        parts.push(current);
        current = '';
      }
      if (kind !== 'symbol') current += ch;
      previous = ch;
    }
    if (current) parts.push(current);
    for (const part of parts) tokens.push(part.toLowerCase());
    const hasSymbol = [...word].some((ch) => classOf(ch) === 'symbol');
    if (hasSymbol && parts.length > 1) tokens.push(parts.join('').toLowerCase());
  }
  return tokens;
}

function tokenizedMatcher(property: string, text: string): Matcher {
  const wanted = searchTokens(text);
  return (props) => {
    const value = props[property];
    if (typeof value !== 'string') return false;
    const have = searchTokens(value);
    return wanted.every((w) => have.some((h) => h.startsWith(w)));
  };
}

function prefixMatcher(property: string, text: string): Matcher {
  const needle = text.toLowerCase();
  const test = (v: unknown) => typeof v === 'string' && v.toLowerCase().startsWith(needle);
  return (props) => {
    const value = props[property];
    return Array.isArray(value) ? value.some(test) : test(value);
  };
}

/**
 * Parses `$search="displayName:foo" AND ("mail:bar" OR …)` into a matcher. AND/OR are upper
 * case and outside the quotes; `\"` and `\\` escape inside a clause.
 */
export function buildSearch(raw: string, type: ResourceType): Matcher | QueryError {
  let i = 0;
  const skipSpace = () => {
    while (raw[i] === ' ') i += 1;
  };
  const invalid = (): never => {
    throw queryErrors.invalidSearch(raw);
  };

  function clause(): Matcher {
    i += 1;
    let body = '';
    while (i < raw.length && raw[i] !== '"') {
      if (raw[i] === '\\' && i + 1 < raw.length) i += 1;
      body += raw[i];
      i += 1;
    }
    if (raw[i] !== '"') invalid();
    i += 1;
    const colon = body.indexOf(':');
    if (colon <= 0) invalid();
    const name = body.slice(0, colon).trim();
    const property = canonicalProperty(type, name);
    if (!property) throw queryErrors.unknownProperty(name, type.typeName);
    const cap = type.filters[property];
    if (!cap?.eq && !cap?.sw) throw queryErrors.unsupportedFilterProperty(property, type.label);
    const text = body.slice(colon + 1);
    return type.tokenizedSearch.includes(property)
      ? tokenizedMatcher(property, text)
      : prefixMatcher(property, text);
  }

  function factor(): Matcher {
    skipSpace();
    if (raw[i] === '(') {
      i += 1;
      const inner = expression();
      skipSpace();
      if (raw[i] !== ')') invalid();
      i += 1;
      return inner;
    }
    if (raw[i] === '"') return clause();
    return invalid();
  }

  const keyword = (word: string) => {
    skipSpace();
    if (raw.startsWith(`${word} `, i) || raw.startsWith(`${word}(`, i) || raw.startsWith(`${word}"`, i)) {
      i += word.length;
      return true;
    }
    return false;
  };

  function term(): Matcher {
    let left = factor();
    while (keyword('AND')) {
      const [l, r] = [left, factor()];
      left = (p) => l(p) && r(p);
    }
    return left;
  }

  function expression(): Matcher {
    let left = term();
    while (keyword('OR')) {
      const [l, r] = [left, term()];
      left = (p) => l(p) || r(p);
    }
    return left;
  }

  try {
    const matcher = expression();
    skipSpace();
    if (i < raw.length) invalid();
    return matcher;
  } catch (err) {
    if (typeof err === 'object' && err !== null && 'code' in err) return err as QueryError;
    throw err;
  }
}
