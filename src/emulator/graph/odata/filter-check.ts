import type { CountOperand, FilterNode, LiteralOperand, Operand, PathOperand } from './filter-ast.js';
import { EXTENSION_CAPABILITY, type Capability, type Support } from './filter-capabilities.js';
import { edmName, STRING, type PropertyType } from './property-types.js';
import { queryErrors, type QueryError } from './query-errors.js';
import { acceptsExtension, canonicalProperty, type OperatorSupport, type ResourceType } from './resource.js';

interface Resolved {
  /** Property name used in error messages (the top-level property). */
  property: string;
  capability: Capability | undefined;
  type: PropertyType;
}

/** Operator names as ODataLib prints them. */
const OPERATOR_KINDS: Record<string, string> = {
  or: 'Or',
  not: 'Not',
  eq: 'Equal',
  ne: 'NotEqual',
  gt: 'GreaterThan',
  ge: 'GreaterThanOrEqual',
  lt: 'LessThan',
  le: 'LessThanOrEqual',
};

/** Signals a refusal from deep in the walk; caught once in {@link checkFilter}. */
class Refusal extends Error {
  constructor(readonly error: QueryError) {
    super(error.message);
  }
}

const refuse = (error: QueryError): never => {
  throw new Refusal(error);
};

function compatible(type: PropertyType, literal: LiteralOperand): boolean {
  if (literal.type === 'null') return true;
  if (type.kind !== 'scalar') return false;
  switch (type.type) {
    case 'string':
      return literal.type === 'string';
    case 'boolean':
      return literal.type === 'boolean';
    case 'datetime':
      return literal.type === 'datetime' || literal.type === 'date';
    case 'guid':
      return literal.type === 'guid';
    case 'int':
      return literal.type === 'number';
  }
}

function literalEdm(literal: LiteralOperand): string {
  if (literal.type === 'string') return 'Edm.String';
  if (literal.type === 'boolean') return 'Edm.Boolean';
  if (literal.type === 'guid') return 'Edm.Guid';
  if (literal.type === 'datetime') return 'Edm.DateTimeOffset';
  return edmName(literal.type);
}

/**
 * Validates a parsed filter against a resource type: unknown properties, type mismatches,
 * operators a property does not support, and advanced-only constructs used without the
 * advanced query parameters (always granted to non-directory types). Refusals use the type's
 * dialect: Entra's `Request_UnsupportedQuery` or ASP.NET OData's validator messages. Property
 * names are rewritten to their canonical spelling.
 */
