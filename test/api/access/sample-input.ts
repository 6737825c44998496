import { randomUUID } from 'node:crypto';
import { z } from 'zod';

type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  items?: JsonSchema;
  minItems?: number;
  minLength?: number;
  minimum?: number;
  format?: string;
  default?: unknown;
};

const FORMATS: Record<string, () => string> = {
  uuid: () => randomUUID(),
  email: () => 'route-matrix@example.com',
  'date-time': () => new Date().toISOString(),
  uri: () => 'https://example.com/',
};

function sample(schema: JsonSchema): unknown {
  if ('const' in schema) return schema.const;
  if (schema.enum) return schema.enum[0];
  const options = schema.anyOf ?? schema.oneOf;
  if (options?.[0]) return sample(options[0]);
  if (schema.allOf) return Object.assign({}, ...schema.allOf.map((part) => sample(part) as object));
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case 'object': {
      const value: Record<string, unknown> = {};
      for (const name of schema.required ?? []) value[name] = sample(schema.properties?.[name] ?? {});
      return value;
    }
    case 'array':
      return Array.from({ length: schema.minItems ?? 0 }, () => sample(schema.items ?? {}));
    case 'string':
      return FORMATS[schema.format ?? '']?.() ?? 'x'.repeat(Math.max(1, schema.minLength ?? 1));
    case 'integer':
    case 'number':
      return schema.minimum ?? 1;
    case 'boolean':
      return false;
    case 'null':
      return null;
    default:
      return schema.default ?? 'x';
  }
}

/**
 * The smallest input `schema` accepts in the common case (required fields only, first enum value,
 * minimum lengths), so a walk over every endpoint exercises access rules rather than validation.
 * Refinements are not known to JSON Schema; a sample may still fail them (answered 400).
 */
export function sampleInput(schema: z.ZodType | undefined): unknown {
  if (!schema) return undefined;
  return sample(z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema);
}
