import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'drizzle-orm';
import { expect } from 'vitest';
import { queryRows } from '../../../src/store/index.js';
import type { OnboardingConfigInput } from '../../../src/contracts/onboarding/config.js';
import type { RequestDetail } from '../../../src/contracts/api/requests.js';
import type { GroupKind } from '../../../src/emulator/state/types.js';
import { call, givenAgent, givenPortalUser, type Caller } from '../access/fixtures.js';
import { startLicenceWorld, type LicenceWorld } from '../licences/licence-world.js';

export { EMS, SPB } from '../licences/licence-world.js';

/**
 * A customer whose new starters and leavers Rollcall automates: the licence world's Entra tenant
 * (users imported, SKUs in the desk, licences managed) with group writes allowed, a portal
 * requester and a portal approver of the customer, and an agent approver.
 */
export interface RequestWorld extends LicenceWorld {
  requester: Caller & { deskUserId: string };
  portalApprover: Caller & { deskUserId: string };
  approver: Caller;
  domain: string;
  /** Adds a group of `kind` to the tenant; returns its id. */
  group(name: string, kind?: GroupKind, dynamic?: boolean): string;
  /** Saves the customer's request settings (200 expected). */
  configure(patch?: Partial<OnboardingConfigInput>): Promise<void>;
  /** Waits until the request is no longer awaiting/being set up, and returns it. */
  settledRequest(id: string, until?: (r: RequestDetail) => boolean): Promise<RequestDetail>;
  /** Users of the tenant with this UPN (exactly-once checks). */
  usersNamed(upn: string): { id: string; props: Record<string, unknown> }[];
  membersOf(groupId: string): Set<string>;
}

export async function startRequestWorld(options: { workers: boolean }): Promise<RequestWorld> {
  const w = await startLicenceWorld({
    workers: options.workers,
    people: 6,
    extraGraphRoles: ['GroupMember.ReadWrite.All'],
  });
  await w.importUsers();
  const customer = {
    customer: { id: w.customerId },
    defaultSite: { id: (await w.s.desk(1))!.siteId },
    tenantId: w.s.tenantId,
  };
  const requester = await givenPortalUser(w.app.deps.db, customer, ['Portal requester']);
  const portalApprover = await givenPortalUser(w.app.deps.db, customer, [
    'Portal requester',
    'Portal approver',
  ]);
  const approver = await givenAgent(w.app.deps.db, { roleNames: ['Approver'] });
  const domain = w.tenant().domains[0]!.id;
  const estate = w.world.emu.estate;
  // The portal users are people of the tenant too, so a later import keeps them.
  for (const portal of [requester, portalApprover]) {
    const [row] = await queryRows<{ entra_object_id: string; display_name: string }>(
      w.app.deps.db,
      sql`select entra_object_id, display_name from desk_users where id = ${portal.deskUserId}`,
    );
    estate.addUser(
      w.tenant(),
      {
        id: row!.entra_object_id,
        accountEnabled: true,
        userType: 'Member',
        userPrincipalName: `${row!.entra_object_id.slice(0, 8)}@${domain}`,
        displayName: row!.display_name,
        assignedLicenses: [],
      },
      { silent: true },
    );
  }
  return {
    ...w,
    requester,
    portalApprover,
    approver,
    domain,
    group(name, kind = 'security', dynamic = false) {
      const group = estate.addGroup(
        w.tenant(),
        {
          id: randomUUID(),
          displayName: name,
          ...(dynamic
            ? { membershipRule: '(user.department -eq "Sales")', membershipRuleProcessingState: 'On' }
            : {}),
        },
        { kind, dynamic },
      );
      return group.props.id as string;
    },
    async configure(patch = {}) {
      const res = await call(w.app, w.admin, 'PUT', `/api/customers/${w.customerId}/onboarding`, {
        tenantId: w.s.tenantId,
        allowedDomains: [domain],
        naming: { format: 'firstname.lastname' },
        ...patch,
      });
      expect(res.statusCode, res.body).toBe(200);
    },
    async settledRequest(id, until) {
      const done = until ?? ((r: RequestDetail) => !['awaitingApproval', 'inProgress'].includes(r.status));
      const deadline = Date.now() + 60_000;
      for (;;) {
        const res = await call(w.app, w.admin, 'GET', `/api/requests/${id}`);
        expect(res.statusCode, res.body).toBe(200);
        const request = res.json() as RequestDetail;
        if (done(request)) return request;
        if (Date.now() > deadline) throw new Error(`request ${id} still ${request.status}: ${res.body}`);
        await sleep(100);
      }
    },
    usersNamed(upn) {
      return [...w.tenant().users.values()]
        .filter((u) => String(u.props.userPrincipalName).toLowerCase() === upn.toLowerCase())
        .map((u) => ({ id: String(u.props.id), props: u.props }));
    },
    membersOf(groupId) {
      return new Set(w.tenant().groups.get(groupId)!.members.keys());
    },
  };
}
