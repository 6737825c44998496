/**
 * What a consent callback or a test call in a customer tenant came to, in words and with the fix
 * (guide 002 "Granting Admin Consent" and "Common Errors").
 */
export interface ConsentExplanation {
  /** Microsoft's code as shown to people: `AADSTS7000229`, `Authorization_RequestDenied`, … */
  code: string;
  message: string;
  fix: string;
}

const RE_CONSENT =
  'Grant admin consent again with an administrator native to that tenant (created in it, not invited) who may create enterprise apps, completing MFA.';

const KNOWN: Record<string, Omit<ConsentExplanation, 'code'>> = {
  AADSTS7000229: {
    message:
      'The GDAP app has no service principal in this tenant: admin consent has not been granted there.',
    fix: RE_CONSENT,
  },
  AADSTS700016: {
    message:
      'The GDAP app was not found in this tenant: it was never consented there, or the client id is wrong.',
    fix: `Check the GDAP app's client id on the connection, then: ${RE_CONSENT}`,
  },
  AADSTS90099: {
    message: 'The GDAP app has not been authorised in this tenant for partner delegated administration.',
    fix: RE_CONSENT,
  },
  AADSTS65001: {
    message: 'Nobody has consented to the GDAP app in this tenant.',
    fix: RE_CONSENT,
  },
  AADSTS7000119: {
    message: 'The GDAP app is restricted to some tenants and this tenant is not one of them.',
    fix: "In Entra, open the multi-tenant app's registration → Authentication → Supported accounts and allow all tenants, or add this tenant to the allowed tenants.",
  },
  AADSTS7000215: {
    message: "The GDAP app's client secret is wrong.",
    fix: 'Paste the secret Value (not the Secret ID) on the connection.',
  },
  AADSTS7000222: {
    message: "The GDAP app's client secret has expired.",
    fix: 'Create a new client secret for the multi-tenant app and save it on the connection.',
  },
  AADSTS90002: {
    message: 'Microsoft does not know this tenant.',
    fix: 'Run the tenants sync again: the customer may have left the partner.',
  },
  Authorization_RequestDenied: {
    message:
      'The GDAP app got a token but may not read the directory: consent was granted without the application permissions, or the GDAP relationship lacks the roles.',
    fix: "Check the multi-tenant app's API permissions are Application permissions, grant admin consent again, and make sure the GDAP relationship is active with its roles assigned to the AdminAgents group.",
  },
  access_denied: {
    message: 'The administrator declined the consent, or is not allowed to grant it.',
    fix: `${RE_CONSENT} They must accept the permissions page.`,
  },
  consent_required: {
    message: 'Microsoft asked for consent that was not given.',
    fix: RE_CONSENT,
  },
  'gdap.expired': {
    message: 'The GDAP relationship with this tenant has ended.',
    fix: 'Ask the customer to approve a new GDAP relationship in Partner Center (with the directory roles), then test again.',
  },
  'gdap.none': {
    message: 'The partner has no GDAP relationship with this tenant.',
    fix: 'Create a GDAP relationship in Partner Center and have the customer approve it.',
  },
};

/** The AADSTS number at the start of an `error_description` (`AADSTS7000229: …`). */
export function aadstsCodeOf(text: string | null | undefined): string | null {
  const m = /AADSTS(\d+)/.exec(text ?? '');
  return m ? `AADSTS${m[1]}` : null;
}

/** Words and fix for Microsoft's code; unknown codes keep Microsoft's own description. */
export function explainConsentError(code: string, description?: string | null): ConsentExplanation {
  const known = KNOWN[code];
  if (known) return { code, ...known };
  return {
    code,
    message: description?.split('\r\n')[0]?.trim() || `Microsoft answered ${code}.`,
    fix: 'Check the GDAP app registration and the consent in this tenant, then test again.',
  };
}

/**
 * The outcome of an admin-consent redirect (`admin_consent=True`, or `error` + `error_description`):
 * the AADSTS number in the description names the problem better than the OAuth `error`.
 */
export function consentCallbackOutcome(query: {
  admin_consent?: string | undefined;
  error?: string | undefined;
  error_description?: string | undefined;
}): { granted: true } | { granted: false; explanation: ConsentExplanation } {
  if (!query.error && query.admin_consent?.toLowerCase() === 'true') return { granted: true };
  const code = aadstsCodeOf(query.error_description) ?? query.error ?? 'consent_required';
  return { granted: false, explanation: explainConsentError(code, query.error_description) };
}
