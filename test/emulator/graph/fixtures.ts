import type { Emulator } from '../../../src/emulator/index.js';
import { kindProps } from '../../../src/emulator/graph/groups/group-view.js';
import type { GraphProps, GroupKind, TenantRecord } from '../../../src/emulator/state/types.js';
import { mintToken } from '../../support/emulator.js';

/**
 * A small, fixed directory for Graph behaviour tests: one premium tenant (Contoso) with users of
 * every flavour and groups of every kind, one non-premium tenant (Tailspin). Ids never change, so
 * other suites may import this read-only.
 */
export interface DirectoryFixture {
  tenant: TenantRecord;
  nonPremium: TenantRecord;
  users: Record<'adele' | 'megan' | 'alex' | 'zoe' | 'svc' | 'diego' | 'adams' | 'tailspinAnna', string>;
  groups: Record<
    | 'marketing'
    | 'allStaff'
    | 'dynamicSales'
    | 'financeMailSecurity'
    | 'newsletter'
    | 'onPremStaff'
    | 'helpdeskAdmins',
    string
  >;
  skus: { e3: string; e5: string };
}

export const CONTOSO_ID = 'c0a7d0e5-0000-4000-8000-000000000001';
export const TAILSPIN_ID = '7a11591f-0000-4000-8000-000000000002';
export const E3 = '05e9a617-0261-4cee-bb44-138d3ef5d965';
export const E5 = '06ebc4ee-1bb5-47dd-8120-11324bc54e06';

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

const user = (
  n: number,
  props: Partial<GraphProps> & { displayName: string; userPrincipalName: string },
): GraphProps => ({
  id: id(n),
  accountEnabled: true,
  userType: 'Member',
  businessPhones: [],
  createdDateTime: `2023-0${(n % 9) + 1}-15T09:00:00Z`,
  assignedLicenses: [],
  proxyAddresses: [],
  ...props,
});

