import { describe, expect, it } from 'vitest';
import {
  ENTRA_IMPORT_EDITORS,
  IMPORT_CONFIG_READERS,
  passesPermissionOrGrant,
  type Permission,
} from './permissions.js';

const agent = (permissions: Permission[], grantKinds: ('entra' | 'csp')[] = []) => ({
  kind: 'agent' as const,
  permissions: new Set(permissions),
  grantKinds,
});

describe('passesPermissionOrGrant (Entra import editors)', () => {
  it('passes holders of the permission, administrators, and agents with a grant on an Entra connection', () => {
    expect(passesPermissionOrGrant(ENTRA_IMPORT_EDITORS, agent(['integrations.entra.configure']))).toBe(true);
    expect(passesPermissionOrGrant(ENTRA_IMPORT_EDITORS, agent(['administrator']))).toBe(true);
    expect(passesPermissionOrGrant(ENTRA_IMPORT_EDITORS, agent([], ['csp', 'entra']))).toBe(true);
  });

  it('refuses other agents (a CSP grant is not an Entra grant) and every portal user', () => {
    expect(passesPermissionOrGrant(ENTRA_IMPORT_EDITORS, agent(['customers.read']))).toBe(false);
    expect(
      passesPermissionOrGrant(ENTRA_IMPORT_EDITORS, agent(['integrations.csp.configure'], ['csp'])),
    ).toBe(false);
    const portal = {
      kind: 'portal' as const,
      permissions: new Set<Permission>(),
      grantKinds: ['entra' as const],
    };
    expect(passesPermissionOrGrant(ENTRA_IMPORT_EDITORS, portal)).toBe(false);
  });
});

describe('passesPermissionOrGrant (import configuration readers)', () => {
  it('also passes CSP configurers, whose users import through the same configuration', () => {
    expect(passesPermissionOrGrant(IMPORT_CONFIG_READERS, agent(['integrations.csp.configure']))).toBe(true);
    expect(passesPermissionOrGrant(IMPORT_CONFIG_READERS, agent(['integrations.entra.configure']))).toBe(
      true,
    );
    expect(passesPermissionOrGrant(IMPORT_CONFIG_READERS, agent([], ['entra']))).toBe(true);
    expect(passesPermissionOrGrant(IMPORT_CONFIG_READERS, agent(['customers.read'], ['csp']))).toBe(false);
  });
});
