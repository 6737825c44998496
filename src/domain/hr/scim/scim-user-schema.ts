import { z } from 'zod';

/** Schema URNs of the User resource and its extensions (RFC 7643 §4, plus Rollcall's own). */
export const SCIM_CORE_USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
export const SCIM_ENTERPRISE_USER = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
export const SCIM_ROLLCALL_EMPLOYMENT = 'urn:ietf:params:scim:schemas:extension:rollcall:2.0:Employment';
/**
 * Rollcall's read-only extension: the account made for the person (UPN, e-mail, Entra object id),
 * so an HR system that pushes SCIM can read the address back. Never written by the client.
 */
export const SCIM_ROLLCALL_ACCOUNT = 'urn:ietf:params:scim:schemas:extension:rollcall:2.0:User';
export const SCIM_USER_SCHEMAS = [
  SCIM_CORE_USER,
  SCIM_ENTERPRISE_USER,
  SCIM_ROLLCALL_EMPLOYMENT,
  SCIM_ROLLCALL_ACCOUNT,
] as const;

/** Absent, null and "" all mean "no value": HR systems send each for a cleared field. */
const optionalText = z
  .string()
  .nullish()
  .transform((v) => (v === undefined || v === null || v.trim() === '' ? null : v.trim()));

/** SCIM booleans; Entra sends `active` as the strings "True" / "False". */
export const scimBooleanSchema = z.union([
  z.boolean(),
  z
    .string()
    .toLowerCase()
    .pipe(z.enum(['true', 'false'], { error: () => 'must be true or false' }))
    .transform((v) => v === 'true'),
]);

const multiValueSchema = z.looseObject({
  value: optionalText,
  type: optionalText,
  primary: scimBooleanSchema.optional(),
});
export type ScimMultiValue = z.infer<typeof multiValueSchema>;

/** `manager` as a complex value; Entra's PATCH sends the bare id string, which means the same. */
const managerSchema = z
  .union([z.string(), z.looseObject({ value: optionalText })])
  .nullish()
  .transform((m) => {
    const value = typeof m === 'string' ? m.trim() : (m?.value ?? '');
    return value === '' ? null : value;
  });

const dateText = z
  .string()
  .nullish()
  .transform((v) => (v === undefined || v === null || v.trim() === '' ? null : v.trim().slice(0, 10)))
  .pipe(z.iso.date('must be a date (YYYY-MM-DD)').nullable());

/** One employment in the Rollcall extension's `contracts` (for persons with several). */
export const scimContractSchema = z.looseObject({
  contractId: optionalText,
  title: optionalText,
  department: optionalText,
  costCenter: optionalText,
  organization: optionalText,
  location: optionalText,
  employeeType: optionalText,
  manager: managerSchema,
  startDate: dateText,
  endDate: dateText,
});
export type ScimContract = z.infer<typeof scimContractSchema>;

export const scimEnterpriseSchema = z.looseObject({
  employeeNumber: optionalText,
  department: optionalText,
  costCenter: optionalText,
  organization: optionalText,
  manager: managerSchema,
});

export const scimEmploymentSchema = z.looseObject({
  contractId: optionalText,
  startDate: dateText,
  endDate: dateText,
  location: optionalText,
  contracts: z.array(scimContractSchema).max(20, 'at most 20 contracts per person').nullish(),
  custom: z.record(z.string(), z.string()).nullish(),
});

/**
 * A User as a client sends it (POST, PUT, or the result of applying a PATCH). Loose: attributes
 * Rollcall does not keep (work e-mails, addresses, …) are accepted and dropped.
 */
export const scimUserSchema = z.looseObject({
  schemas: z.array(z.string()).optional(),
  userName: z
    .string({ error: () => 'userName is required' })
    .trim()
    .min(1, 'userName is required'),
  externalId: optionalText,
  active: scimBooleanSchema.default(true),
  name: z
    .looseObject({ givenName: optionalText, familyName: optionalText, middleName: optionalText })
    .nullish(),
  displayName: optionalText,
  nickName: optionalText,
  title: optionalText,
  userType: optionalText,
  emails: z.array(multiValueSchema).nullish(),
  phoneNumbers: z.array(multiValueSchema).nullish(),
  [SCIM_ENTERPRISE_USER]: scimEnterpriseSchema.nullish(),
  [SCIM_ROLLCALL_EMPLOYMENT]: scimEmploymentSchema.nullish(),
});
export type ScimUserInput = z.infer<typeof scimUserSchema>;

/** One PATCH operation; op names are compared case-insensitively (Entra sends "Replace"). */
export const scimPatchOperationSchema = z.object({
  op: z
    .string()
    .toLowerCase()
    .pipe(z.enum(['add', 'replace', 'remove'], { error: () => 'op must be add, replace or remove' })),
  path: z.string().trim().min(1).optional(),
  value: z.unknown().optional(),
});
export type ScimPatchOperation = z.infer<typeof scimPatchOperationSchema>;

export const SCIM_PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

export const scimPatchRequestSchema = z.object({
  schemas: z.array(z.string()).refine((s) => s.includes(SCIM_PATCH_OP), {
    message: `schemas must include ${SCIM_PATCH_OP}`,
  }),
  Operations: z.array(scimPatchOperationSchema).min(1, 'Operations must not be empty').max(100),
});
export type ScimPatchRequest = z.infer<typeof scimPatchRequestSchema>;
