import type { EntraImportConfig } from './mapping-config.js';

/** A field "only fields Rollcall uses" cannot listen to, and the settings that make Rollcall read it. */
export interface UntrackedDeltaField {
  /** The Graph property (`signInActivity`). */
  field: string;
  /** Where the configuration uses it, in the words of the setup screen. */
  usedBy: string[];
}

/**
 * Properties Graph's users delta does not track: "only fields Rollcall uses" cannot `$select`
 * them, so a change to them alone brings no user; each with the setting that reads it.
 */
const UNTRACKED: readonly {
  field: string;
  usedBy: string;
  uses: (config: Pick<EntraImportConfig, 'import'>) => boolean;
}[] = [
  {
    field: 'signInActivity',
    usedBy: 'Imports › Import the last sign-in date (import.importLastSignIn)',
    uses: (config) => config.import.importLastSignIn,
  },
];

/**
 * The fields a `mappedFields` delta cannot listen to that `config` uses, and where (the server's
 * status and save warnings, and the console's live list on the draft, from this one rule).
 */
export function untrackedDeltaFields(config: Pick<EntraImportConfig, 'import'>): UntrackedDeltaField[] {
  return UNTRACKED.filter((u) => u.uses(config)).map((u) => ({ field: u.field, usedBy: [u.usedBy] }));
}
