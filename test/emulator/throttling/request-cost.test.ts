import { describe, expect, it } from 'vitest';
import { graphRequestCost } from '../../../src/emulator/faults/throttler-cost.js';

const cost = (route: string, query = '') => {
  const [method] = route.split(' ');
  return graphRequestCost({ route, method: method!, query: new URLSearchParams(query) });
};

describe('Graph resource-unit costs (throttling-limits.md)', () => {
  it('uses the documented base costs', () => {
    expect(cost('GET /users').resourceUnits).toBe(2);
    expect(cost('GET /users/{id}').resourceUnits).toBe(1);
    expect(cost('GET /groups/{id}/members').resourceUnits).toBe(3);
    expect(cost('GET /groups/{id}/transitiveMembers').resourceUnits).toBe(5);
    expect(cost('GET /subscribedSkus').resourceUnits).toBe(3);
    expect(cost('GET /users/{id}/licenseDetails').resourceUnits).toBe(2);
    expect(cost('GET /users/delta').resourceUnits).toBe(1);
  });

  it('charges casts like the collection and me/ like users/{id}/', () => {
    expect(cost('GET /groups/{id}/members/{type}').resourceUnits).toBe(3);
    expect(cost('GET /me/licenseDetails').resourceUnits).toBe(2);
    expect(cost('GET /v1.0/groups/:id/transitiveMembers').resourceUnits).toBe(5);
  });

  it('applies $select −1, $expand +1, $top < 20 −1, never below 1', () => {
    expect(cost('GET /users', '$select=id').resourceUnits).toBe(1);
    expect(cost('GET /users', '$expand=manager').resourceUnits).toBe(3);
    expect(cost('GET /users', '$top=5').resourceUnits).toBe(1);
    expect(cost('GET /users', '$top=999').resourceUnits).toBe(2);
    expect(cost('GET /users', '$select=id&$top=5').resourceUnits).toBe(1);
    expect(cost('GET /groups/{id}/transitiveMembers', '$select=id&$top=10').resourceUnits).toBe(3);
  });

  it('gives writes a write unit, and separates Intune and batch envelopes', () => {
    expect(cost('POST /users')).toMatchObject({ workload: 'identity', resourceUnits: 1, writeUnits: 1 });
    expect(cost('PATCH /users/{id}')).toMatchObject({ writeUnits: 1 });
    expect(cost('GET /users')).toMatchObject({ writeUnits: 0 });
    expect(cost('GET /deviceManagement/managedDevices').workload).toBe('intune');
    expect(cost('POST /$batch').workload).toBe('batch');
    expect(cost('GET /tenantRelationships/delegatedAdminRelationships').workload).toBe('other');
  });
});
