import { z } from 'zod';

/** The checks "Authorise" runs on a CSP connection, in order. */
export const CSP_CHECKS = [
  'partnerCenterToken',
  'customerList',
  'gdapRelationships',
  'gdapAppToken',
] as const;
export type CspCheckName = (typeof CSP_CHECKS)[number];

/** One row of guide 002's "Common Errors" table, with the fix in Rollcall's words. */
export interface CspCommonError {
  id: string;
  /** The guide's "Element of Integration". */
  element: 'Tenants' | 'Licences' | 'Users & Devices' | 'All';
  /** What a person sees. */
  symptom: string;
  cause: string;
  solution: string;
  /** Error catalogue codes (docs/microsoft-client.md) that show this row's problem. */
  codes: readonly string[];
  /** Checks whose failure with one of `codes` is this row; every check when absent. */
  checks?: readonly CspCheckName[];
}

const PARTNER_CENTER_API_ID = 'fa3d9a0c-3fb0-42cc-9193-47c7ecd2edbd';

/**
 * Guide 002's common-errors table. Every row can be produced by the emulator and is tested
 * (test/api/csp/common-errors.test.ts); docs/csp.md shows the same table.
 */
export const CSP_COMMON_ERRORS: readonly CspCommonError[] = [
  {
    id: 'partner-center-permission',
    element: 'Tenants',
    symptom:
      'Authorising the Partner Center app fails saying the requested permissions do not match the app registration, or the browser goes straight back to the sign-in page.',
    cause:
      'The Partner Center app does not have the right delegated permission: user_impersonation was added for a similarly named API instead of Microsoft Partner Center.',
    solution: `In the Partner Center app's API permissions remove the wrong entry, then Add a permission › APIs my organization uses › search ${PARTNER_CENTER_API_ID} › user_impersonation ("Access Partner Center"), grant admin consent and authorise again.`,
    codes: ['AADSTS65001', 'AADSTS70011', 'AADSTS500011'],
    checks: ['partnerCenterToken'],
  },
  {
    id: 'tenant-not-allowed',
    element: 'Tenants',
    symptom:
      "AADSTS7000119: Client Application '<GDAP app>' with identifier '<id>' is not allowed to be used by tenant '<customer>' (when granting admin consent for a customer tenant).",
    cause: 'The multi-tenant GDAP app is restricted to a list of tenants that does not include this one.',
    solution:
      "In the GDAP app registration open Authentication › Supported accounts and choose 'Allow all tenants', or add this customer tenant (and every tenant you sync) to the allowed tenants; then grant consent again.",
    codes: ['AADSTS7000119'],
  },
  {
    id: 'partner-center-forbidden',
    element: 'Tenants',
    symptom: "'Error - Forbidden' from Partner Center, or customers missing from the list.",
    cause:
      'The partner user who authorised the Partner Center app has no access to customers (no Admin agent, Sales agent or Helpdesk agent role), or the reseller relationship with some customers was never accepted or has expired.',
    solution:
      'All customers missing: sign in to Partner Center with the account you authorised with and open Customers. If the list does not load, give that user the Admin agent role (Partner Center › Account settings › User management), sign out and in, and authorise again. Some customers missing: re-establish the reseller relationship with them, then sync again.',
    codes: ['PartnerCenter.403', 'Http.403'],
    checks: ['customerList'],
  },
  {
    id: 'risky-user',
    element: 'Licences',
    symptom: "'Error - Forbidden', or Microsoft refuses to issue the partner user's token (AADSTS53003).",
    cause:
      "The partner user who authorised the Partner Center connection has been flagged as a risky user, so Conditional Access blocks their tokens; or that user cannot see the customers' licences.",
    solution:
      'In the partner tenant open Entra admin centre › Protection › Identity Protection › Risky users, find the account you authorised with and remediate it (reset the password, or dismiss the risk once investigated); then authorise again. If it is not flagged, give the account access to licences (Admin agent) in Partner Center.',
    codes: ['AADSTS53003', 'AADSTS53011'],
  },
  {
    id: 'redirect-uri-mismatch',
    element: 'Tenants',
    symptom:
      "Microsoft's sign-in page says the redirect URI specified in the request does not match the redirect URIs configured for the application (AADSTS50011).",
    cause: 'The redirect URI registered on the app registration is not the one Rollcall sends.',
    solution:
      "Copy the redirect URI shown on this connection's Details tab into the app registration's Authentication › Web › Redirect URIs (exactly, https and path included), save, then authorise again.",
    codes: ['AADSTS50011', 'AADSTS500112'],
  },
  {
    id: 'insufficient-privileges',
    element: 'Users & Devices',
    symptom: "'Insufficient privileges to complete the operation.'",
    cause:
      'The app holds delegated instead of application permissions, admin consent was not granted, or the GDAP relationship does not give the AdminAgents group the roles needed.',
    solution:
      "Check the app registration uses Application (not Delegated) permissions as listed on the Details tab and that admin consent is granted. For a customer tenant, review its GDAP relationship: it must be active, with the needed Entra roles, and the 'AdminAgents' group must be assigned those roles.",
    codes: ['Authorization_RequestDenied', 'AADSTS65001'],
    checks: ['gdapRelationships', 'gdapAppToken', 'customerList'],
  },
  {
    id: 'admin-consent-missing',
    element: 'Users & Devices',
    symptom:
      "'The identity of the calling application could not be established', AADSTS7000229 (missing service principal in the tenant) or AADSTS700016 (application not found in the directory).",
    cause:
      'Admin consent has not been granted: the GDAP app has no enterprise application (service principal) in that tenant.',
    solution:
      "Grant admin consent for the GDAP app in that tenant with an administrator native to it; check the app's permissions are exactly as listed on the Details tab; review the tenant's GDAP relationship (active, needed roles, 'AdminAgents' group assigned). If several tenants map to one customer, grant consent in all of them or limit the import with a tenant filter.",
    codes: ['AADSTS7000229', 'AADSTS700016', 'AADSTS90099'],
    checks: ['gdapAppToken', 'gdapRelationships'],
  },
  {
    id: 'secret-expired',
    element: 'All',
    symptom: 'Token expiry: the secret has expired (AADSTS7000222), or the stored sign-in has expired.',
    cause:
      "The app registration's client secret has passed its expiry date, or the Partner Center sign-in (refresh token) ran out.",
    solution:
      'Create a new client secret in the app registration (Certificates & secrets), paste its Value into the matching field of this connection and save. For the Partner Center app, authorise again afterwards so a partner user signs in once more.',
    codes: ['AADSTS7000222', 'AADSTS70008', 'AADSTS700082'],
  },
];

/** The row of the common-errors table a failure of `check` with catalogue code `code` is, if any. */
export function commonErrorFor(check: CspCheckName, code: string): CspCommonError | undefined {
  return CSP_COMMON_ERRORS.find(
    (row) => row.codes.includes(code) && (row.checks === undefined || row.checks.includes(check)),
  );
}

/** A common-errors row as the API shows it beside a failed check. */
export const cspCommonErrorSchema = z.object({
  id: z.string(),
  element: z.string(),
  symptom: z.string(),
  cause: z.string(),
  solution: z.string(),
});
