import type { AddressPreview } from '../../../contracts/api/requests.js';
import type { OnboardingConfig } from '../../../contracts/onboarding/config.js';
import type { EmailFormat, NewStarterName } from '../../../contracts/onboarding/naming.js';
import { addressCandidates, chooseAddress, defaultDisplayName } from '../../../domain/onboarding/naming.js';
import { findAddressesInUse } from '../../../microsoft/index.js';
import { createRequestRepository } from '../../../store/index.js';
import { ApiHttpError } from '../../http/api-error.js';
import { settingsTenantGraph, type RequestSettings } from './request-settings.js';
import type { ApiDeps } from '../../deps.js';

/** Candidates checked with Microsoft per request; Graph's default filter allows 15 or-clauses. */
const CHECK_PER_ROUND = 4;
/** Rounds of checking before giving up on Microsoft and saying so. */
const MAX_ROUNDS = 5;

/** The settings a new-starter request needs, or 409 saying they are not set up. */
export function requireConfig(settings: RequestSettings): OnboardingConfig & { tenantId: string } {
  const config = settings.config;
  if (!config || !config.tenantId) {
    throw new ApiHttpError(
      'conflict',
      `New-starter requests are not set up for ${settings.customer.name} yet: an administrator chooses its tenant, groups, licences and domains first.`,
    );
  }
  return { ...config, tenantId: config.tenantId };
}

/** The formats a requester may pick: those offered, else the convention's own. */
export function formatsOffered(config: OnboardingConfig): EmailFormat[] {
  return config.emailFormatsOffered.length > 0 ? config.emailFormatsOffered : [config.naming.format];
}

export function chosenFormatAndDomain(
  config: OnboardingConfig,
  input: { emailFormat?: string; domain?: string },
) {
  const formats = formatsOffered(config);
  const format = (input.emailFormat ?? config.naming.format) as EmailFormat;
  if (!formats.includes(format))
    throw new ApiHttpError('validation_failed', 'That e-mail format is not offered.', [
      { field: 'emailFormat', message: `must be one of ${formats.join(', ')}` },
    ]);
  const domain = (input.domain ?? config.allowedDomains[0] ?? '').toLowerCase();
  if (!config.allowedDomains.includes(domain))
    throw new ApiHttpError('validation_failed', 'That domain is not allowed for new users.', [
      { field: 'domain', message: `must be one of ${config.allowedDomains.join(', ')}` },
    ]);
  return { format, domain };
}

/**
 * The address a new starter would get now: the naming convention's candidates in order, the
 * first one free. Free means no object in the tenant has it as sign-in name, e-mail or alias
 * (asked of Microsoft, a few candidates per request) and no open request promised it. When
 * Microsoft cannot be asked, the desk's records decide, and the preview says so.
 */
export async function previewAddress(
  deps: Pick<ApiDeps, 'db' | 'secrets' | 'microsoft'>,
  settings: RequestSettings,
  input: NewStarterName & { emailFormat?: string; domain?: string },
): Promise<AddressPreview & { mailNickname: string | null }> {
  const config = requireConfig(settings);
  const { format, domain } = chosenFormatAndDomain(config, input);
  const displayName = defaultDisplayName(input);
  const candidates = addressCandidates(input, { ...config.naming, format }, domain);
  if (!candidates.ok) {
    return {
      userPrincipalName: null,
      mailNickname: null,
      displayName,
      taken: [],
      checkedAgainst: 'desk',
      problem: candidates.problem.message,
    };
  }
  const all = candidates.candidates;
  const requests = createRequestRepository(deps.db);
  const tenant = settings.tenants.find((t) => t.tenantId === config.tenantId);
  const reached = tenant ? await settingsTenantGraph(deps, tenant) : { problem: 'no tenant' };
  const inUse = new Set<string>();
  let checkedAgainst: 'tenant' | 'desk' = 'graph' in reached ? 'tenant' : 'desk';
  for (let round = 0; round < MAX_ROUNDS; round += 1) {
    const slice = all.slice(round * CHECK_PER_ROUND, (round + 1) * CHECK_PER_ROUND);
    if (slice.length === 0) break;
    for (const a of await requests.addressesKnown(settings.customer.id, slice)) inUse.add(a);
    if ('graph' in reached) {
      const found = await findAddressesInUse(
        reached.graph,
        slice.filter((a) => !inUse.has(a)),
      );
      if (found.ok) for (const a of found.value) inUse.add(a.toLowerCase());
      else checkedAgainst = 'desk';
    }
    if (slice.some((a) => !inUse.has(a))) break;
  }
  const choice = chooseAddress(all, inUse);
  if (!choice.ok) {
    return {
      userPrincipalName: null,
      mailNickname: null,
      displayName,
      taken: [...inUse],
      checkedAgainst,
      problem: choice.problem.message,
    };
  }
  return {
    userPrincipalName: choice.address,
    mailNickname: choice.mailNickname,
    displayName,
    taken: all.slice(0, choice.index),
    checkedAgainst,
    problem: null,
  };
}
