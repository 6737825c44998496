import type { EntraAuthMethod } from '../../../../../src/contracts/api/entra-connections.js';
import type {
  DeltaMethod,
  FilterOperator,
  PlanOutcome,
  PlanReasonCode,
  SiteMappingType,
} from '../../../../../src/contracts/entra/index.js';
import { formatDateTime } from '../../../lib/format.js';

/** The words the console uses for the Entra contracts' codes (the codes stay in the API and CSV). */

export const AUTH_METHOD_LABELS: Record<EntraAuthMethod, string> = {
  clientSecret: 'Application permissions with a client secret',
  certificate: 'Application permissions with a certificate',
  delegated: 'Delegated permissions (Sign in with Microsoft)',
};

/** The method in a table column. */
export const AUTH_METHOD_SHORT: Record<EntraAuthMethod, string> = {
  clientSecret: 'Client secret',
  certificate: 'Certificate',
  delegated: 'Delegated',
};

export const ENABLED_FOR_LABELS = { production: 'Production only', all: 'All instances' } as const;

export const AUTHORISATION_LABELS = {
  authorised: 'Authorised',
  permissions_missing: 'Permissions missing',
  failed: 'Authorisation failed',
} as const;

export const OUTCOME_LABELS: Record<PlanOutcome, string> = {
  create: 'Create',
  update: 'Update',
  unchanged: 'Unchanged',
  deactivate: 'Deactivate',
  excluded: 'Excluded',
  review: 'Needs review',
};

export const REASON_LABELS: Record<PlanReasonCode, string> = {
  'matched.linked': 'Matched: already linked to this Entra user',
  'matched.adopted': 'Matched: existing desk record adopted by a matching field',
  created: 'New: created from Entra',
  'excluded.disabled': 'Excluded: account disabled in Entra',
  'excluded.guest': 'Excluded: guest user, external users not included',
  'excluded.guestUnlicensed': 'Excluded: guest without a licence',
  'excluded.memberOnlyAgents': 'Excluded: agent mapping takes another user type',
  'excluded.groupFilter': 'Excluded: not in the mapping’s group',
  'excluded.fieldFilter': 'Excluded: field filter did not match',
  'excluded.tenantFilter': 'Excluded: tenant filter',
  'excluded.licenceCheck': 'Excluded: licence check',
  'excluded.doNotImport': 'Excluded: a “do not import” mapping matched',
  'excluded.noMatchingMapping': 'Excluded: no mapping matched',
  'excluded.noMatchingSite': 'Excluded: no site matched the value',
  'excluded.blankSiteName': 'Excluded: the site name field is blank',
  'excluded.noRole': 'Excluded: no role from the group mappings',
  'excluded.inactiveRole': 'Excluded: a role that makes agents inactive',
  'review.ambiguousMatch': 'Review: more than one desk record matches',
  'review.linkedElsewhere': 'Review: the desk record is linked to another Entra user',
  'deactivated.notFound': 'Deactivate: no longer found in Entra',
  'deactivated.disabled': 'Deactivate: disabled in Entra',
  'deactivated.inactiveRole': 'Deactivate: a role that makes agents inactive',
  'deactivated.noRole': 'Deactivate: no role left (full role management)',
};

export const OPERATOR_LABELS: Record<FilterOperator, string> = {
  equals: 'equals',
  notEquals: 'does not equal',
  startsWith: 'starts with',
  endsWith: 'ends with',
  contains: 'contains',
  isEmpty: 'is empty',
  isNotEmpty: 'is not empty',
};

export const MAPPING_TYPES: Record<SiteMappingType, { label: string; description: string }> = {
  existingSite: {
    label: 'Map to an existing site',
    description: 'Users matched by this mapping become users of one site you choose.',
  },
  customerByField: {
    label: 'Map to a customer, creating sites from an Entra field',
    description:
      'Users are grouped by the value of an Entra field (office, city…); each value is a site of the customer, created if new.',
  },
  siteByFieldMatch: {
    label: 'Map to an existing site by matching a field',
    description:
      'A desk user field’s value names the site (by site name or reference); users matching none are skipped or go to a default site.',
  },
  doNotImport: {
    label: 'Do not import',
    description: 'Users matched by this mapping are not imported (for example service accounts).',
  },
  agent: {
    label: 'Import as agents (the *agent* site)',
    description:
      'Users matched by this mapping are imported as agents, with their user type and licence type.',
  },
};

export const EXTERNAL_LABELS = {
  no: 'No: members only',
  yes: 'Yes: include guests',
  licensedOnly: 'Only guests with an assigned licence',
} as const;

export const LICENCE_CHOICE_LABELS = {
  noChange: 'No change (new agents concurrent)',
  named: 'Named licence',
  concurrent: 'Concurrent licence',
} as const;

export const CREATION_TYPE_LABELS = { any: 'Any user type', Member: 'Members', Guest: 'Guests' } as const;

export const MATCHING_FIELD_LABELS = {
  email: 'Email',
  userPrincipalName: 'User principal name (UPN)',
  networkLogin: 'Network login',
  employeeId: 'Employee id',
} as const;

export const DELTA_METHOD_LABELS: Record<DeltaMethod, { label: string; description: string }> = {
  allChanges: {
    label: 'Listen to all changes',
    description:
      'A user comes in when any property of theirs changes in Entra; groups when anything about them changes.',
  },
  mappedFields: {
    label: 'Only fields Rollcall uses',
    description:
      'A user comes in only when a field or filter your mappings use changes; groups only when their name or members change. Fewer, smaller rounds.',
  },
};

/** Where a tenant's delta round stands (`deltaStatusSchema` position), as its next run will read. */
export function deltaPositionText(position: 'none' | 'links' | 'latest', updatedAt: string | null): string {
  if (position === 'none') return 'Full read next run';
  if (position === 'latest') return 'Starts from now next run';
  return `Reading changes since ${formatDateTime(updatedAt, 'the last run')}`;
}

export const DELTA_MODULE_LABELS: Record<string, string> = { users: 'Users', agents: 'Agents' };

/** What started a run (`syncRunSchema.trigger`). */
export const RUN_TRIGGER_LABELS: Record<string, string> = {
  manual: 'Console',
  scheduled: 'Schedule',
  cli: 'Command line',
  api: 'API',
  notification: 'Change notification',
};

const RUN_MODE_LABELS: Record<string, string> = { full: 'Full read', delta: 'Delta' };

/** Why a run read what it read (`syncRunSchema.modeReason`). */
export const RUN_MODE_REASON_LABELS: Record<string, string> = {
  'delta.noCheckpoint': 'no delta checkpoint yet',
  'delta.tokenExpired': 'delta token expired at Microsoft',
  'delta.queryChanged': 'the sync method or the fields the mappings use changed',
  'delta.configChanged': 'the import configuration changed since the last run',
  'delta.latest': 'took the latest delta, earlier changes skipped',
};

/** "Full read — delta token expired at Microsoft", "Delta", "Full read". */
export function runModeText(mode: string, reason: string | null): string {
  const read = RUN_MODE_LABELS[mode] ?? mode;
  return reason ? `${read} — ${RUN_MODE_REASON_LABELS[reason] ?? reason}` : read;
}

/** `[{ id, label }]` of a record of labels, for selects. */
export function optionsOf<K extends string>(labels: Record<K, string>): { id: K; label: string }[] {
  return (Object.keys(labels) as K[]).map((id) => ({ id, label: labels[id] }));
}
