import { z } from 'zod';
import { idSchema } from '../../contracts/api/fields.js';
import {
  DESK_AGENT_FIELDS,
  MATCHING_FIELDS,
  deskUserTargetSchema,
  entraUserFieldSchema,
  type DeskUserField,
} from './fields.js';

/**
 * The import configuration of one Entra connection (guide 001, "Agent/User Import Configuration",
 * "Advanced Configuration", "Licence Management", "Imports"): what every Entra user becomes in the
 * desk. One JSON document, validated here, versioned in the store, exportable and importable.
 */

const groupNameSchema = z
  .string()
  .trim()
  .min(1, 'group name must not be empty: type the exact name of the Entra group')
  .max(256);

/** One Entra property → one desk field. `overwriteWithBlank`: a blank Entra value clears the desk value. */
export const userFieldMappingSchema = z.object({
  entraField: entraUserFieldSchema,
  deskField: deskUserTargetSchema,
  overwriteWithBlank: z.boolean().default(false),
});
export type UserFieldMapping = z.infer<typeof userFieldMappingSchema>;

export const agentFieldMappingSchema = z.object({
  entraField: entraUserFieldSchema,
  deskField: z.enum(DESK_AGENT_FIELDS, `deskField must be one of ${DESK_AGENT_FIELDS.join(', ')}`),
  overwriteWithBlank: z.boolean().default(false),
});
export type AgentFieldMapping = z.infer<typeof agentFieldMappingSchema>;

export const FILTER_OPERATORS = [
  'equals',
  'notEquals',
  'startsWith',
  'endsWith',
  'contains',
  'isEmpty',
  'isNotEmpty',
] as const;
export type FilterOperator = (typeof FILTER_OPERATORS)[number];

/** One criterion on an Entra field; text comparisons ignore case and surrounding spaces. */
export const filterCriterionSchema = z
  .object({
    entraField: entraUserFieldSchema,
    operator: z.enum(FILTER_OPERATORS, `operator must be one of ${FILTER_OPERATORS.join(', ')}`),
    value: z.string().max(1000).default(''),
  })
  .refine((c) => c.operator === 'isEmpty' || c.operator === 'isNotEmpty' || c.value.trim() !== '', {
    message: 'value must not be empty for this operator (use isEmpty / isNotEmpty to test for blanks)',
    path: ['value'],
  });
export type FilterCriterion = z.infer<typeof filterCriterionSchema>;

export const fieldFilterSchema = z.object({
  /** `and`: every criterion must hold; `or`: any one. No criteria: everyone passes. */
  combinator: z.enum(['and', 'or']).default('and'),
  criteria: z.array(filterCriterionSchema).max(50).default([]),
});
export type FieldFilter = z.infer<typeof fieldFilterSchema>;

export const EXTERNAL_USER_OPTIONS = ['no', 'yes', 'licensedOnly'] as const;

/** A value a site mapping sets on the users it matched (optionally only on members of a group). */
export const setValueSchema = z.object({
  deskField: deskUserTargetSchema,
  value: z.string().max(1000),
});

/**
 * How many site mappings one configuration holds, and how many tenants one mapping's filter names:
 * enough for "Generate mappings" on a CSP partner with thousands of customer tenants (one mapping
 * each). The planner indexes mappings by tenant, so a user's cost does not grow with their number.
 */
export const MAX_SITE_MAPPINGS = 5000;
export const MAX_TENANTS_PER_MAPPING = 5000;

const siteMappingBase = {
  /** Stable id of the mapping (reasons in plans and logs refer to it). */
  id: idSchema,
  /** Lowest first; the first mapping that matches a user wins. */
  sequence: z.number().int().min(0).max(100_000),
  description: z.string().trim().max(500).default(''),
  /** Entra group the user must be a member of (transitively), by exact display name. */
  groupName: groupNameSchema.nullable().default(null),
  /** Guests (`userType` Guest): not imported, imported, or imported only with a licence. */
  includeExternal: z.enum(EXTERNAL_USER_OPTIONS).default('no'),
  filter: fieldFilterSchema.default({ combinator: 'and', criteria: [] }),
  /** When a connection reads several tenants: only users of these tenants (empty: every tenant). */
  tenantIds: z
    .array(idSchema)
    .max(
      MAX_TENANTS_PER_MAPPING,
      `tenantIds may name at most ${MAX_TENANTS_PER_MAPPING} tenants per site mapping; leave it empty to apply the mapping to every tenant`,
    )
    .default([]),
};

const userSiteMappingBase = {
  ...siteMappingBase,
  /** Desk user role (a portal role) given to users this mapping matches; null: none. */
  userRoleId: idSchema.nullable().default(null),
  setValues: z.array(setValueSchema).max(50).default([]),
  /** When set, `setValues` apply only to members of this Entra group. */
  setValuesGroupName: groupNameSchema.nullable().default(null),
};

