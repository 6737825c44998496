import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HrPersonSummary } from '../../../src/contracts/api/hr-persons.js';
import {
  createHrEnforcementStore,
  createHrEnforcer,
} from '../../../src/api/integrations/hr/hr-enforcement.js';
import { enforcedPerson, ruleSet, sourceSettings } from '../../../src/api/integrations/hr/source-settings.js';
import {
  createHrPersonRepository,
  createHrRunRepository,
  createHrSourceRepository,
} from '../../../src/store/index.js';
import { enforceHrSource } from '../../../src/workflows/hr/enforce.js';
import { call } from '../access/fixtures.js';
import { startHrWorld, type HrWorld } from './hr-world.js';

const PERSONS = 30;
const CRASH_AFTER = 10;

describe('HR enforcement interrupted in the middle of a bulk run', () => {
  let w: HrWorld;
  let sourceId: string;

  beforeAll(async () => {
    w = await startHrWorld();
    sourceId = await w.csvSource();
    const rows = Array.from(
      { length: PERSONS },
      (_, i) => `B${100 + i};Pat;Bulk${i};Ops;Operator;Hull;;2026-01-05;`,
    );
    expect(await w.upload(sourceId, rows)).toMatchObject({ status: 'applied', counts: { added: PERSONS } });
    await w.publishDraft(sourceId);
  }, 120_000);
  afterAll(() => w?.close());

  it('resumes after a crash between creating an account and saving it, creating nobody twice', async () => {
    const { db, secrets, microsoft } = w.app.deps;
    const source = (await createHrSourceRepository(db).find(sourceId))!;
    const run = await createHrRunRepository(db).start({
      sourceId,
      dryRun: false,
      rulesVersion: 1,
      asOf: '2026-12-06',
      triggeredByName: 'test',
    });
    const enforcer = createHrEnforcer({
      db,
      secrets: async () => secrets,
      microsoft,
      now: () => new Date(),
      jobs: () => null,
    });
    const store = createHrEnforcementStore(db, sourceId, run.id);
    let saved = 0;
    // The process "dies" after the 11th person's account was created in Entra, before it is saved.
    const crashing = {
      ...store,
      async savePerson(...args: Parameters<typeof store.savePerson>) {
        if (saved === CRASH_AFTER) throw new Error('process killed');
        saved += 1;
        return store.savePerson(...args);
      },
    };
    const rows = await createHrPersonRepository(db).all(sourceId);
    await expect(
      enforceHrSource(
        {
          settings: sourceSettings(source),
          rules: ruleSet((await createHrSourceRepository(db).published(sourceId)).rules),
          persons: rows.map(enforcedPerson),
          today: new Date().toISOString().slice(0, 10),
          dryRun: false,
          trigger: 'rules',
        },
        {
          target: await enforcer.target(source.customerId, source.tenantId),
          store: crashing,
          sleep: async () => {},
        },
      ),
    ).rejects.toThrow('process killed');
    const createdBeforeCrash = [...w.tenant().users.values()].filter((u) =>
      String(u.props.employeeId ?? '').startsWith('B'),
    );
    expect(createdBeforeCrash).toHaveLength(CRASH_AFTER + 1);

    // The restart: a normal run through the job.
    const res = await call(w.app, w.admin, 'POST', `/api/hr/sources/${sourceId}/runs`, { dryRun: false });
    expect(res.statusCode, res.body).toBe(202);
    const resumed = await w.finishedRun(sourceId, run.id);
    expect(resumed).toMatchObject({ status: 'completed' });
    const failing = await call(w.app, w.admin, 'GET', `/api/hr/sources/${sourceId}/events?result=failed`);
    expect(resumed.counts, failing.body).toMatchObject({ create: PERSONS - CRASH_AFTER - 1, failed: 0 });

    for (let i = 0; i < PERSONS; i += 1)
      expect(w.usersWithEmployeeId(`B${100 + i}`), `B${100 + i}`).toHaveLength(1);
    const listed = (
      await call(w.app, w.admin, 'GET', `/api/hr/sources/${sourceId}/persons?limit=100`)
    ).json() as {
      items: HrPersonSummary[];
    };
    expect(listed.items).toHaveLength(PERSONS);
    expect(
      listed.items.every(
        (p) => p.userPrincipalName !== null && p.pendingActions === 0 && p.lastError === null,
      ),
    ).toBe(true);
    // Same-named persons got distinct addresses from the naming fallbacks.
    expect(new Set(listed.items.map((p) => p.userPrincipalName)).size).toBe(PERSONS);
  });

  it('refuses to guess when several accounts already carry a joiner’s employee id', async () => {
    const other = await w.csvSource();
    for (const n of [1, 2])
      w.world.emu.estate.addUser(
        w.tenant(),
        {
          id: randomUUID(),
          accountEnabled: true,
          userType: 'Member',
          userPrincipalName: `twin${n}@${w.domain}`,
          displayName: `Twin ${n}`,
          employeeId: 'T1',
          assignedLicenses: [],
        },
        { silent: true },
      );
    await w.upload(other, ['T1;Tam;Twin;Ops;Operator;Hull;;2026-01-05;']);
    await w.publishDraft(other, { enforce: true });
    const run = await w.finishedRun(other);
    expect(run.counts).toMatchObject({ create: 0, failed: 1 });
    expect(w.usersWithEmployeeId('T1')).toHaveLength(2);
    const listed = (await call(w.app, w.admin, 'GET', `/api/hr/sources/${other}/persons`)).json() as {
      items: HrPersonSummary[];
    };
    expect(listed.items).toEqual([
      expect.objectContaining({
        employeeId: 'T1',
        userPrincipalName: null,
        pendingActions: expect.any(Number),
        lastError: expect.stringContaining('Several accounts carry employee id T1'),
      }),
    ]);
    expect(listed.items[0]!.pendingActions).toBeGreaterThan(0);
  });
});
