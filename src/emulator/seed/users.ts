import type { GraphProps } from '../state/types.js';
import { licencesFor, type LicencePlan } from './licensing.js';
import { DEPARTMENTS, EXECUTIVE, TEAM_SPAN, type Department } from './org.js';
import { drawName, personAlias, uniqueAlias, type RecentNames } from './people.js';
import { addAccounts } from './accounts.js';
import { applyOnPremises, applyPerson, blankUser, signInActivity } from './user-props.js';
import type { TenantBuild } from './tenant-build.js';

/** Share of members (not leavers) without usageLocation: they cannot be licensed. */
const NO_USAGE_LOCATION = 0.04;
/** Share of members nobody set a manager for. */
const NO_MANAGER = 0.03;
/** Share of hybrid tenants' people synced from AD (the rest are cloud-only). */
const SYNCED_SHARE = 0.85;
/** Share of leavers (disabled accounts) that still hold their licences. */
const LEAVER_KEEPS_LICENCE = 0.5;
/** Share of members who never signed in (new starters, the odd dormant account). */
const NEVER_SIGNED_IN = 0.05;

const DEPARTMENT_WEIGHTS = DEPARTMENTS.map((d) => [d, d.weight] as const);

/** What later generators (groups, devices) need to know about the people created. */
export interface SeededPeople {
  /** Enabled members (people, not service accounts or shared mailboxes). */
  members: string[];
  leavers: string[];
  guests: string[];
  service: string[];
  shared: string[];
  byDepartment: Map<string, string[]>;
  byOffice: Map<string, string[]>;
  managers: Set<string>;
}

interface DepartmentState {
  head: string | null;
  lead: string | null;
  size: number;
}

/** How many of each kind of account a tenant of `total` users has; the kinds sum to `total`. */
export function userMix(total: number) {
  const some = (share: number, min: number, max: number) =>
    total < 8 ? 0 : Math.min(max, Math.max(min, Math.round(total * share)));
  const guests = some(0.05, 1, Number.MAX_SAFE_INTEGER);
  const service = some(0.012, 1, 6);
  const shared = some(0.02, 1, 7);
  const people = total - guests - service - shared;
  const leavers = total < 8 ? 0 : Math.max(1, Math.round(people * 0.04));
  return { guests, service, shared, leavers, members: people - leavers };
}

/** Creates a tenant's people: a CEO, department heads and team leads, staff, leavers, and the odd accounts. */
export function seedUsers(build: TenantBuild, plan: LicencePlan, total: number): SeededPeople {
  const mix = userMix(total);
  const out: SeededPeople = {
    members: [],
    leavers: [],
    guests: [],
    service: [],
    shared: [],
    byDepartment: new Map(),
    byOffice: new Map(),
    managers: new Set(),
  };
  const recent: RecentNames = [];
  const departments = new Map<string, DepartmentState>();
  let ceo: string | null = null;
  const people = mix.members + mix.leavers;
  for (let i = 0; i < people; i += 1) {
    const leaver = i >= mix.members;
    const dept: Department | null = i === 0 ? null : build.random.weighted(DEPARTMENT_WEIGHTS);
    const state = dept ? (departments.get(dept.name) ?? { head: null, lead: null, size: 0 }) : null;
    if (dept && state) departments.set(dept.name, state);
    const role = !dept ? 'ceo' : !state!.head ? 'head' : state!.size % TEAM_SPAN === 1 ? 'lead' : 'staff';
    const id = build.random.guid();
    const props = person(build, recent, id, dept, role, leaver, plan);
    const user = build.estate.addUser(build.tenant, props, { silent: true });
    const managerId =
      role === 'ceo'
        ? null
        : role === 'head'
          ? ceo
          : role === 'lead'
            ? state!.head
            : (state!.lead ?? state!.head);
    if (managerId && !build.random.chance(NO_MANAGER)) {
      build.estate.setManager(build.tenant, id, managerId, { silent: true });
      out.managers.add(managerId);
    }
    if (role === 'ceo') ceo = id;
    if (state) {
      if (role === 'head') state.head = id;
      if (role === 'lead') state.lead = id;
      state.size += 1;
    }
    const department = String(user.props.department);
    (leaver ? out.leavers : out.members).push(id);
    if (!leaver) {
      pushTo(out.byDepartment, department, id);
      pushTo(out.byOffice, String(user.props.officeLocation), id);
    }
  }
  addAccounts(build, mix, out, plan.sharedMailbox?.skuId ?? null);
  return out;
}

function pushTo(map: Map<string, string[]>, key: string, id: string) {
  const list = map.get(key);
  if (list) list.push(id);
  else map.set(key, [id]);
}

function person(
  build: TenantBuild,
  recent: RecentNames,
  id: string,
  dept: Department | null,
  role: 'ceo' | 'head' | 'lead' | 'staff',
  leaver: boolean,
  plan: LicencePlan,
): GraphProps {
  const { random } = build;
  const props = blankUser(id);
  const name = drawName(build, recent);
  const office = random.chance(0.7) ? build.offices[0]! : random.pick(build.offices);
  applyPerson(build, props, name, uniqueAlias(build, personAlias(name)), office);
  props.department = dept?.name ?? EXECUTIVE.name;
  props.jobTitle =
    role === 'ceo'
      ? EXECUTIVE.ceo
      : role === 'head'
        ? dept!.head
        : role === 'lead'
          ? dept!.lead
          : random.pick(dept!.titles);
  props.usageLocation = random.chance(NO_USAGE_LOCATION) ? null : office.country;
  props.accountEnabled = !leaver;
  props.signInActivity = random.chance(NEVER_SIGNED_IN)
    ? null
    : leaver
      ? signInActivity(build, 45, 400)
      : signInActivity(build, 0, 21);
  if (build.onPremises && random.chance(SYNCED_SHARE))
    applyOnPremises(build, props, `CC-${random.int(100, 999)}`);
  const licensable = props.usageLocation !== null && (!leaver || random.chance(LEAVER_KEEPS_LICENCE));
  if (licensable) {
    props.assignedLicenses = licencesFor(build, plan, {
      department: String(props.department),
      frontline: dept?.frontline ?? false,
      executive: role === 'ceo' || role === 'head',
    });
  }
  return props;
}
