/**
 * The HR benchmark's population (issue 9): persons and business rules generated from a seed, so
 * every run measures the same estate. Names carry accents; ~40 departments, ~200 titles, 10
 * locations, cost centres, managers among the persons, one or two contracts, a few future
 * starters and a few leavers with past end dates.
 */
import type { HrContract, HrPerson } from '../../src/contracts/hr/person.js';
import { hrRuleSetSchema, type HrRuleSet } from '../../src/contracts/hr/rules.js';
import { createRng } from '../../src/emulator/ids.js';

/** The emulator's seeded generator (mulberry32): the same seed, the same population. */
export const seededRandom = createRng;

const FIRST = [
  'Zoë', 'José', 'Renée', 'Björn', 'Chloé', 'François', 'Inès', 'Jürgen', 'Léa', 'Mátyás',
  'Noémie', 'Søren', 'Åsa', 'Çağla', 'Émile', 'Anaïs', 'Ada', 'Ben', 'Cleo', 'Dev',
  'Erin', 'Finn', 'Gail', 'Hugo', 'Iris', 'Jude', 'Kai', 'Lena', 'Milo', 'Nora',
  'Omar', 'Pia', 'Quinn', 'Rosa', 'Sami', 'Tess', 'Uma', 'Vera', 'Wade', 'Yara',
]; // prettier-ignore
const LAST = [
  'Müller', 'Núñez', 'Ødegård', 'Lefèvre', 'Østergaard', 'Sánchez', 'Dvořák', 'Kováč', 'Gonçalves', 'Şahin',
  'Archer', 'Baker', 'Carter', 'Dalton', 'Ellis', 'Foster', 'Grant', 'Hayes', 'Irving', 'Jones',
  'Keller', 'Lambert', 'Moreau', 'Nolan', 'Olsen', 'Price', 'Quint', 'Reyes', 'Stone', 'Turner',
  'Usher', 'Vance', 'Walsh', 'Young', 'Zeller', 'Bérard', 'Côté', 'Dupré', 'Fabré', 'Gérard',
  'Hölzl', 'Ibáñez', 'Jäger', 'Krüger', 'Löw', 'Mäkelä', 'Novák', 'Öztürk', 'Pérez', 'Ruíz',
]; // prettier-ignore
const DEPARTMENT_ROOTS = [
  'Sales',
  'Finance',
  'Engineering',
  'Operations',
  'Marketing',
  'Legal',
  'Support',
  'Logistics',
];
const DEPARTMENT_KINDS = ['North', 'South', 'Central', 'Digital', 'Field'];
/** 8 × 5 = 40 departments. */
export const DEPARTMENTS = DEPARTMENT_ROOTS.flatMap((r) => DEPARTMENT_KINDS.map((k) => `${r} ${k}`));
const LEVELS = ['Junior', 'Senior', 'Lead', 'Principal', 'Associate'];
const ROLES = [
  'Analyst', 'Engineer', 'Manager', 'Consultant', 'Specialist', 'Coordinator', 'Designer', 'Advisor',
  'Accountant', 'Planner', 'Architect', 'Officer', 'Administrator', 'Technician', 'Buyer', 'Recruiter',
  'Editor', 'Auditor', 'Trainer', 'Controller', 'Developer', 'Scientist', 'Writer', 'Agent',
  'Strategist', 'Negotiator', 'Dispatcher', 'Inspector', 'Producer', 'Researcher', 'Surveyor',
  'Counsel', 'Steward', 'Curator', 'Operator', 'Mechanic', 'Chemist', 'Economist', 'Lecturer', 'Pilot',
]; // prettier-ignore
/** 5 × 40 = 200 titles. */
export const TITLES = LEVELS.flatMap((l) => ROLES.map((r) => `${l} ${r}`));
export const LOCATIONS = [
  'London',
  'Paris',
  'Zürich',
  'München',
  'København',
  'Lisboa',
  'Kraków',
  'Dublin',
  'Göteborg',
  'Málaga',
];

