import { describe, expect, it } from 'vitest';
import {
  canCreateConnection,
  connectionAccess,
  requireConnectionAccess,
  visibleConnections,
  type ConnectionRef,
} from '../../../src/api/access/connection-access.js';
import type { Principal } from '../../../src/api/auth/principal.js';
import type { Permission } from '../../../src/contracts/permissions.js';

const entra = { id: 'c-entra', kind: 'entra' as const };
const csp = { id: 'c-csp', kind: 'csp' as const };

function principal(
  permissions: Permission[],
  grants: [ConnectionRef, 'read' | 'modify'][] = [],
  kind: 'agent' | 'portal' = 'agent',
): Principal {
  return {
    accountId: 'a',
    kind,
    displayName: 'A',
    email: 'a@example.com',
    permissions: new Set(permissions),
    customerId: kind === 'portal' ? 'customer' : null,
    connectionGrants: new Map(grants.map(([c, access]) => [c.id, { access, kind: c.kind }])),
    sessionId: 's',
    csrfToken: 't',
  };
}

describe('connection access', () => {
  it('gives administrators and holders of the kind’s configure permission modify access to every connection of it', () => {
    expect(connectionAccess(principal(['administrator']), csp)).toBe('modify');
    const entraConfigurer = principal(['integrations.entra.configure']);
    expect(connectionAccess(entraConfigurer, entra)).toBe('modify');
    expect(connectionAccess(entraConfigurer, csp)).toBeNull();
    expect(canCreateConnection(entraConfigurer, 'entra')).toBe(true);
    expect(canCreateConnection(entraConfigurer, 'csp')).toBe(false);
    expect(visibleConnections(entraConfigurer)).toEqual({ allKinds: ['entra'], grantedIds: [] });
  });

  it('gives other agents exactly their grants, and nothing (not even existence) elsewhere', () => {
    const agent = principal(['customers.read'], [[entra, 'read']]);
    expect(connectionAccess(agent, entra)).toBe('read');
    expect(() => requireConnectionAccess(agent, entra, 'read')).not.toThrow();
    expect(() => requireConnectionAccess(agent, entra, 'modify')).toThrow(
      expect.objectContaining({ status: 403 }),
    );
    expect(() => requireConnectionAccess(agent, csp, 'read')).toThrow(
      expect.objectContaining({ status: 404 }),
    );
    expect(canCreateConnection(principal([], [[entra, 'modify']]), 'entra')).toBe(false);
    expect(visibleConnections(agent)).toEqual({ allKinds: [], grantedIds: [entra.id] });
  });

  it('never gives portal users access to connections', () => {
    const portal = principal(['portal.requests.read'], [[entra, 'modify']], 'portal');
    expect(connectionAccess(portal, entra)).toBeNull();
    expect(visibleConnections(portal)).toEqual({ allKinds: [], grantedIds: [] });
  });
});
