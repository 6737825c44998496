import { describe, expect, it } from 'vitest';
import { hrRuleSetSchema } from '../../src/contracts/hr/rules.js';
import { hrSourceInputSchema } from '../../src/contracts/hr/source.js';
import { toDraft, toInput } from '../../web/src/console/pages/hr/source-form/draft.js';
import {
  exampleName,
  errorsOf,
  newRule,
  toRuleDrafts,
  toRuleSet,
} from '../../web/src/console/pages/hr/rules/rules-draft.js';

const CUSTOMER = '0b6f1f1e-7f4c-4c57-9d51-3d7f0c1b2a01';
const TENANT = '6f0d0c1e-1a2b-4c3d-8e9f-0a1b2c3d4e5f';

describe('the HR source form', () => {
  it('sends a new CSV source the contract accepts once customer, tenant and domain are chosen', () => {
    const draft = {
      ...toDraft(null),
      name: 'HR export',
      customerId: CUSTOMER,
      tenantId: TENANT,
      domain: 'contoso.com',
    };
    const parsed = hrSourceInputSchema.safeParse(toInput(draft));
    expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
    expect(parsed.data?.csv?.columns).toMatchObject({ employeeId: 'EmployeeId', startDate: 'StartDate' });
    expect(parsed.data?.lifecycle.createDaysBeforeStart).toBeNull();
    expect(parsed.data?.json).toBeNull();
  });

  it('says which required column is missing, under the columns table', () => {
    const draft = {
      ...toDraft(null),
      name: 'HR export',
      customerId: CUSTOMER,
      tenantId: TENANT,
      domain: 'contoso.com',
    };
    draft.csv = { ...draft.csv, columns: { ...draft.csv.columns, startDate: ' ' } };
    const parsed = hrSourceInputSchema.safeParse(toInput(draft));
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((i) => [i.path.join('.'), i.message])).toContainEqual([
      'csv.columns',
      'map startDate to a column header: joiners need it',
    ]);
  });

  it('turns "never" and "days before" choices and empty thresholds into what the contract means', () => {
    const draft = {
      ...toDraft(null),
      kind: 'json' as const,
      name: 'HR API',
      customerId: CUSTOMER,
      tenantId: TENANT,
      domain: 'contoso.com',
      createAsSoonAsKnown: false,
      createDaysBeforeStart: 10,
      deleteNever: false,
      deleteAfterDays: 30,
      maxAdds: null,
      jsonToken: 'secret',
    };
    draft.json = {
      ...draft.json,
      url: 'https://hr.example/api/people',
      customPaths: [{ name: 'Grade', path: 'grade' }],
    };
    const parsed = hrSourceInputSchema.parse(toInput(draft));
    expect(parsed.lifecycle).toMatchObject({ createDaysBeforeStart: 10, deleteAfterDays: 30 });
    expect(parsed.thresholds.maxAdds).toBeNull();
    expect(parsed.csv).toBeNull();
    expect(parsed.json?.customPaths).toEqual({ Grade: 'grade' });
    expect(parsed.jsonToken).toBe('secret');
    // Left empty, the saved token is kept: the body says nothing about it.
    expect('jsonToken' in toInput({ ...draft, jsonToken: '' })).toBe(false);
  });
});

describe('the HR rules editor', () => {
  it('saves cards as a rule set the contract accepts, values split on commas', () => {
    const rule = {
      ...newRule(),
      name: 'Sales',
      conditions: [{ field: 'department', operator: 'in' as const, valuesText: 'Sales, Marketing ,' }],
      entitlements: [{ kind: 'account' as const }],
      dynamicGroups: [{ template: 'Dept-{department}', createMissing: true }],
    };
    const rules = hrRuleSetSchema.parse(toRuleSet([rule]));
    expect(rules[0]?.conditions[0]?.values).toEqual(['Sales', 'Marketing']);
    expect(toRuleDrafts(rules)[0]?.conditions[0]?.valuesText).toBe('Sales, Marketing');
    expect(newRule().id).not.toBe(rule.id);
  });

  it('renders a dynamic group example from the first value, trying alternatives in order', () => {
    const values = { department: ['Finance', 'Sales'], givenName: ['Ann'] };
    expect(exampleName('Dept-{department}', values)).toBe('Dept-Finance');
    expect(exampleName('{preferredName|givenName}-{location}', values)).toBe('Ann-{location}');
  });

  it('gives each card its own errors', () => {
    const errors = { 'rules.1.name': 'a rule needs a name', 'rules.1': 'x', 'rules.0.name': 'other' };
    expect(errorsOf(errors, 1)).toEqual({ name: 'a rule needs a name', rule: 'x' });
  });
});
