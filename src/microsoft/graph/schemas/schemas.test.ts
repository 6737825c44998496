import { describe, expect, it } from 'vitest';
import {
  delegatedAdminCustomerSchema,
  delegatedAdminRelationshipSchema,
  domainSchema,
  graphPageSchema,
  groupSchema,
  managedDeviceSchema,
  memberSchema,
  organizationSchema,
  subscribedSkuSchema,
  userSchema,
} from './index.js';

// Bodies as Microsoft documents them (shared/reference/microsoft-examples and the fact sheet).
const usersList = {
  '@odata.context': 'https://graph.microsoft.com/v1.0/$metadata#users',
  value: [
    {
      businessPhones: [],
      displayName: 'Conf Room Adams',
      givenName: null,
      jobTitle: null,
      mail: 'Adams@contoso.com',
      mobilePhone: null,
      officeLocation: null,
      preferredLanguage: null,
      surname: null,
      userPrincipalName: 'Adams@contoso.com',
      id: '6ea91a8d-e32e-41a1-b7bd-d2d185eed0e0',
    },
    {
      businessPhones: ['425-555-0100'],
      displayName: 'MOD Administrator',
      givenName: 'MOD',
      jobTitle: null,
      mail: null,
      mobilePhone: '425-555-0101',
      officeLocation: null,
      preferredLanguage: 'en-US',
      surname: 'Administrator',
      userPrincipalName: 'admin@contoso.com',
      id: '4562bcc8-c436-4f95-b7c0-4f8ce89dca5e',
    },
  ],
};

const assignLicenseResponse = {
  accountEnabled: true,
  assignedLicenses: [
    {
      disabledPlans: ['8a256a2b-b617-496d-b51b-e76466e88db0'],
      skuId: '84a661c4-e949-4bd2-a560-ed7766fcaf2b',
    },
    { disabledPlans: [], skuId: 'f30db892-07e9-47e9-837c-80727f46fd3d' },
  ],
  city: 'Nairobi',
  companyName: 'Contoso',
  id: 'x',
};

const groupsDelta = {
  '@odata.context': 'https://graph.microsoft.com/v1.0/$metadata#groups',
  '@odata.deltaLink': 'https://graph.microsoft.com/v1.0/groups/delta?$deltatoken=sZwAFZibx',
  value: [
    {
      displayName: 'TestGroup3',
      description: 'A test group for change tracking',
      id: '2e5807ce-58f3-4a94-9b37-ffff2e085957',
      'members@delta': [
        {
          '@odata.type': '#microsoft.graph.user',
          id: '632f6bb2-3ec8-4c1f-9073-0027a8c6859',
          '@removed': { reason: 'deleted' },
        },
        { '@odata.type': '#microsoft.graph.user', id: '37de1ae3-408f-4702-8636-20824abda004' },
      ],
    },
    { id: 'bed7', '@removed': { reason: 'changed' } },
  ],
};

const subscribedSkus = {
  '@odata.context': 'https://graph.microsoft.com/v1.0/$metadata#subscribedSkus',
  value: [
    {
      accountName: 'Contoso',
      accountId: 'a',
      appliesTo: 'User',
      capabilityStatus: 'Enabled',
      consumedUnits: 14,
      id: 't_s',
      prepaidUnits: { enabled: 25, lockedOut: 0, suspended: 0, warning: 0 },
      servicePlans: [
        {
          servicePlanId: 'p',
          servicePlanName: 'EXCHANGE_S_ENTERPRISE',
          provisioningStatus: 'Success',
          appliesTo: 'User',
        },
      ],
      skuId: 's',
      skuPartNumber: 'ENTERPRISEPREMIUM',
      subscriptionIds: ['sub'],
    },
  ],
};

