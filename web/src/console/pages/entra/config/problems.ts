import type { z } from 'zod';
import type { ConfigProblem } from '../../../../../../src/contracts/api/entra-import.js';

/** The configuration tabs, by the top-level key of the configuration each edits. */
export type ConfigTab = 'fields' | 'sites' | 'advanced' | 'imports';

const TAB_OF_KEY: Record<string, ConfigTab> = {
  userFieldMappings: 'fields',
  agentFieldMappings: 'fields',
  siteMappings: 'sites',
  groupMappings: 'advanced',
  agents: 'advanced',
  users: 'advanced',
  matching: 'imports',
  import: 'imports',
  delta: 'imports',
};

/** The tab holding the control of a dotted configuration path (`siteMappings.2.groupName` → sites). */
export function tabOf(field: string): ConfigTab {
  return TAB_OF_KEY[field.split('.')[0] ?? ''] ?? 'imports';
}

export const TAB_LABELS: Record<ConfigTab, string> = {
  fields: 'Field Mappings',
  sites: 'Site Mappings',
  advanced: 'Advanced',
  imports: 'Imports',
};

/** The contract schema's own complaints, in the API's problem shape (checked before asking the API). */
export function issuesToProblems(
  issues: readonly z.core.$ZodIssue[],
  prefix: (string | number)[] = [],
): ConfigProblem[] {
  return issues.map((issue) => ({
    severity: 'error',
    field: [...prefix, ...issue.path].map(String).join('.'),
    message: issue.message,
    suggestions: [],
  }));
}

/** Field errors of a refused save (`config.siteMappings.2.groupName`) as configuration problems. */
export function fieldErrorsToProblems(errors: { field: string; message: string }[]): ConfigProblem[] {
  return errors.map((e) => ({
    severity: 'error',
    field: e.field.replace(/^config\./, ''),
    message: e.message,
    suggestions: [],
  }));
}

/** The value at a dotted path (`siteMappings.2.groupName`), or undefined. */
export function valueAt(root: unknown, field: string): unknown {
  let node: unknown = root;
  for (const part of field.split('.')) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return node;
}

/** Sets a text value at a dotted path of `root` (mutating it); false when the path holds no text. */
export function setTextAt(root: unknown, field: string, value: string): boolean {
  const parts = field.split('.');
  const last = parts.pop();
  const parent = valueAt(root, parts.join('.'));
  if (!last || parent === null || typeof parent !== 'object') return false;
  const record = parent as Record<string, unknown>;
  if (typeof record[last] !== 'string' && record[last] !== null) return false;
  record[last] = value;
  return true;
}

/** Settings named as the screen names them, where the path's own words would not do. */
const WHOLE_FIELD_NAMES: Record<string, string> = {
  delta: 'Delta queries',
  'delta.enabled': 'Delta queries › Use delta queries',
  'delta.method': 'Delta queries › Sync method',
};

/** Words for a dotted path a person can follow: `siteMappings.2.groupName` → "Site mapping 3 › groupName". */
export function describeField(field: string): string {
  const whole = WHOLE_FIELD_NAMES[field];
  if (whole) return whole;
  const names: Record<string, string> = {
    userFieldMappings: 'User field mapping',
    agentFieldMappings: 'Agent field mapping',
    siteMappings: 'Site mapping',
    agentRoles: 'Agent role mapping',
    userRoles: 'User role mapping',
    teams: 'Team mapping',
    cabs: 'CAB mapping',
    criteria: 'criterion',
    setValues: 'value to set',
  };
  const out: string[] = [];
  const parts = field.split('.');
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i] ?? '';
    const next = parts[i + 1];
    if (names[part] && next !== undefined && /^\d+$/.test(next)) {
      out.push(`${names[part]} ${Number(next) + 1}`);
      i++;
    } else out.push(part);
  }
  return out.join(' › ');
}
