import { z } from 'zod';
import { defineCatalogue, defineJob } from '../../src/jobs/index.js';

const quick = { retryDelaySeconds: 0, retryBackoff: false, expireInSeconds: 30 } as const;

/** Jobs the runtime suites exercise; each case works one kind, so cases do not pick up each other's jobs. */
export const testCatalogue = defineCatalogue([
  defineJob({
    name: 'test.echo',
    summary: 'Records its payload.',
    payload: z.object({ n: z.number().int(), label: z.string().min(1) }),
    retryLimit: 0,
    ...quick,
  }),
  defineJob({
    name: 'test.flaky',
    summary: 'Fails every attempt.',
    payload: z.object({ key: z.string() }),
    retryLimit: 2,
    ...quick,
  }),
  defineJob({
    name: 'test.timeout',
    summary: 'Outlives its one-second timeout.',
    payload: z.object({ key: z.string() }),
    retryLimit: 0,
    retryDelaySeconds: 0,
    retryBackoff: false,
    expireInSeconds: 1,
  }),
  defineJob({
    name: 'test.tenant',
    summary: "A tenant's step; one tenant's steps never overlap.",
    payload: z.object({ tenantId: z.string(), step: z.string() }),
    singletonKey: (payload) => payload.tenantId,
    retryLimit: 0,
    ...quick,
  }),
  defineJob({
    name: 'test.slow',
    summary: 'Runs until the test lets it finish.',
    payload: z.object({ key: z.string() }),
    retryLimit: 1,
    ...quick,
  }),
  defineJob({
    name: 'test.shared',
    summary: 'Worked by two runtimes at once.',
    payload: z.object({ n: z.number().int(), hold: z.boolean() }),
    retryLimit: 0,
    ...quick,
  }),
]);

export type TestCatalogue = typeof testCatalogue;
