import { describe, expect, it } from 'vitest';
import { escapeODataString, odataFilter, odataString, raw, withQuery } from './odata.js';

describe('OData helpers', () => {
  it('doubles single quotes inside string literals', () => {
    expect(escapeODataString("O'Brien")).toBe("O''Brien");
    expect(odataString("it's 'quoted'")).toBe("'it''s ''quoted'''");
  });

  it('quotes every interpolated value of a filter', () => {
    const upn = "o'brien@contoso.com' or 1 eq 1 or displayName eq '";
    expect(odataFilter`userPrincipalName eq ${upn}`).toBe(
      "userPrincipalName eq 'o''brien@contoso.com'' or 1 eq 1 or displayName eq '''",
    );
    expect(odataFilter`accountEnabled eq ${true} and usageLocation eq ${null} and x gt ${3}`).toBe(
      'accountEnabled eq true and usageLocation eq null and x gt 3',
    );
    expect(
      odataFilter`assignedLicenses/any(x:x/skuId eq ${raw('cbdc14ab-d96c-4c30-b9f4-6ada7cdc1d46')})`,
    ).toBe('assignedLicenses/any(x:x/skuId eq cbdc14ab-d96c-4c30-b9f4-6ada7cdc1d46)');
  });

  it('percent-encodes query values, joining arrays with commas', () => {
    expect(
      withQuery('/users', {
        $select: ['id', 'displayName'],
        $filter: "mail eq 'a&b#EXT#@x'",
        $top: 999,
        $count: undefined,
      }),
    ).toBe("/users?$select=id%2CdisplayName&$filter=mail%20eq%20'a%26b%23EXT%23%40x'&$top=999");
    expect(withQuery('/users?$select=id', { $top: 5 })).toBe('/users?$select=id&$top=5');
  });
});
