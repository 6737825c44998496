import type { GraphAttempt } from '../../contracts/onboarding/directory.js';
import type { GraphClient } from '../graph/graph-client.js';
import { graphPageSchema } from '../graph/schemas/common.js';
import { organizationSchema } from '../graph/schemas/organization.js';
import { attempt } from './provisioning/attempt.js';

const URL = '/organization?$select=id,verifiedDomains';

/**
 * The tenant's verified domains (`GET /organization`), lower-cased, the default first: the
 * domains new users' addresses may use.
 */
export function readVerifiedDomains(graph: Pick<GraphClient, 'get'>): Promise<GraphAttempt<string[]>> {
  return attempt({ method: 'GET', url: URL }, async () => {
    const page = await graph.get(URL, graphPageSchema(organizationSchema));
    const domains = page.value.flatMap((org) => org.verifiedDomains);
    const names = [
      ...domains.filter((d) => d.isDefault === true),
      ...domains.filter((d) => d.isDefault !== true),
    ].map((d) => d.name.toLowerCase());
    const value = [...new Set(names)];
    return { value, response: { status: 200, body: { verifiedDomains: value } } };
  });
}
