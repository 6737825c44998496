import { hrPersonSchema, type HrPerson, type HrPersonInput } from '../../../contracts/hr/person.js';
import type { z } from 'zod';
import { hrRuleSchema, type HrRule } from '../../../contracts/hr/rules.js';

/** Test fixtures for the HR domain: persons and rules with defaults filled in. */

export function person(
  overrides: Partial<HrPersonInput> = {},
  contract: Record<string, unknown> = {},
): HrPerson {
  return hrPersonSchema.parse({
    employeeId: 'E1',
    givenName: 'Ann',
    surname: 'Smith',
    contracts: [{ id: '1', department: 'Sales', title: 'Rep', startDate: '2026-01-05', ...contract }],
    ...overrides,
  });
}

let ruleCounter = 0;

export function rule(input: Omit<Partial<z.input<typeof hrRuleSchema>>, 'id'> & { name: string }): HrRule {
  ruleCounter += 1;
  const id = `00000000-0000-4000-8000-${String(ruleCounter).padStart(12, '0')}`;
  return hrRuleSchema.parse({ id, ...input });
}

export const SKU_E3 = '05e9a617-0261-4cee-bb44-138d3ef5d965';
export const SKU_E5 = '06ebc4ee-1bb5-47dd-8120-11324bc54e06';
