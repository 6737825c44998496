/** Syntax tree of a parsed `$filter`. Positions point into the filter text for error messages. */

export type LiteralType = 'string' | 'number' | 'guid' | 'datetime' | 'date' | 'boolean' | 'null';

export interface LiteralOperand {
  kind: 'literal';
  type: LiteralType;
  value: string | number | boolean | null;
  pos: number;
}

/**
 * A property path: from the entity (`variable` null, e.g. `signInActivity/lastSignInDateTime`) or
 * from a lambda variable (`x/skuId` in `assignedLicenses/any(x:x/skuId eq …)`, `c` alone).
 */
export interface PathOperand {
  kind: 'path';
  variable: string | null;
  segments: string[];
  pos: number;
}

/** `assignedLicenses/$count`. */
export interface CountOperand {
  kind: 'count';
  variable: string | null;
  segments: string[];
  pos: number;
}

export type Operand = LiteralOperand | PathOperand | CountOperand;

export type ComparisonOperator = 'eq' | 'ne' | 'gt' | 'ge' | 'lt' | 'le';

export type FilterNode =
  | { kind: 'and' | 'or'; left: FilterNode; right: FilterNode }
  | { kind: 'not'; operand: FilterNode; pos: number }
  | { kind: 'compare'; op: ComparisonOperator; left: Operand; right: Operand; pos: number }
  | { kind: 'in'; left: Operand; values: LiteralOperand[]; pos: number }
  | { kind: 'call'; fn: 'startswith' | 'endswith'; target: Operand; arg: Operand; pos: number }
  | {
      kind: 'lambda';
      quantifier: 'any' | 'all';
      /** Collection path the lambda ranges over (from the entity or an outer variable). */
      collection: PathOperand;
      variable: string | null;
      body: FilterNode | null;
      pos: number;
    };
