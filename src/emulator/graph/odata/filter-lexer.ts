/**
 * Tokenizer for OData `$filter` expressions as Graph's directory endpoints accept them.
 * Literal forms follow the OData ABNF: `'text'` with `''` escapes, bare GUIDs, `2024-01-31`,
 * `2024-01-31T10:00:00Z`, integers and decimals; everything else is an identifier or punctuation.
 */

export type TokenKind =
  | 'lparen'
  | 'rparen'
  | 'comma'
  | 'colon'
  | 'slash'
  | 'ident'
  | 'string'
  | 'number'
  | 'guid'
  | 'datetime'
  | 'date'
  | 'eof';

export interface Token {
  kind: TokenKind;
  /** Source text (for strings: the unescaped value). */
  text: string;
  /** Zero-based offset of the token in the filter. */
  pos: number;
}

/** A malformed filter; the message is the ODataLib wording Graph passes through. */
export class FilterSyntaxError extends Error {
  constructor(
    readonly position: number,
    readonly source: string,
  ) {
    super(`Syntax error at position ${position} in '${source}'.`);
    this.name = 'FilterSyntaxError';
  }
}

const GUID = /[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}(?![\w-])/y;
const DATETIME = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,7})?)?(?:Z|[+-]\d{2}:\d{2})?(?![\w:])/y;
const DATE = /\d{4}-\d{2}-\d{2}(?![\w:-])/y;
const NUMBER = /-?\d+(?:\.\d+)?(?![\w.])/y;
const IDENT = /[A-Za-z_$][\w.$]*/y;
const SPACE = /\s+/y;

const PUNCTUATION: Record<string, TokenKind> = {
  '(': 'lparen',
  ')': 'rparen',
  ',': 'comma',
  ':': 'colon',
  '/': 'slash',
};

function matchAt(re: RegExp, source: string, pos: number): string | null {
  re.lastIndex = pos;
  const m = re.exec(source);
  return m ? m[0] : null;
}

function readString(source: string, start: number): { value: string; end: number } {
  let value = '';
  let i = start + 1;
  while (i < source.length) {
    const ch = source[i]!;
    if (ch === "'") {
      if (source[i + 1] === "'") {
        value += "'";
        i += 2;
        continue;
      }
      return { value, end: i + 1 };
    }
    value += ch;
    i += 1;
  }
  throw new FilterSyntaxError(start, source);
}

export function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let pos = 0;
  while (pos < source.length) {
    const space = matchAt(SPACE, source, pos);
    if (space) {
      pos += space.length;
      continue;
    }
    const ch = source[pos]!;
    const punct = PUNCTUATION[ch];
    if (punct) {
      tokens.push({ kind: punct, text: ch, pos });
      pos += 1;
      continue;
    }
    if (ch === "'") {
      const { value, end } = readString(source, pos);
      tokens.push({ kind: 'string', text: value, pos });
      pos = end;
      continue;
    }
    const literal =
      (
        [
          ['guid', GUID],
          ['datetime', DATETIME],
          ['date', DATE],
          ['number', NUMBER],
          ['ident', IDENT],
        ] as const
      )
        .map(([kind, re]) => ({ kind, text: matchAt(re, source, pos) }))
        .find((m) => m.text !== null) ?? null;
    if (!literal?.text) throw new FilterSyntaxError(pos, source);
    tokens.push({ kind: literal.kind, text: literal.text, pos });
    pos += literal.text.length;
  }
  tokens.push({ kind: 'eof', text: '', pos: source.length });
  return tokens;
}
