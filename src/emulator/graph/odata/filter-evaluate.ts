import type { GraphProps } from '../../state/types.js';
import type { ComparisonOperator, FilterNode, LiteralOperand, Operand } from './filter-ast.js';

type Env = Record<string, unknown>;
type Eval = (props: GraphProps, env: Env) => boolean;
type Value = (props: GraphProps, env: Env) => unknown;

/** A literal prepared once: strings lower-cased (Graph compares them case-insensitively), dates as epoch ms. */
interface Prepared {
  isNull: boolean;
  kind: 'string' | 'number' | 'boolean' | 'time';
  value: string | number | boolean;
}

function prepare(literal: LiteralOperand): Prepared {
  switch (literal.type) {
    case 'null':
      return { isNull: true, kind: 'string', value: '' };
    case 'datetime':
      return { isNull: false, kind: 'time', value: Date.parse(String(literal.value)) };
    case 'date':
      return { isNull: false, kind: 'time', value: Date.parse(`${String(literal.value)}T00:00:00Z`) };
    case 'boolean':
      return { isNull: false, kind: 'boolean', value: literal.value as boolean };
    case 'number':
      return { isNull: false, kind: 'number', value: literal.value as number };
    default:
      return { isNull: false, kind: 'string', value: String(literal.value).toLowerCase() };
  }
}

/** Orders a property value against a literal; null when they cannot be compared. */
function order(value: unknown, literal: Prepared): number | null {
  if (value === null || value === undefined) return null;
  let v: string | number | boolean;
  if (literal.kind === 'time') v = typeof value === 'string' ? Date.parse(value) : NaN;
  else if (literal.kind === 'string') v = typeof value === 'string' ? value.toLowerCase() : String(value);
  else v = value as number | boolean;
  if (typeof v === 'number' && Number.isNaN(v)) return null;
  if (v === literal.value) return 0;
  return v < literal.value ? -1 : 1;
}

function compare(op: ComparisonOperator, value: unknown, literal: Prepared): boolean {
  if (literal.isNull) {
    const isNull = value === null || value === undefined;
    return op === 'eq' ? isNull : op === 'ne' ? !isNull : false;
  }
  const c = order(value, literal);
  switch (op) {
    case 'eq':
      return c === 0;
    case 'ne':
      return c !== 0;
    case 'gt':
      return c !== null && c > 0;
    case 'ge':
      return c !== null && c >= 0;
    case 'lt':
      return c !== null && c < 0;
    case 'le':
      return c !== null && c <= 0;
  }
}

function valueOf(operand: Operand): Value {
  if (operand.kind === 'literal') return () => operand.value;
  const { variable, segments } = operand;
  const read: Value = (props, env) => {
    let current: unknown = variable === null ? props : env[variable];
    for (const segment of segments) {
      if (current === null || current === undefined || typeof current !== 'object') return undefined;
      current = (current as Record<string, unknown>)[segment];
    }
    return current;
  };
  if (operand.kind === 'count') {
    return (props, env) => {
      const items = read(props, env);
      return Array.isArray(items) ? items.length : 0;
    };
  }
  return read;
}

const literalOf = (a: Operand, b: Operand): [Operand, LiteralOperand, boolean] =>
  b.kind === 'literal' ? [a, b, false] : [b, a as LiteralOperand, true];

const MIRRORED: Record<ComparisonOperator, ComparisonOperator> = {
  eq: 'eq',
  ne: 'ne',
  gt: 'lt',
  ge: 'le',
  lt: 'gt',
  le: 'ge',
};

function compile(node: FilterNode): Eval {
  switch (node.kind) {
    case 'and': {
      const [l, r] = [compile(node.left), compile(node.right)];
      return (p, e) => l(p, e) && r(p, e);
    }
    case 'or': {
      const [l, r] = [compile(node.left), compile(node.right)];
      return (p, e) => l(p, e) || r(p, e);
    }
    case 'not': {
      const inner = compile(node.operand);
      return (p, e) => !inner(p, e);
    }
    case 'compare': {
      const [target, literal, mirrored] = literalOf(node.left, node.right);
      const read = valueOf(target);
      const prepared = prepare(literal);
      const op = mirrored ? MIRRORED[node.op] : node.op;
      return (p, e) => compare(op, read(p, e), prepared);
    }
    case 'in': {
      const read = valueOf(node.left);
      const values = node.values.map(prepare);
      return (p, e) => {
        const v = read(p, e);
        return values.some((lit) => compare('eq', v, lit));
      };
    }
    case 'call': {
      const read = valueOf(node.target);
      const needle = String((node.arg as LiteralOperand).value).toLowerCase();
      const test =
        node.fn === 'startswith'
          ? (s: string) => s.toLowerCase().startsWith(needle)
          : (s: string) => s.toLowerCase().endsWith(needle);
      return (p, e) => {
        const v = read(p, e);
        return typeof v === 'string' && test(v);
      };
    }
    case 'lambda': {
      const items = valueOf(node.collection);
      if (!node.body || node.variable === null) {
        return (p, e) => {
          const list = items(p, e);
          return Array.isArray(list) && list.length > 0;
        };
      }
      const body = compile(node.body);
      const name = node.variable;
      const all = node.quantifier === 'all';
      return (p, e) => {
        const list = items(p, e);
        if (!Array.isArray(list)) return all;
        const test = (item: unknown) => body(p, { ...e, [name]: item });
        return all ? list.every(test) : list.some(test);
      };
    }
  }
}

/** Compiles a checked filter into a predicate over an object's Graph properties. */
export function compileFilter(node: FilterNode): (props: GraphProps) => boolean {
  const run = compile(node);
  const empty: Env = {};
  return (props) => run(props, empty);
}
