import { HR_ENTRA_ATTRIBUTES, type HrEntraAttribute } from '../../contracts/hr/entra-attributes.js';
import type { HrAttributeValues } from '../../contracts/hr/lifecycle.js';
import type { HrAttributeMapping } from '../../contracts/hr/source.js';
import { compileTemplate, type CompiledTemplate, type HrFieldView } from './templates.js';

/**
 * A source's attribute mapping (Entra attribute → template) compiled once. `employeeId` is
 * always the person's employee id whatever the mapping says: it correlates the account with the
 * person, so a retried joiner finds the account it created.
 */

export interface CompiledAttributeMapping {
  render(fields: HrFieldView, employeeId: string): HrAttributeValues;
}

export type AttributeMappingCompilation =
  | { ok: true; mapping: CompiledAttributeMapping }
  | { ok: false; problems: { attribute: HrEntraAttribute; message: string }[] };

/** Compiles every mapped template, or lists each attribute whose template is wrong. */
export function compileAttributeMapping(mapping: HrAttributeMapping): AttributeMappingCompilation {
  const templates: [HrEntraAttribute, CompiledTemplate][] = [];
  const problems: { attribute: HrEntraAttribute; message: string }[] = [];
  for (const attribute of HR_ENTRA_ATTRIBUTES) {
    const source = mapping[attribute];
    if (source === undefined || attribute === 'employeeId') continue;
    const compiled = compileTemplate(source);
    if (compiled.ok) templates.push([attribute, compiled.template]);
    else problems.push({ attribute, message: `${attribute}: ${compiled.message}` });
  }
  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    mapping: {
      render(fields, employeeId) {
        const values: HrAttributeValues = {};
        for (const [attribute, template] of templates) values[attribute] = template.render(fields);
        values.employeeId = employeeId;
        return values;
      },
    },
  };
}
