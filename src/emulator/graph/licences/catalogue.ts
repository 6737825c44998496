/**
 * Real Microsoft 365 SKUs with a representative subset of their service plans, for seeding
 * realistic `subscribedSkus` and Partner Center subscriptions. Ids come from Microsoft's
 * "Product names and service plan identifiers for licensing" reference; the new-commerce
 * product ids (`nceProductId`) are illustrative [K] and only need the real format.
 */

/** A service plan as the catalogue knows it (`service` is what `assignedPlans[].service` shows). */
export interface CataloguePlan {
  servicePlanId: string;
  servicePlanName: string;
  displayName: string;
  service: string;
}

export interface CatalogueSku {
  skuId: string;
  skuPartNumber: string;
  displayName: string;
  /** New-commerce product id (`<productId>:<skuId>` is the start of a subscription's offerId). */
  nceProductId: string;
  servicePlans: readonly CataloguePlan[];
}

const PLAN_ROWS = [
  ['EXCHANGE_S_ENTERPRISE', 'efb87545-963c-4e0d-99df-69c6916d9eb0', 'Exchange Online (Plan 2)', 'exchange'],
  ['EXCHANGE_S_STANDARD', '9aaf7827-d63c-4b61-89c3-182f06f82e5c', 'Exchange Online (Plan 1)', 'exchange'],
  ['SHAREPOINTENTERPRISE', '5dbe027f-2339-4123-9542-606e4d348a72', 'SharePoint (Plan 2)', 'SharePoint'],
  ['SHAREPOINTSTANDARD', 'c7699d2e-19aa-44de-8edf-1736da088ca1', 'SharePoint (Plan 1)', 'SharePoint'],
  ['SHAREPOINTWAC', 'e95bec33-7c88-4a70-8e19-b10bd9d0c014', 'Office for the Web', 'SharePoint'],
  [
    'MCOSTANDARD',
    '0feaeb32-d00e-4d66-bd5a-43b5b83db82c',
    'Skype for Business Online (Plan 2)',
    'MicrosoftCommunicationsOnline',
  ],
  ['TEAMS1', '57ff2da0-773e-42df-b2af-ffb7a2317929', 'Microsoft Teams', 'TeamspaceAPI'],
  [
    'OFFICESUBSCRIPTION',
    '43de0ff5-c92c-492b-9116-175376d08c38',
    'Microsoft 365 Apps for enterprise',
    'MicrosoftOffice',
  ],
  [
    'OFFICE_BUSINESS',
    '094e7854-93fc-4d55-b2c0-3ab5369ebdc1',
    'Microsoft 365 Apps for business',
    'MicrosoftOffice',
  ],
  ['YAMMER_ENTERPRISE', '7547a3fe-08ee-4ccb-b430-5077c5041653', 'Yammer Enterprise', 'YammerEnterprise'],
  ['SWAY', 'a23b959c-7ce8-4e57-9140-b90eb88a9e97', 'Sway', 'Sway'],
  ['BPOS_S_TODO_1', '5e62787c-c316-451f-b873-1d05acd4d12c', 'To-Do (Plan 1)', 'To-Do'],
  ['BPOS_S_TODO_2', 'c87f142c-d1e9-4363-8630-aaea9c4d9ae5', 'To-Do (Plan 2)', 'To-Do'],
  ['AAD_PREMIUM', '41781fb2-bc02-4b7c-bd55-b576c07bb09d', 'Microsoft Entra ID P1', 'AADPremiumService'],
  ['AAD_PREMIUM_P2', 'eec0eb4f-6444-4f95-aba0-50c24d67f998', 'Microsoft Entra ID P2', 'AADPremiumService'],
  [
    'MFA_PREMIUM',
    '8a256a2b-b617-496d-b51b-e76466e88db0',
    'Microsoft Azure Multi-Factor Authentication',
    'MultiFactorService',
  ],
  ['INTUNE_A', 'c1ec4a95-1f05-45b3-a911-aa3fa01094f5', 'Microsoft Intune Plan 1', 'SCO'],
  ['INTUNE_O365', '882e1d05-acd1-4ccb-8708-6ee03664b117', 'Mobile Device Management for Office 365', 'SCO'],
  ['RMS_S_ENTERPRISE', 'bea4c11e-220a-4e6d-8eb8-8ea15d019f90', 'Azure Rights Management', 'RMSOnline'],
  [
    'RMS_S_PREMIUM',
    '6c57d4b6-3b23-47a5-9bc9-69f17b4947b3',
    'Azure Information Protection Premium P1',
    'RMSOnline',
  ],
  ['ADALLOM_S_DISCOVERY', '932ad362-64a8-4783-9106-97849a1a30b9', 'Cloud App Security Discovery', 'Adallom'],
  [
    'WIN10_PRO_ENT_SUB',
    '21b439ba-a0ca-424f-a6cc-52f954a5b111',
    'Windows 10/11 Enterprise',
    'WindowsDefenderATP',
  ],
  [
    'ATP_ENTERPRISE',
    'f20fedf3-f3c3-43c3-8267-2bfdd51c0939',
    'Microsoft Defender for Office 365 (Plan 1)',
    'exchange',
  ],
  [
    'THREAT_INTELLIGENCE',
    '8e0c0a52-6a6c-4d40-8370-dd62790dcd70',
    'Microsoft Defender for Office 365 (Plan 2)',
    'exchange',
  ],
  [
    'MCOMEETADV',
    '3e26ee1f-8a5f-4d52-aee2-b81ce45c8f40',
    'Microsoft 365 Audio Conferencing',
    'MicrosoftCommunicationsOnline',
  ],
  [
    'MCOEV',
    '4828c8ec-dc2e-4779-b502-87ac9ce28ab7',
    'Microsoft 365 Phone System',
    'MicrosoftCommunicationsOnline',
  ],
  ['LOCKBOX_ENTERPRISE', '9f431833-0334-42de-a7dc-70aa40db46db', 'Customer Lockbox', 'exchange'],
] as const;

