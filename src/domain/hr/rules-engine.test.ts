import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import type { hrConditionSchema, HrRule } from '../../contracts/hr/rules.js';
import { compileRuleSet, type CompiledRuleSet } from './rules-engine.js';
import { rule, SKU_E3, SKU_E5 } from './testing/persons.js';

function compile(rules: HrRule[]): CompiledRuleSet {
  const result = compileRuleSet(rules);
  if (!result.ok) throw new Error(result.problems.map((p) => p.message).join('; '));
  return result.ruleSet;
}

const sales = { department: ' SALES ', title: 'Rep', location: 'Leeds', employeeType: 'employee' };

describe('rules engine', () => {
  it('grants the account, groups and licences of every matching rule', () => {
    const rules = compile([
      rule({ name: 'Everyone', entitlements: [{ kind: 'account' }, { kind: 'group', name: 'All staff' }] }),
      rule({
        name: 'Sales',
        conditions: [{ field: 'department', operator: 'equals', values: ['sales'] }],
        entitlements: [
          { kind: 'group', name: 'Sales team' },
          { kind: 'licence', skuId: SKU_E3, name: 'E3' },
        ],
      }),
      rule({
        name: 'Finance',
        conditions: [{ field: 'department', operator: 'equals', values: ['Finance'] }],
        entitlements: [{ kind: 'licence', skuId: SKU_E5 }],
      }),
    ]);
    expect(rules.evaluate(sales)).toEqual({
      accountRules: ['Everyone'],
      groups: [
        { name: 'All staff', rules: ['Everyone'], createMissing: false },
        { name: 'Sales team', rules: ['Sales'], createMissing: false },
      ],
      licences: [{ skuId: SKU_E3, rules: ['Sales'] }],
    });
    expect(rules.licenceName(SKU_E3.toUpperCase())).toBe('E3');
    expect(rules.licenceName(SKU_E5)).toBe(SKU_E5);
  });

  it('merges a group granted by several rules, whatever its case, listing every rule', () => {
    const rules = compile([
      rule({ name: 'A', entitlements: [{ kind: 'group', name: 'Dept-Sales' }] }),
      rule({ name: 'B', dynamicGroups: [{ template: 'dept-{department}', createMissing: true }] }),
    ]);
    expect(rules.evaluate(sales).groups).toEqual([
      { name: 'Dept-Sales', rules: ['A', 'B'], createMissing: true },
    ]);
  });

  it('names dynamic groups from fields, and grants none when a token is empty', () => {
    const rules = compile([
      rule({ name: 'Per site', dynamicGroups: [{ template: 'Site-{location}-{department}' }] }),
    ]);
    expect(rules.evaluate(sales).groups.map((g) => g.name)).toEqual(['Site-Leeds-SALES']);
    expect(rules.evaluate({ ...sales, location: null }).groups).toEqual([]);
  });

  it('ignores disabled rules', () => {
    const rules = compile([rule({ name: 'Off', enabled: false, entitlements: [{ kind: 'account' }] })]);
    expect(rules.evaluate(sales).accountRules).toEqual([]);
  });

  it('compares case-insensitively and trimmed with every operator', () => {
    const holds = (
      condition: z.input<typeof hrConditionSchema>,
      fields: Record<string, string | null> = sales,
    ) =>
      compile([rule({ name: 'R', conditions: [condition], entitlements: [{ kind: 'account' }] })]).evaluate(
        fields,
      ).accountRules.length === 1;
    expect(holds({ field: 'department', operator: 'in', values: ['Finance', ' sales'] })).toBe(true);
    expect(holds({ field: 'department', operator: 'notIn', values: ['Finance', 'sales'] })).toBe(false);
    expect(holds({ field: 'department', operator: 'notEquals', values: ['Finance'] })).toBe(true);
    expect(holds({ field: 'title', operator: 'startsWith', values: ['re'] })).toBe(true);
    expect(holds({ field: 'location', operator: 'contains', values: ['EED'] })).toBe(true);
    expect(holds({ field: 'location', operator: 'contains', values: ['x'] })).toBe(false);
    expect(holds({ field: 'costCentre', operator: 'isSet', values: [] })).toBe(false);
    expect(holds({ field: 'costCentre', operator: 'isNotSet', values: [] })).toBe(true);
    expect(holds({ field: 'custom.grade', operator: 'equals', values: ['7'] }, { 'custom.grade': '7' })).toBe(
      true,
    );
  });

  it('requires every condition of a rule', () => {
    const rules = compile([
      rule({
        name: 'Leeds sales',
        conditions: [
          { field: 'department', operator: 'equals', values: ['sales'] },
          { field: 'location', operator: 'equals', values: ['York'] },
        ],
        entitlements: [{ kind: 'account' }],
      }),
    ]);
    expect(rules.evaluate(sales).accountRules).toEqual([]);
  });

  it('lists every rule whose template is wrong, disabled ones included', () => {
    const result = compileRuleSet([
      rule({ name: 'Typo', dynamicGroups: [{ template: 'Dept-{departmnet}' }] }),
      rule({ name: 'Off', enabled: false, dynamicGroups: [{ template: 'Loc-{place}' }] }),
    ]);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((p) => [p.rule, p.message.split(':')[0]])).toEqual([
      ['Typo', 'template "Dept-{departmnet}"'],
      ['Off', 'template "Loc-{place}"'],
    ]);
    expect(result.problems[0]?.message).toContain('unknown field "departmnet"');
  });

  it('evaluates 20,000 persons against 50 rules', () => {
    const departments = ['Sales', 'Finance', 'IT', 'HR', 'Ops'];
    const rules: HrRule[] = [rule({ name: 'Everyone', entitlements: [{ kind: 'account' }] })];
    rules.push(rule({ name: 'Dept groups', dynamicGroups: [{ template: 'Dept-{department}' }] }));
    for (let i = 0; i < 48; i += 1)
      rules.push(
        rule({
          name: `Rule ${i}`,
          conditions: [
            { field: 'department', operator: 'in', values: [departments[i % 5] ?? 'Sales'] },
            { field: 'location', operator: 'notEquals', values: [`Site ${i % 8}`] },
          ],
          entitlements: [{ kind: 'group', name: `Group ${i % 20}` }],
        }),
      );
    const compiled = compile(rules);
    let accounts = 0;
    let groups = 0;
    for (let n = 0; n < 20_000; n += 1) {
      const outcome = compiled.evaluate({
        employeeId: `E${n}`,
        department: departments[n % 5] ?? null,
        location: `Site ${n % 8}`,
      });
      accounts += outcome.accountRules.length;
      groups += outcome.groups.length;
    }
    expect(accounts).toBe(20_000);
    // Each person matches the dynamic group and the rules of their department (rule i applies to
    // department i % 5) except the one rule whose excluded site is theirs.
    let expected = 0;
    for (let n = 0; n < 20_000; n += 1) {
      const names = new Set<number>();
      for (let i = 0; i < 48; i += 1) if (i % 5 === n % 5 && i % 8 !== n % 8) names.add(i % 20);
      expected += 1 + names.size;
    }
    expect(groups).toBe(expected);
  });
});
