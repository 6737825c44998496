import { z } from 'zod';
import { idSchema, nameSchema } from './fields.js';

/**
 * A connection's asset import configuration (guide 002 "Assets"): how Intune managed devices
 * become desk assets. One document per connection (Entra or CSP), stored versioned like the users
 * import configuration. See docs/assets.md.
 */

/** Intune `managedDevice` properties an asset configuration may read (Graph v1.0). */
export const INTUNE_DEVICE_FIELDS = [
  'id',
  'userId',
  'deviceName',
  'managedDeviceName',
  'serialNumber',
  'operatingSystem',
  'osVersion',
  'manufacturer',
  'model',
  'userPrincipalName',
  'userDisplayName',
  'emailAddress',
  'azureADDeviceId',
  'complianceState',
  'managementAgent',
  'managedDeviceOwnerType',
  'enrolledDateTime',
  'lastSyncDateTime',
  'deviceEnrollmentType',
  'deviceRegistrationState',
  'deviceCategoryDisplayName',
  'isEncrypted',
  'isSupervised',
  'jailBroken',
  'imei',
  'meid',
  'wiFiMacAddress',
  'phoneNumber',
  'subscriberCarrier',
  'totalStorageSpaceInBytes',
  'freeStorageSpaceInBytes',
  'azureADRegistered',
  'androidSecurityPatchLevel',
] as const;
export type IntuneDeviceField = (typeof INTUNE_DEVICE_FIELDS)[number];

const intuneField = (path: string) =>
  z.enum(INTUNE_DEVICE_FIELDS, `${path} must be an Intune device field (${INTUNE_DEVICE_FIELDS.join(', ')})`);

/** Device fields that can name a device's user. */
export const DEVICE_USER_FIELDS = ['userPrincipalName', 'emailAddress', 'userId', 'userDisplayName'] as const;
/** Desk user fields a device's user is looked up by. */
export const USER_IDENTIFIERS = [
  'userPrincipalName',
  'email',
  'entraObjectId',
  'networkLogin',
  'displayName',
] as const;
export type DeviceUserField = (typeof DEVICE_USER_FIELDS)[number];
export type UserIdentifier = (typeof USER_IDENTIFIERS)[number];

/** Fields whose value can identify the same asset in every source (guide 002 "Asset Matching Field"). */
export const ASSET_MATCHING_FIELDS = [
  'serialNumber',
  'deviceName',
  'azureADDeviceId',
  'imei',
  'wiFiMacAddress',
] as const;
export type AssetMatchingField = (typeof ASSET_MATCHING_FIELDS)[number];

export const RULE_OPERATORS = [
  'equals',
  'notEquals',
  'contains',
  'startsWith',
  'isEmpty',
  'isNotEmpty',
] as const;
export type RuleOperator = (typeof RULE_OPERATORS)[number];

const typeName = (path: string) => nameSchema(path, 100);

/** A classification rule: the first rule whose condition holds gives the asset type. */
export const assetTypeRuleSchema = z
  .object({
    field: intuneField('assetType.rules[].field'),
    operator: z.enum(
      RULE_OPERATORS,
      `assetType.rules[].operator must be one of ${RULE_OPERATORS.join(', ')}`,
    ),
    /** Compared without regard to case; ignored by isEmpty / isNotEmpty. */
    value: z.string().trim().max(200, 'assetType.rules[].value must be at most 200 characters').default(''),
    assetType: typeName('assetType.rules[].assetType'),
  })
  .superRefine((rule, ctx) => {
    if (!['isEmpty', 'isNotEmpty'].includes(rule.operator) && !rule.value) {
      ctx.addIssue({
        code: 'custom',
        path: ['value'],
        message: `a rule "${rule.field} ${rule.operator} …" needs a value to compare with`,
      });
    }
  });
export type AssetTypeRule = z.infer<typeof assetTypeRuleSchema>;

/** Guide 002: the same type for all, a type from an Intune field, or rules. */
export const assetTypeConfigSchema = z.discriminatedUnion(
  'mode',
  [
    z.object({ mode: z.literal('single'), assetType: typeName('assetType.assetType') }),
    z.object({
      mode: z.literal('intuneField'),
      field: intuneField('assetType.field'),
      /** For devices whose field is empty. */
      fallbackAssetType: typeName('assetType.fallbackAssetType'),
    }),
    z
      .object({
        mode: z.literal('rules'),
        rules: z
          .array(assetTypeRuleSchema)
          .min(1, 'assetType.rules needs at least one rule (or choose another mode)')
          .max(100, 'assetType.rules may hold at most 100 rules'),
        /** What happens to devices no rule matches: the fallback type, or left out. */
        unmatched: z.enum(['fallback', 'exclude'], 'assetType.unmatched must be fallback or exclude'),
        fallbackAssetType: typeName('assetType.fallbackAssetType').nullable().default(null),
      })
      .superRefine((v, ctx) => {
        if (v.unmatched === 'fallback' && !v.fallbackAssetType) {
          ctx.addIssue({
            code: 'custom',
            path: ['fallbackAssetType'],
            message: 'choose the fallback asset type for devices no rule matches, or exclude them',
          });
        }
      }),
  ],
  { error: 'assetType.mode must be single, intuneField or rules' },
);
export type AssetTypeConfig = z.infer<typeof assetTypeConfigSchema>;

