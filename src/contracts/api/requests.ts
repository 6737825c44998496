import { z } from 'zod';
import {
  configuredGroupSchema,
  onboardingConfigInputSchema,
  notificationSettingsSchema,
  approvalStepSchema,
} from '../onboarding/config.js';
import { EMAIL_FORMATS, NAMING_FALLBACKS, newStarterNameSchema } from '../onboarding/naming.js';
import {
  leaverFieldsSchema,
  leaverFormSchema,
  newStarterFieldsSchema,
  newStarterFormSchema,
} from '../onboarding/request-fields.js';
import { REQUEST_STATUSES, REQUEST_TYPES, STEP_STATUSES } from '../onboarding/workflow.js';
import { defineEndpoint } from './endpoint.js';
import { idParamsSchema, idSchema, timestampSchema } from './fields.js';
import { listQuerySchema, pageSchema } from './pagination.js';

/**
 * New-starter and leaver requests (issue 8, guide 000): a customer's settings, the portal's forms,
 * and the request (ticket) through approval and automation. See docs/requests.md.
 */

const TAGS = ['requests'];

// ---------------------------------------------------------------------------------------------
// A customer's settings

export const tenantChoiceSchema = z.object({
  tenantId: z.string(),
  name: z.string(),
  connectionName: z.string(),
});

export const onboardingConfigViewSchema = z.object({
  customerId: idSchema,
  customerName: z.string(),
  /** False until an administrator saved the settings: the portal form says so. */
  configured: z.boolean(),
  tenantId: z.string().nullable(),
  /** The customer's tenants a connection can write to (CSP-mapped or directly connected). */
  tenants: z.array(tenantChoiceSchema),
  groups: z.array(configuredGroupSchema),
  licences: z.array(
    z.object({
      skuId: z.string(),
      name: z.string(),
      available: z.number().int().nullable(),
      found: z.boolean(),
      /** Offered on the form (saved in the settings); the others are the tenant's other licences. */
      offered: z.boolean(),
    }),
  ),
  allowedDomains: z.array(z.string()),
  /** The tenant's verified domains, when Microsoft could be asked. */
  verifiedDomains: z.array(z.string()).nullable(),
  naming: z.object({
    format: z.enum(EMAIL_FORMATS),
    customPattern: z.string().nullable(),
    fallbacks: z.array(z.enum(NAMING_FALLBACKS)),
    maxNumber: z.number().int(),
  }),
  emailFormatsOffered: z.array(z.enum(EMAIL_FORMATS)),
  defaultUsageLocation: z.string().nullable(),
  approval: z.object({ steps: z.array(approvalStepSchema), triggerAutomationByDefault: z.boolean() }),
  notifications: notificationSettingsSchema,
  /** What the desk found wrong when checking against the tenant (a missing group, an unverified domain). */
  warnings: z.array(z.string()),
  updatedAt: timestampSchema.nullable(),
});
export type OnboardingConfigView = z.infer<typeof onboardingConfigViewSchema>;

export const getOnboardingConfig = defineEndpoint({
  method: 'GET',
  path: '/api/customers/:id/onboarding',
  access: { permission: 'customers.read' },
  summary: "A customer's new-starter and leaver request settings",
  tags: TAGS,
  params: idParamsSchema,
  response: onboardingConfigViewSchema,
});

export const putOnboardingConfig = defineEndpoint({
  method: 'PUT',
  path: '/api/customers/:id/onboarding',
  access: { permission: 'customers.write' },
  summary:
    "Saves a customer's request settings, checked against its tenant first (groups exist, domains verified, licences imported)",
  tags: TAGS,
  params: idParamsSchema,
  body: onboardingConfigInputSchema,
  response: onboardingConfigViewSchema,
});

// ---------------------------------------------------------------------------------------------
// The portal's new-starter form