export const AGENT_LICENCE_CHOICES = ['named', 'concurrent', 'noChange'] as const;
export const CREATION_TYPES = ['any', 'Member', 'Guest'] as const;

/** Guide 001's mapping types, plus the special *agent* site that imports agents. */
export const siteMappingSchema = z.discriminatedUnion(
  'type',
  [
    z.object({
      ...userSiteMappingBase,
      type: z.literal('existingSite'),
      siteId: idSchema,
    }),
    z.object({
      ...userSiteMappingBase,
      type: z.literal('customerByField'),
      customerId: idSchema,
      /** Users are grouped by this field's value; each value is a site of the customer (created if new). */
      siteNameField: entraUserFieldSchema,
    }),
    z.object({
      ...userSiteMappingBase,
      type: z.literal('siteByFieldMatch'),
      /** The site field compared with the user's value. */
      siteField: z.enum(['name', 'reference']),
      /** The desk user field (after field mappings) whose value names the site. */
      userField: deskUserTargetSchema,
      /** Only sites of this customer are candidates; null: sites of any customer. */
      customerId: idSchema.nullable().default(null),
      /** Users whose value matches no site: skipped, or put on `defaultSiteId`. */
      noMatch: z.enum(['skip', 'defaultSite']).default('skip'),
      defaultSiteId: idSchema.nullable().default(null),
    }),
    z.object({
      ...siteMappingBase,
      type: z.literal('doNotImport'),
    }),
    z.object({
      ...siteMappingBase,
      type: z.literal('agent'),
      /** Entra `userType` of users imported as agents. */
      creationType: z.enum(CREATION_TYPES).default('any'),
      /** `noChange`: new agents concurrent, existing agents keep theirs. */
      licenceType: z.enum(AGENT_LICENCE_CHOICES).default('noChange'),
    }),
  ],
  'type must be existingSite, customerByField, siteByFieldMatch, doNotImport or agent',
);
export type SiteMapping = z.infer<typeof siteMappingSchema>;
export type SiteMappingType = SiteMapping['type'];

export const groupRoleMappingSchema = z.object({ groupName: groupNameSchema, roleId: idSchema });
export const groupTeamMappingSchema = z.object({ groupName: groupNameSchema, teamId: idSchema });
export const groupCabMappingSchema = z.object({
  groupName: groupNameSchema,
  cabId: idSchema,
  /** The CAB role members of this group get; null: no role. */
  cabRoleId: idSchema.nullable().default(null),
});

/** A Microsoft SKU id (the same GUID in every tenant); compared ignoring case. */
export const skuIdSchema = z
  .string()
  .regex(
    /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/,
    'a SKU id is a GUID such as 05e9a617-0261-4cee-bb44-138d3ef5d965 (pick it from the list or copy it from Microsoft 365 admin centre › Licenses)',
  );

/**
 * Guide 002 "Licence check type": `include` imports only holders of a chosen SKU; `exclude`
 * leaves holders out; `serviceAccount` imports everyone and flags as service accounts (no
 * tickets, not billed) the users who hold none of the chosen SKUs.
 */
export const LICENCE_CHECK_TYPES = ['off', 'include', 'exclude', 'serviceAccount'] as const;
export type LicenceCheckType = (typeof LICENCE_CHECK_TYPES)[number];

/**
 * Contract compliance (guide 003 FAQ): users holding a chosen SKU are `covered`; the others are
 * `flagged` (tickets allowed, marked) or `refused` (no tickets), per `mode`.
 */
export const COMPLIANCE_MODES = ['off', 'flag', 'refuse'] as const;
export type ComplianceMode = (typeof COMPLIANCE_MODES)[number];
/** What compliance records on each imported desk user (null while it is off). */
export const CONTRACT_COVERAGES = ['covered', 'flagged', 'refused'] as const;
export type ContractCoverage = (typeof CONTRACT_COVERAGES)[number];

const skuIdsSchema = z.array(skuIdSchema).max(100).default([]);

export const licenceCheckSchema = z.object({
  type: z.enum(LICENCE_CHECK_TYPES, `type must be one of ${LICENCE_CHECK_TYPES.join(', ')}`).default('off'),
  skuIds: skuIdsSchema,
});
export type LicenceCheck = z.infer<typeof licenceCheckSchema>;

export const complianceSchema = z.object({
  mode: z.enum(COMPLIANCE_MODES, `mode must be one of ${COMPLIANCE_MODES.join(', ')}`).default('off'),
  skuIds: skuIdsSchema,
});
export type Compliance = z.infer<typeof complianceSchema>;

/**
 * How delta rounds listen (guide 001 "sync method"): `allChanges` brings a user when any
 * property Rollcall can map changes; `mappedFields` only when a field or filter the mappings use
 * changes (groups: only their name and members).
 */
