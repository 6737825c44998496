import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRng } from '../../../src/emulator/ids.js';
import type { FaultRuleInput } from '../../../src/emulator/faults/rules.js';
import type { TenantRecord } from '../../../src/emulator/state/types.js';
import {
  checkpointOf,
  deskSnapshot,
  emulatorConfig,
  givenDeltaScenario,
  runImport,
  type DeltaContext,
  type DeltaScenario,
  startDeltaContext,
} from './delta-fixtures.js';

/**
 * Chaos (design §7): two emulated tenants with the same people and groups get the same seeded
 * changes, round after round. Tenant A is read without faults; tenant B through throttling (429
 * with Retry-After), 500s, 503s, connection resets, latency, dead delta tokens and expired page tokens. B's delta run is run again until it
 * succeeds — a failed run must leave the desk and the checkpoint as they were — and after every
 * round both desks must be the same, person for person. Both tenants' delta rounds have small pages
 * and replays; at the end the fault-free desk must also be what a full read gives.
 */

const USER = '#microsoft.graph.user';
const GROUP = '#microsoft.graph.group';
const PEOPLE = 40;
const ROUNDS = 8;
const MAX_ATTEMPTS = 25;

let ctx: DeltaContext;

beforeAll(async () => {
  ctx = await startDeltaContext();
  // Small pages make more requests for the faults to land on; replays make both twins' rounds untidy.
  await emulatorConfig(ctx, {
    graph: {
      deltaPageSize: 4,
      deltaMembersPerPage: 3,
      listPageCap: 5,
      deltaReplays: { duplicateProbability: 0.3, nextRoundProbability: 0.3 },
    },
  });
});
afterAll(async () => {
  ctx?.world.emu.faults.clear();
  await ctx?.close();
});

/** B's faults: Graph only (tokens are not the point), scoped to B's tenant, drawn from the emulator's seed. */
function faultsFor(tenantId: string): FaultRuleInput[] {
  const graph = { service: 'graph' as const, tenantId };
  return [
    // Now and then a dead token (the run falls back to a full read) or an expired page (the round starts again).
    {
      ...graph,
      route: 'GET /users/delta',
      action: { type: 'status', status: 410, code: 'syncStateNotFound' },
      probability: 0.05,
    },
    {
      ...graph,
      route: 'GET /groups/delta',
      action: { type: 'status', status: 400, code: 'Directory_ExpiredPageToken' },
      probability: 0.06,
    },
    { ...graph, action: { type: 'status', status: 429, retryAfterSeconds: 0 }, probability: 0.08 },
    { ...graph, action: { type: 'status', status: 429, retryAfterSeconds: 1 }, probability: 0.01 },
    { ...graph, action: { type: 'status', status: 503, retryAfterSeconds: 0 }, probability: 0.05 },
    { ...graph, action: { type: 'status', status: 500 }, probability: 0.06 },
    { ...graph, action: { type: 'reset' }, probability: 0.02 },
    { ...graph, action: { type: 'latency', ms: 15 }, probability: 0.1 },
  ];
}

/** Person number of a desk user (the scenarios' ids end in it), and UPNs without the tenant's domain. */
async function normalised(d: DeltaScenario) {
  return (await deskSnapshot(ctx, d))
    .map((row) => ({
      ...row,
      entraObjectId: Number(row.entraObjectId!.slice(-12)),
      userPrincipalName: row.userPrincipalName?.split('@')[0] ?? null,
    }))
    .sort((a, b) => a.entraObjectId - b.entraObjectId);
}

interface Twin {
  d: DeltaScenario;
  tenant(): TenantRecord;
  north: string;
}

