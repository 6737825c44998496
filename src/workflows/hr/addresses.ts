import type { HrAccountNames } from '../../contracts/hr/lifecycle.js';
import type { NamingConvention } from '../../contracts/onboarding/naming.js';
import { addressCandidates, chooseAddress } from '../../domain/onboarding/naming.js';
import type { HrTarget } from './ports.js';

/** Candidates looked up in advance per person; later ones are checked only if these are taken. */
const CANDIDATES_CHECKED_AHEAD = 3;

/**
 * Addresses for the joiners and renames of one enforcement: every person's first candidates are
 * checked against the tenant in one lookup, and addresses handed out in this run count as taken,
 * so two new John Smiths get john.smith and john.m.smith, not a conflict on create.
 */
export interface AddressBook {
  /** The first free candidate for these names, or the reason there is none. */
  choose(
    names: HrAccountNames,
    keep?: string | null,
  ): { ok: true; address: string; mailNickname: string } | { ok: false; message: string };
  /** An address the target refused as taken: the next `choose` skips it. */
  markTaken(address: string): void;
}

function candidatesFor(names: HrAccountNames, naming: NamingConvention, domain: string) {
  return addressCandidates(
    { firstName: names.first, lastName: names.last, middleName: names.middle ?? undefined },
    naming,
    domain,
  );
}

export async function createAddressBook(
  target: Pick<HrTarget, 'addressesInUse'>,
  naming: NamingConvention,
  domain: string,
  names: readonly HrAccountNames[],
): Promise<AddressBook> {
  const taken = new Set<string>();
  const ahead = names.flatMap((n) => {
    const c = candidatesFor(n, naming, domain);
    return c.ok ? c.candidates.slice(0, CANDIDATES_CHECKED_AHEAD) : [];
  });
  if (ahead.length > 0) {
    const inUse = await target.addressesInUse(ahead);
    if (inUse.ok) for (const a of inUse.value) taken.add(a.toLowerCase());
  }
  return {
    choose(n, keep) {
      const candidates = candidatesFor(n, naming, domain);
      if (!candidates.ok) return { ok: false, message: candidates.problem.message };
      if (keep && candidates.candidates.some((c) => c.toLowerCase() === keep.toLowerCase()))
        return { ok: true, address: keep.toLowerCase(), mailNickname: keep.split('@')[0]! };
      const choice = chooseAddress(candidates.candidates, taken);
      if (!choice.ok) return { ok: false, message: choice.problem.message };
      taken.add(choice.address.toLowerCase());
      return { ok: true, address: choice.address, mailNickname: choice.mailNickname };
    },
    markTaken: (address) => void taken.add(address.toLowerCase()),
  };
}
