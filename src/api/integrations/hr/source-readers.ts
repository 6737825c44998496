import { mkdir, readdir, readFile, rename } from 'node:fs/promises';
import { join } from 'node:path';
import type { HrPerson } from '../../../contracts/hr/person.js';
import { parseHrCsv } from '../../../domain/hr/csv-import.js';
import { createJsonImport } from '../../../domain/hr/json-mapping.js';
import type { HrImportProblem } from '../../../domain/hr/person-merger.js';
import type { FetchLike } from '../../../microsoft/index.js';
import type { SecretBox, StoredHrSource } from '../../../store/index.js';
import { sourceSettings } from './source-settings.js';

/** Pages read from a JSON source at most (a loop in its next links stops here). */
const MAX_JSON_PAGES = 1000;
const JSON_TIMEOUT_MS = 30_000;

/** Raised when a source cannot be read; the message says what to fix. */
export class HrSourceReadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'HrSourceReadError';
  }
}

/**
 * Reads every page of a JSON source with its bearer token (never logged), over the server's HTTPS
 * transport (`MicrosoftIntegration.transport()`: the configured extra CA is trusted, so a source
 * behind a private CA works as Microsoft's endpoints do).
 */
export async function readJsonSource(
  source: StoredHrSource,
  secrets: SecretBox,
  fetchImpl: FetchLike,
): Promise<{ persons: HrPerson[]; problems: HrImportProblem[] }> {
  const settings = sourceSettings(source);
  if (!settings.json || !source.jsonTokenCiphertext)
    throw new HrSourceReadError('The JSON source has no URL or token.');
  const token = secrets.decrypt(source.jsonTokenCiphertext);
  const reader = createJsonImport(settings.json);
  let next: string | null = settings.json.url;
  for (let page = 0; next !== null && page < MAX_JSON_PAGES; page += 1) {
    const response = await fetchImpl(next, {
      method: 'GET',
      headers: { authorization: `Bearer ${token}`, accept: 'application/json' },
      signal: AbortSignal.timeout(JSON_TIMEOUT_MS),
    }).catch((error: unknown) => {
      throw new HrSourceReadError(
        `The JSON source did not answer (${error instanceof Error ? error.message : String(error)}).`,
      );
    });
    if (response.status === 401 || response.status === 403)
      throw new HrSourceReadError(
        `The JSON source refused the token (HTTP ${response.status}): save the current token on the source.`,
      );
    if (!response.ok)
      throw new HrSourceReadError(
        `The JSON source answered HTTP ${response.status} for ${new URL(next).pathname}.`,
      );
    const body: unknown = await response.json().catch(() => {
      throw new HrSourceReadError('The JSON source answered something that is not JSON.');
    });
    next = reader.addPage(body).nextLink;
  }
  return reader.finish();
}

/** CSV files waiting in a source's watched folder, oldest name first, each read once. */
export async function readWatchedFolder(source: StoredHrSource): Promise<
  {
    fileName: string;
    parsed: { persons: HrPerson[]; problems: HrImportProblem[] };
    done: () => Promise<void>;
  }[]
> {
  const settings = sourceSettings(source);
  const folder = settings.csv?.watchFolder;
  if (!settings.csv || !folder) return [];
  const names = await readdir(folder).catch(() => {
    throw new HrSourceReadError(
      `The watched folder ${folder} cannot be read: check it exists and the server may read it.`,
    );
  });
  const processed = join(folder, 'processed');
  const csvSettings = settings.csv;
  return Promise.all(
    names
      .filter((n) => n.toLowerCase().endsWith('.csv'))
      .sort()
      .map(async (fileName) => ({
        fileName,
        parsed: parseHrCsv(await readFile(join(folder, fileName), 'utf8'), csvSettings),
        done: async () => {
          await mkdir(processed, { recursive: true });
          await rename(join(folder, fileName), join(processed, `${Date.now()}-${fileName}`));
        },
      })),
  );
}
