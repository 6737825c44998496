import type { SiteMapping } from '../../contracts/entra/index.js';

const TYPE_NAMES: Record<SiteMapping['type'], string> = {
  existingSite: 'existing site',
  customerByField: 'customer by field',
  siteByFieldMatch: 'site by field match',
  doNotImport: 'do not import',
  agent: 'agent',
};

/** What a person calls a mapping: its description, or its type when it has none. */
export function mappingName(mapping: SiteMapping): string {
  return mapping.description.trim() || TYPE_NAMES[mapping.type];
}

function kindOf(mapping: SiteMapping): string {
  if (mapping.type === 'agent') return 'agent mapping';
  if (mapping.type === 'doNotImport') return 'do-not-import mapping';
  return 'site mapping';
}

/** `site mapping "London" (seq 10)`: how a matched mapping is named in a reason. */
export function describeMapping(mapping: SiteMapping): string {
  return `${kindOf(mapping)} "${mappingName(mapping)}" (seq ${mapping.sequence})`;
}

/** `(site mapping "London", seq 10)`: how the mapping behind an exclusion is named. */
export function mappingInParentheses(mapping: SiteMapping): string {
  return `(${kindOf(mapping)} "${mappingName(mapping)}", seq ${mapping.sequence})`;
}

/** Mappings in the order they are evaluated: lowest sequence first (ids break ties in unvalidated input). */
export function orderMappings<M extends SiteMapping>(mappings: readonly M[]): M[] {
  return [...mappings].sort((a, b) => a.sequence - b.sequence || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
