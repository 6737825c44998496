import { z } from 'zod';
import { nullableBoolean, nullableString } from './common.js';

/** A domain of the tenant (`GET /domains`); only verified ones can be used in UPNs. */
export const domainSchema = z.looseObject({
  id: z.string(),
  isVerified: nullableBoolean,
  isDefault: nullableBoolean,
  isInitial: nullableBoolean,
  authenticationType: nullableString,
  supportedServices: z.array(z.string()).default([]),
});

export type GraphDomain = z.infer<typeof domainSchema>;
