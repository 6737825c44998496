import { createHash } from 'node:crypto';
import type { Estate } from '../../../src/emulator/state/estate.js';

/** A hash of everything seeding writes (tenants, directory objects, licences, devices, partner state, apps). */
export function estateFingerprint(estate: Estate): string {
  const hash = createHash('sha256');
  const put = (value: unknown) =>
    hash.update(JSON.stringify(value, (_k, v) => (v instanceof Set ? [...v] : v)));
  put({ partner: estate.partnerTenantId });
  for (const app of estate.apps.values()) put(app);
  for (const t of estate.tenants.values()) {
    put([
      t.id,
      t.displayName,
      t.initialDomain,
      t.domains,
      t.premium,
      t.intune,
      t.countryLetterCode,
      t.createdDateTime,
    ]);
    for (const u of t.users.values()) put([u.props, u.managerId, u.deletedAt]);
    for (const g of t.groups.values()) put([g.props, g.kind, g.dynamic, [...g.members]]);
    for (const s of t.skus.values()) put(s);
    for (const d of t.devices.values()) put(d);
    for (const sp of t.servicePrincipals.values()) put(sp);
    for (const r of t.gdapRelationships.values()) put(r);
    if (t.partnerCenter) {
      put([...t.partnerCenter.customers.values()]);
      for (const [id, subs] of t.partnerCenter.subscriptions) put([id, [...subs.values()]]);
      put([...t.partnerCenter.applicationConsents]);
    }
  }
  return hash.digest('hex');
}
