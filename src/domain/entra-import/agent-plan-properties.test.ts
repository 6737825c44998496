import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PlanDeskAgent } from '../../contracts/entra/index.js';
import { planAgentImport, type AgentPlanInput } from './agent-plan.js';
import { applyAgentPlanToDesk } from './apply-plan.js';
import { TEAMS, TENANTS, deskAgents, directory } from './testing/estate-arbitraries.js';
import { importConfig } from './testing/config-arbitraries.js';
import { counterIds } from './testing/fixtures.js';
import {
  activeLinked,
  missing,
  oneRecordPerUser,
  shuffle,
  valueDifferences,
  writes,
} from './testing/properties.js';
import { entraKey } from './text.js';

const mode = fc.constantFrom('full' as const, 'partial' as const);
const trigger = fc.constantFrom('manual' as const, 'scheduled' as const);
const input = (
  config: AgentPlanInput['config'],
  dir: AgentPlanInput['directory'],
  agents: readonly PlanDeskAgent[],
  m: AgentPlanInput['mode'],
  t: AgentPlanInput['trigger'],
): AgentPlanInput => ({
  config,
  directory: dir,
  desk: { agents, teams: TEAMS },
  tenantIds: [...TENANTS],
  mode: m,
  trigger: t,
});
const cabsOf = (a: PlanDeskAgent) => a.cabs.map((c) => `${c.cabId}:${c.cabRoleId}`);

describe('agent plan properties', () => {
  it('planning again after applying plans nothing', () => {
    fc.assert(
      fc.property(importConfig(), directory, deskAgents, mode, trigger, (config, dir, agents, m, t) => {
        const first = planAgentImport(input(config, dir, agents, m, t));
        const desk = applyAgentPlanToDesk({ agents }, first, counterIds());
        expect(writes(planAgentImport(input(config, dir, desk.agents, m, t)).agents)).toEqual([]);
      }),
      { numRuns: 400 },
    );
  });

  it('does not depend on the order of the directory, the desk or the mappings', () => {
    fc.assert(
      fc.property(
        importConfig(),
        directory,
        deskAgents,
        mode,
        trigger,
        fc.nat(),
        (config, dir, agents, m, t, seed) => {
          const plan = planAgentImport(input(config, dir, agents, m, t));
          const shuffled = planAgentImport({
            ...input(
              { ...config, siteMappings: shuffle(config.siteMappings, seed) },
              shuffle(dir, seed + 1),
              shuffle(agents, seed + 2),
              m,
              t,
            ),
            desk: { agents: shuffle(agents, seed + 2), teams: shuffle(TEAMS, seed + 3) },
            tenantIds: shuffle(TENANTS, seed + 4),
          });
          expect(JSON.stringify(shuffled)).toBe(JSON.stringify(plan));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('no Entra user ever yields two agents, and no agent is claimed twice', () => {
    fc.assert(
      fc.property(importConfig(), directory, deskAgents, mode, trigger, (config, dir, agents, m, t) => {
        const plan = planAgentImport(input(config, dir, agents, m, t));
        const after = applyAgentPlanToDesk({ agents }, plan, counterIds());
        const keys = dir.map((u) => entraKey(u.tenantId, u.id));
        expect(oneRecordPerUser(keys, plan.agents, agents, after.agents)).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it('successive runs over changing directories converge to what one run on a fresh desk gives', () => {
    fc.assert(
      fc.property(
        importConfig(true),
        fc.array(directory, { minLength: 1, maxLength: 4 }),
        trigger,
        (config, directories, t) => {
          const ids = counterIds();
          let desk = { agents: [] as PlanDeskAgent[] };
          for (const dir of directories)
            desk = applyAgentPlanToDesk(
              desk,
              planAgentImport(input(config, dir, desk.agents, 'full', t)),
              ids,
            );
          const last = directories[directories.length - 1]!;
          const fresh = applyAgentPlanToDesk(
            { agents: [] },
            planAgentImport(input(config, last, [], 'full', t)),
            counterIds(),
          );

          const incremental = activeLinked(desk.agents);
          const once = activeLinked(fresh.agents);
          expect([...incremental.keys()].sort()).toEqual([...once.keys()].sort());
          const { fullRoleManagement, licenceManagement } = config.agents;
          for (const [key, agent] of once) {
            const other = incremental.get(key)!;
            expect(valueDifferences(agent.values, other.values), key).toEqual([]);
            if (fullRoleManagement) expect(other.roleIds, key).toEqual(agent.roleIds);
            else expect(missing(agent.roleIds, other.roleIds), key).toEqual([]);
            if (fullRoleManagement && licenceManagement.enabled)
              expect(other.licenceType, key).toBe(agent.licenceType);
            expect(
              missing(
                agent.teams.map((x) => x.teamId),
                other.teams.map((x) => x.teamId),
              ),
              key,
            ).toEqual([]);
            expect(missing(cabsOf(agent), cabsOf(other)), key).toEqual([]);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
