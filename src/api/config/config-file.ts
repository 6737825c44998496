import { readFileSync } from 'node:fs';
import type { ConfigProblem } from './sources.js';

/** Reads and parses a JSON config file; a missing or broken file is a problem naming the file. */
export function readConfigFile(
  file: string,
): { content: Record<string, unknown> } | { problem: ConfigProblem } {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'does not exist' : `cannot be read (${code ?? String(error)})`;
    return {
      problem: {
        setting: `config file ${file}`,
        message: `${reason}; check the path given with --config or ROLLCALL_CONFIG`,
      },
    };
  }
  const example = 'e.g. { "port": 3000, "sessions": { "idleMinutes": 60 } }';
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    // V8's message may quote the file's text, which can hold secrets: only the position is kept.
    const position = /position (\d+)/.exec((error as Error).message)?.[1];
    const where = position === undefined ? '' : ` at ${lineAndColumn(text, Number(position))}`;
    return {
      problem: {
        setting: `config file ${file}`,
        message: `is not valid JSON${where} (check quotes, commas and braces); ${example}`,
      },
    };
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return {
      problem: {
        setting: `config file ${file}`,
        message: `must hold one JSON object of settings; ${example}`,
      },
    };
  }
  return { content: parsed as Record<string, unknown> };
}

function lineAndColumn(text: string, offset: number): string {
  const before = text.slice(0, offset).split('\n');
  return `line ${before.length}, column ${before[before.length - 1]!.length + 1}`;
}
