import { performance } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import type { DirectoryUser, PlanDeskAgent, PlanDeskUser } from '../../contracts/entra/index.js';
import { planAgentImport } from './agent-plan.js';
import { TENANT, config, dirUser, mapping, site } from './testing/fixtures.js';
import { planUserImport } from './user-plan.js';

const CITIES = Array.from({ length: 200 }, (_, i) => `City ${i}`);

/** One tenant of `size` users: most linked, some to adopt by email, a few new, a few disabled. */
function estate(size: number) {
  const directory: DirectoryUser[] = Array.from({ length: size }, (_, i) =>
    dirUser(`u${i}`, {
      displayName: `Person ${i}`,
      managerId: i % 10 === 0 ? null : `u${i - (i % 10)}`,
      groups: i % 3 === 0 ? ['Loc-London', 'Approvers'] : ['Staff'],
      accountEnabled: i % 97 !== 0,
      fields: {
        mail: `p${i}@contoso.example`,
        department: i % 7 === 0 ? 'Sales' : 'IT',
        city: CITIES[i % CITIES.length]!,
      },
    }),
  );
  const users: PlanDeskUser[] = directory.map((u, i) => ({
    id: `d${i}`,
    customerId: 'cust',
    siteId: 's-main',
    tenantId: i % 10 < 8 ? TENANT : null,
    entraObjectId: i % 10 < 8 ? u.id : null,
    inactive: false,
    values: { displayName: u.displayName, email: i % 10 === 9 ? null : u.fields['mail']!, department: 'IT' },
    roleIds: ['r-site'],
  }));
  const sites = [
    site('s-main', 'cust', 'Main'),
    site('s-london', 'cust', 'London'),
    ...CITIES.slice(0, 100).map((c, i) => site(`s-c${i}`, 'cust2', c)),
  ];
  return { directory, users, sites };
}

const cfg = config({
  siteMappings: [
    mapping.existingSite({
      id: 'london',
      sequence: 1,
      siteId: 's-london',
      groupName: 'Loc-London',
      userRoleId: 'r-site',
    }),
    mapping.customerByField({
      id: 'cities',
      sequence: 2,
      customerId: 'cust2',
      siteNameField: 'city',
      filter: {
        combinator: 'and',
        criteria: [{ entraField: 'department', operator: 'equals', value: 'Sales' }],
      },
    }),
    mapping.existingSite({ id: 'rest', sequence: 3, siteId: 's-main', userRoleId: 'r-site' }),
    mapping.agent({ id: 'agents', sequence: 4, groupName: 'Staff' }),
  ],
  groupMappings: {
    agentRoles: [{ groupName: 'Staff', roleId: 'r-agent' }],
    userRoles: [{ groupName: 'Approvers', roleId: 'r-approve' }],
    teams: [{ groupName: 'Staff', teamId: 't1' }],
    cabs: [],
  },
  users: { roleForUsersWithNoManagerId: 'r-senior' },
  matching: { fields: ['email', 'userPrincipalName'] },
});

/** Best of a few runs, so one slow run on a busy machine does not decide. */
function fastest(run: () => unknown, times = 3): number {
  let best = Infinity;
  for (let i = 0; i < times; i++) {
    const start = performance.now();
    run();
    best = Math.min(best, performance.now() - start);
  }
  return best;
}

/*
 * Machines are noisy (design, section 7): instead of an absolute time, planning 50k users must
 * cost about five times planning 10k. A quadratic step would make it twenty-five times.
 */
const LINEAR_LIMIT = 10;

describe('planning scales linearly up to 50k users of one tenant', () => {
  const small = estate(10_000);
  const large = estate(50_000);
  const userInput = (e: ReturnType<typeof estate>) => ({
    config: cfg,
    directory: e.directory,
    desk: { users: e.users, sites: e.sites },
    tenantIds: [TENANT],
    mode: 'full' as const,
  });
  const agentInput = (e: ReturnType<typeof estate>) => ({
    config: cfg,
    directory: e.directory,
    desk: {
      agents: e.users.map((u): PlanDeskAgent => ({ ...u, licenceType: 'concurrent', teams: [], cabs: [] })),
      teams: [{ id: 't1', name: 'Staff' }],
    },
    tenantIds: [TENANT],
    mode: 'full' as const,
    trigger: 'scheduled' as const,
  });

  it('desk users', () => {
    const plan = planUserImport(userInput(large));
    expect(plan.users.length).toBeGreaterThanOrEqual(50_000);
    expect(plan.summary.created + plan.summary.updated + plan.summary.unchanged).toBeGreaterThan(45_000);
    const ratio =
      fastest(() => planUserImport(userInput(large)), 2) / fastest(() => planUserImport(userInput(small)));
    expect(ratio).toBeLessThan(LINEAR_LIMIT);
  });

  it('agents', () => {
    const [smallInput, largeInput] = [agentInput(small), agentInput(large)];
    expect(planAgentImport(largeInput).agents.length).toBeGreaterThanOrEqual(50_000);
    const ratio = fastest(() => planAgentImport(largeInput), 2) / fastest(() => planAgentImport(smallInput));
    expect(ratio).toBeLessThan(LINEAR_LIMIT);
  });
});