export const DELTA_METHODS = ['allChanges', 'mappedFields'] as const;
export type DeltaMethod = (typeof DELTA_METHODS)[number];

export const entraImportConfigSchema = z
  .object({
    userFieldMappings: z.array(userFieldMappingSchema).max(100),
    agentFieldMappings: z.array(agentFieldMappingSchema).max(100),
    siteMappings: z
      .array(siteMappingSchema)
      .max(
        MAX_SITE_MAPPINGS,
        `siteMappings may hold at most ${MAX_SITE_MAPPINGS} site mappings; remove some, or let one mapping cover several tenants`,
      ),
    groupMappings: z
      .object({
        agentRoles: z.array(groupRoleMappingSchema).max(500).default([]),
        userRoles: z.array(groupRoleMappingSchema).max(500).default([]),
        teams: z.array(groupTeamMappingSchema).max(500).default([]),
        cabs: z.array(groupCabMappingSchema).max(500).default([]),
      })
      .default({ agentRoles: [], userRoles: [], teams: [], cabs: [] }),
    agents: z
      .object({
        /** Roles not given by a group mapping are removed at import; an agent left with none is made inactive. */
        fullRoleManagement: z.boolean().default(false),
        /** Scheduled runs only: an agent in a mapped team but no longer in its group leaves the team. */
        removeFromTeamWhenNotFound: z.boolean().default(false),
        licenceManagement: z
          .object({
            enabled: z.boolean().default(false),
            /** Agent roles that give a named licence; agents without one are concurrent. */
            namedLicenceRoleIds: z.array(idSchema).default([]),
            /** Agent roles that make an agent inactive. */
            inactiveRoleIds: z.array(idSchema).default([]),
          })
          .default({ enabled: false, namedLicenceRoleIds: [], inactiveRoleIds: [] }),
        /** Tickets of agents this import makes inactive go back to unassigned. */
        reassignTicketsOnDeactivate: z.boolean().default(false),
      })
      .default({
        fullRoleManagement: false,
        removeFromTeamWhenNotFound: false,
        licenceManagement: { enabled: false, namedLicenceRoleIds: [], inactiveRoleIds: [] },
        reassignTicketsOnDeactivate: false,
      }),
    users: z
      .object({
        /** Portal role for users who have no manager in Entra; null: none. */
        roleForUsersWithNoManagerId: idSchema.nullable().default(null),
      })
      .default({ roleForUsersWithNoManagerId: null }),
    matching: z
      .object({
        /** Tried in this order to adopt desk records not yet linked to Entra. */
        fields: z.array(z.enum(MATCHING_FIELDS)).max(MATCHING_FIELDS.length).default(['email']),
      })
      .default({ fields: ['email'] }),
    import: z
      .object({
        /** Users/agents no longer found in Entra (or deleted) are made inactive. Never deleted. */
        deactivateNotFound: z.boolean().default(true),
        /** A run that would deactivate more than this share of a tenant's linked users stops and asks. */
        massDeactivationGuardPercent: z.number().int().min(1).max(100).default(20),
        /**
         * Read `signInActivity` for last sign-in (needs AuditLog.Read.All and Entra ID P1/P2; a
         * tenant without either is read without it and its run says why).
         */
        importLastSignIn: z.boolean().default(false),
        /**
         * Users disabled in Entra (`accountEnabled` false) are made inactive in the desk. Off: the
         * account state never changes a desk user's status (not found and deleted users still do).
         */
        statusFromAccountEnabled: z.boolean().default(true),
      })
      .default({
        deactivateNotFound: true,
        massDeactivationGuardPercent: 20,
        importLastSignIn: false,
        statusFromAccountEnabled: true,
      }),
    /** Desk users only: include, exclude or flag as service accounts by assigned licences. */
    licenceCheck: licenceCheckSchema.default({ type: 'off', skuIds: [] }),
    /** Desk users only: which users the contract covers for tickets, recorded on each user. */
    compliance: complianceSchema.default({ mode: 'off', skuIds: [] }),
    delta: z
      .object({
        /**
         * Scheduled and notified runs read only what changed since the last run (users and groups
         * `/delta`); a tenant without a valid checkpoint is read in full. Manual imports always read in full.
         */
        enabled: z.boolean().default(false),
        method: z.enum(DELTA_METHODS).default('allChanges'),
      })
      .default({ enabled: false, method: 'allChanges' }),
  })
  .superRefine((config, ctx) => {
    noDuplicates(ctx, config.userFieldMappings, (m) => m.deskField, 'userFieldMappings', 'deskField');
    noDuplicates(ctx, config.userFieldMappings, (m) => m.entraField, 'userFieldMappings', 'entraField');
    noDuplicates(ctx, config.agentFieldMappings, (m) => m.deskField, 'agentFieldMappings', 'deskField');
    noDuplicates(ctx, config.agentFieldMappings, (m) => m.entraField, 'agentFieldMappings', 'entraField');
    noDuplicates(ctx, config.siteMappings, (m) => m.id, 'siteMappings', 'id');
    noDuplicates(ctx, config.siteMappings, (m) => String(m.sequence), 'siteMappings', 'sequence');
    noDuplicates(ctx, config.matching.fields, (f) => f, 'matching', 'fields');
    if (config.licenceCheck.type !== 'off' && config.licenceCheck.skuIds.length === 0)
      ctx.addIssue({
        code: 'custom',
        path: ['licenceCheck', 'skuIds'],
        message: `choose at least one licence (SKU) for the licence check "${config.licenceCheck.type}", or set its type to off`,
      });
    if (config.compliance.mode !== 'off' && config.compliance.skuIds.length === 0)
      ctx.addIssue({
        code: 'custom',
        path: ['compliance', 'skuIds'],
        message: `choose at least one licence (SKU) the contract covers for compliance mode "${config.compliance.mode}", or set its mode to off`,
      });
    config.userFieldMappings.forEach((m, i) => {
      if ((m.deskField === 'manager') !== (m.entraField === 'manager')) {
        ctx.addIssue({
          code: 'custom',
          path: ['userFieldMappings', i, 'deskField'],
          message:
            'the desk field manager can only be mapped from the Entra field manager, and manager only to manager',
        });
      }
    });
    config.agentFieldMappings.forEach((m, i) => {
      if ((m.deskField === 'linemanager') !== (m.entraField === 'manager')) {
        ctx.addIssue({
          code: 'custom',
          path: ['agentFieldMappings', i, 'deskField'],
          message:
            'linemanager can only be mapped from the Entra field manager, and manager only to linemanager',
        });
      }
    });
    config.siteMappings.forEach((m, i) => {
      if (m.type === 'siteByFieldMatch' && m.noMatch === 'defaultSite' && !m.defaultSiteId) {
        ctx.addIssue({
          code: 'custom',
          path: ['siteMappings', i, 'defaultSiteId'],
          message: 'choose the default site for users who match no site, or set noMatch to skip',
        });
      }
    });
  });

