import { HR_CUSTOM_FIELD_NAME, HR_PERSON_FIELDS } from '../../contracts/hr/person.js';

/**
 * Attribute and group-name templates over a person's fields (issue 9): `{field}` inserts a field,
 * `{a|b}` the first of several that is not empty, and text around tokens is kept as written.
 * Templates are compiled once and rendered for every person (20k × 50 in a full preview), so the
 * field names are checked at compile time and rendering is a loop over prepared parts.
 */

/** A person's fields as rules and templates read them: person fields and `custom.<name>`. */
export type HrFieldView = { readonly [field: string]: string | null | undefined };

/** A template ready to render. */
export interface CompiledTemplate {
  readonly source: string;
  /** Every field the template reads, in order of appearance. */
  readonly fields: readonly string[];
  /**
   * The rendered text, trimmed and with runs of spaces left by empty tokens collapsed; null when
   * every token is empty (or the template is blank). A template without tokens is a constant.
   */
  render(fields: HrFieldView): string | null;
  /** Like `render`, but null as soon as any token is empty (dynamic group names). */
  renderStrict(fields: HrFieldView): string | null;
}

export type TemplateCompilation = { ok: true; template: CompiledTemplate } | { ok: false; message: string };

type Part = string | readonly string[];

const FIELD_LIST = `${HR_PERSON_FIELDS.join(', ')} or custom.<name>`;

/** Whether a rule or template may read this field. */
export function isHrFieldName(field: string): boolean {
  return (
    (HR_PERSON_FIELDS as readonly string[]).includes(field) ||
    (field.startsWith('custom.') && HR_CUSTOM_FIELD_NAME.test(field.slice('custom.'.length)))
  );
}

/** The message for a field name that is neither a person field nor `custom.<name>`. */
export function unknownFieldMessage(field: string): string {
  return `unknown field "${field}": use one of ${FIELD_LIST}`;
}

function parseParts(source: string): { parts: Part[] } | { message: string } {
  const parts: Part[] = [];
  let at = 0;
  while (at < source.length) {
    const open = source.indexOf('{', at);
    const close = source.indexOf('}', at);
    if (close !== -1 && (open === -1 || close < open))
      return { message: `"}" at position ${close + 1} has no "{"` };
    if (open === -1) {
      parts.push(source.slice(at));
      break;
    }
    if (open > at) parts.push(source.slice(at, open));
    const end = source.indexOf('}', open);
    if (end === -1) return { message: `"{" at position ${open + 1} is not closed with "}"` };
    const inner = source.slice(open + 1, end);
    if (inner.includes('{')) return { message: `"{" at position ${open + 1} is not closed with "}"` };
    const names = inner.split('|').map((n) => n.trim());
    if (names.some((n) => n === '')) return { message: `empty field name in "{${inner}}"` };
    const unknown = names.find((n) => !isHrFieldName(n));
    if (unknown !== undefined) return { message: unknownFieldMessage(unknown) };
    parts.push(names);
    at = end + 1;
  }
  return { parts };
}

function tokenValue(names: readonly string[], fields: HrFieldView): string | null {
  for (const name of names) {
    const value = fields[name];
    if (value !== null && value !== undefined) {
      const trimmed = value.trim();
      if (trimmed !== '') return trimmed;
    }
  }
  return null;
}

function tidy(text: string): string | null {
  const result = text.replace(/ {2,}/g, ' ').trim();
  return result === '' ? null : result;
}

/** Compiles a template, or says what is wrong with it (naming the template). */
export function compileTemplate(source: string): TemplateCompilation {
  const parsed = parseParts(source);
  if ('message' in parsed) return { ok: false, message: `template "${source}": ${parsed.message}` };
  const { parts } = parsed;
  const fields = parts.filter((p): p is readonly string[] => typeof p !== 'string').flat();
  const hasTokens = fields.length > 0;
  const renderWith = (strict: boolean) => (values: HrFieldView) => {
    let text = '';
    let filled = false;
    for (const part of parts) {
      if (typeof part === 'string') {
        text += part;
        continue;
      }
      const value = tokenValue(part, values);
      if (value === null) {
        if (strict) return null;
      } else {
        filled = true;
        text += value;
      }
    }
    return hasTokens && !filled ? null : tidy(text);
  };
  return {
    ok: true,
    template: { source, fields, render: renderWith(false), renderStrict: renderWith(true) },
  };
}

/** Thrown when a template known to be valid (saved and checked before) fails to compile. */
export class HrTemplateError extends Error {
  override readonly name = 'HrTemplateError';
}

/** Compiles a template that has been checked already; throws `HrTemplateError` otherwise. */
export function mustCompileTemplate(source: string): CompiledTemplate {
  const compiled = compileTemplate(source);
  if (!compiled.ok) throw new HrTemplateError(compiled.message);
  return compiled.template;
}
