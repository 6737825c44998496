import { z } from 'zod';
import type { AdminContext } from './admin-context.js';
import { reprocessDynamicGroups } from './dynamic-groups.js';
import { pickMessage, selectPeople } from './people.js';

const MAX_BATCH = 10_000;

export const leaversInputSchema = z
  .object({
    count: z.number().int().min(1).max(MAX_BATCH).optional(),
    ids: z.array(z.string().min(1)).min(1).max(MAX_BATCH).optional(),
    /** disable: block sign-in (the usual first step); softDelete: to the recycle bin; purge: gone. */
    mode: z.enum(['disable', 'softDelete', 'purge']).default('disable'),
    /** Also take their licences back (disable mode; deletion frees seats anyway). */
    removeLicences: z.boolean().default(false),
  })
  .strict()
  .refine((v) => (v.count === undefined) !== (v.ids === undefined), pickMessage);

export type LeaversInput = z.input<typeof leaversInputSchema>;

export interface LeaverResult {
  id: string;
  userPrincipalName: string;
  mode: 'disable' | 'softDelete' | 'purge';
}

/** People leaving: disabled, soft-deleted or purged through the estate (delta and webhooks see it). */
export function removeLeavers(admin: AdminContext, tenantId: string, input: LeaversInput): LeaverResult[] {
  const parsed = leaversInputSchema.parse(input);
  const tenant = admin.tenant(tenantId);
  const { estate } = admin.emulator;
  const users = selectPeople(admin, tenant, parsed);
  const results: LeaverResult[] = [];
  for (const user of users) {
    const id = user.props.id;
    results.push({ id, userPrincipalName: String(user.props.userPrincipalName), mode: parsed.mode });
    if (parsed.mode === 'purge') {
      estate.purgeUser(tenant, id);
      continue;
    }
    if (parsed.mode === 'softDelete') {
      estate.softDeleteUser(tenant, id);
      continue;
    }
    estate.updateUser(tenant, id, { accountEnabled: false });
    if (parsed.removeLicences) {
      const skus = ((user.props.assignedLicenses as { skuId: string }[] | undefined) ?? []).map(
        (l) => l.skuId,
      );
      if (skus.length)
        estate.setLicenses(
          tenant,
          id,
          [],
          skus.map((skuId) => ({ skuId })),
        );
    }
  }
  reprocessDynamicGroups(
    estate,
    tenant,
    results.filter((r) => r.mode === 'disable').map((r) => r.id),
  );
  return results;
}
