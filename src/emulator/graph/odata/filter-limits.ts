import type { FilterNode } from './filter-ast.js';
import type { QueryError } from './query-errors.js';

/**
 * The directory answers at most 15 child clauses of an `or` (an `in (…)` counts one per value)
 * unless the advanced query parameters are sent (filter-query-parameter.md: "The maximum number of
 * expressions in a filter clause when using the in operator is 15 items by default";
 * microsoft-graph-docs#21098 quotes the error).
 */
export const MAX_OR_CLAUSES = 15;

/** Child clauses of an or-chain: nested `or`s flattened, `in` lists counted per value. */
function clauses(node: FilterNode): number {
  if (node.kind === 'or') return clauses(node.left) + clauses(node.right);
  return node.kind === 'in' ? node.values.length : 1;
}

/** The largest or-chain (or lone `in`) anywhere in the filter. */
export function widestOr(node: FilterNode): number {
  switch (node.kind) {
    case 'or':
      return Math.max(clauses(node), ...orChainChildren(node).map(widestOr));
    case 'and':
      return Math.max(widestOr(node.left), widestOr(node.right));
    case 'not':
      return widestOr(node.operand);
    case 'lambda':
      return node.body ? widestOr(node.body) : 0;
    case 'in':
      return node.values.length;
    default:
      return 1;
  }
}

function orChainChildren(node: FilterNode): FilterNode[] {
  return node.kind === 'or' ? [...orChainChildren(node.left), ...orChainChildren(node.right)] : [node];
}

/** 400 when a default (non-advanced) directory query has too many `or` clauses. */
export function tooManyOrClauses(node: FilterNode): QueryError | null {
  const count = widestOr(node);
  if (count <= MAX_OR_CLAUSES) return null;
  return {
    status: 400,
    code: 'Request_UnsupportedQuery',
    message: `Too many child clauses specified in search filter expression containing 'OR' operators: ${count}. Max allowed: ${MAX_OR_CLAUSES}`,
  };
}
