import {
  SCIM_CORE_USER,
  SCIM_ENTERPRISE_USER,
  SCIM_ROLLCALL_ACCOUNT,
  SCIM_ROLLCALL_EMPLOYMENT,
} from './scim-user-schema.js';

/**
 * The discovery documents (RFC 7643 §5–7) of a source's SCIM endpoint: what it supports, its one
 * resource type (User with three extensions) and the attributes Rollcall keeps or sets.
 */

export const SCIM_LIST_RESPONSE = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';
const SP_CONFIG = 'urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig';
const RESOURCE_TYPE = 'urn:ietf:params:scim:schemas:core:2.0:ResourceType';
const SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:Schema';

/** The most resources one list page returns (`count` above it is lowered to it). */
export const SCIM_MAX_RESULTS = 200;

/** A ListResponse of `resources`, the page at `startIndex` (1-based) of `totalResults`. */
export function scimListResponse(resources: unknown[], totalResults: number, startIndex: number) {
  return {
    schemas: [SCIM_LIST_RESPONSE],
    totalResults,
    startIndex,
    itemsPerPage: resources.length,
    Resources: resources,
  };
}

export function serviceProviderConfig(baseUrl: string) {
  return {
    schemas: [SP_CONFIG],
    patch: { supported: true },
    bulk: { supported: false, maxOperations: 0, maxPayloadSize: 0 },
    filter: { supported: true, maxResults: SCIM_MAX_RESULTS },
    changePassword: { supported: false },
    sort: { supported: false },
    etag: { supported: false },
    authenticationSchemes: [
      {
        type: 'oauthbearertoken',
        name: 'Bearer token',
        description:
          'The source’s token, shown once when the source is created: Authorization: Bearer <token>',
        primary: true,
      },
    ],
    meta: { resourceType: 'ServiceProviderConfig', location: `${baseUrl}/ServiceProviderConfig` },
  };
}

export function userResourceType(baseUrl: string) {
  return {
    schemas: [RESOURCE_TYPE],
    id: 'User',
    name: 'User',
    endpoint: '/Users',
    description: 'A person of the HR source',
    schema: SCIM_CORE_USER,
    schemaExtensions: [
      { schema: SCIM_ENTERPRISE_USER, required: false },
      { schema: SCIM_ROLLCALL_EMPLOYMENT, required: false },
      { schema: SCIM_ROLLCALL_ACCOUNT, required: false },
    ],
    meta: { resourceType: 'ResourceType', location: `${baseUrl}/ResourceTypes/User` },
  };
}

interface AttributeOptions {
  type?: 'string' | 'boolean' | 'complex' | 'dateTime' | 'reference';
  multiValued?: boolean;
  required?: boolean;
  mutability?: 'readOnly' | 'readWrite';
  uniqueness?: 'none' | 'server';
  description?: string;
  subAttributes?: ReturnType<typeof attribute>[];
}

function attribute(name: string, options: AttributeOptions = {}): Record<string, unknown> {
  const { subAttributes, ...rest } = options;
  return {
    name,
    type: 'string',
    multiValued: false,
    required: false,
    caseExact: false,
    mutability: 'readWrite',
    returned: 'default',
    uniqueness: 'none',
    ...rest,
    ...(subAttributes ? { subAttributes } : {}),
  };
}

const typedValues = (description: string) =>
  attribute(description, {
    type: 'complex',
    multiValued: true,
    subAttributes: [attribute('value'), attribute('type'), attribute('primary', { type: 'boolean' })],
  });

const manager = attribute('manager', {
  type: 'complex',
  description: 'The SCIM id of the manager, another person of this source',
  subAttributes: [attribute('value')],
});

const contractAttributes = [
  attribute('contractId', { description: 'Unique within the person; "1" when none is sent' }),
  attribute('startDate', { description: 'YYYY-MM-DD; the day of the push when absent' }),
  attribute('endDate', { description: 'YYYY-MM-DD, the last day worked' }),
  attribute('location'),
];

function schemaDocument(
  id: string,
  name: string,
  description: string,
  attributes: unknown[],
  baseUrl: string,
) {
  return {
    schemas: [SCHEMA],
    id,
    name,
    description,
    attributes,
    meta: { resourceType: 'Schema', location: `${baseUrl}/Schemas/${id}` },
  };
}

/** The four schemas of the User resource, as far as Rollcall keeps (or sets) their attributes. */
export function userSchemas(baseUrl: string) {
  return [
    schemaDocument(
      SCIM_CORE_USER,
      'User',
      'User account',
      [
        attribute('userName', { required: true, uniqueness: 'server' }),
        attribute('name', {
          type: 'complex',
          subAttributes: [
            attribute('givenName'),
            attribute('familyName'),
            attribute('middleName'),
            attribute('formatted'),
          ],
        }),
        attribute('displayName'),
        attribute('nickName', { description: 'The name the person goes by (preferred name)' }),
        attribute('title'),
        attribute('userType', { description: 'Employee type' }),
        attribute('active', {
          type: 'boolean',
          description: 'false makes the person a leaver from that day',
        }),
        typedValues('emails'),
        typedValues('phoneNumbers'),
      ],
      baseUrl,
    ),
    schemaDocument(
      SCIM_ENTERPRISE_USER,
      'EnterpriseUser',
      'Enterprise User',
      [
        attribute('employeeNumber', { description: 'The employee id (else externalId)' }),
        attribute('department'),
        attribute('costCenter'),
        attribute('organization', { description: 'Company' }),
        manager,
      ],
      baseUrl,
    ),
    schemaDocument(
      SCIM_ROLLCALL_EMPLOYMENT,
      'Employment',
      'Employment dates and place; `contracts` for persons with several employments',
      [
        ...contractAttributes,
        attribute('contracts', {
          type: 'complex',
          multiValued: true,
          subAttributes: [
            ...contractAttributes,
            attribute('title'),
            attribute('department'),
            attribute('costCenter'),
            attribute('organization'),
            attribute('employeeType'),
            manager,
          ],
        }),
        attribute('custom', { type: 'complex', description: 'Custom fields (name → text) rules can read' }),
      ],
      baseUrl,
    ),
    schemaDocument(
      SCIM_ROLLCALL_ACCOUNT,
      'Account',
      'The account Rollcall made for the person, once it exists: read it to learn the address (read-only)',
      [
        attribute('userPrincipalName', { mutability: 'readOnly', description: 'The Entra sign-in name' }),
        attribute('mail', { mutability: 'readOnly', description: 'The work e-mail address' }),
        attribute('objectId', { mutability: 'readOnly', description: 'The Entra object id' }),
      ],
      baseUrl,
    ),
  ];
}
