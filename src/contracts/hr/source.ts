import { z } from 'zod';
import { namingConventionSchema } from '../onboarding/naming.js';
import { HR_ENTRA_ATTRIBUTES, type HrEntraAttribute } from './entra-attributes.js';
import { HR_PERSON_FIELDS } from './person.js';

/**
 * An HR source (issue 9): where persons come from (CSV, a JSON API, or SCIM pushes), which
 * customer tenant they are provisioned in, how their Entra accounts look, and when lifecycle
 * events happen. Secrets (the JSON source's token) are write-only; SCIM tokens are generated and
 * shown once.
 */

export const HR_SOURCE_KINDS = ['csv', 'json', 'scim'] as const;
export type HrSourceKind = (typeof HR_SOURCE_KINDS)[number];

/** Contract fields a column or JSON path can fill, beside the person fields. */
export const HR_CONTRACT_SOURCE_FIELDS = ['contractId'] as const;
/** Every field a source maps: person and contract fields, and `contractId`. */
export const HR_MAPPABLE_FIELDS = [...HR_PERSON_FIELDS, ...HR_CONTRACT_SOURCE_FIELDS] as const;
export type HrMappableField = (typeof HR_MAPPABLE_FIELDS)[number];

export const HR_DATE_FORMATS = ['YYYY-MM-DD', 'DD/MM/YYYY', 'MM/DD/YYYY', 'DD-MM-YYYY'] as const;
export type HrDateFormat = (typeof HR_DATE_FORMATS)[number];

const mappingSchema = (what: string) =>
  z
    .partialRecord(
      z.enum(HR_MAPPABLE_FIELDS, {
        error: () => `mapped fields must be one of ${HR_MAPPABLE_FIELDS.join(', ')}`,
      }),
      z.string().trim().min(1, `each mapped field needs a ${what}`).max(256),
    )
    .refine((m) => m.employeeId !== undefined && m.givenName !== undefined && m.surname !== undefined, {
      message: `map employeeId, givenName and surname to a ${what}: they are required`,
    })
    .refine((m) => m.startDate !== undefined, { message: `map startDate to a ${what}: joiners need it` });

/** CSV: one row per contract; rows sharing an employee id are one person. */
export const hrCsvSettingsSchema = z.object({
  delimiter: z.enum([',', ';', '\t', '|'], { error: () => 'delimiter must be , ; | or a tab' }).default(','),
  dateFormat: z
    .enum(HR_DATE_FORMATS, { error: () => `dateFormat must be one of ${HR_DATE_FORMATS.join(', ')}` })
    .default('YYYY-MM-DD'),
  /** Field → column header. */
  columns: mappingSchema('column header'),
  /** Other columns copied as custom fields (`custom.<header>`). */
  customColumns: z.array(z.string().trim().min(1).max(40)).max(50).default([]),
  /**
   * A folder on the server watched for new .csv files (each imported once, then moved to
   * `processed/`); null to import by upload only.
   */
  watchFolder: z.string().trim().min(1).max(1024).nullable().default(null),
});
export type HrCsvSettings = z.infer<typeof hrCsvSettingsSchema>;

/** A generic JSON API over HTTPS, read page by page. Paths are dotted (`employment.department`). */
export const hrJsonSettingsSchema = z.object({
  url: z.url({ protocol: /^https$/, error: 'url must be an https:// address' }),
  /** Where the array of persons is in a page (e.g. `value`, `data.items`); empty for a bare array. */
  itemsPath: z.string().trim().max(256).default('value'),
  /** Where the next page's address is (e.g. `@odata.nextLink`, `links.next`); empty for one page. */
  nextLinkPath: z.string().trim().max(256).default(''),
  /** Where a person's contracts are; empty when each item is one contract (like a CSV row). */
  contractsPath: z.string().trim().max(256).default(''),
  /** Field → path in a person (contract fields: path inside a contract when contractsPath is set). */
  mapping: mappingSchema('JSON path'),
  customPaths: z.record(z.string().trim().min(1).max(40), z.string().trim().min(1).max(256)).default({}),
  /**
   * Where to write back the account's UPN and e-mail (PATCH, JSON `{userPrincipalName, mail}`);
   * `{employeeId}` is replaced. Null: no write-back.
   */
  writeBackUrl: z
    .string()
    .trim()
    .regex(/^https:\/\/\S+$/, 'writeBackUrl must be an https:// address')
    .refine((u) => u.includes('{employeeId}'), { message: 'writeBackUrl must contain {employeeId}' })
    .nullable()
    .default(null),
});
export type HrJsonSettings = z.infer<typeof hrJsonSettingsSchema>;

