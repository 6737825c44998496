import { afterAll, beforeAll, describe } from 'vitest';
import type { DatabaseHandle } from '../../src/store/index.js';
import { describeApplyAgentPlan } from './cases/apply-agent-plan.js';
import { describeBulkApply } from './cases/apply-bulk.js';
import { describeApplyUserPlan } from './cases/apply-user-plan.js';
import { describeUserManagers } from './cases/apply-user-managers.js';
import { describeEntraConfig } from './cases/entra-config.js';
import { describePlanState } from './cases/plan-state.js';
import { describeSyncHistory } from './cases/sync-history.js';
import { openMigrated, testEngines } from './engines.js';

// The Entra import's store: configuration, the desk state plans are made from, and applying
// plans. A database of its own per engine, so the zero-write checks see no other suite's rows.
describe.each(testEngines())('Entra import store on $name', (engine) => {
  let opened: Awaited<ReturnType<typeof openMigrated>> | undefined;
  const handle = (): DatabaseHandle => {
    if (!opened) throw new Error('database not open');
    return opened.handle;
  };

  beforeAll(async () => {
    opened = await openMigrated(engine);
  });
  afterAll(async () => {
    await opened?.dispose();
  });

  describeEntraConfig(handle);
  describePlanState(handle);
  describeApplyUserPlan(handle);
  describeUserManagers(handle);
  describeApplyAgentPlan(handle);
  describeBulkApply(handle);
  describeSyncHistory(handle);
});