export type EntraImportConfig = z.infer<typeof entraImportConfigSchema>;
export type EntraImportConfigInput = z.input<typeof entraImportConfigSchema>;

function noDuplicates<T>(
  ctx: z.RefinementCtx,
  items: readonly T[],
  key: (item: T) => string,
  list: string,
  field: string,
): void {
  const seen = new Map<string, number>();
  items.forEach((item, index) => {
    const value = key(item);
    const first = seen.get(value);
    if (first === undefined) seen.set(value, index);
    else
      ctx.addIssue({
        code: 'custom',
        path: [list, index, field],
        message: `${field} "${value}" is already used by ${list}[${first}]; each may be used once`,
      });
  });
}

/** Field mappings a new connection starts with (guide 001: "some default mappings will be displayed"). */
export const DEFAULT_USER_FIELD_MAPPINGS: readonly { entraField: string; deskField: DeskUserField }[] = [
  { entraField: 'displayName', deskField: 'displayName' },
  { entraField: 'givenName', deskField: 'givenName' },
  { entraField: 'surname', deskField: 'surname' },
  { entraField: 'mail', deskField: 'email' },
  { entraField: 'userPrincipalName', deskField: 'userPrincipalName' },
  { entraField: 'onPremisesSamAccountName', deskField: 'networkLogin' },
  { entraField: 'jobTitle', deskField: 'jobTitle' },
  { entraField: 'department', deskField: 'department' },
  { entraField: 'businessPhones', deskField: 'phoneNumber' },
  { entraField: 'mobilePhone', deskField: 'mobileNumber' },
];

export const DEFAULT_AGENT_FIELD_MAPPINGS: readonly {
  entraField: string;
  deskField: string;
  overwriteWithBlank?: boolean;
}[] = [
  { entraField: 'displayName', deskField: 'displayName' },
  { entraField: 'mail', deskField: 'email' },
  { entraField: 'userPrincipalName', deskField: 'userPrincipalName' },
  { entraField: 'jobTitle', deskField: 'jobTitle' },
  // A manager removed in Entra is news, not a value Entra forgot: the line manager is cleared.
  { entraField: 'manager', deskField: 'linemanager', overwriteWithBlank: true },
];

/** The configuration of a new connection: default field mappings, no site mappings yet. */
export function defaultEntraImportConfig(): EntraImportConfig {
  return entraImportConfigSchema.parse({
    userFieldMappings: DEFAULT_USER_FIELD_MAPPINGS,
    agentFieldMappings: DEFAULT_AGENT_FIELD_MAPPINGS,
    siteMappings: [],
  });
}
