import {
  parseCustomPattern,
  type NamingConvention,
  type NewStarterName,
} from '../../contracts/onboarding/naming.js';
import {
  finishLocalPart,
  isValidDomain,
  isValidLocalPart,
  MAX_LOCAL_PART_LENGTH,
  normaliseNamePart,
} from './name-parts.js';
import {
  BUILT_IN_FORMATS,
  render,
  usedFields,
  withFirstNameLetters,
  withMiddleInitial,
  type NameParts,
  type Parts,
} from './name-patterns.js';

/**
 * A new starter's address from the customer's naming convention (issue 8): the candidates in the
 * order they are tried, the first one free in the tenant, and the mailNickname and display name that
 * go with it. Pure: the caller reads which addresses are in use (UPNs and proxy addresses).
 */

/** Why no address could be computed or chosen, in words for the form or the ticket. */
export interface NamingProblem {
  code: 'nameUnusable' | 'patternInvalid' | 'domainInvalid' | 'allTaken' | 'noCandidates';
  /** The form field to fix, when one is to blame. */
  field?: 'firstName' | 'lastName' | 'customPattern' | 'domain';
  message: string;
}

/** The addresses to try, in order, or why there are none. */
export type AddressCandidates =
  { ok: true; candidates: readonly string[] } | { ok: false; problem: NamingProblem };

/** The first free address with its mailNickname, or why none can be had. */
export type AddressChoice =
  | { ok: true; address: string; mailNickname: string; /** 0 for the base address. */ index: number }
  | { ok: false; problem: NamingProblem };

/** What the new-starter form shows before submitting, or the problem to fix first. */
export type AddressPreview =
  | { ok: true; address: string; mailNickname: string; displayName: string; usedFallback: boolean }
  | { ok: false; problem: NamingProblem };

function patternOf(convention: NamingConvention): { parts: Parts } | { problem: NamingProblem } {
  if (convention.format !== 'custom') return { parts: BUILT_IN_FORMATS[convention.format] };
  const parsed = parseCustomPattern(convention.customPattern ?? '');
  if (parsed.ok) return { parts: parsed.parts };
  return {
    problem: { code: 'patternInvalid', field: 'customPattern', message: `customPattern: ${parsed.message}` },
  };
}

/**
 * The addresses to try for a new starter, in order: the convention's format, then each fallback in
 * the convention's order (middle initial, more letters of the first name, then the numbers 2 to
 * `maxNumber` after the base). Lower case, without duplicates, each one Microsoft accepts; or the
 * problem (a name with no usable letters, a bad pattern or domain) in words.
 */
export function addressCandidates(
  name: NewStarterName,
  convention: NamingConvention,
  domain: string,
): AddressCandidates {
  const pattern = patternOf(convention);
  if ('problem' in pattern) return { ok: false, problem: pattern.problem };
  const { parts } = pattern;

  const cleanDomain = domain.trim().toLowerCase().replace(/^@/, '');
  if (!isValidDomain(cleanDomain)) {
    return {
      ok: false,
      problem: {
        code: 'domainInvalid',
        field: 'domain',
        message: `domain "${domain}" is not a domain name such as contoso.com`,
      },
    };
  }

  const names: NameParts = {
    first: normaliseNamePart(name.firstName),
    middle: normaliseNamePart(name.middleName ?? ''),
    last: normaliseNamePart(name.lastName),
  };
  for (const field of usedFields(parts)) {
    const typed = field === 'firstName' ? name.firstName : name.lastName;
    if ((field === 'firstName' ? names.first : names.last) === '') {
      return {
        ok: false,
        problem: {
          code: 'nameUnusable',
          field,
          message: `${field} "${typed}" leaves no letters for an address (letters of any alphabet are spelled in a–z; digits, symbols and emoji are dropped); type the name in letters`,
        },
      };
    }
  }

  const base = finishLocalPart(render(parts, names));
  const locals: string[] = [base];
  for (const fallback of convention.fallbacks) {
    if (fallback === 'middleInitial' && names.middle !== '') {
      const variant = withMiddleInitial(parts, convention.format !== 'custom');
      if (variant) locals.push(finishLocalPart(render(variant, names)));
    } else if (fallback === 'firstNameLetters') {
      for (const variant of withFirstNameLetters(parts, names.first.length)) {
        locals.push(finishLocalPart(render(variant, names)));
      }
    } else if (fallback === 'number') {
      for (let n = 2; n <= convention.maxNumber; n += 1) {
        const suffix = String(n);
        // A long base is shortened so the number still fits in the 64 characters.
        locals.push(finishLocalPart(base, MAX_LOCAL_PART_LENGTH - suffix.length) + suffix);
      }
    }
  }
  const candidates = [...new Set(locals)].filter(isValidLocalPart).map((local) => `${local}@${cleanDomain}`);
  if (candidates.length === 0) {
    return {
      ok: false,
      problem: { code: 'noCandidates', message: 'the names and naming convention give no usable address' },
    };
  }
  return { ok: true, candidates };
}

