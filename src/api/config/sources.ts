import { dirname, resolve } from 'node:path';
import { redactUrl } from '../../store/index.js';
import type { Setting } from './settings.js';
import { closest } from './suggest.js';

/** Where a value came from, so a problem can name the setting exactly as the user wrote it. */
export type ValueSource =
  | { kind: 'env'; name: string; raw: string }
  | { kind: 'file'; file: string; path: string; raw: unknown }
  | { kind: 'flag'; name: string; raw: unknown };

/** One bad setting: `setting` as the user wrote it, `message` with the fix. */
export interface ConfigProblem {
  setting: string;
  message: string;
}

/** The raw (unvalidated) configuration and where each leaf came from. */
export interface RawConfig {
  values: Record<string, unknown>;
  sources: Map<string, ValueSource>;
  /** Keyed by setting path (a later layer's good value replaces an earlier bad one) or source. */
  problems: Map<string, ConfigProblem>;
}

const BOOLEAN_WORDS: Record<string, boolean> = {
  true: true,
  false: false,
  yes: true,
  no: false,
  on: true,
  off: false,
  '1': true,
  '0': false,
};

/** How a value is shown in messages: secrets never, URLs without their password. */
export function displayValue(setting: Setting | undefined, raw: unknown): string {
  const text = typeof raw === 'string' ? raw : JSON.stringify(raw);
  if (setting?.display === 'secret') return '(hidden)';
  if (setting?.display === 'url' && typeof raw === 'string') return redactUrl(raw);
  return text;
}

/** The setting named as the user wrote it, with its value: `ROLLCALL_PORT=abc`. */
export function describeSource(source: ValueSource, setting: Setting | undefined): string {
  const value = displayValue(setting, source.raw);
  if (source.kind === 'env') return `${source.name}=${value}`;
  if (source.kind === 'flag') return `${source.name} ${value}`;
  return `"${source.path}": ${value} in config file ${source.file}`;
}

/** How to write a good value in the same place the bad one came from. */
export function exampleFor(source: ValueSource, setting: Setting): string {
  if (source.kind === 'env') return `${setting.env}=${setting.example}`;
  if (source.kind === 'flag') return `${source.name} ${setting.example}`;
  const literal =
    setting.kind === 'string' || setting.kind === 'list'
      ? JSON.stringify(setting.kind === 'list' ? [setting.example] : setting.example)
      : setting.example;
  return setting.path.split('.').reduceRight((inner, key) => `{ "${key}": ${inner} }`, literal);
}

/** Turns text (env, flags) or a JSON value (config file) into what the schema expects. */
function convert(setting: Setting, raw: unknown): { value?: unknown; problem?: string } {
  if (setting.kind === 'boolean') {
    if (typeof raw === 'boolean') return { value: raw };
    const word = typeof raw === 'string' ? BOOLEAN_WORDS[raw.trim().toLowerCase()] : undefined;
    return word === undefined ? { problem: 'expected true or false' } : { value: word };
  }
  if (setting.kind === 'list' && typeof raw === 'string') {
    return {
      value: raw
        .split(',')
        .map((item) => item.trim())
        .filter(Boolean),
    };
  }
  return { value: typeof raw === 'string' ? raw.trim() : raw };
}

function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  let node = target;
  for (const key of keys.slice(0, -1)) {
    const next = node[key];
    node = (typeof next === 'object' && next !== null ? next : (node[key] = {})) as Record<string, unknown>;
  }
  node[keys[keys.length - 1]!] = value;
}

