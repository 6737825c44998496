import { describe, expect, it } from 'vitest';
import type { HrRule } from '../../contracts/hr/rules.js';
import { previewEnforcement, previewRuleChange } from './preview.js';
import { compileRuleSet, type CompiledRuleSet } from './rules-engine.js';
import { context } from './testing/context.js';
import { person, rule, SKU_E3 } from './testing/persons.js';

function compile(rules: HrRule[]): CompiledRuleSet {
  const result = compileRuleSet(rules);
  if (!result.ok) throw new Error('rules');
  return result.ruleSet;
}

const staff = rule({ name: 'Staff', entitlements: [{ kind: 'account' }] });
const salesE3 = rule({
  name: 'Sales E3',
  conditions: [{ field: 'department', operator: 'equals', values: ['Sales'] }],
  entitlements: [{ kind: 'licence', skuId: SKU_E3, name: 'Microsoft 365 E3' }],
});
const persons = [
  person({ employeeId: 'E1' }, { department: 'Sales' }),
  person({ employeeId: 'E2', givenName: 'Bob', preferredName: 'Bobby' }, { department: 'Finance' }),
  person({ employeeId: 'E3', displayName: 'Dr Cy Cole' }, { department: 'IT' }),
];

describe('rule change preview', () => {
  it('lists only persons whose entitlements change, with what they gain and lose and why', () => {
    const published = compile([staff, salesE3]);
    const draft = compile([
      staff,
      rule({ name: 'Dept groups', dynamicGroups: [{ template: 'Dept-{department}' }] }),
    ]);
    const preview = previewRuleChange(persons, published, draft, '2026-03-01');
    expect(preview.totals).toEqual({ personsAffected: 3, gains: 3, losses: 1 });
    expect(preview.persons[0]).toEqual({
      employeeId: 'E1',
      displayName: 'Ann Smith',
      gains: [{ kind: 'group', name: 'Dept-Sales', rules: ['Dept groups'] }],
      loses: [{ kind: 'licence', name: 'Microsoft 365 E3', rules: ['Sales E3'] }],
    });
    expect(preview.persons.map((p) => p.displayName)).toEqual(['Ann Smith', 'Bobby Smith', 'Dr Cy Cole']);
  });

  it('reports the account as gained or lost', () => {
    const preview = previewRuleChange(persons, compile([salesE3]), compile([staff, salesE3]), '2026-03-01');
    expect(preview.totals).toEqual({ personsAffected: 3, gains: 3, losses: 0 });
    expect(preview.persons[0]?.gains).toEqual([{ kind: 'account', name: 'account', rules: ['Staff'] }]);
  });

  it('is empty when the draft grants the same', () => {
    const preview = previewRuleChange(
      persons,
      compile([staff, salesE3]),
      compile([salesE3, staff]),
      '2026-03-01',
    );
    expect(preview).toEqual({ persons: [], totals: { personsAffected: 0, gains: 0, losses: 0 } });
  });
});

describe('enforcement dry run', () => {
  it('lists every action per person and counts them per kind, leaving out persons with nothing to do', () => {
    const ctx = context([staff, salesE3]);
    const preview = previewEnforcement(
      [
        { person: persons[0]!, applied: null },
        { person: persons[1]!, applied: null, removedOn: '2026-02-01' },
      ],
      ctx,
      '2026-03-01',
    );
    expect(preview.persons.map((p) => [p.employeeId, p.actions.map((a) => a.kind)])).toEqual([
      ['E1', ['create', 'assignLicences', 'enable']],
    ]);
    expect(preview.counts).toMatchObject({
      create: 1,
      assignLicences: 1,
      enable: 1,
      delete: 0,
      addGroups: 0,
    });
    expect(preview.totalActions).toBe(3);
  });
});
