import { z } from 'zod';
import { serverConfigSchema } from '../../contracts/config.js';

/** How a setting's text from the environment or a flag becomes a value. */
export type SettingKind = 'integer' | 'number' | 'boolean' | 'string' | 'list';

/** One leaf of `serverConfigSchema`, with everything needed to read it and to explain a bad value. */
export interface Setting {
  /** Dotted path in the config file and the schema, e.g. `sessions.idleMinutes`. */
  path: string;
  /** Environment variable that sets it. */
  env: string;
  kind: SettingKind;
  /** What a valid value looks like, for error messages ("a whole number from 5 to 1440"). */
  expected: string;
  /** A valid value, quoted in error messages as the fix. */
  example: string;
  default?: unknown;
  /** Never printed: errors show `(hidden)`; URLs lose their password. */
  display: 'plain' | 'secret' | 'url';
  /** A file or folder path: relative paths in a config file are taken from the file's folder. */
  isPath: boolean;
  /** A secret that must not sit in a config file in clear: the environment (or a file setting) only. */
  envOnly?: boolean;
}

interface Hint {
  env?: string;
  expected?: string;
  example?: string;
  display?: Setting['display'];
  isPath?: boolean;
  envOnly?: boolean;
}

/**
 * What cannot be derived from the schema: friendlier variable names and wording. Settings that
 * other parts add later still work without a hint (`ROLLCALL_` + the path in upper snake case).
 */
const HINTS: Record<string, Hint> = {
  port: { expected: 'a port number 0–65535 (0 picks a free port)', example: '3000' },
  host: { expected: 'an address to listen on', example: '0.0.0.0' },
  publicUrl: { expected: 'an absolute URL', example: 'https://rollcall.example.com' },
  dataDir: { expected: 'a folder path', example: '/var/lib/rollcall', isPath: true },
  databaseUrl: {
    env: 'DATABASE_URL',
    expected: 'a PostgreSQL URL starting with postgres:// or postgresql://',
    example: 'postgres://rollcall:PASSWORD@db.internal:5432/rollcall',
    display: 'url',
  },
  'sessions.idleMinutes': { env: 'ROLLCALL_SESSION_IDLE_MINUTES' },
  'sessions.absoluteHours': { env: 'ROLLCALL_SESSION_ABSOLUTE_HOURS' },
  'sessions.cacheSeconds': { env: 'ROLLCALL_SESSION_CACHE_SECONDS' },
  'sso.clientId': {
    expected: 'the application (client) id of the sign-in app registration',
    example: '00000000-0000-0000-0000-000000000000',
  },
  'sso.clientSecret': { example: 'SECRET-FROM-THE-APP-REGISTRATION' },
  'microsoft.extraCaPath': { expected: 'a PEM file path', example: '/etc/rollcall/ca.pem', isPath: true },
  'metrics.token': { example: 'A-LONG-RANDOM-STRING-32-CHARS-OR-MORE' },
  'smtp.host': { expected: "the SMTP server's host name", example: 'smtp.example.com' },
  'smtp.port': {
    expected: 'a port number 1–65535 (587 with STARTTLS, 465 with smtp.secure)',
    example: '587',
  },
  'smtp.user': { expected: 'the user name to sign in with', example: 'rollcall@example.com' },
  'smtp.password': { example: 'THE-SMTP-PASSWORD', envOnly: true },
  'smtp.passwordFile': {
    expected: 'a file path',
    example: '/run/secrets/rollcall-smtp-password',
    isPath: true,
    // The file's path is not the secret; its content is.
    display: 'plain',
  },
  'smtp.from': {
    expected: 'an e-mail address, optionally with a name',
    example: 'Rollcall <rollcall@example.com>',
  },
};

const SECRET_NAME = /secret|token|password/i;

type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  enum?: unknown[];
  minimum?: number;
  maximum?: number;
  minLength?: number;
  format?: string;
  pattern?: string;
  default?: unknown;
};

const upperSnake = (path: string) =>
  path
    .split('.')
    .map((part) => part.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase())
    .join('_');

function kindOf(schema: JsonSchema): SettingKind {
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  if (type === 'integer' || type === 'number' || type === 'boolean') return type;
  if (type === 'array') return 'list';
  return 'string';
}

function expectedOf(schema: JsonSchema, kind: SettingKind): string {
  if (schema.enum) return `one of ${schema.enum.join(', ')}`;
  const range = (noun: string) =>
    schema.minimum !== undefined && schema.maximum !== undefined
      ? `${noun} from ${schema.minimum} to ${schema.maximum}`
      : noun;
  if (kind === 'integer') return range('a whole number');
  if (kind === 'number') return range('a number');
  if (kind === 'boolean') return 'true or false';
  if (kind === 'list') return 'a comma-separated list';
  if (schema.format === 'uri') return 'an absolute URL';
  if (schema.minLength) return `text of at least ${schema.minLength} characters`;
  return 'text';
}

function exampleOf(schema: JsonSchema, kind: SettingKind): string {
  if (schema.default !== undefined && typeof schema.default !== 'object') return String(schema.default);
  if (schema.enum?.[0] !== undefined) return String(schema.enum[0]);
  if (kind === 'integer' || kind === 'number') return String(schema.minimum ?? 1);
  if (kind === 'boolean') return 'true';
  return 'VALUE';
}

function collect(properties: Record<string, JsonSchema>, prefix: string, out: Setting[]): void {
  for (const [key, schema] of Object.entries(properties)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (schema.properties) {
      collect(schema.properties, path, out);
      continue;
    }
    const hint = HINTS[path] ?? {};
    const kind = kindOf(schema);
    out.push({
      path,
      env: hint.env ?? `ROLLCALL_${upperSnake(path)}`,
      kind,
      expected: hint.expected ?? expectedOf(schema, kind),
      example: hint.example ?? exampleOf(schema, kind),
      ...(schema.default !== undefined ? { default: schema.default } : {}),
      display: hint.display ?? (SECRET_NAME.test(key) ? 'secret' : 'plain'),
      isPath: hint.isPath ?? false,
      ...(hint.envOnly ? { envOnly: true } : {}),
    });
  }
}

/** Every setting of `serverConfigSchema`, derived from the schema itself so none is forgotten. */
export function serverSettings(): Setting[] {
  const json = z.toJSONSchema(serverConfigSchema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
  const out: Setting[] = [];
  collect(json.properties ?? {}, '', out);
  return out;
}

/** Environment variables Rollcall reads that are not settings of the schema. */
export const OTHER_ENV_VARS = ['ROLLCALL_CONFIG', 'ROLLCALL_SECRET_KEY'] as const;
