import { describe, expect, it } from 'vitest';
import { DIRECTORY_REFUSAL_CODES } from '../../../contracts/onboarding/directory.js';
import { errorCatalogue, isCatalogued } from '../../errors/catalogue.js';
import { classifyMicrosoftError } from '../../errors/classify.js';

describe('refusal codes the onboarding workflows branch on', () => {
  it('are all in the error catalogue, with words for a person', () => {
    for (const code of Object.values(DIRECTORY_REFUSAL_CODES)) {
      expect(isCatalogued(code), code).toBe(true);
      const entry = errorCatalogue[code as keyof typeof errorCatalogue];
      expect(entry.whatHappened.length).toBeGreaterThan(20);
      expect(entry.howToFix.length).toBeGreaterThan(10);
    }
    expect(errorCatalogue[DIRECTORY_REFUSAL_CODES.notReplicatedYet].retryable).toBe(true);
  });

  it('recognise a dynamic group and an invalid usage location from Graph’s answers', () => {
    const dynamic = classifyMicrosoftError({
      service: 'graph',
      status: 400,
      microsoftCode: 'Request_BadRequest',
      message:
        'Insufficient privileges to complete the operation. Dynamic group membership is managed by its membership rule.',
    });
    expect(dynamic.code).toBe(DIRECTORY_REFUSAL_CODES.groupIsDynamic);
    const location = classifyMicrosoftError({
      service: 'graph',
      status: 400,
      microsoftCode: 'Request_BadRequest',
      message: "Invalid value specified for property 'usageLocation' of resource 'User'.",
      details: [{ code: 'InvalidValue', target: 'usageLocation' }],
    });
    expect(location.code).toBe(DIRECTORY_REFUSAL_CODES.invalidUsageLocation);
    const consent = classifyMicrosoftError({
      service: 'graph',
      status: 403,
      microsoftCode: 'Authorization_RequestDenied',
      message: 'Insufficient privileges to complete the operation.',
    });
    expect(consent.code).toBe('Authorization_RequestDenied');
  });
});
