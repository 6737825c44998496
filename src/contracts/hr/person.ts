import { z } from 'zod';

/**
 * A person as an HR source describes them (issue 9): one person, one or more contracts
 * (employments). The source's employee id correlates with Entra's `employeeId`, which Rollcall
 * writes when it creates the account, so a retried joiner finds the account it made before.
 */

const dateSchema = z.iso.date('must be a date (YYYY-MM-DD)');
const text = (max: number) => z.string().trim().max(max).nullable().default(null);

/** Custom source fields rules and templates may read as `custom.<name>`. */
export const HR_CUSTOM_FIELD_NAME = /^[A-Za-z][A-Za-z0-9_]{0,39}$/;

/** One employment of a person. Dates are whole days in UTC; `endDate` is the last day worked. */
export const hrContractSchema = z
  .object({
    /** Unique within the person; sources without contract ids get "1", "2", … in file order. */
    id: z.string().trim().min(1, 'contracts need an id').max(100),
    department: text(256),
    title: text(256),
    costCentre: text(100),
    location: text(256),
    company: text(256),
    /** "employee", "contractor", … as the source names them. */
    employeeType: text(100),
    /** The manager's employee id in the same source. */
    managerEmployeeId: text(64),
    startDate: dateSchema,
    endDate: dateSchema.nullable().default(null),
  })
  .refine((c) => c.endDate === null || c.endDate >= c.startDate, {
    message: 'endDate must not be before startDate',
    path: ['endDate'],
  });
export type HrContract = z.infer<typeof hrContractSchema>;

export const hrPersonSchema = z.object({
  employeeId: z
    .string()
    .trim()
    .min(1, 'employeeId is required: it correlates the person with their Entra account')
    .max(16, 'employeeId must be at most 16 characters (the limit of Entra’s employeeId)'),
  givenName: z.string().trim().min(1, 'givenName is required').max(64),
  surname: z.string().trim().min(1, 'surname is required').max(64),
  /** The name the person goes by; used instead of givenName in names and addresses when set. */
  preferredName: text(64),
  middleName: text(64),
  /** Shown as is when set; otherwise the source's display-name template builds it. */
  displayName: text(256),
  personalEmail: z.email('personalEmail must be an e-mail address').nullable().default(null),
  mobilePhone: text(64),
  contracts: z
    .array(hrContractSchema)
    .min(1, 'a person needs at least one contract')
    .max(20, 'at most 20 contracts per person'),
  custom: z
    .record(
      z.string().regex(HR_CUSTOM_FIELD_NAME, 'custom field names are letters, digits and _'),
      z.string().max(1000),
    )
    .default({}),
});
export type HrPerson = z.infer<typeof hrPersonSchema>;
/** What a source hands over before defaults are filled in. */
export type HrPersonInput = z.input<typeof hrPersonSchema>;

/**
 * Fields rules and templates can read, resolved on the person's primary contract (the one in force
 * on the day; before the first starts, the next to start; after all end, the last to end).
 */
export const HR_PERSON_LEVEL_FIELDS = [
  'employeeId',
  'givenName',
  'surname',
  'preferredName',
  'middleName',
  'displayName',
  'personalEmail',
  'mobilePhone',
] as const;
/** The fields read from the primary contract (`endDate`: the latest of all contracts). */
export const HR_CONTRACT_LEVEL_FIELDS = [
  'department',
  'title',
  'costCentre',
  'location',
  'company',
  'employeeType',
  'managerEmployeeId',
  'startDate',
  'endDate',
] as const;
export const HR_PERSON_FIELDS = [...HR_PERSON_LEVEL_FIELDS, ...HR_CONTRACT_LEVEL_FIELDS] as const;
export type HrPersonField = (typeof HR_PERSON_FIELDS)[number];

/** A field name a rule or template may use: a person field or `custom.<name>`. */
export const hrFieldRefSchema = z
  .string()
  .refine(
    (f) =>
      (HR_PERSON_FIELDS as readonly string[]).includes(f) ||
      (f.startsWith('custom.') && HR_CUSTOM_FIELD_NAME.test(f.slice('custom.'.length))),
    { message: `field must be one of ${HR_PERSON_FIELDS.join(', ')} or custom.<name>` },
  );