export const newStarterFormOptionsSchema = z.object({
  customerName: z.string(),
  /** Null when the form can be used; otherwise why not, in words. */
  unavailable: z.string().nullable(),
  emailFormats: z.array(z.object({ format: z.enum(EMAIL_FORMATS), label: z.string() })),
  defaultEmailFormat: z.enum(EMAIL_FORMATS),
  domains: z.array(z.string()),
  defaultUsageLocation: z.string().nullable(),
  groups: z.array(z.object({ name: z.string(), manual: z.boolean() })),
  licences: z.array(
    z.object({
      skuId: z.string(),
      name: z.string(),
      /** Seats not yet assigned, minus those promised to requests still open; null: unknown. */
      available: z.number().int().nullable(),
    }),
  ),
});
export type NewStarterFormOptions = z.infer<typeof newStarterFormOptionsSchema>;

export const addressPreviewInputSchema = newStarterNameSchema.extend({
  emailFormat: z.enum(EMAIL_FORMATS).optional(),
  domain: z.string().trim().toLowerCase().max(255).optional(),
});

export const addressPreviewSchema = z.object({
  userPrincipalName: z.string().nullable(),
  displayName: z.string(),
  /** Addresses skipped because someone already has them (as a sign-in name, e-mail or alias). */
  taken: z.array(z.string()),
  /** `tenant`: checked with Microsoft; `desk`: Microsoft could not be asked, checked against the desk's records. */
  checkedAgainst: z.enum(['tenant', 'desk']),
  /** Why no address could be made, in words; null when one was. */
  problem: z.string().nullable(),
});
export type AddressPreview = z.infer<typeof addressPreviewSchema>;

export const getNewStarterForm = defineEndpoint({
  method: 'GET',
  path: '/api/portal/requests/new-starter/form',
  access: { permission: 'portal.requests.create' },
  summary: 'What the new-starter form offers: formats, domains, groups, licences with seats left',
  tags: ['portal', ...TAGS],
  response: newStarterFormOptionsSchema,
});

export const previewNewStarterAddress = defineEndpoint({
  method: 'POST',
  path: '/api/portal/requests/new-starter/preview',
  access: { permission: 'portal.requests.create' },
  summary: "The address the new starter will get, checked for uniqueness in the organisation's tenant",
  tags: ['portal', ...TAGS],
  body: addressPreviewInputSchema,
  response: addressPreviewSchema,
});

// ---------------------------------------------------------------------------------------------
// Requests

export const approvalStepViewSchema = z.object({
  index: z.number().int(),
  name: z.string(),
  /** `waiting`: an earlier step is open; `open`: waiting for this step's approvers. */
  status: z.enum(['waiting', 'open', 'approved', 'rejected', 'skipped']),
  /** Who may decide it, in words ("Agents with Can approve requests; Jane Doe"). */
  approvers: z.string(),
  decidedBy: z.string().nullable(),
  comment: z.string().nullable(),
  decidedAt: timestampSchema.nullable(),
});

export const stepItemSchema = z.object({
  name: z.string(),
  status: z.enum(['done', 'needsManual', 'failed', 'pending']),
  message: z.string().nullable(),
});

export const workflowStepViewSchema = z.object({
  key: z.string(),
  label: z.string(),
  status: z.enum(STEP_STATUSES),
  attempts: z.number().int(),
  /** What the step did or waits for, in words. */
  detail: z.string().nullable(),
  /** Per group or licence, where the step handles several. */
  items: z.array(stepItemSchema),
  error: z
    .object({ code: z.string(), title: z.string(), message: z.string(), howToFix: z.string().nullable() })
    .nullable(),
  dueAt: timestampSchema.nullable(),
  finishedAt: timestampSchema.nullable(),
});
export type WorkflowStepView = z.infer<typeof workflowStepViewSchema>;

export const requestSummarySchema = z.object({
  id: idSchema,
  /** The reference people quote: REQ-000042. */
  reference: z.string(),
  type: z.enum(REQUEST_TYPES),
  status: z.enum(REQUEST_STATUSES),
  customerId: idSchema,
  customerName: z.string(),
  /** "New starter: Jane Doe (jane.doe@contoso.com), starts 2027-01-04". */
  summary: z.string(),
  requestedBy: z.string(),
  /** The agent working on it; null: unassigned. */
  assignedTo: z.object({ agentId: idSchema, name: z.string() }).nullable(),
  createdAt: timestampSchema,
  updatedAt: timestampSchema,
});
export type RequestSummary = z.infer<typeof requestSummarySchema>;

