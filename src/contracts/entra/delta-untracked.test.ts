import { describe, expect, it } from 'vitest';
import { untrackedDeltaFields } from './delta-untracked.js';

const settings = (importLastSignIn: boolean) => ({
  import: {
    deactivateNotFound: true,
    massDeactivationGuardPercent: 20,
    importLastSignIn,
    statusFromAccountEnabled: true,
  },
});

describe('untrackedDeltaFields', () => {
  it('lists signInActivity, used by the last sign-in import, only when that import is on', () => {
    expect(untrackedDeltaFields(settings(false))).toEqual([]);
    expect(untrackedDeltaFields(settings(true))).toEqual([
      { field: 'signInActivity', usedBy: [expect.stringContaining('last sign-in')] },
    ]);
  });
});
