import { namingConventionSchema, type NamingConvention } from '../../../contracts/onboarding/naming.js';

/** The convention a customer starts with: firstname.lastname, then a middle initial, then 2…99. */
export const DEFAULT_NAMING_CONVENTION: NamingConvention = namingConventionSchema.parse({
  format: 'firstname.lastname',
});