export type ServicePlanName = (typeof PLAN_ROWS)[number][0];

/** Service plans shared by several SKUs, by `servicePlanName`. */
export const SERVICE_PLANS = Object.fromEntries(
  PLAN_ROWS.map(([servicePlanName, servicePlanId, displayName, service]) => [
    servicePlanName,
    { servicePlanId, servicePlanName, displayName, service },
  ]),
) as Record<ServicePlanName, CataloguePlan>;

const P = SERVICE_PLANS;

/** The SKUs MSPs sell most, by `skuPartNumber`. */
export const SKU_CATALOGUE = {
  ENTERPRISEPACK: {
    skuId: '6fd2c87f-b296-42f0-b197-1e91e994b900',
    skuPartNumber: 'ENTERPRISEPACK',
    displayName: 'Office 365 E3',
    nceProductId: 'CFQ7TTC0LF8Q:0001',
    servicePlans: [
      P.EXCHANGE_S_ENTERPRISE,
      P.SHAREPOINTENTERPRISE,
      P.SHAREPOINTWAC,
      P.MCOSTANDARD,
      P.TEAMS1,
      P.OFFICESUBSCRIPTION,
      P.YAMMER_ENTERPRISE,
      P.SWAY,
      P.BPOS_S_TODO_2,
      P.INTUNE_O365,
      P.RMS_S_ENTERPRISE,
    ],
  },
  SPE_E3: {
    skuId: '05e9a617-0261-4cee-bb44-138d3ef5d965',
    skuPartNumber: 'SPE_E3',
    displayName: 'Microsoft 365 E3',
    nceProductId: 'CFQ7TTC0LFLX:0001',
    servicePlans: [
      P.AAD_PREMIUM,
      P.MFA_PREMIUM,
      P.INTUNE_A,
      P.ADALLOM_S_DISCOVERY,
      P.EXCHANGE_S_ENTERPRISE,
      P.SHAREPOINTENTERPRISE,
      P.SHAREPOINTWAC,
      P.MCOSTANDARD,
      P.TEAMS1,
      P.OFFICESUBSCRIPTION,
      P.RMS_S_ENTERPRISE,
      P.RMS_S_PREMIUM,
      P.WIN10_PRO_ENT_SUB,
      P.BPOS_S_TODO_2,
    ],
  },
  SPE_E5: {
    skuId: '06ebc4ee-1bb5-47dd-8120-11324bc54e06',
    skuPartNumber: 'SPE_E5',
    displayName: 'Microsoft 365 E5',
    nceProductId: 'CFQ7TTC0LFLZ:0002',
    servicePlans: [
      P.AAD_PREMIUM,
      P.AAD_PREMIUM_P2,
      P.MFA_PREMIUM,
      P.INTUNE_A,
      P.EXCHANGE_S_ENTERPRISE,
      P.SHAREPOINTENTERPRISE,
      P.SHAREPOINTWAC,
      P.MCOSTANDARD,
      P.MCOMEETADV,
      P.MCOEV,
      P.TEAMS1,
      P.OFFICESUBSCRIPTION,
      P.ATP_ENTERPRISE,
      P.THREAT_INTELLIGENCE,
      P.LOCKBOX_ENTERPRISE,
      P.RMS_S_ENTERPRISE,
      P.RMS_S_PREMIUM,
      P.WIN10_PRO_ENT_SUB,
    ],
  },
  SPB: {
    skuId: 'cbdc14ab-d96c-4c30-b9f4-6ada7cdc1d46',
    skuPartNumber: 'SPB',
    displayName: 'Microsoft 365 Business Premium',
    nceProductId: 'CFQ7TTC0LCHC:0002',
    servicePlans: [
      P.AAD_PREMIUM,
      P.MFA_PREMIUM,
      P.INTUNE_A,
      P.EXCHANGE_S_STANDARD,
      P.SHAREPOINTSTANDARD,
      P.SHAREPOINTWAC,
      P.MCOSTANDARD,
      P.TEAMS1,
      P.OFFICE_BUSINESS,
      P.ATP_ENTERPRISE,
      P.RMS_S_ENTERPRISE,
      P.RMS_S_PREMIUM,
      P.BPOS_S_TODO_1,
    ],
  },
  O365_BUSINESS_PREMIUM: {
    skuId: 'f245ecc8-75af-4f8e-b61f-27d8114de5f3',
    skuPartNumber: 'O365_BUSINESS_PREMIUM',
    displayName: 'Microsoft 365 Business Standard',
    nceProductId: 'CFQ7TTC0LDPB:0001',
    servicePlans: [
      P.EXCHANGE_S_STANDARD,
      P.SHAREPOINTSTANDARD,
      P.SHAREPOINTWAC,
      P.MCOSTANDARD,
      P.TEAMS1,
      P.OFFICE_BUSINESS,
      P.YAMMER_ENTERPRISE,
      P.SWAY,
      P.BPOS_S_TODO_1,
    ],
  },
  O365_BUSINESS_ESSENTIALS: {
    skuId: '3b555118-da6a-4418-894f-7df1e2096870',
    skuPartNumber: 'O365_BUSINESS_ESSENTIALS',
    displayName: 'Microsoft 365 Business Basic',
    nceProductId: 'CFQ7TTC0LH18:0001',
    servicePlans: [
      P.EXCHANGE_S_STANDARD,
      P.SHAREPOINTSTANDARD,
      P.SHAREPOINTWAC,
      P.MCOSTANDARD,
      P.TEAMS1,
      P.YAMMER_ENTERPRISE,
      P.SWAY,
      P.BPOS_S_TODO_1,
    ],
  },
  EMS: {
    skuId: 'efccb6f7-5641-4e0e-bd10-b4976e1bf68e',
    skuPartNumber: 'EMS',
    displayName: 'Enterprise Mobility + Security E3',
    nceProductId: 'CFQ7TTC0LFK5:0001',
    servicePlans: [
      P.AAD_PREMIUM,
      P.MFA_PREMIUM,
      P.INTUNE_A,
      P.ADALLOM_S_DISCOVERY,
      P.RMS_S_ENTERPRISE,
      P.RMS_S_PREMIUM,
    ],
  },
  AAD_PREMIUM: {
    skuId: '078d2b04-f1bd-4111-bbd4-b4b1b354cef4',
    skuPartNumber: 'AAD_PREMIUM',
    displayName: 'Microsoft Entra ID P1',
    nceProductId: 'CFQ7TTC0LH2H:0001',
    servicePlans: [P.AAD_PREMIUM, P.MFA_PREMIUM, P.ADALLOM_S_DISCOVERY],
  },
  INTUNE_A: {
    skuId: '061f9ace-7d42-4136-88ac-31dc755f143f',
    skuPartNumber: 'INTUNE_A',
    displayName: 'Microsoft Intune Plan 1',
    nceProductId: 'CFQ7TTC0LCHX:0001',
    servicePlans: [P.INTUNE_A],
  },
  EXCHANGESTANDARD: {
    skuId: '4b9405b0-7788-4568-add1-99614e613b69',
    skuPartNumber: 'EXCHANGESTANDARD',
    displayName: 'Exchange Online (Plan 1)',
    nceProductId: 'CFQ7TTC0LH16:0001',
    servicePlans: [P.EXCHANGE_S_STANDARD, P.INTUNE_O365, P.BPOS_S_TODO_1],
  },
} as const satisfies Record<string, CatalogueSku>;

export type CatalogueSkuName = keyof typeof SKU_CATALOGUE;

/** Looks a catalogue SKU up by part number or SKU id (case-insensitive). */
export function findCatalogueSku(partNumberOrId: string): CatalogueSku | undefined {
  const key = partNumberOrId.toLowerCase();
  return Object.values(SKU_CATALOGUE).find((s) => s.skuPartNumber.toLowerCase() === key || s.skuId === key);
}

/** Every service plan the catalogue knows, by id (for display names and `service`). */
export function findCataloguePlan(servicePlanId: string): CataloguePlan | undefined {
  return Object.values(SERVICE_PLANS).find((p) => p.servicePlanId === servicePlanId);
}