export function checkFilter(node: FilterNode, type: ResourceType, advanced: boolean): QueryError | null {
  const scopes = new Map<string, Resolved & { capabilityKey: string }>();
  const directory = type.dialect === 'directory';

  const refuseProperty = (property: string): never =>
    refuse(
      directory
        ? queryErrors.unsupportedFilterProperty(property, type.label)
        : queryErrors.propertyNotFilterable(property),
    );

  /** `op` names the operator (`eq`, `gt`…) or function (`startswith`) the support is for. */
  const need = (support: Support | undefined, resolved: Resolved, op: string) => {
    if (support === undefined && !directory && resolved.capability !== undefined) {
      refuse(
        op in OPERATOR_KINDS
          ? queryErrors.logicalOperatorNotAllowed(OPERATOR_KINDS[op]!)
          : queryErrors.functionNotAllowed(op),
      );
    }
    if (support === undefined || (support === 'advanced' && !advanced)) refuseProperty(resolved.property);
  };

  /** `ne`, `not` and `or`: advanced-only in the directory, absent from some services. */
  const gate = (op: keyof OperatorSupport) => {
    const support = type.operators[op];
    if (support === undefined) refuse(queryErrors.logicalOperatorNotAllowed(OPERATOR_KINDS[op]!));
    if (support === 'advanced' && !advanced) refuse(queryErrors.advancedOperator(op));
  };

  function resolve(operand: PathOperand | CountOperand): Resolved & { capabilityKey: string } {
    let current: PropertyType;
    let capabilityKey: string;
    let property: string;
    let rest = operand.segments;
    if (operand.variable !== null) {
      const scope = scopes.get(operand.variable)!;
      current = scope.type.kind === 'collection' ? scope.type.item : scope.type;
      capabilityKey = scope.capabilityKey;
      property = scope.property;
    } else {
      const first = operand.segments[0]!;
      const canonical = canonicalProperty(type, first) ?? (acceptsExtension(type, first) ? first : null);
      if (!canonical) return refuse(queryErrors.unknownProperty(first, type.typeName));
      operand.segments[0] = canonical;
      current = type.types[canonical] ?? STRING;
      capabilityKey = canonical;
      property = canonical;
      rest = operand.segments.slice(1);
    }
    rest.forEach((segment, index) => {
      const fields = current.kind === 'complex' ? current.fields : null;
      const field = fields && Object.keys(fields).find((f) => f.toLowerCase() === segment.toLowerCase());
      if (!fields || !field) return refuse(queryErrors.unknownProperty(segment, type.typeName));
      const offset = operand.segments.length - rest.length + index;
      operand.segments[offset] = field;
      current = fields[field]!;
      capabilityKey = `${capabilityKey}/${field}`;
    });
    const capability =
      type.filters[capabilityKey] ??
      type.filters[capabilityKey.split('/')[0]!] ??
      (acceptsExtension(type, property) ? EXTENSION_CAPABILITY : undefined);
    return { property, capability, type: current, capabilityKey };
  }

  /** Splits a comparison into its property side and literal side. */
  function sides(
    left: Operand,
    right: Operand,
  ): { target: PathOperand | CountOperand; literal: LiteralOperand } {
    if (left.kind !== 'literal' && right.kind === 'literal') return { target: left, literal: right };
    if (right.kind !== 'literal' && left.kind === 'literal') return { target: right, literal: left };
    const path = left.kind !== 'literal' ? left : right.kind !== 'literal' ? right : null;
    if (!path) return refuse(queryErrors.invalidFilter('A comparison needs a property operand.'));
    return refuseProperty(path.segments[0] ?? 'value');
  }

  function checkTyped(resolved: Resolved, literal: LiteralOperand, op: string) {
    if (!compatible(resolved.type, literal)) {
      refuse(
        queryErrors.invalidFilter(
          `A binary operator with incompatible types was detected. Found operand types '${edmName(resolved.type)}' and '${literalEdm(literal)}' for operator kind '${OPERATOR_KINDS[op] ?? op}'.`,
        ),
      );
    }
  }

  function visit(n: FilterNode): void {
    switch (n.kind) {
      case 'and':
      case 'or':
        if (n.kind === 'or') gate('or');
        visit(n.left);
        visit(n.right);
        return;
      case 'not':
        gate('not');
        visit(n.operand);
        return;
      case 'compare': {
        const { target, literal } = sides(n.left, n.right);
        const resolved = resolve(target);
        if (target.kind === 'count') {
          if (!advanced) refuseProperty(resolved.property);
          if (literal.type !== 'number') refuse(queryErrors.invalidFilter('$count compares with a number.'));
          return;
        }
        checkTyped(resolved, literal, n.op);
        if (n.op === 'ne') gate('ne');
        if (literal.type === 'null') return need(resolved.capability?.null, resolved, n.op);
        if (n.op === 'eq' || n.op === 'ne') return need(resolved.capability?.eq, resolved, n.op);
        return need(resolved.capability?.range, resolved, n.op);
      }
      case 'in': {
        if (n.left.kind !== 'path') return refuse(queryErrors.invalidFilter('in needs a property operand.'));
        const resolved = resolve(n.left);
        for (const value of n.values) checkTyped(resolved, value, 'eq');
        return need(resolved.capability?.eq, resolved, 'eq');
      }
      case 'call': {
        if (n.target.kind !== 'path' || n.arg.kind !== 'literal') {
          return refuse(queryErrors.invalidFilter(`Syntax error in ${n.fn}.`));
        }
        const resolved = resolve(n.target);
        checkTyped(resolved, n.arg, n.fn);
        if (n.fn === 'endswith') {
          if (resolved.capability?.ew === undefined) need(undefined, resolved, n.fn);
          if (!advanced) refuse(queryErrors.advancedOperator('endsWith'));
          return;
        }
        return need(resolved.capability?.sw, resolved, n.fn);
      }
      case 'lambda': {
        const resolved = resolve(n.collection);
        if (resolved.type.kind !== 'collection') refuseProperty(resolved.property);
        if (!n.body || n.variable === null) return;
        scopes.set(n.variable, resolved);
        visit(n.body);
        scopes.delete(n.variable);
        return;
      }
    }
  }

  try {
    visit(node);
    return null;
  } catch (err) {
    if (err instanceof Refusal) return err.error;
    throw err;
  }
}
