/**
 * Product names for the SKU part numbers MSPs sell most (Microsoft's "Product names and service
 * plan identifiers for licensing" reference). Partner Center and Graph name SKUs by part number
 * (`SPB`, `ENTERPRISEPACK`), which people do not recognise.
 */
const SKU_NAMES: Readonly<Record<string, string>> = {
  AAD_PREMIUM: 'Microsoft Entra ID P1',
  AAD_PREMIUM_P2: 'Microsoft Entra ID P2',
  ATP_ENTERPRISE: 'Microsoft Defender for Office 365 (Plan 1)',
  DESKLESSPACK: 'Office 365 F3',
  EMS: 'Enterprise Mobility + Security E3',
  EMSPREMIUM: 'Enterprise Mobility + Security E5',
  ENTERPRISEPACK: 'Office 365 E3',
  ENTERPRISEPREMIUM: 'Office 365 E5',
  EXCHANGEENTERPRISE: 'Exchange Online (Plan 2)',
  EXCHANGESTANDARD: 'Exchange Online (Plan 1)',
  FLOW_FREE: 'Microsoft Power Automate Free',
  INTUNE_A: 'Microsoft Intune Plan 1',
  MCOEV: 'Microsoft Teams Phone Standard',
  MCOMEETADV: 'Microsoft 365 Audio Conferencing',
  O365_BUSINESS: 'Microsoft 365 Apps for business',
  O365_BUSINESS_ESSENTIALS: 'Microsoft 365 Business Basic',
  O365_BUSINESS_PREMIUM: 'Microsoft 365 Business Standard',
  OFFICESUBSCRIPTION: 'Microsoft 365 Apps for enterprise',
  POWER_BI_PRO: 'Power BI Pro',
  POWER_BI_STANDARD: 'Power BI (free)',
  PROJECTPROFESSIONAL: 'Project Plan 3',
  SPB: 'Microsoft 365 Business Premium',
  SPE_E3: 'Microsoft 365 E3',
  SPE_E5: 'Microsoft 365 E5',
  SPE_F1: 'Microsoft 365 F3',
  STREAM: 'Microsoft Stream',
  TEAMS_EXPLORATORY: 'Microsoft Teams Exploratory',
  VISIOCLIENT: 'Visio Plan 2',
  WIN_DEF_ATP: 'Microsoft Defender for Endpoint P2',
};

/**
 * A readable name for a SKU: the catalogue's for a known part number, else the name Microsoft
 * sent (Partner Center's `productSku.name`), else the part number itself.
 */
export function friendlySkuName(skuPartNumber: string, microsoftName?: string | null): string {
  const known = SKU_NAMES[skuPartNumber.trim().toUpperCase()];
  if (known) return known;
  const given = microsoftName?.trim();
  return given ? given : skuPartNumber;
}
