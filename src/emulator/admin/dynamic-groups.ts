import type { Estate } from '../state/estate.js';
import type { GraphProps, TenantRecord } from '../state/types.js';

type Clause = { property: string; negate: boolean; value: string | boolean };
type Rule = { all: boolean; clauses: Clause[] };

const CLAUSE = /^\(?\s*user\.(\w+)\s+-(eq|ne)\s+(?:"([^"]*)"|(true|false))\s*\)?$/i;

/**
 * Reads the simple rules the emulator seeds (`(user.department -eq "Sales") and (…)`): clauses
 * joined by only `and` or only `or`. Anything richer returns null and is left alone.
 */
export function parseRule(rule: string): Rule | null {
  const hasAnd = /\)\s+and\s+\(/i.test(rule);
  const hasOr = /\)\s+or\s+\(/i.test(rule);
  if (hasAnd && hasOr) return null;
  const parts = rule.split(/\)\s+(?:and|or)\s+\(/i).map((p) => p.trim());
  const clauses: Clause[] = [];
  for (const part of parts) {
    const m = CLAUSE.exec(part);
    if (!m) return null;
    const value = m[3] !== undefined ? m[3] : m[4]!.toLowerCase() === 'true';
    clauses.push({ property: m[1]!, negate: m[2]!.toLowerCase() === 'ne', value });
  }
  return { all: !hasOr, clauses };
}

function matches(rule: Rule, props: GraphProps): boolean {
  const test = (c: Clause) => {
    const actual = props[c.property];
    const equal =
      typeof c.value === 'string'
        ? typeof actual === 'string' && actual.toLowerCase() === c.value.toLowerCase()
        : actual === c.value;
    return c.negate ? !equal : equal;
  };
  return rule.all ? rule.clauses.every(test) : rule.clauses.some(test);
}

/**
 * Applies dynamic membership rules to changed users, as Entra's rule processing does shortly after
 * a change (groups whose processing is paused keep their members). Writes through the estate so
 * delta rounds see the membership changes.
 */
export function reprocessDynamicGroups(
  estate: Estate,
  tenant: TenantRecord,
  userIds: Iterable<string>,
): void {
  const groups = [...tenant.groups.values()].filter(
    (g) => g.dynamic && g.deletedAt === null && g.props.membershipRuleProcessingState === 'On',
  );
  const rules = groups.map((g) => ({ group: g, rule: parseRule(String(g.props.membershipRule ?? '')) }));
  for (const id of userIds) {
    const user = tenant.users.get(id);
    for (const { group, rule } of rules) {
      if (!rule) continue;
      const should = !!user && user.deletedAt === null && matches(rule, user.props);
      const is = group.members.has(id);
      if (should && !is) estate.addMember(tenant, group.props.id, id, '#microsoft.graph.user');
      if (!should && is) estate.removeMember(tenant, group.props.id, id);
    }
  }
}