/** Lower case and without the `smtp:` or `sip:` prefix proxy addresses carry. */
function comparable(address: string): string {
  return address
    .trim()
    .toLowerCase()
    .replace(/^(?:smtp|sip):/, '');
}

/**
 * The first candidate not in use, compared without regard to case (`inUse` may hold UPNs and
 * proxy addresses such as `SMTP:jane.doe@contoso.com` or `SIP:jane.doe@contoso.com`); or, when
 * all are taken, what to do.
 */
export function chooseAddress(candidates: readonly string[], inUse: ReadonlySet<string>): AddressChoice {
  if (candidates.length === 0) {
    return {
      ok: false,
      problem: { code: 'noCandidates', message: 'there are no candidate addresses to choose from' },
    };
  }
  const taken = new Set([...inUse].map(comparable));
  const index = candidates.findIndex((c) => !taken.has(comparable(c)));
  const chosen = candidates[index];
  if (chosen !== undefined) {
    return { ok: true, address: comparable(chosen), mailNickname: mailNicknameFor(chosen), index };
  }
  const range =
    candidates.length === 1 ? candidates[0] : `${candidates[0]} … ${candidates[candidates.length - 1]}`;
  return {
    ok: false,
    problem: {
      code: 'allTaken',
      message: `all ${candidates.length} candidate addresses (${range}) are in use in the tenant; raise maxNumber, add fallbacks to the naming convention, or choose another format or domain`,
    },
  };
}

/**
 * The mailNickname (mail alias) Graph requires when creating a user, from the address: its local
 * part without what Graph refuses there (anything outside printable ASCII, spaces and
 * `@ ( ) \ / [ ] " ' ; : < > ,`), no dot at either end or two in a row, at most 64 characters.
 */
export function mailNicknameFor(address: string): string {
  const at = address.lastIndexOf('@');
  const local = at === -1 ? address : address.slice(0, at);
  const trimDots = (s: string) => s.replace(/^\.+|\.+$/g, '');
  return trimDots(
    trimDots(
      local
        .replace(/[^\x21-\x7e]/g, '')
        .replace(/[@()\\/[\]"';:<>,]/g, '')
        .replace(/\.{2,}/g, '.'),
    ).slice(0, 64),
  );
}

/** "First Last" as typed (accents kept, spaces tidied), the display name the form suggests. */
export function defaultDisplayName(name: Pick<NewStarterName, 'firstName' | 'lastName'>): string {
  const tidy = (s: string) => s.trim().replace(/\s+/g, ' ');
  return [tidy(name.firstName), tidy(name.lastName)]
    .filter((s) => s !== '')
    .join(' ')
    .slice(0, 256);
}

/**
 * What the new-starter form previews: the address the request would get now (the first free
 * candidate given the addresses in use), its mailNickname and the default display name.
 */
export function previewAddress(
  name: NewStarterName,
  convention: NamingConvention,
  domain: string,
  inUse: ReadonlySet<string> = new Set(),
): AddressPreview {
  const candidates = addressCandidates(name, convention, domain);
  if (!candidates.ok) return candidates;
  const choice = chooseAddress(candidates.candidates, inUse);
  if (!choice.ok) return choice;
  return {
    ok: true,
    address: choice.address,
    mailNickname: choice.mailNickname,
    displayName: defaultDisplayName(name),
    usedFallback: choice.index > 0,
  };
}
