import { describe, expect, it } from 'vitest';
import { compileTemplate, HrTemplateError, mustCompileTemplate } from './templates.js';

const render = (source: string, fields: Record<string, string | null>) =>
  mustCompileTemplate(source).render(fields);

describe('templates', () => {
  it('renders fields with the literal text around them', () => {
    expect(render('Dept-{department}', { department: 'Sales' })).toBe('Dept-Sales');
    expect(render('{givenName} {surname}', { givenName: 'Ann', surname: 'Smith' })).toBe('Ann Smith');
  });

  it('takes the first non-empty field of {a|b}', () => {
    const t = mustCompileTemplate('{preferredName|givenName} {surname}');
    expect(t.render({ preferredName: 'Annie', givenName: 'Ann', surname: 'Smith' })).toBe('Annie Smith');
    expect(t.render({ preferredName: '  ', givenName: 'Ann', surname: 'Smith' })).toBe('Ann Smith');
    expect(t.render({ preferredName: null, givenName: 'Ann', surname: 'Smith' })).toBe('Ann Smith');
    expect(t.fields).toEqual(['preferredName', 'givenName', 'surname']);
  });

  it('renders null when every token is empty, and closes the gap an empty token leaves', () => {
    expect(render('Dept-{department}', { department: null })).toBeNull();
    expect(
      render('{givenName} {middleName} {surname}', { givenName: 'Ann', middleName: null, surname: 'Smith' }),
    ).toBe('Ann Smith');
  });

  it('strict rendering gives no name when any token is empty', () => {
    const t = mustCompileTemplate('{department}-{location}');
    expect(t.renderStrict({ department: 'Sales', location: 'Leeds' })).toBe('Sales-Leeds');
    expect(t.renderStrict({ department: 'Sales', location: '' })).toBeNull();
  });

  it('reads custom fields and renders constants as written', () => {
    expect(render('Site {custom.site_code}', { 'custom.site_code': 'LDS' })).toBe('Site LDS');
    expect(render('GB', {})).toBe('GB');
    expect(render('', {})).toBeNull();
  });

  it('names an unknown field and lists the valid ones', () => {
    const result = compileTemplate('Dept-{departmnet}');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.message).toContain('template "Dept-{departmnet}": unknown field "departmnet"');
    expect(result.message).toContain('department');
    expect(result.message).toContain('custom.<name>');
  });

  it('explains unbalanced braces and empty tokens', () => {
    expect(compileTemplate('Dept-{department')).toMatchObject({
      ok: false,
      message: expect.stringContaining('"{" at position 6 is not closed'),
    });
    expect(compileTemplate('Dept-department}')).toMatchObject({
      ok: false,
      message: expect.stringContaining('"}" at position 16 has no "{"'),
    });
    expect(compileTemplate('{a|}')).toMatchObject({
      ok: false,
      message: expect.stringContaining('empty field name in "{a|}"'),
    });
    expect(compileTemplate('{custom.bad-name}')).toMatchObject({
      ok: false,
      message: expect.stringContaining('unknown field "custom.bad-name"'),
    });
  });

  it('throws a typed error for a template assumed valid', () => {
    expect(() => mustCompileTemplate('{nope}')).toThrow(HrTemplateError);
  });
});
