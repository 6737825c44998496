import { aadstsCatalogue } from './aadsts-catalogue.js';
import { clientCatalogue, oauthCatalogue, statusCatalogue } from './fallback-catalogue.js';
import { graphCatalogue, graphRefinementCatalogue } from './graph-catalogue.js';
import { partnerCenterCatalogue } from './partner-center-catalogue.js';
import type { CatalogueEntry } from './types.js';

/**
 * The closed set of errors Rollcall's Microsoft client can report. Retryability and the action
 * are data here; code never decides them ad hoc.
 */
export const errorCatalogue = {
  ...aadstsCatalogue,
  ...graphCatalogue,
  ...graphRefinementCatalogue,
  ...partnerCenterCatalogue,
  ...oauthCatalogue,
  ...statusCatalogue,
  ...clientCatalogue,
} as const satisfies Record<string, CatalogueEntry>;

/** Every code a {@link MicrosoftError} can carry. */
export type MicrosoftErrorCode = keyof typeof errorCatalogue;

export function isCatalogued(code: string): code is MicrosoftErrorCode {
  return Object.hasOwn(errorCatalogue, code);
}
