import { z } from 'zod';
import { EMAIL_FORMATS, namingConventionSchema } from './naming.js';

/**
 * A customer's request settings (issue 8 "Configuration", guide 000 step 3): where its users are
 * created, what the new-starter form offers, who approves, and whom to tell. One per customer.
 */

const domainSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(
    /^(?=.{1,255}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$/,
    'allowedDomains must hold domain names such as contoso.com',
  );

/** One approval step: any one of its approvers decides it; the steps run in order. */
export const approvalStepSchema = z
  .object({
    name: z.string().trim().min(1, 'each approval step needs a name').max(100),
    /** Agents holding "Can approve requests" may decide it (narrowed to `agentRoleId` when set). */
    allowAgents: z.boolean().default(true),
    agentRoleId: z.guid('agentRoleId must be an agent role id').nullable().default(null),
    /** Portal accounts of the customer (holding "Can approve their organisation's requests"). */
    portalApproverIds: z.array(z.guid('portalApproverIds must be portal account ids')).max(20).default([]),
  })
  .refine((s) => s.allowAgents || s.portalApproverIds.length > 0, {
    message: 'an approval step needs approvers: allow agents, or name at least one portal approver',
    path: ['portalApproverIds'],
  });
export type ApprovalStep = z.infer<typeof approvalStepSchema>;

export const notificationSettingsSchema = z.object({
  /** E-mail the requester when their request is approved, rejected, completed or needs attention. */
  emailRequester: z.boolean().default(true),
  /** E-mail the approvers of a step when it opens. */
  emailApprovers: z.boolean().default(true),
  /** Also e-mail these addresses (a team mailbox) on every event. */
  extraEmails: z.array(z.email('extraEmails must hold e-mail addresses')).max(10).default([]),
  /** POSTed a JSON event on every change of state; https only. */
  webhookUrl: z
    .url({
      protocol: /^https?$/,
      error: 'webhookUrl must be an http(s):// address (https advised: the body names people)',
    })
    .nullable()
    .default(null),
});
export type NotificationSettings = z.infer<typeof notificationSettingsSchema>;

/** The settings as an administrator saves them (groups by name: guide 000 asks only names). */
export const onboardingConfigInputSchema = z
  .object({
    /** The customer's Entra tenant where users are created; one of its imported tenants. */
    tenantId: z.guid('tenantId must be one of the customer’s tenants').nullable().default(null),
    groups: z
      .array(z.string().trim().min(1, 'group names must not be empty').max(256))
      .max(100, 'at most 100 groups')
      .default([]),
    /** SKU ids from the customer's imported licences. */
    licences: z.array(z.guid('licences must be licence (SKU) ids')).max(30).default([]),
    allowedDomains: z.array(domainSchema).max(20).default([]),
    naming: namingConventionSchema,
    /** The formats the requester may pick from (the convention's format is the default). */
    emailFormatsOffered: z.array(z.enum(EMAIL_FORMATS)).max(EMAIL_FORMATS.length).default([]),
    approval: z
      .object({
        steps: z
          .array(approvalStepSchema)
          .min(1, 'at least one approval step: nothing is written to Microsoft before approval')
          .max(5, 'at most 5 approval steps'),
        /** The "Trigger Azure onboarding automation" box is ticked by default on approval. */
        triggerAutomationByDefault: z.boolean().default(true),
      })
      .default({
        steps: [{ name: 'Service desk', allowAgents: true, agentRoleId: null, portalApproverIds: [] }],
        triggerAutomationByDefault: true,
      }),
    notifications: notificationSettingsSchema.default({
      emailRequester: true,
      emailApprovers: true,
      extraEmails: [],
      webhookUrl: null,
    }),
  })
  .refine((c) => new Set(c.groups.map((g) => g.toLowerCase())).size === c.groups.length, {
    message: 'groups names a group twice',
    path: ['groups'],
  });
export type OnboardingConfigInput = z.input<typeof onboardingConfigInputSchema>;
export type OnboardingConfig = z.output<typeof onboardingConfigInputSchema>;

/** A configured group as last checked against the tenant. */
export const configuredGroupSchema = z.object({
  name: z.string(),
  id: z.string().nullable(),
  kind: z.string().nullable(),
  /** Why the group cannot be added automatically, or is not found; null when fine. */
  warning: z.string().nullable(),
});
export type ConfiguredGroup = z.infer<typeof configuredGroupSchema>;