/** When lifecycle events happen, in whole days (UTC). */
export const hrLifecycleSettingsSchema = z.object({
  /** Create the (disabled) account this many days before the start date; null: as soon as known. */
  createDaysBeforeStart: z.number().int().min(0).max(365).nullable().default(null),
  /** Enable sign-in this many days before the start date (0: on the day). */
  enableDaysBeforeStart: z
    .number()
    .int()
    .min(0, 'enableDaysBeforeStart must be 0 or more')
    .max(90)
    .default(0),
  /** Delete the account this many days after the end date; null: never delete (disable only). */
  deleteAfterDays: z.number().int().min(0).max(3650).nullable().default(null),
  /** Sign the leaver out everywhere when disabling. */
  revokeSessionsOnLeave: z.boolean().default(true),
  /** On a name change, move the UPN and e-mail to the new name; the old address stays an alias. */
  renameOnNameChange: z.boolean().default(true),
});
export type HrLifecycleSettings = z.infer<typeof hrLifecycleSettingsSchema>;

/** An import that would add or remove more than this is held until an administrator confirms. */
export const hrThresholdsSchema = z.object({
  maxAdds: z.number().int().min(0).nullable().default(null),
  maxRemoves: z.number().int().min(0).nullable().default(50),
  /** Persons added plus removed, as a share of those the source listed before the import. */
  maxChangePercent: z.number().min(0).max(100).nullable().default(10),
});
export type HrThresholds = z.infer<typeof hrThresholdsSchema>;

/** Entra attribute → template over person fields (`{givenName} {surname}`, `{title}`, or a constant). */
export const hrAttributeMappingSchema = z
  .partialRecord(
    z.enum(HR_ENTRA_ATTRIBUTES, {
      error: () => `attributes must be Entra properties: ${HR_ENTRA_ATTRIBUTES.join(', ')}`,
    }),
    z.string().max(256),
  )
  .default({
    displayName: '{preferredName|givenName} {surname}',
    givenName: '{preferredName|givenName}',
    surname: '{surname}',
    jobTitle: '{title}',
    department: '{department}',
    officeLocation: '{location}',
    companyName: '{company}',
    employeeType: '{employeeType}',
    'employeeOrgData.costCenter': '{costCentre}',
    employeeHireDate: '{startDate}',
  } satisfies Partial<Record<HrEntraAttribute, string>>);
export type HrAttributeMapping = z.infer<typeof hrAttributeMappingSchema>;

const domainSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(
    /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$/,
    'domain must be a domain name such as contoso.com',
  );

/** A source's fields, before the checks across fields ({@link hrSourceInputSchema}). */
export const hrSourceFieldsSchema = z.object({
  name: z.string().trim().min(1, 'name is required').max(120),
  kind: z.enum(HR_SOURCE_KINDS, { error: () => `kind must be one of ${HR_SOURCE_KINDS.join(', ')}` }),
  customerId: z.guid('customerId must be a customer id'),
  /** The customer's Entra tenant where accounts are made. */
  tenantId: z.guid('tenantId must be one of the customer’s tenants'),
  /** Verified domain of the UPN and e-mail address. */
  domain: domainSchema,
  naming: namingConventionSchema,
  /** Two-letter country set on new accounts (licences need one). */
  usageLocation: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z]{2}$/, 'usageLocation must be a two-letter country code')
    .default('GB'),
  attributes: hrAttributeMappingSchema,
  lifecycle: hrLifecycleSettingsSchema.default(hrLifecycleSettingsSchema.parse({})),
  thresholds: hrThresholdsSchema.default(hrThresholdsSchema.parse({})),
  csv: hrCsvSettingsSchema.nullable().default(null),
  json: hrJsonSettingsSchema.nullable().default(null),
  /** The JSON source's bearer token: write-only; omit to keep the saved one. */
  jsonToken: z.string().min(1).max(4096).optional(),
  /** Pause enforcement (imports and previews still work). */
  enforcementEnabled: z.boolean().default(true),
});

/** A source as an administrator saves it. */
export const hrSourceInputSchema = hrSourceFieldsSchema.superRefine((s, ctx) => {
  if (s.kind === 'csv' && s.csv === null)
    ctx.addIssue({
      code: 'custom',
      path: ['csv'],
      message: 'a CSV source needs csv settings (columns at least)',
    });
  if (s.kind === 'json' && s.json === null)
    ctx.addIssue({
      code: 'custom',
      path: ['json'],
      message: 'a JSON source needs json settings (url and mapping)',
    });
  if (s.attributes.displayName === undefined)
    ctx.addIssue({
      code: 'custom',
      path: ['attributes', 'displayName'],
      message: 'map displayName: Entra requires it',
    });
});
export type HrSourceInput = z.infer<typeof hrSourceInputSchema>;
