import { z } from 'zod';
import type { GraphClient } from '../../../microsoft/index.js';
import type { TenantGroups } from './config-problems.js';

const groupNameSchema = z.looseObject({ displayName: z.string().nullish() });

/** The display names of a tenant's groups (for checking a configuration), or why they are unknown. */
export async function readTenantGroupNames(graph: () => Promise<GraphClient>): Promise<TenantGroups> {
  try {
    const client = await graph();
    const names: string[] = [];
    for await (const page of client.pages('/groups?$select=displayName&$top=999', groupNameSchema)) {
      for (const group of page.items) if (group.displayName) names.push(group.displayName);
    }
    return { names };
  } catch (error) {
    return { unavailable: error instanceof Error ? error.message : String(error) };
  }
}
