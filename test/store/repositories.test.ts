import { afterAll, beforeAll, describe } from 'vitest';
import type { DatabaseHandle } from '../../src/store/index.js';
import { describeConnectionSecrets } from './cases/connection-secrets.js';
import { describeCustomerRepository } from './cases/customer-repository.js';
import { describeCheckpointRepository } from './cases/checkpoint-repository.js';
import { describeOutboundActionRepository } from './cases/outbound-action-repository.js';
import { describeSiteLookupRepository } from './cases/site-lookup.js';
import { describeUserRepository } from './cases/user-repository.js';
import { openMigrated, testEngines } from './engines.js';

// One database per engine for the whole suite (PGlite's first start is its slowest part); each
// case works in tenants and customers of its own, so cases do not see each other's rows.
describe.each(testEngines())('repositories on $name', (engine) => {
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

  describeCustomerRepository(handle);
  describeUserRepository(handle);
  describeCheckpointRepository(handle);
  describeOutboundActionRepository(handle);
  describeConnectionSecrets(handle);
  describeSiteLookupRepository(handle);
});
