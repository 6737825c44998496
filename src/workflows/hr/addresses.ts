import type { HrAccountNames } from '../../contracts/hr/lifecycle.js';
import type { NamingConvention } from '../../contracts/onboarding/naming.js';
import { addressCandidates, chooseAddress, mailNicknameFor } from '../../domain/onboarding/naming.js';
import type { HrTarget } from './ports.js';

/** Candidates looked up in advance per person. */
const CANDIDATES_CHECKED_AHEAD = 3;
/** Candidates looked up at once when every one checked so far is taken. */
const CANDIDATES_CHECKED_LATER = 15;

/**
 * Addresses for the joiners and renames of one enforcement: every person's first candidates are
 * checked against the tenant in one lookup; when those are taken the next ones are checked in one
 * more lookup; and addresses handed out in this run count as taken, so two new John Smiths get
 * john.smith and john.smith2, never a conflict on create.
 */
export interface AddressBook {
  /** The first free candidate for these names (or `keep`, when it is still one), or why none. */
  choose(
    names: HrAccountNames,
    keep?: string | null,
  ): Promise<{ ok: true; address: string; mailNickname: string } | { ok: false; message: string }>;
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
  const checked = new Set<string>();
  const check = async (addresses: readonly string[]) => {
    const fresh = addresses.map((a) => a.toLowerCase()).filter((a) => !checked.has(a));
    if (fresh.length === 0) return;
    const inUse = await target.addressesInUse(fresh);
    // Unanswered lookups leave the addresses unchecked: create's conflict answer still guards.
    if (!inUse.ok) return;
    for (const a of fresh) checked.add(a);
    for (const a of inUse.value) taken.add(a.toLowerCase());
  };
  await check(
    names.flatMap((n) => {
      const c = candidatesFor(n, naming, domain);
      return c.ok ? c.candidates.slice(0, CANDIDATES_CHECKED_AHEAD) : [];
    }),
  );
  return {
    async choose(n, keep) {
      const candidates = candidatesFor(n, naming, domain);
      if (!candidates.ok) return { ok: false, message: candidates.problem.message };
      const all = candidates.candidates.map((c) => c.toLowerCase());
      if (keep && all.includes(keep.toLowerCase()))
        return { ok: true, address: keep.toLowerCase(), mailNickname: mailNicknameFor(keep) };
      for (;;) {
        // A set look-up per candidate: chooseAddress would normalise the whole taken set on every
        // call, quadratic over a first import of thousands of joiners. It still words the refusal.
        const free = all.find((c) => !taken.has(c));
        if (free === undefined) {
          const refusal = chooseAddress(all, taken);
          return { ok: false, message: refusal.ok ? 'no address is free' : refusal.problem.message };
        }
        const before = checked.size;
        if (!checked.has(free))
          await check(all.slice(all.indexOf(free), all.indexOf(free) + CANDIDATES_CHECKED_LATER));
        if (checked.has(free) ? !taken.has(free) : checked.size === before) {
          taken.add(free);
          return { ok: true, address: free, mailNickname: mailNicknameFor(free) };
        }
      }
    },
    markTaken: (address) => void taken.add(address.toLowerCase()),
  };
}
