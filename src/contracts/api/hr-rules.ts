import { z } from 'zod';
import { hrRuleSetSchema } from '../hr/rules.js';
import { defineEndpoint } from './endpoint.js';
import { idParamsSchema, timestampSchema } from './fields.js';
import { HR_TAGS } from './hr-sources.js';

/** A source's business rules (issue 9): drafted, previewed, then published. */

export const hrRulesViewSchema = z.object({
  draft: hrRuleSetSchema,
  draftUpdatedAt: timestampSchema.nullable(),
  published: hrRuleSetSchema,
  publishedVersion: z.number().int(),
  publishedAt: timestampSchema.nullable(),
  publishedByName: z.string().nullable(),
  draftPending: z.boolean(),
  /** What the editor offers: the tenant's licences as last imported. */
  licenceOptions: z.array(z.object({ skuId: z.string(), name: z.string() })),
  /** Values found in the source per field (departments, titles, …), for writing conditions. */
  fieldValues: z.record(z.string(), z.array(z.string())),
});
export type HrRulesView = z.infer<typeof hrRulesViewSchema>;

export const getHrRules = defineEndpoint({
  method: 'GET',
  path: '/api/hr/sources/:id/rules',
  access: { permission: 'hr.read' },
  summary: 'A source’s draft and published rules',
  tags: HR_TAGS,
  params: idParamsSchema,
  response: hrRulesViewSchema,
});

export const saveHrRules = defineEndpoint({
  method: 'PUT',
  path: '/api/hr/sources/:id/rules',
  access: { permission: 'hr.manage' },
  summary: 'Saves the draft rule set (nothing changes in Entra until it is published)',
  tags: HR_TAGS,
  params: idParamsSchema,
  body: z.object({ rules: hrRuleSetSchema }),
  response: hrRulesViewSchema,
});

const entitlementChangeSchema = z.object({
  kind: z.enum(['account', 'group', 'licence']),
  name: z.string(),
  rules: z.array(z.string()),
});

export const hrRulePreviewSchema = z.object({
  totals: z.object({
    persons: z.number().int(),
    personsAffected: z.number().int(),
    gains: z.number().int(),
    losses: z.number().int(),
  }),
  /** Per entitlement: how many persons gain and lose it. */
  byEntitlement: z.array(
    z.object({
      kind: z.enum(['account', 'group', 'licence']),
      name: z.string(),
      gains: z.number().int(),
      losses: z.number().int(),
    }),
  ),
  /** The affected persons (first 500, by name). */
  persons: z.array(
    z.object({
      employeeId: z.string(),
      displayName: z.string(),
      gains: z.array(entitlementChangeSchema),
      loses: z.array(entitlementChangeSchema),
    }),
  ),
  /** Groups the draft names that the tenant does not have (created only where a dynamic rule says so). */
  missingGroups: z.array(z.object({ name: z.string(), willBeCreated: z.boolean() })),
});
export type HrRulePreview = z.infer<typeof hrRulePreviewSchema>;

export const previewHrRules = defineEndpoint({
  method: 'POST',
  path: '/api/hr/sources/:id/rules/preview',
  access: { permission: 'hr.read' },
  summary: 'Who would gain and lose what if the draft were published',
  tags: HR_TAGS,
  params: idParamsSchema,
  response: hrRulePreviewSchema,
});

export const publishHrRules = defineEndpoint({
  method: 'POST',
  path: '/api/hr/sources/:id/rules/publish',
  access: { permission: 'hr.manage' },
  summary: 'Publishes the draft; the next enforcement applies it',
  tags: HR_TAGS,
  params: idParamsSchema,
  body: z.object({
    /** The draft's `draftUpdatedAt` as previewed: refused (409) when someone changed it since. */
    draftUpdatedAt: timestampSchema.nullable(),
    /** Start an enforcement at once. */
    enforce: z.boolean().default(true),
  }),
  response: hrRulesViewSchema,
});
