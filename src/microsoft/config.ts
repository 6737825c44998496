import { z } from 'zod';

/**
 * Where Microsoft is. Production uses the defaults; the sandbox points all three at the emulator
 * and adds its CA. Nothing else in the client differs between the two.
 */
export const microsoftEndpointsSchema = z.object({
  authorityHost: z.url({ protocol: /^https$/ }).default('https://login.microsoftonline.com'),
  graphBaseUrl: z.url({ protocol: /^https?$/ }).default('https://graph.microsoft.com/v1.0'),
  partnerCenterBaseUrl: z.url({ protocol: /^https?$/ }).default('https://api.partnercenter.microsoft.com'),
  /**
   * The Partner API (price sheets). Left out: Microsoft's when Partner Center is Microsoft's, else
   * `/partnerapi` on Partner Center's origin (where the emulator serves it). See {@link partnerApiBaseUrl}.
   */
  partnerApiBaseUrl: z.url({ protocol: /^https?$/ }).optional(),
  /** An extra CA certificate (PEM) to trust besides the public roots. */
  extraCaPem: z.string().includes('BEGIN CERTIFICATE').optional(),
});

export type MicrosoftEndpoints = z.output<typeof microsoftEndpointsSchema>;
export type MicrosoftEndpointsInput = z.input<typeof microsoftEndpointsSchema>;

/** The resource scopes app-only tokens are requested for. */
export const GRAPH_DEFAULT_SCOPE = 'https://graph.microsoft.com/.default';
export const PARTNER_CENTER_DEFAULT_SCOPE = 'https://api.partnercenter.microsoft.com/.default';
/** The Partner API (`api.partner.microsoft.com`, app id 4990cffe-04e8-4e8b-808a-1175604b879f): price sheets. */
export const PARTNER_API_DEFAULT_SCOPE = 'https://api.partner.microsoft.com/.default';
const MICROSOFT_PARTNER_CENTER = 'api.partnercenter.microsoft.com';
const MICROSOFT_PARTNER_API = 'https://api.partner.microsoft.com';

/** Where the Partner API is: configured, Microsoft's beside Microsoft's Partner Center, or the sandbox's. */
export function partnerApiBaseUrl(
  endpoints: Pick<MicrosoftEndpoints, 'partnerCenterBaseUrl' | 'partnerApiBaseUrl'>,
): string {
  if (endpoints.partnerApiBaseUrl) return endpoints.partnerApiBaseUrl.replace(/\/+$/, '');
  const partnerCenter = new URL(endpoints.partnerCenterBaseUrl);
  if (partnerCenter.hostname.toLowerCase() === MICROSOFT_PARTNER_CENTER) return MICROSOFT_PARTNER_API;
  return `${partnerCenter.origin}/partnerapi`;
}
