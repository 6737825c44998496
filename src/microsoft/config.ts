import { z } from 'zod';

/**
 * Where Microsoft is. Production uses the defaults; the sandbox points all three at the emulator
 * and adds its CA. Nothing else in the client differs between the two.
 */
export const microsoftEndpointsSchema = z.object({
  authorityHost: z.url({ protocol: /^https$/ }).default('https://login.microsoftonline.com'),
  graphBaseUrl: z.url({ protocol: /^https?$/ }).default('https://graph.microsoft.com/v1.0'),
  partnerCenterBaseUrl: z.url({ protocol: /^https?$/ }).default('https://api.partnercenter.microsoft.com'),
  /** An extra CA certificate (PEM) to trust besides the public roots. */
  extraCaPem: z.string().includes('BEGIN CERTIFICATE').optional(),
});

export type MicrosoftEndpoints = z.output<typeof microsoftEndpointsSchema>;
export type MicrosoftEndpointsInput = z.input<typeof microsoftEndpointsSchema>;

/** The resource scopes app-only tokens are requested for. */
export const GRAPH_DEFAULT_SCOPE = 'https://graph.microsoft.com/.default';
export const PARTNER_CENTER_DEFAULT_SCOPE = 'https://api.partnercenter.microsoft.com/.default';