export const requestDetailSchema = requestSummarySchema.extend({
  newStarter: newStarterFieldsSchema.nullable(),
  leaver: leaverFieldsSchema.nullable(),
  approval: z.object({
    steps: z.array(approvalStepViewSchema),
    /** Whether approval starts the automation; null until decided. */
    triggerAutomation: z.boolean().nullable(),
    triggerAutomationByDefault: z.boolean(),
  }),
  steps: z.array(workflowStepViewSchema),
  /** The temporary password: never in the view; revealed once to an authorised agent. */
  password: z
    .object({
      revealed: z.boolean(),
      revealedBy: z.string().nullable(),
      revealedAt: timestampSchema.nullable(),
    })
    .nullable(),
  entraObjectId: z.string().nullable(),
  /** The desk user the request created (once synced) or concerns (leaver). */
  deskUserId: idSchema.nullable(),
  /** Whether the viewer may decide the open approval step now. */
  canDecide: z.boolean(),
  /** Tickets against users outside the contract are allowed but flagged (contract compliance). */
  flag: z.string().nullable(),
});
export type RequestDetail = z.infer<typeof requestDetailSchema>;

export const requestListQuerySchema = listQuerySchema.extend({
  status: z.enum(REQUEST_STATUSES).optional(),
  type: z.enum(REQUEST_TYPES).optional(),
  customerId: idSchema.optional(),
  /** Only requests with an approval step the viewer may decide now. */
  mine: z.stringbool().optional(),
});

export const decisionSchema = z.object({
  decision: z.enum(['approve', 'reject'], 'decision must be approve or reject'),
  comment: z.string().trim().max(2000).optional(),
  /** "Trigger Azure onboarding automation" (agents; portal approvers get the customer's default). */
  triggerAutomation: z.boolean().optional(),
});

// Portal

export const submitNewStarter = defineEndpoint({
  method: 'POST',
  path: '/api/portal/requests/new-starter',
  access: { permission: 'portal.requests.create' },
  summary: 'Submits a new-starter request: a request is raised and its approval starts',
  tags: ['portal', ...TAGS],
  body: newStarterFormSchema,
  response: requestDetailSchema,
  status: 201,
});

export const submitLeaver = defineEndpoint({
  method: 'POST',
  path: '/api/portal/requests/leaver',
  access: { permission: 'portal.requests.create' },
  summary: 'Submits a leaver request: a request is raised and its approval starts',
  tags: ['portal', ...TAGS],
  body: leaverFormSchema,
  response: requestDetailSchema,
  status: 201,
});

export const listPortalRequests = defineEndpoint({
  method: 'GET',
  path: '/api/portal/requests',
  // portal.requests.create sees their own, portal.requests.read/approve the organisation's.
  access: { signedIn: 'portal' },
  summary: "The portal user's requests (all of the organisation's with the read or approve permission)",
  tags: ['portal', ...TAGS],
  query: requestListQuerySchema.omit({ customerId: true }),
  response: pageSchema(requestSummarySchema),
});

export const getPortalRequest = defineEndpoint({
  method: 'GET',
  path: '/api/portal/requests/:id',
  access: { signedIn: 'portal' },
  summary: 'One request of the organisation, with its approval and progress',
  tags: ['portal', ...TAGS],
  params: idParamsSchema,
  response: requestDetailSchema,
});

export const decidePortalRequest = defineEndpoint({
  method: 'POST',
  path: '/api/portal/requests/:id/decision',
  access: { permission: 'portal.requests.approve' },
  summary: 'Approves or rejects the open approval step of a request, as one of its approvers',
  tags: ['portal', ...TAGS],
  params: idParamsSchema,
  body: decisionSchema.omit({ triggerAutomation: true }),
  response: requestDetailSchema,
});

// Console: an agent raises a request for a customer (the same forms, checked the same way)

const RAISE: { permission: 'customers.write' } = { permission: 'customers.write' };