/** Collects values layer by layer (later layers win) and remembers where each came from. */
export function createRawConfig(settings: Setting[]) {
  const raw: RawConfig = { values: {}, sources: new Map(), problems: new Map() };
  const byPath = new Map(settings.map((s) => [s.path, s]));

  function put(setting: Setting, input: unknown, source: ValueSource, fix: string) {
    const { value, problem } = convert(setting, input);
    if (problem) {
      raw.problems.set(setting.path, {
        setting: describeSource(source, setting),
        message: `${problem}, e.g. ${fix}`,
      });
      return;
    }
    raw.problems.delete(setting.path);
    setPath(raw.values, setting.path, value);
    raw.sources.set(setting.path, source);
  }

  return {
    raw,
    byPath,
    /** Every set, non-empty variable of a setting; an empty one counts as unset. */
    addEnv(env: NodeJS.ProcessEnv) {
      for (const setting of settings) {
        const text = env[setting.env];
        if (text === undefined || text.trim() === '') continue;
        const source: ValueSource = { kind: 'env', name: setting.env, raw: text };
        put(setting, text, source, exampleFor(source, setting));
      }
    },
    /** A parsed config file: known settings are taken, unknown keys are problems (typos). */
    addFile(file: string, content: Record<string, unknown>) {
      const walk = (node: Record<string, unknown>, prefix: string) => {
        for (const [key, value] of Object.entries(node)) {
          if (!prefix && key === '$schema') continue;
          const path = prefix ? `${prefix}.${key}` : key;
          const setting = byPath.get(path);
          const isSection = [...byPath.keys()].some((p) => p.startsWith(`${path}.`));
          if (isSection && typeof value === 'object' && value !== null && !Array.isArray(value)) {
            walk(value as Record<string, unknown>, path);
          } else if (setting?.envOnly) {
            raw.problems.set(`file:${path}`, {
              setting: `"${path}" in config file ${file}`,
              message: `is a secret and is not read from a config file (anyone who can read the file would see it); remove it and set ${setting.env}${byPath.has(`${path}File`) ? ` or "${path}File" (a file holding it, readable only by Rollcall)` : ''}`,
            });
          } else if (setting) {
            const source: ValueSource = { kind: 'file', file, path, raw: value };
            const resolved =
              setting.isPath && typeof value === 'string' ? resolve(dirname(file), value) : value;
            put(setting, resolved, source, exampleFor(source, setting));
          } else if (isSection) {
            raw.problems.set(`file:${path}`, {
              setting: `"${path}" in config file ${file}`,
              message: `expected an object of settings, e.g. ${exampleFor(
                { kind: 'file', file, path, raw: value },
                settings.find((s) => s.path.startsWith(`${path}.`))!,
              )}`,
            });
          } else {
            raw.problems.set(`file:${path}`, {
              setting: `"${path}" in config file ${file}`,
              message: unknownKey(path, byPath),
            });
          }
        }
      };
      walk(content, '');
    },
    /** Command-line flags, named `--kebab-case` after the setting. */
    addFlags(values: Record<string, unknown>, prefix = '') {
      for (const [key, value] of Object.entries(values)) {
        if (value === undefined) continue;
        const path = prefix ? `${prefix}.${key}` : key;
        const setting = byPath.get(path);
        if (!setting) {
          if (typeof value === 'object' && value !== null)
            this.addFlags(value as Record<string, unknown>, path);
          continue;
        }
        const source: ValueSource = { kind: 'flag', name: flagName(path), raw: value };
        put(setting, value, source, exampleFor(source, setting));
      }
    },
  };
}

/** `dataDir` → `--data-dir`, `sessions.idleMinutes` → `--sessions-idle-minutes`. */
export function flagName(path: string): string {
  return `--${path
    .replace(/\./g, '-')
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .toLowerCase()}`;
}

function unknownKey(path: string, byPath: Map<string, Setting>): string {
  const sections = [...byPath.keys()].flatMap((p) =>
    p
      .split('.')
      .slice(0, -1)
      .map((_, i, parts) => parts.slice(0, i + 1).join('.')),
  );
  const near = closest(path, [...byPath.keys(), ...new Set(sections)]);
  return `is not a setting${near ? ` (did you mean "${near}"?)` : ''}; remove it or see docs/operations.md for every setting`;
}
