import { describe, expect, it } from 'vitest';
import { describeFailure } from './run-import.js';

describe('describeFailure', () => {
  it("keeps a typed error's code and words (they are written for people)", () => {
    const consent = Object.assign(
      new Error('The app has no consent in this tenant; ask an administrator to grant it.'),
      {
        code: 'AADSTS65001',
      },
    );
    expect(describeFailure(consent)).toEqual({
      code: 'AADSTS65001',
      message: 'The app has no consent in this tenant; ask an administrator to grant it.',
      expected: true,
    });
  });

  it('records a bug as internal without its message, pointing to the server log', () => {
    const failure = describeFailure(new TypeError("Cannot read properties of undefined (reading 'id')"));
    expect(failure).toMatchObject({ code: 'internal', expected: false });
    expect(failure.message).not.toContain('undefined');
    expect(failure.message).toContain('server log');
  });
});
