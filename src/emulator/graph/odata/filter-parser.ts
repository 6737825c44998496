import type { ComparisonOperator, FilterNode, LiteralOperand, Operand, PathOperand } from './filter-ast.js';
import { FilterSyntaxError, tokenize, type Token } from './filter-lexer.js';

const COMPARISONS = new Set<string>(['eq', 'ne', 'gt', 'ge', 'lt', 'le']);
const FUNCTIONS = new Set<string>(['startswith', 'endswith']);

/**
 * Recursive-descent parser for the `$filter` subset Graph's directory supports:
 * `or` < `and` < `not` < comparisons, `in (…)`, `startswith`/`endswith`, lambdas
 * (`any`/`all`) and `/$count`. Keywords are case-insensitive, as in Graph.
 */
export function parseFilter(source: string): FilterNode {
  const tokens = tokenize(source);
  let i = 0;
  const scopes: string[] = [];

  const peek = (offset = 0): Token => tokens[Math.min(i + offset, tokens.length - 1)]!;
  const next = (): Token => tokens[i++] ?? tokens[tokens.length - 1]!;
  const fail = (token: Token = peek()): never => {
    throw new FilterSyntaxError(token.pos, source);
  };
  const expect = (kind: Token['kind']): Token => (peek().kind === kind ? next() : fail());
  const isWord = (token: Token, word: string) => token.kind === 'ident' && token.text.toLowerCase() === word;

  function parseOr(): FilterNode {
    let left = parseAnd();
    while (isWord(peek(), 'or')) {
      next();
      left = { kind: 'or', left, right: parseAnd() };
    }
    return left;
  }

  function parseAnd(): FilterNode {
    let left = parseUnary();
    while (isWord(peek(), 'and')) {
      next();
      left = { kind: 'and', left, right: parseUnary() };
    }
    return left;
  }

  function parseUnary(): FilterNode {
    if (isWord(peek(), 'not')) {
      const token = next();
      return { kind: 'not', operand: parseUnary(), pos: token.pos };
    }
    return parsePrimary();
  }

  function parsePrimary(): FilterNode {
    const token = peek();
    if (token.kind === 'lparen') {
      next();
      const inner = parseOr();
      expect('rparen');
      return inner;
    }
    if (token.kind === 'ident' && FUNCTIONS.has(token.text.toLowerCase()) && peek(1).kind === 'lparen') {
      return withBooleanComparison(parseCall());
    }
    const left = parseOperand();
    if (left.kind === 'path' && peek().kind === 'slash') return withBooleanComparison(parseLambda(left));
    const op = peek();
    if (op.kind === 'ident' && COMPARISONS.has(op.text.toLowerCase())) {
      next();
      const right = parseOperand();
      return { kind: 'compare', op: op.text.toLowerCase() as ComparisonOperator, left, right, pos: op.pos };
    }
    if (isWord(op, 'in')) {
      next();
      expect('lparen');
      const values: LiteralOperand[] = [];
      do {
        const value = parseOperand();
        if (value.kind !== 'literal') fail();
        values.push(value as LiteralOperand);
      } while (peek().kind === 'comma' && next());
      expect('rparen');
      return { kind: 'in', left, values, pos: op.pos };
    }
    return fail(op);
  }

  /** `startswith(x,'a') eq true` means the same as the bare call; `eq false` negates it. */
  function withBooleanComparison(node: FilterNode): FilterNode {
    const op = peek();
    if (!isWord(op, 'eq') && !isWord(op, 'ne')) return node;
    next();
    const value = next();
    if (!isWord(value, 'true') && !isWord(value, 'false')) fail(value);
    const negate = isWord(value, 'false') !== isWord(op, 'ne');
    return negate ? { kind: 'not', operand: node, pos: op.pos } : node;
  }

  function parseCall(): FilterNode {
    const name = next();
    expect('lparen');
    const target = parseOperand();
    expect('comma');
    const arg = parseOperand();
    expect('rparen');
    return {
      kind: 'call',
      fn: name.text.toLowerCase() as 'startswith' | 'endswith',
      target,
      arg,
      pos: name.pos,
    };
  }

  function parseLambda(collection: PathOperand): FilterNode {
    expect('slash');
    const quantifier = next();
    const word = quantifier.text.toLowerCase();
    if (quantifier.kind !== 'ident' || (word !== 'any' && word !== 'all')) fail(quantifier);
    expect('lparen');
    if (peek().kind === 'rparen') {
      next();
      return {
        kind: 'lambda',
        quantifier: word as 'any',
        collection,
        variable: null,
        body: null,
        pos: quantifier.pos,
      };
    }
    const variable = expect('ident').text;
    expect('colon');
    scopes.push(variable);
    const body = parseOr();
    scopes.pop();
    expect('rparen');
    return {
      kind: 'lambda',
      quantifier: word as 'any' | 'all',
      collection,
      variable,
      body,
      pos: quantifier.pos,
    };
  }

  function parseOperand(): Operand {
    const token = next();
    switch (token.kind) {
      case 'string':
        return { kind: 'literal', type: 'string', value: token.text, pos: token.pos };
      case 'number':
        return { kind: 'literal', type: 'number', value: Number(token.text), pos: token.pos };
      case 'guid':
        return { kind: 'literal', type: 'guid', value: token.text.toLowerCase(), pos: token.pos };
      case 'datetime':
        return { kind: 'literal', type: 'datetime', value: token.text, pos: token.pos };
      case 'date':
        return { kind: 'literal', type: 'date', value: token.text, pos: token.pos };
      case 'ident':
        return parseIdentifier(token);
      default:
        return fail(token);
    }
  }

  function parseIdentifier(token: Token): Operand {
    const word = token.text.toLowerCase();
    if (word === 'true' || word === 'false') {
      return { kind: 'literal', type: 'boolean', value: word === 'true', pos: token.pos };
    }
    if (word === 'null') return { kind: 'literal', type: 'null', value: null, pos: token.pos };
    const variable = scopes.includes(token.text) ? token.text : null;
    const segments = variable ? [] : [token.text];
    // Collect `/segment` parts, stopping before a lambda (`/any(`) which parsePrimary handles.
    while (peek().kind === 'slash' && peek(1).kind === 'ident') {
      const segment = peek(1).text;
      const lower = segment.toLowerCase();
      if ((lower === 'any' || lower === 'all') && peek(2).kind === 'lparen') break;
      next();
      next();
      if (lower === '$count') return { kind: 'count', variable, segments, pos: token.pos };
      segments.push(segment);
    }
    return { kind: 'path', variable, segments, pos: token.pos };
  }

  const tree = parseOr();
  if (peek().kind !== 'eof') fail();
  return tree;
}
