import type { OnboardingConfigView } from '../../../../../src/contracts/api/requests.js';
import type { OnboardingConfigInput } from '../../../../../src/contracts/onboarding/config.js';
import type { EmailFormat, NamingFallback } from '../../../../../src/contracts/onboarding/naming.js';

/** One approval step as the editor holds it. */
export interface StepDraft {
  name: string;
  allowAgents: boolean;
  agentRoleId: string | null;
  portalApproverIds: string[];
}

/**
 * A customer's request settings as the editor holds them: lists of text as typed (one address per
 * line), turned into the contract's body only on save.
 */
export interface SettingsDraft {
  tenantId: string | null;
  groups: string[];
  licences: string[];
  allowedDomains: string[];
  naming: { format: EmailFormat; customPattern: string; fallbacks: NamingFallback[]; maxNumber: number };
  emailFormatsOffered: EmailFormat[];
  steps: StepDraft[];
  triggerAutomationByDefault: boolean;
  emailRequester: boolean;
  emailApprovers: boolean;
  /** One address per line. */
  extraEmails: string;
  webhookUrl: string;
}

/**
 * Whether a listed licence is in the saved settings. The view lists the customer's licences; an
 * `offered` flag (asked of the contract) tells which are ticked; without it every listed licence of
 * saved settings counts as offered.
 */
export function isOffered(licence: OnboardingConfigView['licences'][number], configured: boolean): boolean {
  const flagged = licence as { offered?: unknown };
  return typeof flagged.offered === 'boolean' ? flagged.offered : configured;
}

/** The editor's starting point: what is saved (or the defaults the server filled in). */
export function toDraft(view: OnboardingConfigView): SettingsDraft {
  return {
    tenantId: view.tenantId ?? (view.tenants.length === 1 ? view.tenants[0]!.tenantId : null),
    groups: view.groups.map((g) => g.name),
    licences: view.licences.filter((l) => isOffered(l, view.configured)).map((l) => l.skuId),
    allowedDomains: view.allowedDomains,
    naming: {
      format: view.naming.format,
      customPattern: view.naming.customPattern ?? '',
      fallbacks: view.naming.fallbacks,
      maxNumber: view.naming.maxNumber,
    },
    emailFormatsOffered: view.emailFormatsOffered,
    steps: view.approval.steps.map((s) => ({
      name: s.name,
      allowAgents: s.allowAgents,
      agentRoleId: s.agentRoleId,
      portalApproverIds: s.portalApproverIds,
    })),
    triggerAutomationByDefault: view.approval.triggerAutomationByDefault,
    emailRequester: view.notifications.emailRequester,
    emailApprovers: view.notifications.emailApprovers,
    extraEmails: view.notifications.extraEmails.join('\n'),
    webhookUrl: view.notifications.webhookUrl ?? '',
  };
}

const lines = (text: string) =>
  text
    .split(/[\n,;]/)
    .map((l) => l.trim())
    .filter(Boolean);

/** The contract's body (`PUT /api/customers/:id/onboarding`) from the editor's draft. */
export function toInput(draft: SettingsDraft): OnboardingConfigInput {
  const customPattern = draft.naming.customPattern.trim();
  return {
    tenantId: draft.tenantId,
    groups: draft.groups,
    licences: draft.licences,
    allowedDomains: draft.allowedDomains,
    naming: {
      format: draft.naming.format,
      ...(draft.naming.format === 'custom' || customPattern ? { customPattern } : {}),
      fallbacks: draft.naming.fallbacks,
      maxNumber: draft.naming.maxNumber,
    },
    emailFormatsOffered: draft.emailFormatsOffered,
    approval: { steps: draft.steps, triggerAutomationByDefault: draft.triggerAutomationByDefault },
    notifications: {
      emailRequester: draft.emailRequester,
      emailApprovers: draft.emailApprovers,
      extraEmails: lines(draft.extraEmails),
      webhookUrl: draft.webhookUrl.trim() === '' ? null : draft.webhookUrl.trim(),
    },
  };
}

/** An editor section's view of the draft: its value and a way to change part of it. */
export interface DraftProps {
  draft: SettingsDraft;
  change: (patch: Partial<SettingsDraft>) => void;
  /** Field path → message, from the contract or the server's 400. */
  errors: Record<string, string>;
}

/**
 * The error of a list field itself (`groups`), unless it only repeats an item's error
 * (`groups.1`), which is shown beside the item already.
 */
export function listError(errors: Record<string, string>, field: string): string | undefined {
  const itemError = Object.keys(errors).some((key) => key.startsWith(`${field}.`));
  return itemError ? undefined : errors[field];
}
