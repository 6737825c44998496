import type { GraphProps } from '../../state/types.js';
import type { FilterNode } from './filter-ast.js';
import { checkFilter } from './filter-check.js';
import { compileFilter } from './filter-evaluate.js';
import { tooManyOrClauses } from './filter-limits.js';
import { FilterSyntaxError } from './filter-lexer.js';
import { parseFilter } from './filter-parser.js';
import { queryErrors, type QueryError } from './query-errors.js';
import type { ResourceType } from './resource.js';

export interface CompiledFilter {
  test: (props: GraphProps) => boolean;
  /** Top-level properties the filter reads (signInActivity needs extra permissions). */
  properties: Set<string>;
}

function collectProperties(node: FilterNode, into: Set<string>): void {
  switch (node.kind) {
    case 'and':
    case 'or':
      collectProperties(node.left, into);
      collectProperties(node.right, into);
      return;
    case 'not':
      collectProperties(node.operand, into);
      return;
    case 'lambda':
      if (node.collection.variable === null) into.add(node.collection.segments[0]!);
      if (node.body) collectProperties(node.body, into);
      return;
    default:
      for (const operand of node.kind === 'call' ? [node.target] : [node.left]) {
        if (operand.kind !== 'literal' && operand.variable === null) into.add(operand.segments[0]!);
      }
      if (node.kind === 'compare' && node.right.kind !== 'literal' && node.right.variable === null) {
        into.add(node.right.segments[0]!);
      }
  }
}

/** Parses, validates (for `type` and the advanced-query state) and compiles a `$filter`. */
export function buildFilter(raw: string, type: ResourceType, advanced: boolean): CompiledFilter | QueryError {
  let tree: FilterNode;
  try {
    tree = parseFilter(raw);
  } catch (err) {
    if (err instanceof FilterSyntaxError) return queryErrors.invalidFilter(err.message);
    throw err;
  }
  const refused =
    checkFilter(tree, type, advanced) ??
    (type.dialect === 'directory' && !advanced ? tooManyOrClauses(tree) : null);
  if (refused) return refused;
  const properties = new Set<string>();
  collectProperties(tree, properties);
  return { test: compileFilter(tree), properties };
}
