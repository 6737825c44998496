import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PlanDeskUser } from '../../contracts/entra/index.js';
import { applyUserPlanToDesk } from './apply-plan.js';
import { SITES, TENANTS, deskUsers, directory } from './testing/estate-arbitraries.js';
import { importConfig } from './testing/config-arbitraries.js';
import { counterIds } from './testing/fixtures.js';
import {
  activeLinked,
  missing,
  oneRecordPerUser,
  shuffle,
  siteKey,
  valueDifferences,
  writes,
} from './testing/properties.js';
import { entraKey } from './text.js';
import { planUserImport, type UserPlanInput } from './user-plan.js';

const mode = fc.constantFrom('full' as const, 'partial' as const);
const input = (
  config: UserPlanInput['config'],
  dir: UserPlanInput['directory'],
  users: readonly PlanDeskUser[],
  m: UserPlanInput['mode'],
): UserPlanInput => ({
  config,
  directory: dir,
  desk: { users, sites: SITES },
  tenantIds: [...TENANTS],
  mode: m,
});

describe('user plan properties', () => {
  it('planning again after applying plans nothing', () => {
    fc.assert(
      fc.property(importConfig(), directory, deskUsers, mode, (config, dir, users, m) => {
        const first = planUserImport(input(config, dir, users, m));
        const desk = applyUserPlanToDesk({ users, sites: SITES }, first, counterIds());
        const second = planUserImport({ ...input(config, dir, desk.users, m), desk });
        expect(writes(second.users)).toEqual([]);
        expect(second.newSites).toEqual([]);
      }),
      { numRuns: 400 },
    );
  });

  it('does not depend on the order of the directory, the desk or the mappings', () => {
    fc.assert(
      fc.property(importConfig(), directory, deskUsers, mode, fc.nat(), (config, dir, users, m, seed) => {
        const plan = planUserImport(input(config, dir, users, m));
        const shuffled = planUserImport({
          config: { ...config, siteMappings: shuffle(config.siteMappings, seed) },
          directory: shuffle(dir, seed + 1).map((u) => ({ ...u, groups: shuffle(u.groups, seed + 2) })),
          desk: { users: shuffle(users, seed + 3), sites: shuffle(SITES, seed + 4) },
          tenantIds: shuffle(TENANTS, seed + 5),
          mode: m,
        });
        expect(JSON.stringify(shuffled)).toBe(JSON.stringify(plan));
      }),
      { numRuns: 300 },
    );
  });

  it('no Entra user ever yields two desk records, and no record is claimed twice', () => {
    fc.assert(
      fc.property(importConfig(), directory, deskUsers, mode, (config, dir, users, m) => {
        const plan = planUserImport(input(config, dir, users, m));
        const after = applyUserPlanToDesk({ users, sites: SITES }, plan, counterIds());
        const keys = dir.map((u) => entraKey(u.tenantId, u.id));
        expect(oneRecordPerUser(keys, plan.users, users, after.users)).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it('successive runs over changing directories converge to what one run on a fresh desk gives', () => {
    fc.assert(
      fc.property(
        importConfig(true),
        fc.array(directory, { minLength: 1, maxLength: 4 }),
        (config, directories) => {
          const ids = counterIds();
          let desk = { users: [] as PlanDeskUser[], sites: SITES };
          for (const dir of directories)
            desk = applyUserPlanToDesk(
              desk,
              planUserImport({ ...input(config, dir, desk.users, 'full'), desk }),
              ids,
            );
          const last = directories[directories.length - 1]!;
          const fresh = applyUserPlanToDesk(
            { users: [], sites: SITES },
            planUserImport(input(config, last, [], 'full')),
            counterIds(),
          );

          const incremental = activeLinked(desk.users);
          const once = activeLinked(fresh.users);
          expect([...incremental.keys()].sort()).toEqual([...once.keys()].sort());
          for (const [key, record] of once) {
            const other = incremental.get(key)!;
            expect(siteKey(desk.sites, other.siteId), key).toBe(siteKey(fresh.sites, record.siteId));
            expect(valueDifferences(record.values, other.values), key).toEqual([]);
            expect(missing(record.roleIds, other.roleIds), key).toEqual([]);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
