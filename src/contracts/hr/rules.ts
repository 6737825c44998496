import { z } from 'zod';
import { hrFieldRefSchema } from './person.js';

/**
 * Business rules (issue 9, guide 004): conditions on a person's fields grant entitlements in Entra.
 * A rule set is drafted, previewed (who gains and loses what) and then published; only the
 * published set is enforced. Comparisons ignore case and surrounding spaces.
 */

export const HR_CONDITION_OPERATORS = [
  'equals',
  'notEquals',
  'in',
  'notIn',
  'startsWith',
  'contains',
  'isSet',
  'isNotSet',
] as const;
export type HrConditionOperator = (typeof HR_CONDITION_OPERATORS)[number];

/** Operators that compare against no value. */
export const VALUELESS_OPERATORS: readonly HrConditionOperator[] = ['isSet', 'isNotSet'];

export const hrConditionSchema = z
  .object({
    field: hrFieldRefSchema,
    operator: z.enum(HR_CONDITION_OPERATORS, {
      error: () => `operator must be one of ${HR_CONDITION_OPERATORS.join(', ')}`,
    }),
    values: z.array(z.string().trim().max(256)).max(200, 'at most 200 values per condition').default([]),
  })
  .refine((c) => VALUELESS_OPERATORS.includes(c.operator) || c.values.length > 0, {
    message: 'this operator needs at least one value',
    path: ['values'],
  });
export type HrCondition = z.infer<typeof hrConditionSchema>;

/** What a rule grants: the account itself, an Entra group by name, or a licence (SKU). */
export const hrEntitlementSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('account') }),
  z.object({
    kind: z.literal('group'),
    name: z.string().trim().min(1, 'group names must not be empty').max(256),
  }),
  z.object({
    kind: z.literal('licence'),
    skuId: z.guid('skuId must be a licence SKU id of the tenant'),
    /** The SKU's name as shown when the rule was written. */
    name: z.string().trim().max(256).default(''),
  }),
]);
export type HrEntitlement = z.infer<typeof hrEntitlementSchema>;

/**
 * Dynamic permission: a group per value, named by a template such as "Dept-{department}". A person
 * whose fields leave a token empty gets no group from it. `createMissing` creates a group Entra
 * does not have yet (a security group), so a new department needs no new rule.
 */
export const hrDynamicGroupSchema = z.object({
  template: z
    .string()
    .trim()
    .min(1, 'template is required, e.g. Dept-{department}')
    .max(256)
    .refine((t) => /\{[^}]+\}/.test(t), {
      message: 'template must use at least one {field}, e.g. Dept-{department}',
    }),
  createMissing: z.boolean().default(false),
});
export type HrDynamicGroup = z.infer<typeof hrDynamicGroupSchema>;

export const hrRuleSchema = z
  .object({
    /** Stable across versions, so a preview can say which rule changed. */
    id: z.guid('rule id must be a GUID'),
    name: z.string().trim().min(1, 'a rule needs a name').max(120),
    description: z.string().trim().max(1000).default(''),
    enabled: z.boolean().default(true),
    /** All must hold; none means everyone. */
    conditions: z.array(hrConditionSchema).max(20, 'at most 20 conditions per rule').default([]),
    entitlements: z.array(hrEntitlementSchema).max(100, 'at most 100 entitlements per rule').default([]),
    dynamicGroups: z.array(hrDynamicGroupSchema).max(10, 'at most 10 dynamic groups per rule').default([]),
  })
  .refine((r) => r.entitlements.length > 0 || r.dynamicGroups.length > 0, {
    message: 'a rule must grant something: an entitlement or a dynamic group',
    path: ['entitlements'],
  });
export type HrRule = z.infer<typeof hrRuleSchema>;

export const hrRuleSetSchema = z
  .array(hrRuleSchema)
  .max(500, 'at most 500 rules')
  .refine((rules) => new Set(rules.map((r) => r.id)).size === rules.length, {
    message: 'rule ids must be unique',
  });
export type HrRuleSet = z.infer<typeof hrRuleSetSchema>;