export const getCustomerNewStarterForm = defineEndpoint({
  method: 'GET',
  path: '/api/customers/:id/requests/new-starter/form',
  access: RAISE,
  summary: 'What the new-starter form offers for a customer, as the portal shows it',
  tags: TAGS,
  params: idParamsSchema,
  response: newStarterFormOptionsSchema,
});

export const previewCustomerNewStarterAddress = defineEndpoint({
  method: 'POST',
  path: '/api/customers/:id/requests/new-starter/preview',
  access: RAISE,
  summary: "The address a customer's new starter will get",
  tags: TAGS,
  params: idParamsSchema,
  body: addressPreviewInputSchema,
  response: addressPreviewSchema,
});

export const raiseNewStarter = defineEndpoint({
  method: 'POST',
  path: '/api/customers/:id/requests/new-starter',
  access: RAISE,
  summary: 'Raises a new-starter request for a customer (its approval starts as from the portal)',
  tags: TAGS,
  params: idParamsSchema,
  body: newStarterFormSchema,
  response: requestDetailSchema,
  status: 201,
});

export const raiseLeaver = defineEndpoint({
  method: 'POST',
  path: '/api/customers/:id/requests/leaver',
  access: RAISE,
  summary: 'Raises a leaver request for a customer (its approval starts as from the portal)',
  tags: TAGS,
  params: idParamsSchema,
  body: leaverFormSchema,
  response: requestDetailSchema,
  status: 201,
});

// Console

export const listRequests = defineEndpoint({
  method: 'GET',
  path: '/api/requests',
  access: { permission: 'customers.read' },
  summary: 'Requests of every customer, newest first',
  tags: TAGS,
  query: requestListQuerySchema,
  response: pageSchema(requestSummarySchema),
});

export const getRequest = defineEndpoint({
  method: 'GET',
  path: '/api/requests/:id',
  access: { permission: 'customers.read' },
  summary: 'One request: what was asked, its approval, and each automation step',
  tags: TAGS,
  params: idParamsSchema,
  response: requestDetailSchema,
});

export const decideRequest = defineEndpoint({
  method: 'POST',
  path: '/api/requests/:id/decision',
  access: { permission: 'requests.approve' },
  summary: 'Approves (optionally triggering the automation) or rejects the open approval step',
  tags: TAGS,
  params: idParamsSchema,
  body: decisionSchema,
  response: requestDetailSchema,
});

export const startRequestAutomation = defineEndpoint({
  method: 'POST',
  path: '/api/requests/:id/automation',
  access: { permission: 'requests.approve' },
  summary: 'Starts the automation of a request approved without it',
  tags: TAGS,
  params: idParamsSchema,
  response: requestDetailSchema,
  status: 202,
});

export const retryRequestStep = defineEndpoint({
  method: 'POST',
  path: '/api/requests/:id/retry',
  access: { permission: 'requests.approve' },
  summary: 'Retries the failed step of a request (after its cause was fixed) and continues',
  tags: TAGS,
  params: idParamsSchema,
  response: requestDetailSchema,
  status: 202,
});

export const cancelRequest = defineEndpoint({
  method: 'POST',
  path: '/api/requests/:id/cancel',
  access: { permission: 'requests.approve' },
  summary: 'Cancels a request that has not written anything to Microsoft yet',
  tags: TAGS,
  params: idParamsSchema,
  body: z.object({ comment: z.string().trim().max(2000).optional() }),
  response: requestDetailSchema,
});

export const assignRequest = defineEndpoint({
  method: 'POST',
  path: '/api/requests/:id/assign',
  access: { permission: 'requests.approve' },
  summary: 'Assigns the request to an active agent, or unassigns it (agentId null)',
  tags: TAGS,
  params: idParamsSchema,
  body: z.object({ agentId: idSchema.nullable() }),
  response: requestDetailSchema,
});

export const revealRequestPassword = defineEndpoint({
  method: 'POST',
  path: '/api/requests/:id/password',
  access: { permission: 'requests.approve' },
  summary: "Reveals the new starter's temporary password, once (audited)",
  tags: TAGS,
  params: idParamsSchema,
  response: z.object({ password: z.string() }),
});
