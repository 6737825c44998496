import type { MemberType } from '../state/types.js';
import { groupProps, nicknameOf, type GroupSpec } from './group-props.js';
import type { TenantBuild } from './tenant-build.js';
import type { SeededPeople } from './users.js';

const USER: MemberType = '#microsoft.graph.user';
const GROUP: MemberType = '#microsoft.graph.group';

const PROJECTS = [
  'Project Atlas',
  'Office Move 2026',
  'Social Club',
  'Board',
  'Product Launch',
  'Sustainability',
];

/**
 * The groups customers really have: an all-company Microsoft 365 group, department and location
 * security groups (synced from AD in hybrid tenants), nested groups, mail-enabled security groups,
 * distribution lists, dynamic groups (one paused), project groups with guests, a role-assignable group.
 */
export function seedGroups(build: TenantBuild, people: SeededPeople): void {
  const { estate, tenant, random } = build;
  const nicknames = new Set<string>();
  const add = (spec: GroupSpec, members: Iterable<string>, type: MemberType = USER): string => {
    let nickname = nicknameOf(spec.displayName) || 'group';
    for (let n = 2; nicknames.has(nickname); n += 1) nickname = `${nicknameOf(spec.displayName)}${n}`;
    nicknames.add(nickname);
    const id = random.guid();
    estate.addGroup(
      tenant,
      groupProps(build, id, spec, nickname),
      { kind: spec.kind, dynamic: !!spec.rule },
      { silent: true },
    );
    for (const member of members) estate.addMember(tenant, id, member, type, { silent: true });
    return id;
  };
  const hybrid = build.onPremises !== null;

  add(
    { displayName: 'All Company', description: 'Everyone in the organisation', kind: 'm365', team: true },
    people.members,
  );

  const departmentGroups: string[] = [];
  for (const [department, ids] of people.byDepartment) {
    const name = hybrid ? `GG-${department.replace(/\s+/g, '')}` : `SG-${department}`;
    departmentGroups.push(
      add(
        { displayName: name, description: `${department} department`, kind: 'security', synced: hybrid },
        ids,
      ),
    );
  }
  add(
    { displayName: 'SG-All-Departments', description: 'All department groups', kind: 'security' },
    departmentGroups,
    GROUP,
  );

  for (const [office, ids] of people.byOffice) {
    const city = office.replace(/ HQ$/, '');
    add({ displayName: `Loc-${city}`, description: `Staff based in ${city}`, kind: 'security' }, ids);
  }

  const managers = add(
    { displayName: 'SG-Managers', description: 'People with direct reports', kind: 'security' },
    people.managers,
  );
  const leadership = add(
    { displayName: 'SG-Leadership', description: 'Leadership team', kind: 'security' },
    [],
  );
  estate.addMember(tenant, leadership, managers, GROUP, { silent: true });
  if (people.members[0]) estate.addMember(tenant, leadership, people.members[0], USER, { silent: true });

  const finance = people.byDepartment.get('Finance') ?? [];
  add(
    { displayName: 'Finance Approvers', description: 'Approves purchase orders', kind: 'mailSecurity' },
    finance.slice(0, Math.max(1, Math.ceil(finance.length / 3))),
  );
  add(
    { displayName: 'DL-Everyone', description: 'Company announcements', kind: 'distribution' },
    people.members,
  );
  add(
    { displayName: 'DL-Managers', description: 'Managers mailing list', kind: 'distribution' },
    people.managers,
  );

  const member = (id: string) => tenant.users.get(id)!.props;
  add(
    {
      displayName: 'Dyn-All-Members',
      description: 'Every enabled member account',
      kind: 'security',
      rule: '(user.userType -eq "Member") and (user.accountEnabled -eq true)',
    },
    [...people.members, ...people.service.filter((id) => member(id).accountEnabled === true)],
  );
  add(
    {
      displayName: 'Dyn-Sales',
      description: 'Sales team',
      kind: 'm365',
      rule: '(user.department -eq "Sales")',
    },
    people.byDepartment.get('Sales') ?? [],
  );
  add(
    {
      displayName: 'Dyn-Contractors',
      description: 'Contractors (rule paused during review)',
      kind: 'security',
      rule: '(user.employeeType -eq "Contractor")',
      paused: true,
    },
    people.members.filter((id) => member(id).employeeType === 'Contractor'),
  );

  const projects = Math.min(PROJECTS.length, 1 + Math.floor(people.members.length / 40));
  for (let i = 0; i < projects; i += 1) {
    const size = Math.min(people.members.length, random.int(3, 15));
    const picked = new Set<string>();
    while (picked.size < size) picked.add(random.pick(people.members));
    if (people.guests.length > 0 && random.chance(0.6)) picked.add(random.pick(people.guests));
    add({ displayName: PROJECTS[i]!, description: `${PROJECTS[i]} team`, kind: 'm365', team: true }, picked);
  }

  add(
    {
      displayName: 'Helpdesk Admins',
      description: 'Assigned the Helpdesk Administrator role',
      kind: 'security',
      roleAssignable: true,
    },
    (people.byDepartment.get('IT') ?? []).slice(0, 4),
  );
  if (people.guests.length > 0) {
    add({ displayName: 'External Collaborators', description: 'Guests', kind: 'security' }, people.guests);
  }
}
