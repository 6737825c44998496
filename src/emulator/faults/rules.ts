import { z } from 'zod';
import type { Service } from '../http/types.js';

export const faultActionSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('latency'), ms: z.number().int().min(0).max(120_000) }),
  z.object({
    type: z.literal('status'),
    status: z.number().int().min(400).max(599),
    /** Sent as `Retry-After` (seconds) when set; Graph 429s carry it. */
    retryAfterSeconds: z.number().int().min(0).optional(),
    /** Error code in the service's own envelope; a sensible one per status when absent. */
    code: z.string().optional(),
    message: z.string().optional(),
  }),
  z.object({ type: z.literal('reset') }),
  z.object({ type: z.literal('truncate') }),
]);

export const faultRuleSchema = z.object({
  service: z.enum(['identity', 'graph', 'partnercenter']).optional(),
  /** Route name (`GET /users`), or a prefix ending in `*` (`GET /users*`); any route when absent. */
  route: z.string().optional(),
  method: z.string().optional(),
  tenantId: z.string().optional(),
  appId: z.string().optional(),
  action: faultActionSchema,
  /** Chance that a matching request is hit (0–1, drawn from the emulator's seeded generator). */
  probability: z.number().min(0).max(1).default(1),
  /** Let this many matching requests through before the rule starts to apply. */
  skip: z.number().int().min(0).default(0),
  /** Apply to this many requests, then the rule retires itself; unlimited when absent. */
  times: z.number().int().min(1).optional(),
  /** Also apply to inner requests of `$batch` (socket faults there become 503s). */
  inBatch: z.boolean().default(true),
});

export type FaultRuleInput = z.input<typeof faultRuleSchema>;
export type FaultRule = z.output<typeof faultRuleSchema> & { id: string; hits: number; seen: number };
export type FaultAction = z.output<typeof faultActionSchema>;

export interface FaultQuery {
  service: Service;
  route: string;
  method: string;
  tenantId: string | null;
  appId: string | null;
  inBatch: boolean;
}

export interface FaultRules {
  add(input: FaultRuleInput): FaultRule;
  remove(id: string): boolean;
  list(): FaultRule[];
  clear(): void;
  /** The first applicable rule's action for this request, counting it as a hit. */
  match(q: FaultQuery): FaultAction | undefined;
}

function routeMatches(pattern: string | undefined, route: string): boolean {
  if (!pattern) return true;
  if (pattern.endsWith('*')) return route.toLowerCase().startsWith(pattern.slice(0, -1).toLowerCase());
  return pattern.toLowerCase() === route.toLowerCase();
}

export function createFaultRules(random: () => number): FaultRules {
  let rules: FaultRule[] = [];
  let next = 1;
  return {
    add(input) {
      const rule: FaultRule = { ...faultRuleSchema.parse(input), id: `fault-${next++}`, hits: 0, seen: 0 };
      rules.push(rule);
      return rule;
    },
    remove(id) {
      const before = rules.length;
      rules = rules.filter((r) => r.id !== id);
      return rules.length !== before;
    },
    list: () => rules.map((r) => ({ ...r })),
    clear() {
      rules = [];
    },
    match(q) {
      if (q.service === 'admin') return undefined;
      for (const rule of rules) {
        if (rule.service && rule.service !== q.service) continue;
        if (rule.method && rule.method.toUpperCase() !== q.method.toUpperCase()) continue;
        if (rule.tenantId && rule.tenantId.toLowerCase() !== q.tenantId?.toLowerCase()) continue;
        if (rule.appId && rule.appId.toLowerCase() !== q.appId?.toLowerCase()) continue;
        if (q.inBatch && !rule.inBatch) continue;
        if (!routeMatches(rule.route, q.route)) continue;
        rule.seen += 1;
        if (rule.seen <= rule.skip) continue;
        if (rule.probability < 1 && random() >= rule.probability) continue;
        rule.hits += 1;
        if (rule.times !== undefined && rule.hits >= rule.times) rules = rules.filter((r) => r !== rule);
        return rule.action;
      }
      return undefined;
    },
  };
}