export function createDirectoryFixture(emu: Emulator): DirectoryFixture {
  const { estate } = emu;
  const tenant = estate.createTenant({
    id: CONTOSO_ID,
    displayName: 'Contoso',
    initialDomain: 'contoso.onmicrosoft.com',
    customDomains: ['contoso.com'],
    premium: true,
  });
  estate.addDomain(tenant, 'fabrikam-federated.com');
  tenant.domains.find((d) => d.id === 'fabrikam-federated.com')!.authenticationType = 'Federated';
  const nonPremium = estate.createTenant({
    id: TAILSPIN_ID,
    displayName: 'Tailspin Toys',
    initialDomain: 'tailspin.onmicrosoft.com',
    premium: false,
  });
  const silent = { silent: true };

  const add = (t: TenantRecord, props: GraphProps) => estate.addUser(t, props, silent).props.id;
  const users = {
    adele: add(
      tenant,
      user(1, {
        displayName: 'Adele Vance',
        givenName: 'Adele',
        surname: 'Vance',
        userPrincipalName: 'AdeleV@contoso.com',
        mail: 'AdeleV@contoso.com',
        mailNickname: 'AdeleV',
        jobTitle: 'Product Marketing Manager',
        department: 'Marketing',
        usageLocation: 'GB',
        employeeId: 'E001',
        businessPhones: ['+44 20 7946 0001'],
        proxyAddresses: ['SMTP:AdeleV@contoso.com', 'smtp:adele@contoso.onmicrosoft.com'],
        assignedLicenses: [{ skuId: E3, disabledPlans: [] }],
        signInActivity: {
          lastSignInDateTime: '2024-05-01T08:00:00Z',
          lastSignInRequestId: id(9001),
          lastNonInteractiveSignInDateTime: '2024-05-01T09:00:00Z',
          lastNonInteractiveSignInRequestId: id(9002),
          lastSuccessfulSignInDateTime: '2024-05-01T08:00:00Z',
          lastSuccessfulSignInRequestId: id(9001),
        },
      }),
    ),
    megan: add(
      tenant,
      user(2, {
        displayName: 'Megan Bowen',
        givenName: 'Megan',
        surname: 'Bowen',
        userPrincipalName: 'MeganB@contoso.com',
        mail: 'MeganB@contoso.com',
        mailNickname: 'MeganB',
        department: 'Marketing',
        jobTitle: 'Marketing Manager',
        usageLocation: 'US',
        proxyAddresses: ['SMTP:MeganB@contoso.com'],
        assignedLicenses: [{ skuId: E5, disabledPlans: [] }],
      }),
    ),
    alex: add(
      tenant,
      user(3, {
        displayName: 'Alex Wilber',
        givenName: 'Alex',
        surname: 'Wilber',
        userPrincipalName: 'AlexW@contoso.com',
        mail: 'AlexW@contoso.com',
        mailNickname: 'AlexW',
        department: 'Sales',
        onPremisesSyncEnabled: true,
        onPremisesImmutableId: 'YWxleHc=',
        proxyAddresses: ['SMTP:AlexW@contoso.com'],
      }),
    ),
    zoe: add(
      tenant,
      user(4, {
        displayName: 'Zoë Müller',
        givenName: 'Zoë',
        surname: 'Müller',
        userPrincipalName: 'zoe_fabrikam.com#EXT#@contoso.onmicrosoft.com',
        mail: 'zoe@fabrikam.com',
        mailNickname: 'zoe_fabrikam.com#EXT#',
        userType: 'Guest',
        otherMails: ['zoe@fabrikam.com'],
      }),
    ),
    svc: add(
      tenant,
      user(5, {
        displayName: 'Backup Service',
        userPrincipalName: 'svc-backup@contoso.com',
        mailNickname: 'svc-backup',
        accountEnabled: false,
        mail: null,
      }),
    ),
    diego: add(
      tenant,
      user(6, {
        displayName: 'Diego Siciliani',
        givenName: 'Diego',
        surname: 'Siciliani',
        userPrincipalName: 'DiegoS@contoso.com',
        mail: 'DiegoS@contoso.com',
        mailNickname: 'DiegoS',
        department: 'HR',
        proxyAddresses: ['SMTP:DiegoS@contoso.com'],
      }),
    ),
    adams: add(
      tenant,
      user(7, {
        displayName: 'Conf Room Adams',
        userPrincipalName: 'Adams@contoso.com',
        mail: 'Adams@contoso.com',
        mailNickname: 'Adams',
        proxyAddresses: ['SMTP:Adams@contoso.com'],
      }),
    ),
    tailspinAnna: add(
      nonPremium,
      user(8, {
        displayName: 'Anna Tailspin',
        userPrincipalName: 'anna@tailspin.onmicrosoft.com',
        mailNickname: 'anna',
      }),
    ),
  };
  estate.setManager(tenant, users.megan, users.adele, silent);
  estate.setManager(tenant, users.diego, users.adele, silent);

  const addGroup = (
    n: number,
    kind: GroupKind,
    props: Partial<GraphProps> & { displayName: string },
    dynamic = false,
  ) =>
    estate.addGroup(
      tenant,
      {
        id: id(100 + n),
        createdDateTime: '2022-06-01T12:00:00Z',
        description: null,
        mailNickname: props.displayName.replace(/\W/g, ''),
        mail: null,
        proxyAddresses: [],
        ...kindProps(kind, dynamic),
        ...props,
      },
      { kind, dynamic },
      silent,
    ).props.id;
  const groups = {
    marketing: addGroup(1, 'security', { displayName: 'Marketing', description: 'Marketing team' }),
    allStaff: addGroup(2, 'm365', {
      displayName: 'All Staff',
      mail: 'allstaff@contoso.com',
      proxyAddresses: ['SMTP:allstaff@contoso.com'],
      visibility: 'Public',
    }),
    dynamicSales: addGroup(
      3,
      'security',
      {
        displayName: 'Dynamic Sales',
        membershipRule: '(user.department -eq "Sales")',
        membershipRuleProcessingState: 'On',
      },
      true,
    ),
    financeMailSecurity: addGroup(4, 'mailSecurity', {
      displayName: 'Finance Mail Security',
      mail: 'finance@contoso.com',
      proxyAddresses: ['SMTP:finance@contoso.com'],
    }),
    newsletter: addGroup(5, 'distribution', {
      displayName: 'Newsletter',
      mail: 'newsletter@contoso.com',
      proxyAddresses: ['SMTP:newsletter@contoso.com'],
    }),
    onPremStaff: addGroup(6, 'security', { displayName: 'On-Prem Staff', onPremisesSyncEnabled: true }),
    helpdeskAdmins: addGroup(7, 'security', { displayName: 'Helpdesk Admins', isAssignableToRole: true }),
  };
  const member = (
    group: string,
    objectId: string,
    type: '#microsoft.graph.user' | '#microsoft.graph.group',
  ) => estate.addMember(tenant, group, objectId, type, silent);
  member(groups.marketing, users.adele, '#microsoft.graph.user');
  member(groups.marketing, users.megan, '#microsoft.graph.user');
  member(groups.allStaff, groups.marketing, '#microsoft.graph.group');
  member(groups.allStaff, users.diego, '#microsoft.graph.user');
  member(groups.dynamicSales, users.alex, '#microsoft.graph.user');
  member(groups.financeMailSecurity, users.diego, '#microsoft.graph.user');
  member(groups.onPremStaff, users.alex, '#microsoft.graph.user');

  return { tenant, nonPremium, users, groups, skus: { e3: E3, e5: E5 } };
}

/** Adds `count` plain users (silently, like the seed) for paging tests; returns their ids. */
export function addBulkUsers(emu: Emulator, tenant: TenantRecord, count: number, prefix = 'bulk'): string[] {
  const ids: string[] = [];
  for (let n = 0; n < count; n++) {
    const props = {
      id: `b0000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
      displayName: `${prefix} user ${n}`,
      userPrincipalName: `${prefix}${n}@contoso.com`,
      mailNickname: `${prefix}${n}`,
      accountEnabled: n % 10 !== 0,
      userType: 'Member',
    };
    ids.push(emu.estate.addUser(tenant, props, { silent: true }).props.id);
  }
  return ids;
}

export const READ_ROLES = ['User.Read.All', 'GroupMember.Read.All'];
export const WRITE_ROLES = ['User.ReadWrite.All', 'GroupMember.ReadWrite.All', 'Group.ReadWrite.All'];

/** Sends Graph requests for one app token: `get('/users?$top=5')`, with optional headers and body. */
export async function graphClient(emu: Emulator, tenantId: string, roles: string[] = READ_ROLES) {
  const token = await mintToken(emu, { tenantId, roles });
  const send = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
    emu.inject({
      method,
      url: path.startsWith('http') ? path : `/v1.0${path}`,
      headers: { authorization: `Bearer ${token}`, ...headers },
      body,
    });
  return {
    token,
    send,
    get: (path: string, headers: Record<string, string> = {}) => send('GET', path, undefined, headers),
  };
}

/** The advanced-query header. */
export const EVENTUAL = { ConsistencyLevel: 'eventual' };