const userLinkSchema = z.object({
  deviceField: z.enum(
    DEVICE_USER_FIELDS,
    `userMatching.deviceField must be one of ${DEVICE_USER_FIELDS.join(', ')}`,
  ),
  userIdentifier: z.enum(
    USER_IDENTIFIERS,
    `userMatching.userIdentifier must be one of ${USER_IDENTIFIERS.join(', ')}`,
  ),
});

/**
 * Guide 002 "User matching": the asset method (a device field looked up in a user field, with an
 * override for mobile devices), or the older user method (a device belongs to the user Intune
 * names as its primary user, as the users import would query it).
 */
export const userMatchingSchema = z.discriminatedUnion(
  'method',
  [
    userLinkSchema.extend({
      method: z.literal('asset'),
      /** Used for iOS and Android devices instead, when set. */
      mobileOverride: userLinkSchema.nullable().default(null),
    }),
    z.object({ method: z.literal('user') }),
  ],
  { error: 'userMatching.method must be asset or user' },
);
export type UserMatching = z.infer<typeof userMatchingSchema>;

/** Intune field → asset field (the asset field is a name on the asset, e.g. "Operating System"). */
export const assetFieldMappingSchema = z.object({
  intuneField: intuneField('fieldMappings[].intuneField'),
  assetField: nameSchema('fieldMappings[].assetField', 100),
});
export type AssetFieldMapping = z.infer<typeof assetFieldMappingSchema>;

export const SITE_ALLOCATIONS = ['all', 'newOnly', 'never'] as const;
export type SiteAllocation = (typeof SITE_ALLOCATIONS)[number];

export const DEFAULT_FIELD_MAPPINGS: AssetFieldMapping[] = [
  { intuneField: 'operatingSystem', assetField: 'Operating System' },
  { intuneField: 'osVersion', assetField: 'OS Version' },
  { intuneField: 'manufacturer', assetField: 'Manufacturer' },
  { intuneField: 'model', assetField: 'Model' },
  { intuneField: 'complianceState', assetField: 'Compliance' },
  { intuneField: 'lastSyncDateTime', assetField: 'Last Check-in' },
];

/** One connection's asset import configuration. */
export const assetImportConfigSchema = z
  .object({
    /** Off until switched on: "Run now" and the integrator's assets module refuse to run. */
    enabled: z.boolean().default(false),
    assetType: assetTypeConfigSchema.default({ mode: 'single', assetType: 'Computer' }),
    /** Guide 002 "Don't update the Asset Type of existing Assets during import". */
    keepTypeOfExisting: z.boolean().default(false),
    userMatching: userMatchingSchema.default({
      method: 'asset',
      deviceField: 'userPrincipalName',
      userIdentifier: 'userPrincipalName',
      mobileOverride: null,
    }),
    /** Guide 002 "Asset site allocation": put assets at their linked user's site. */
    siteAllocation: z.enum(SITE_ALLOCATIONS, 'siteAllocation must be all, newOnly or never').default('all'),
    /**
     * Where a device nobody is linked to goes. Null: the tenant's default site (a CSP mapping's
     * default site, else its customer's main site). A CSP connection uses this site for the
     * tenants of its customer only.
     */
    defaultSiteId: idSchema.nullable().default(null),
    matchingField: z
      .enum(ASSET_MATCHING_FIELDS, `matchingField must be one of ${ASSET_MATCHING_FIELDS.join(', ')}`)
      .default('serialNumber'),
    newStatus: nameSchema('newStatus', 100).default('Active'),
    deletedStatus: nameSchema('deletedStatus', 100).default('Deleted from Intune'),
    /** Guide 002 "Exclude Assets managed by Sense" (Microsoft Defender for Endpoint). */
    excludeSenseManaged: z.boolean().default(false),
    fieldMappings: z
      .array(assetFieldMappingSchema)
      .max(60, 'fieldMappings may hold at most 60 mappings')
      .default(DEFAULT_FIELD_MAPPINGS),
  })
  .superRefine((config, ctx) => {
    const seen = new Set<string>();
    config.fieldMappings.forEach((m, i) => {
      const key = m.assetField.toLowerCase();
      if (seen.has(key)) {
        ctx.addIssue({
          code: 'custom',
          path: ['fieldMappings', i, 'assetField'],
          message: `fieldMappings: "${m.assetField}" is mapped twice; map each asset field from one Intune field`,
        });
      }
      seen.add(key);
    });
    if (config.newStatus.toLowerCase() === config.deletedStatus.toLowerCase()) {
      ctx.addIssue({
        code: 'custom',
        path: ['deletedStatus'],
        message: 'deletedStatus must differ from newStatus, or deleted devices cannot be told apart',
      });
    }
  });
export type AssetImportConfig = z.infer<typeof assetImportConfigSchema>;
export type AssetImportConfigInput = z.input<typeof assetImportConfigSchema>;

export const DEFAULT_ASSET_IMPORT_CONFIG: AssetImportConfig = assetImportConfigSchema.parse({});
