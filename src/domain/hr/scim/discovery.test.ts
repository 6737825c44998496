import { describe, expect, it } from 'vitest';
import { scimListResponse, serviceProviderConfig, userResourceType, userSchemas } from './discovery.js';
import { SCIM_ENTERPRISE_USER, SCIM_ROLLCALL_ACCOUNT, SCIM_ROLLCALL_EMPLOYMENT } from './scim-user-schema.js';

const base = 'https://rc.example/scim/v2/hr/s1';

describe('SCIM discovery documents', () => {
  it('say what is supported: patch and filter, no bulk, sort, etags or password changes', () => {
    expect(serviceProviderConfig(base)).toMatchObject({
      patch: { supported: true },
      filter: { supported: true, maxResults: 200 },
      bulk: { supported: false },
      sort: { supported: false },
      etag: { supported: false },
      changePassword: { supported: false },
      authenticationSchemes: [{ type: 'oauthbearertoken' }],
      meta: { location: `${base}/ServiceProviderConfig` },
    });
  });

  it('describe the User type with its three extensions, each with a schema', () => {
    const type = userResourceType(base);
    expect(type.schemaExtensions.map((e) => e.schema)).toEqual([
      SCIM_ENTERPRISE_USER,
      SCIM_ROLLCALL_EMPLOYMENT,
      SCIM_ROLLCALL_ACCOUNT,
    ]);
    const schemas = userSchemas(base);
    expect(schemas.map((s) => s.id)).toEqual([
      type.schema,
      SCIM_ENTERPRISE_USER,
      SCIM_ROLLCALL_EMPLOYMENT,
      SCIM_ROLLCALL_ACCOUNT,
    ]);
    expect(schemas[3]!.attributes).toEqual(
      ['userPrincipalName', 'mail', 'objectId'].map((name) =>
        expect.objectContaining({ name, mutability: 'readOnly' }),
      ),
    );
    expect(schemas[0]!.attributes).toContainEqual(
      expect.objectContaining({ name: 'userName', required: true, uniqueness: 'server' }),
    );
  });

  it('page a list response', () => {
    expect(scimListResponse([{ id: 'a' }], 7, 3)).toEqual({
      schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'],
      totalResults: 7,
      startIndex: 3,
      itemsPerPage: 1,
      Resources: [{ id: 'a' }],
    });
  });
});