const gdap = {
  '@odata.type': '#microsoft.graph.delegatedAdminRelationship',
  '@odata.etag': 'W/"JyI0NzAwNjg0NS0wMDAwLTE5MDAtMDAwMC02MGY0Yjg4MDAwMDAiJw=="',
  id: '5d027261-d21f-4aa9-b7db-7fa1f56fb163-8777b240-c6f0-4469-9e98-a3205431b836',
  displayName: 'Contoso admin relationship',
  duration: 'P730D',
  customer: { tenantId: '4b8b8b8b-0000-4000-8000-000000000000', displayName: 'Contoso Inc' },
  accessDetails: { unifiedRoles: [{ roleDefinitionId: 'fe930be7-5e62-47db-91af-98c3a49a38b1' }] },
  status: 'active',
  autoExtendDuration: 'P180D',
  createdDateTime: '2022-02-10T11:24:42.3148266Z',
  lastModifiedDateTime: '2022-02-10T11:26:44.9941884Z',
  activatedDateTime: '2022-02-10T11:26:44.9941884Z',
  endDateTime: '2024-02-10T11:24:42.3148266Z',
};

describe('Graph schemas accept what Microsoft documents', () => {
  it('users list (default property set with nulls)', () => {
    const page = graphPageSchema(userSchema).parse(usersList);
    expect(page.value[0]!.givenName).toBeNull();
    expect(page.value[1]!.businessPhones).toEqual(['425-555-0100']);
  });

  it('assignLicense response (a shortened user)', () => {
    const user = userSchema.parse(assignLicenseResponse);
    expect(user.assignedLicenses?.[0]!.disabledPlans).toHaveLength(1);
    expect(user.city).toBe('Nairobi');
  });

  it('groups delta with members@delta and removed groups', () => {
    const page = graphPageSchema(groupSchema).parse(groupsDelta);
    expect(page.value[0]!['members@delta']![0]!['@removed']).toEqual({ reason: 'deleted' });
    expect(page.value[1]!['@removed']).toEqual({ reason: 'changed' });
  });

  it('group members without @odata.type (documented shortened example)', () => {
    const page = graphPageSchema(memberSchema).parse({
      '@odata.context': 'https://graph.microsoft.com/v1.0/$metadata#directoryObjects',
      value: [{ id: '11111111-2222-3333-4444-555555555555', mail: 'user1@contoso.com' }],
    });
    expect(page.value[0]!.id).toBe('11111111-2222-3333-4444-555555555555');
  });

  it('subscribedSkus', () => {
    const sku = graphPageSchema(subscribedSkuSchema).parse(subscribedSkus).value[0]!;
    expect(sku.prepaidUnits.enabled - sku.consumedUnits).toBe(11);
  });

  it('GDAP relationships and customers', () => {
    expect(
      delegatedAdminRelationshipSchema.parse(gdap).accessDetails?.unifiedRoles[0]!.roleDefinitionId,
    ).toBe('fe930be7-5e62-47db-91af-98c3a49a38b1');
    expect(
      delegatedAdminCustomerSchema.parse({
        '@odata.type': '#microsoft.graph.delegatedAdminCustomer',
        id: 'c',
        tenantId: 'c',
        displayName: 'Contoso Inc',
      }).displayName,
    ).toBe('Contoso Inc');
  });

  it('managed devices, organization and domains', () => {
    expect(
      managedDeviceSchema.parse({
        id: 'd',
        userId: null,
        deviceName: 'LAPTOP-1',
        operatingSystem: 'Windows',
        complianceState: 'compliant',
        isEncrypted: true,
        totalStorageSpaceInBytes: 256_000_000_000,
      }).deviceName,
    ).toBe('LAPTOP-1');
    expect(
      organizationSchema.parse({
        id: 't',
        displayName: 'Contoso',
        verifiedDomains: [
          { name: 'contoso.com', isDefault: true, isInitial: false, type: 'Managed', capabilities: 'Email' },
        ],
      }).verifiedDomains,
    ).toHaveLength(1);
    expect(
      domainSchema.parse({
        id: 'contoso.com',
        isVerified: true,
        isDefault: true,
        isInitial: false,
        authenticationType: 'Managed',
        supportedServices: ['Email'],
      }).isVerified,
    ).toBe(true);
  });

  it('rejects answers without the fields Rollcall relies on', () => {
    expect(userSchema.safeParse({ displayName: 'no id' }).success).toBe(false);
    expect(
      subscribedSkuSchema.safeParse({
        id: 'x',
        skuId: 's',
        consumedUnits: '14',
        prepaidUnits: { enabled: 1 },
      }).success,
    ).toBe(false);
  });
});
