import { describe, expect, it } from 'vitest';
import { mailNicknameFor } from './create-group.js';

describe('mailNicknameFor', () => {
  it('keeps only what Graph accepts in a mailNickname', () => {
    expect(mailNicknameFor('Finance Team')).toBe('Finance-Team');
    expect(mailNicknameFor('Zoë’s "Crew" <Leeds>; R&D @ HQ, [2026]')).toBe('Zoes-Crew-Leeds-R&D-HQ-2026');
    expect(mailNicknameFor('  .Ops.  ')).toBe('Ops');
    expect(mailNicknameFor('財務')).toBe('group');
    expect(mailNicknameFor('x'.repeat(100))).toHaveLength(64);
  });
});