describe('delta runs under injected faults', () => {
  let a: Twin;
  let b: Twin;
  const failures: string[] = [];
  /** How B's successful runs read (a dead token makes one read in full). */
  const modes: string[] = [];

  const twin = async (label: string): Promise<Twin> => {
    const d = await givenDeltaScenario(ctx, label);
    const tenant = () => ctx.world.emu.estate.tenant(d.s.tenantId)!;
    for (let n = 1; n <= PEOPLE; n += 1) {
      d.s.person(n, {
        givenName: `Given${n}`,
        surname: `Sur${n}`,
        mail: `p${n}@chaos.example`,
        department: ['Sales', 'Ops', 'Finance'][n % 3],
      });
    }
    const north = d.s.group('Branch North', { people: [1, 2, 3] });
    ctx.world.emu.estate.addMember(tenant(), d.branch, north, GROUP);
    for (const n of [4, 5, 6, 7]) ctx.world.emu.estate.addMember(tenant(), d.branch, d.s.id(n), USER);
    return { d, tenant, north };
  };

  /** Runs A's delta run once (no faults), B's until it succeeds, checking what a failed run leaves. */
  async function runBoth() {
    const ranA = await runImport(ctx, a.d.s);
    expect(ranA.result.status, JSON.stringify(ranA.result.error)).toBe('succeeded');
    for (let attempt = 1; ; attempt += 1) {
      const desk = await normalised(b.d);
      const checkpoint = await checkpointOf(ctx, b.d.s);
      const ran = await runImport(ctx, b.d.s).catch((error: unknown) => ({ thrown: error }));
      if (!('thrown' in ran) && ran.result.status === 'succeeded') {
        modes.push(`${ran.record.mode}:${ran.record.modeReason}`);
        return;
      }
      failures.push('thrown' in ran ? String(ran.thrown) : (ran.result.error?.code ?? 'failed'));
      expect(await normalised(b.d)).toEqual(desk);
      const after = await checkpointOf(ctx, b.d.s);
      expect({ version: after.version, cursor: after.cursor, state: after.state }).toEqual({
        version: checkpoint.version,
        cursor: checkpoint.cursor,
        state: checkpoint.state,
      });
      expect(
        attempt,
        `B still failing after ${attempt} attempts: ${failures.slice(-3).join('; ')}`,
      ).toBeLessThan(MAX_ATTEMPTS);
    }
  }

  beforeAll(async () => {
    a = await twin('chaos-a');
    b = await twin('chaos-b');
    for (const rule of faultsFor(b.d.s.tenantId)) ctx.world.emu.faults.add(rule);
  });

  it('converges to the fault-free desk after every round of changes', { timeout: 60_000 }, async () => {
    const rng = createRng(2026);
    const alive = new Set(Array.from({ length: PEOPLE }, (_, i) => i + 1));
    const binned = new Set<number>();
    let next = PEOPLE + 1;
    const pick = (set: Set<number>) => [...set][Math.floor(rng() * set.size)]!;
    const both = (change: (t: Twin) => void) => [a, b].forEach(change);

    await runBoth();
    expect(await normalised(b.d)).toEqual(await normalised(a.d));

    for (let round = 1; round <= ROUNDS; round += 1) {
      for (let k = 0; k < 8; k += 1) {
        const roll = rng();
        if (roll < 0.15) {
          const n = next++;
          both((t) => t.d.s.person(n, { mail: `p${n}@chaos.example`, department: 'New' }, { joins: true }));
          alive.add(n);
        } else if (roll < 0.4 && alive.size > 0) {
          const n = pick(alive);
          const patch = [
            { department: `Dept ${round}.${k}` },
            { displayName: `Person ${n} r${round}` },
            { surname: null, department: null },
          ][Math.floor(rng() * 3)]!;
          both((t) => t.d.s.updatePerson(n, patch));
        } else if (roll < 0.55 && alive.size > 0) {
          const n = pick(alive);
          both((t) => t.d.s.deletePerson(n));
          alive.delete(n);
          binned.add(n);
        } else if (roll < 0.7 && binned.size > 0) {
          const n = pick(binned);
          if (rng() < 0.6) {
            both((t) => t.d.s.restorePerson(n));
            alive.add(n);
          } else {
            both((t) => ctx.world.emu.estate.purgeUser(t.tenant(), t.d.s.id(n)));
          }
          binned.delete(n);
        } else if (alive.size > 0) {
          // Group moves, directly in Branch or through the nested Branch North.
          const n = pick(alive);
          const nested = rng() < 0.5;
          both((t) => {
            const group = nested ? t.north : t.d.branch;
            const members = t.tenant().groups.get(group)!.members;
            const { estate } = ctx.world.emu;
            if (members.has(t.d.s.id(n))) estate.removeMember(t.tenant(), group, t.d.s.id(n));
            else estate.addMember(t.tenant(), group, t.d.s.id(n), USER);
          });
        }
      }
      await runBoth();
      expect(await normalised(b.d), `round ${round}`).toEqual(await normalised(a.d));
    }

    // The faults really happened, and some runs really failed and were run again.
    const hits = ctx.world.emu.faults.list().reduce((sum, rule) => sum + rule.hits, 0);
    expect(hits).toBeGreaterThan(10);
    expect(failures.length).toBeGreaterThan(0);
    expect(modes.filter((m) => m === 'delta:null').length).toBeGreaterThan(ROUNDS / 2);
    // And the fault-free twin agrees with a full read of itself.
    const full = await runImport(ctx, a.d.s, 'full');
    expect(full.result.plan?.summary).toMatchObject({ created: 0, updated: 0, deactivated: 0 });
  });
});
