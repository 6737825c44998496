import { describe, expect, it } from 'vitest';
import { aad, graph, msalServerError, type ErrorCase } from '../../../test/microsoft/support/error-inputs.js';
import {
  clientErrorCases,
  graphErrorCases,
  partnerCenterErrorCases,
} from '../../../test/microsoft/support/graph-error-cases.js';
import { identityErrorCases } from '../../../test/microsoft/support/identity-error-cases.js';
import { errorCatalogue, type MicrosoftErrorCode } from './catalogue.js';
import { classifyMicrosoftError } from './classify.js';
import { graphContextualCodes } from './graph-catalogue.js';
import { MicrosoftError } from './microsoft-error.js';
import { describeErrorResponse } from './response-failure.js';

const cases: ErrorCase[] = [
  ...identityErrorCases,
  ...graphErrorCases,
  ...partnerCenterErrorCases,
  ...clientErrorCases,
];

describe('classifyMicrosoftError', () => {
  it.each(cases)('%s → %s', (_name, input, code) => {
    const err = classifyMicrosoftError(input);
    expect(err).toBeInstanceOf(MicrosoftError);
    expect(err.code).toBe(code);
    const { action, retryable, title, whatHappened, howToFix } = errorCatalogue[code];
    expect(err).toMatchObject({ action, retryable, title, whatHappened, howToFix });
  });

  it('covers every catalogued code with at least one case', () => {
    const covered = new Set(cases.map(([, , code]) => code));
    const contextual = new Set<string>(graphContextualCodes);
    const uncovered = Object.keys(errorCatalogue).filter(
      (code) => !covered.has(code as MicrosoftErrorCode) && !contextual.has(code),
    );
    expect(uncovered).toEqual([]);
  });

  it('gives every entry words a person can act on', () => {
    for (const entry of Object.values(errorCatalogue)) {
      expect(entry.title.length).toBeGreaterThan(5);
      expect(entry.whatHappened).toMatch(/\.$/);
      expect(entry.howToFix).toMatch(/\.$/);
      expect(entry.retryable).toBe(entry.action === 'retry' || entry.action === 'resync');
    }
  });

  it('tells a person that the secret ID may have been pasted instead of its value', () => {
    const err = classifyMicrosoftError(
      aad(401, 'invalid_client', 7000215, 'Invalid client secret provided.'),
    );
    expect(err.action).toBe('reauthorise');
    expect(err.whatHappened).toMatch(/secret ID instead of the secret VALUE/);
    expect(err.howToFix).toMatch(/Certificates & secrets/);
    expect(err.microsoftCode).toBe('AADSTS7000215');
  });

  it('keeps Microsoft details beside the catalogued words', () => {
    const err = classifyMicrosoftError(
      describeErrorResponse('graph', {
        status: 410,
        headers: new Headers({
          location: 'https://graph/v1.0/users/delta?$deltatoken=',
          'request-id': 'r-9',
        }),
        retryAfterMs: 2_128,
        body: { error: { code: 'syncStateNotFound', message: 'gone' } },
      }),
    );
    expect(err).toMatchObject({
      action: 'resync',
      status: 410,
      microsoftCode: 'syncStateNotFound',
      microsoftMessage: 'gone',
      location: 'https://graph/v1.0/users/delta?$deltatoken=',
      requestId: 'r-9',
      retryAfterSeconds: 2.128,
    });
  });

  it('returns an already classified error unchanged', () => {
    const err = classifyMicrosoftError(graph(429, 'TooManyRequests'));
    expect(classifyMicrosoftError(err)).toBe(err);
  });

  it('reads the AADSTS number from the MSAL message when errorNo is missing', () => {
    const err = msalServerError(
      'invalid_client',
      '',
      'AADSTS7000222: The client secret keys are expired.',
      401,
    );
    expect(classifyMicrosoftError(err).code).toBe('AADSTS7000222');
  });
});
