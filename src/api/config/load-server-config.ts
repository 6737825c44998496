import { readFileSync, statSync } from 'node:fs';
import type { z } from 'zod';
import { serverConfigSchema, type ServerConfig } from '../../contracts/config.js';
import { OTHER_ENV_VARS, serverSettings, type Setting } from './settings.js';
import { readConfigFile } from './config-file.js';
import {
  createRawConfig,
  describeSource,
  exampleFor,
  type ConfigProblem,
  type ValueSource,
} from './sources.js';
import { closest } from './suggest.js';

export type { ConfigProblem } from './sources.js';

/** The configuration cannot be used; `problems` names each bad setting as the user wrote it. */
export class ServerConfigError extends Error {
  constructor(readonly problems: ConfigProblem[]) {
    const count = problems.length === 1 ? 'a problem' : `${problems.length} problems`;
    super(
      `The configuration has ${count}; fix it and start again:\n` +
        problems.map((p) => `  - ${p.setting}: ${p.message}`).join('\n'),
    );
    this.name = 'ServerConfigError';
  }
}

type DeepPartial<T> = { [K in keyof T]?: T[K] extends object ? DeepPartial<T[K]> : T[K] };

export interface LoadServerConfigOptions {
  /** The environment to read `ROLLCALL_*` and `DATABASE_URL` from (pass `process.env`). */
  env: NodeJS.ProcessEnv;
  /** JSON config file (`--config`); defaults to `ROLLCALL_CONFIG`. */
  configFile?: string;
  /** Command-line flags; they win over the environment, which wins over the file. */
  overrides?: DeepPartial<z.input<typeof serverConfigSchema>>;
  /** Told about things that are ignored, such as an unknown `ROLLCALL_*` variable. */
  onWarning?: (message: string) => void;
}

/**
 * Reads the server configuration: defaults, then the config file, then the environment, then
 * flags, validated by `serverConfigSchema`. Throws {@link ServerConfigError} listing every bad
 * setting (by its variable name, file path or flag) with a valid example; secrets are never shown.
 */
export function loadServerConfig(options: LoadServerConfigOptions): ServerConfig {
  const settings = serverSettings();
  const layers = createRawConfig(settings);
  const configFile = options.configFile ?? nonEmpty(options.env.ROLLCALL_CONFIG);
  if (configFile) {
    const read = readConfigFile(configFile);
    if ('problem' in read) throw new ServerConfigError([read.problem]);
    layers.addFile(configFile, read.content);
  }
  layers.addEnv(options.env);
  if (options.overrides) layers.addFlags(options.overrides as Record<string, unknown>);
  warnAboutUnknownVariables(options.env, settings, options.onWarning);

  const { raw } = layers;
  const parsed = serverConfigSchema.safeParse(raw.values);
  const problems = [...raw.problems.values()];
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      problems.push(explain(issue, raw.sources, layers.byPath));
    }
  }
  if (problems.length > 0 || !parsed.success) throw new ServerConfigError(problems);
  const passwordProblem = readSmtpPasswordFile(parsed.data, raw.sources, layers.byPath, options.onWarning);
  if (passwordProblem) throw new ServerConfigError([passwordProblem]);
  return parsed.data;
}

/**
 * `smtp.passwordFile`: its content (trailing newline dropped) becomes `smtp.password`, read once at
 * start-up. A missing, unreadable or empty file is a problem naming the setting, never its content.
 */
function readSmtpPasswordFile(
  config: ServerConfig,
  sources: Map<string, ValueSource>,
  byPath: Map<string, Setting>,
  warn: ((message: string) => void) | undefined,
): ConfigProblem | null {
  const file = config.smtp.passwordFile;
  if (!file) return null;
  const setting = byPath.get('smtp.passwordFile');
  const source = sources.get('smtp.passwordFile');
  const named = source && setting ? describeSource(source, setting) : `smtp.passwordFile ${file}`;
  let password: string;
  try {
    password = readFileSync(file, 'utf8').replace(/\r?\n$/, '');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'does not exist' : `cannot be read (${code ?? 'error'})`;
    return {
      setting: named,
      message: `the SMTP password file ${reason}; point it at a file holding only the password, readable by Rollcall`,
    };
  }
  if (!password.trim()) {
    return { setting: named, message: 'the SMTP password file is empty; put the password in it' };
  }
  if (process.platform !== 'win32' && (statSync(file).mode & 0o004) !== 0) {
    warn?.(
      `the SMTP password file ${file} is readable by every user; restrict it with \`chmod 600 ${file}\``,
    );
  }
  config.smtp.password = password;
  return null;
}

function explain(
  issue: z.core.$ZodIssue,
  sources: Map<string, ValueSource>,
  byPath: Map<string, Setting>,
): ConfigProblem {
  const path = issue.path.join('.');
  const setting = byPath.get(path);
  const source = sources.get(path);
  if (!setting || !source) {
    // Only reachable for a value no layer gave (a default the schema itself rejects).
    return { setting: path || '(configuration)', message: issue.message };
  }
  const detail = issue.code === 'custom' ? ` (${issue.message})` : '';
  return {
    setting: describeSource(source, setting),
    message: `expected ${setting.expected}${detail}, e.g. ${exampleFor(source, setting)}`,
  };
}

function warnAboutUnknownVariables(
  env: NodeJS.ProcessEnv,
  settings: Setting[],
  warn: ((message: string) => void) | undefined,
): void {
  if (!warn) return;
  const known = [...settings.map((s) => s.env), ...OTHER_ENV_VARS];
  for (const name of Object.keys(env)) {
    if (!name.startsWith('ROLLCALL_') || known.includes(name)) continue;
    const near = closest(name, known);
    warn(`${name} is not a Rollcall setting${near ? ` (did you mean ${near}?)` : ''}; it is ignored`);
  }
}

function nonEmpty(value: string | undefined): string | undefined {
  return value?.trim() ? value.trim() : undefined;
}
