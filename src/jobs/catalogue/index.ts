import { defineCatalogue } from '../catalogue.js';
import { billingJobs } from './billing.js';
import { hrJobs } from './hr.js';
import { licenceChangeJobs } from './licence-changes.js';
import { licenceInsightJobs } from './licence-insight.js';
import { notificationJobs } from './notifications.js';
import { requestJobs } from './requests.js';
import { sessionJobs } from './sessions.js';
import { subscriptionJobs } from './subscriptions.js';
import { syncJobs } from './sync.js';
import { systemJobs } from './system.js';

/**
 * Every job Rollcall runs. One module per job family (`./system.ts`, later `./sync.ts`, …);
 * add a family's list here and its handlers in `../handlers/index.ts`.
 */
export const jobCatalogue = defineCatalogue([
  ...systemJobs,
  ...sessionJobs,
  ...syncJobs,
  ...notificationJobs,
  ...licenceInsightJobs,
  ...licenceChangeJobs,
  ...subscriptionJobs,
  ...billingJobs,
  ...requestJobs,
  ...hrJobs,
]);

/** The type of Rollcall's catalogue: `enqueue` and `work` are typed by it. */
export type RollcallJobCatalogue = typeof jobCatalogue;