export const addDays = (day: string, days: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

const pick = <T>(random: () => number, list: readonly T[]): T => list[Math.floor(random() * list.length)]!;

function contract(
  random: () => number,
  id: string,
  today: string,
  managerEmployeeId: string | null,
): HrContract {
  const department = pick(random, DEPARTMENTS);
  return {
    id,
    department,
    title: pick(random, TITLES),
    costCentre: `CC-${department.slice(0, 3).toUpperCase()}-${Math.floor(random() * 20) + 100}`,
    location: pick(random, LOCATIONS),
    company: 'Rollcall Bench Ltd',
    employeeType: random() < 0.9 ? 'employee' : 'contractor',
    managerEmployeeId,
    startDate: addDays(today, -1 - Math.floor(random() * 3000)),
    endDate: null,
  };
}

/**
 * Single surnames and double-barrelled ones (2,550 in all): with 40 first names, most name pairs
 * are unique and a few repeat, as in a real company (so the address fallbacks are used, rarely).
 */
function surname(random: () => number): string {
  const n = Math.floor(random() * LAST.length * (LAST.length + 1));
  return n < LAST.length ? LAST[n]! : `${LAST[Math.floor(n / LAST.length) - 1]!}-${LAST[n % LAST.length]!}`;
}

export const employeeIdOf = (n: number) => `E${String(n).padStart(6, '0')}`;

/**
 * Person `n`: the first 1% are managers of everyone else (and have none); 0.5% start in the
 * future, 0.5% have left (end date in the past), 10% have a second contract.
 */
export function generatePerson(random: () => number, n: number, total: number, today: string): HrPerson {
  const managers = Math.max(1, Math.floor(total / 100));
  const managerEmployeeId = n < managers ? null : employeeIdOf(Math.floor(random() * managers));
  const first = contract(random, '1', today, managerEmployeeId);
  const roll = random();
  if (roll < 0.005) {
    first.startDate = addDays(today, 1 + Math.floor(random() * 60));
  } else if (roll < 0.01) {
    first.endDate = addDays(today, -1 - Math.floor(random() * 20));
    if (first.endDate < first.startDate) first.startDate = addDays(first.endDate, -100);
  }
  const contracts = [first];
  if (roll > 0.9 && first.endDate === null) {
    const second = contract(random, '2', today, managerEmployeeId);
    second.startDate = addDays(today, -1 - Math.floor(random() * 300));
    contracts.push(second);
  }
  return {
    employeeId: employeeIdOf(n),
    givenName: pick(random, FIRST),
    surname: surname(random),
    preferredName: null,
    middleName: null,
    displayName: null,
    personalEmail: null,
    mobilePhone: null,
    contracts,
    custom: {},
  };
}

export function generatePersons(count: number, today: string, seed = 9): HrPerson[] {
  const random = seededRandom(seed);
  return Array.from({ length: count }, (_, n) => generatePerson(random, n, count, today));
}

const guid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

/**
 * `count` rules (50 by default): one account rule for everyone, 3 dynamic-group rules
 * (Dept-{department}, Loc-{location}, Dept-{department}-{location}... kept to two tokens), 3
 * licence rules, and static-group rules (equals / in / startsWith on department, title and
 * location) for the rest. The last rules are the ones a draft adds to the published set.
 */
export function generateRules(count: number, skuIds: readonly string[]): HrRuleSet {
  const rules: unknown[] = [
    { id: guid(1), name: 'Everyone gets an account', entitlements: [{ kind: 'account' }] },
    {
      id: guid(2),
      name: 'Department groups',
      dynamicGroups: [{ template: 'Dept-{department}', createMissing: true }],
    },
    {
      id: guid(3),
      name: 'Location groups',
      dynamicGroups: [{ template: 'Loc-{location}', createMissing: true }],
    },
    {
      id: guid(4),
      name: 'Employee type groups',
      dynamicGroups: [{ template: 'Type-{employeeType}', createMissing: true }],
    },
    {
      id: guid(5),
      name: 'Business Premium for Sales and Support',
      conditions: [{ field: 'department', operator: 'startsWith', values: ['Sales', 'Support'] }],
      entitlements: [{ kind: 'licence', skuId: skuIds[0], name: '' }],
    },
    {
      id: guid(6),
      name: 'EMS for employees',
      conditions: [{ field: 'employeeType', operator: 'equals', values: ['employee'] }],
      entitlements: [{ kind: 'licence', skuId: skuIds[1] ?? skuIds[0], name: '' }],
    },
    {
      id: guid(7),
      name: 'Business Premium for leads',
      conditions: [{ field: 'title', operator: 'startsWith', values: ['Lead', 'Principal'] }],
      entitlements: [{ kind: 'licence', skuId: skuIds[0], name: '' }],
    },
  ];
  for (let i = rules.length; i < count; i += 1) {
    const n = i - 7;
    const shape = n % 3;
    const conditions =
      shape === 0
        ? [{ field: 'department', operator: 'equals', values: [DEPARTMENTS[n % DEPARTMENTS.length]] }]
        : shape === 1
          ? [
              { field: 'title', operator: 'startsWith', values: [LEVELS[n % LEVELS.length]] },
              { field: 'location', operator: 'in', values: [LOCATIONS[n % 10], LOCATIONS[(n + 3) % 10]] },
            ]
          : [{ field: 'title', operator: 'in', values: TITLES.filter((_, t) => t % 37 === n % 37) }];
    rules.push({
      id: guid(i + 1),
      name: `Static group ${n + 1}`,
      conditions,
      entitlements: [{ kind: 'group', name: `Static Group ${n + 1}` }],
    });
  }
  return hrRuleSetSchema.parse(rules);
}

/** Every group name a dynamic rule can make from the generated values. */
export function dynamicGroupNames(): string[] {
  return [
    ...DEPARTMENTS.map((d) => `Dept-${d}`),
    ...LOCATIONS.map((l) => `Loc-${l}`),
    ...['employee', 'contractor'].map((t) => `Type-${t}`),
  ];
}
