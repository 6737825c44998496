import type { DirectoryUser, FieldFilter, FilterCriterion } from '../../contracts/entra/index.js';
import { readEntraField } from './entra-values.js';
import { comparable } from './text.js';

/** Whether a user passes a site mapping's field filter; `failure` explains why not, for a person. */
export type FieldFilterResult = { passed: true } | { passed: false; failure: string };

/**
 * Evaluates a field filter: `and` needs every criterion, `or` any one; no criteria lets everyone
 * through. Text is compared ignoring case and surrounding spaces (see {@link comparable}).
 */
export function evaluateFieldFilter(filter: FieldFilter, user: DirectoryUser): FieldFilterResult {
  if (filter.criteria.length === 0) return { passed: true };
  if (filter.combinator === 'or') {
    if (filter.criteria.some((c) => criterionHolds(c, user))) return { passed: true };
    const described = filter.criteria.map(describeCriterion).join('; ');
    return { passed: false, failure: `none of the field filter criteria holds (${described})` };
  }
  const failed = filter.criteria.find((c) => !criterionHolds(c, user));
  if (failed === undefined) return { passed: true };
  const actual = readEntraField(user, failed.entraField);
  const shown = actual === null ? 'blank' : `"${actual}"`;
  return {
    passed: false,
    failure: `field filter not met: ${describeCriterion(failed)}, but ${failed.entraField} is ${shown}`,
  };
}

/** One criterion against one user. */
export function criterionHolds(criterion: FilterCriterion, user: DirectoryUser): boolean {
  const actual = comparable(readEntraField(user, criterion.entraField));
  const expected = comparable(criterion.value);
  switch (criterion.operator) {
    case 'equals':
      return actual === expected;
    case 'notEquals':
      return actual !== expected;
    case 'startsWith':
      return actual !== '' && actual.startsWith(expected);
    case 'endsWith':
      return actual !== '' && actual.endsWith(expected);
    case 'contains':
      return actual !== '' && actual.includes(expected);
    case 'isEmpty':
      return actual === '';
    case 'isNotEmpty':
      return actual !== '';
  }
}

const OPERATOR_WORDS: Record<FilterCriterion['operator'], string> = {
  equals: 'equals',
  notEquals: 'does not equal',
  startsWith: 'starts with',
  endsWith: 'ends with',
  contains: 'contains',
  isEmpty: 'is empty',
  isNotEmpty: 'is not empty',
};

function describeCriterion(criterion: FilterCriterion): string {
  const words = `${criterion.entraField} ${OPERATOR_WORDS[criterion.operator]}`;
  return criterion.operator === 'isEmpty' || criterion.operator === 'isNotEmpty'
    ? words
    : `${words} "${criterion.value.trim()}"`;
}
