import { z } from 'zod';
import { newStarterNameSchema } from './naming.js';

/**
 * What a new-starter or leaver request carries (issue 8): the form as submitted, and what the
 * desk resolved from it at submission (the address, the names of the groups and licences), kept
 * on the request so the ticket shows exactly what was asked and approved.
 */

const isoDate = (field: string) => z.iso.date(`${field} must be a date (YYYY-MM-DD)`);
const optionalText = (field: string, max: number) =>
  z
    .string()
    .trim()
    .max(max, `${field} must be at most ${max} characters`)
    .optional()
    .transform((v) => (v === '' ? undefined : v));
/** Microsoft's usage location: two letters (ISO 3166-1 alpha-2). */
export const requestUsageLocationSchema = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{2}$/, 'usageLocation must be a two-letter country code such as GB or US');

/** The new-starter form (guide 000, Fig. 6), as a portal user or an agent submits it. */
export const newStarterFormSchema = newStarterNameSchema.extend({
  /** Default "First Last". */
  displayName: optionalText('displayName', 256),
  jobTitle: optionalText('jobTitle', 128),
  department: optionalText('department', 64),
  officeLocation: optionalText('officeLocation', 128),
  /** A desk user of the same customer. */
  managerId: z.guid('managerId must be one of the organisation’s users').optional(),
  startDate: isoDate('startDate'),
  usageLocation: requestUsageLocationSchema.optional(),
  mobilePhone: optionalText('mobilePhone', 64),
  /** One of the formats the customer offers (its naming convention's format by default). */
  emailFormat: z.string().trim().min(1).max(64).optional(),
  /** One of the customer's allowed domains (its first by default). */
  domain: z.string().trim().toLowerCase().max(255).optional(),
  /** Names of the groups offered on the form. */
  groups: z.array(z.string().trim().min(1).max(256)).max(50, 'at most 50 groups').default([]),
  /** SKU ids of the licences offered on the form. */
  licences: z.array(z.guid('licences must be licence (SKU) ids')).max(10, 'at most 10 licences').default([]),
  notes: optionalText('notes', 4000),
});
export type NewStarterForm = z.infer<typeof newStarterFormSchema>;

/** A group as the request keeps it: its name, and its Entra id and kind when known. */
export const requestGroupSchema = z.object({
  name: z.string(),
  id: z.string().nullable(),
  /** Groups Graph cannot add members to (dynamic, mail-enabled, distribution) need manual action. */
  kind: z.string().nullable(),
});

export const requestLicenceSchema = z.object({ skuId: z.string(), name: z.string() });

/** What a new-starter request holds once submitted: the form plus what the desk resolved. */
export const newStarterFieldsSchema = z.object({
  firstName: z.string(),
  middleName: z.string().nullable(),
  lastName: z.string(),
  displayName: z.string(),
  jobTitle: z.string().nullable(),
  department: z.string().nullable(),
  officeLocation: z.string().nullable(),
  manager: z.object({ id: z.string(), name: z.string(), entraObjectId: z.string().nullable() }).nullable(),
  startDate: z.string(),
  usageLocation: z.string(),
  mobilePhone: z.string().nullable(),
  emailFormat: z.string(),
  domain: z.string(),
  /** The address chosen at submission (free in the tenant then); creation may move to a fallback. */
  userPrincipalName: z.string(),
  mailNickname: z.string(),
  groups: z.array(requestGroupSchema),
  licences: z.array(requestLicenceSchema),
  notes: z.string().nullable(),
});
export type NewStarterFields = z.infer<typeof newStarterFieldsSchema>;

/** The leaver form: who leaves, when, and what to do beyond blocking sign-in. */
export const leaverFormSchema = z.object({
  /** A desk user of the customer, linked to Entra. */
  userId: z.guid('userId must be one of the organisation’s users'),
  leaveDate: isoDate('leaveDate'),
  removeGroups: z.boolean().default(true),
  removeLicences: z.boolean().default(true),
  /** Delete the Entra account this many days after the leave date; absent: never delete. */
  deleteAfterDays: z
    .number('deleteAfterDays must be a number of days')
    .int('deleteAfterDays must be a whole number of days')
    .min(1, 'deleteAfterDays must be at least 1')
    .max(365, 'deleteAfterDays must be at most 365')
    .optional(),
  handoverNotes: optionalText('handoverNotes', 4000),
});
export type LeaverForm = z.infer<typeof leaverFormSchema>;

export const leaverFieldsSchema = z.object({
  user: z.object({
    id: z.string(),
    name: z.string(),
    userPrincipalName: z.string().nullable(),
    entraObjectId: z.string(),
  }),
  leaveDate: z.string(),
  removeGroups: z.boolean(),
  removeLicences: z.boolean(),
  deleteAfterDays: z.number().int().nullable(),
  handoverNotes: z.string().nullable(),
});
export type LeaverFields = z.infer<typeof leaverFieldsSchema>;
