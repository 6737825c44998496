import type { HrImport } from '../../../contracts/api/hr-imports.js';
import { hrPersonSchema, type HrPerson } from '../../../contracts/hr/person.js';
import { diffImport, type HrImportDiff } from '../../../domain/hr/import-diff.js';
import { personLabel } from '../../../domain/hr/preview.js';
import { checkThresholds } from '../../../domain/hr/thresholds.js';
import type { HrImportProblem } from '../../../domain/hr/person-merger.js';
import {
  createHrImportRepository,
  createHrPersonRepository,
  createHrSourceRepository,
  type Database,
  type StoredHrImport,
  type StoredHrSource,
} from '../../../store/index.js';
import { sourceSettings, utcDay } from './source-settings.js';

/** Problems kept on an import record (the rest are counted). */
const PROBLEMS_KEPT = 200;

export interface ImportMeta {
  origin: 'upload' | 'folder' | 'json';
  fileName: string | null;
  byName: string;
}

/** The import compared with the persons the source lists now, and how many those are. */
async function diffWithListed(db: Database, sourceId: string, persons: readonly HrPerson[]) {
  const listed = (await createHrPersonRepository(db).all(sourceId)).filter((p) => p.removedOn === null);
  return {
    diff: diffImport(new Map(listed.map((p) => [p.employeeId, p.contentHash])), persons),
    listed: listed.length,
  };
}

async function write(
  db: Database,
  sourceId: string,
  persons: readonly HrPerson[],
  diff: HrImportDiff,
  today: string,
) {
  const changed = new Set([...diff.added, ...diff.changed]);
  const upserts = persons
    .filter((p) => changed.has(p.employeeId))
    .map((p) => ({
      employeeId: p.employeeId,
      person: p as unknown as Record<string, unknown>,
      contentHash: diff.hashes.get(p.employeeId)!,
      displayName: personLabel(p),
    }));
  await createHrPersonRepository(db).applyImport(sourceId, upserts, diff.removed, today);
}

/**
 * One import of a source (CSV upload, watched folder, JSON read): compared with the persons the
 * source lists now, then applied, or held when it crosses a threshold (the persons are kept on
 * the import until an administrator confirms or discards it). An import whose file could not be
 * read at all (a mapped column missing) fails and changes nothing.
 */
export async function importPersons(
  db: Database,
  source: StoredHrSource,
  parsed: { persons: HrPerson[]; problems: HrImportProblem[] },
  meta: ImportMeta,
  now: Date,
): Promise<{ record: StoredHrImport; applied: boolean }> {
  const imports = createHrImportRepository(db);
  const base = {
    sourceId: source.id,
    origin: meta.origin,
    fileName: meta.fileName,
    createdByName: meta.byName,
  };
  const problems = parsed.problems.slice(0, PROBLEMS_KEPT) as unknown as Record<string, unknown>[];
  if (parsed.persons.length === 0) {
    const record = await imports.create({
      ...base,
      status: 'failed',
      counts: { added: 0, removed: 0, changed: 0, unchanged: 0, problems: parsed.problems.length },
      problems,
      heldReasons: ['The file brought no usable person: nothing was changed.'],
    });
    return { record, applied: false };
  }
  const { diff, listed } = await diffWithListed(db, source.id, parsed.persons);
  const counts = {
    added: diff.added.length,
    removed: diff.removed.length,
    changed: diff.changed.length,
    unchanged: diff.unchanged.length,
    problems: parsed.problems.length,
  };
  const check = checkThresholds(counts, listed, sourceSettings(source).thresholds);
  if (check.blocked) {
    const record = await imports.create({
      ...base,
      status: 'held',
      counts,
      problems,
      heldReasons: check.reasons,
      staged: parsed.persons as unknown as Record<string, unknown>[],
    });
    return { record, applied: false };
  }
  const record = await db.transaction(async (tx) => {
    await write(tx, source.id, parsed.persons, diff, utcDay(now));
    await createHrSourceRepository(tx).touch(source.id, 'import');
    return createHrImportRepository(tx).create({ ...base, status: 'applied', counts, problems });
  });
  return { record, applied: true };
}

/** Applies a held import's persons (confirmed by an administrator). */
export async function confirmHeldImport(db: Database, held: StoredHrImport, byName: string, now: Date) {
  const staged = hrPersonSchema.array().parse(held.staged ?? []);
  return db.transaction(async (tx) => {
    const decided = await createHrImportRepository(tx).decide(held.id, 'confirmed', byName);
    if (!decided) return undefined;
    await write(
      tx,
      held.sourceId,
      staged,
      (await diffWithListed(tx, held.sourceId, staged)).diff,
      utcDay(now),
    );
    await createHrSourceRepository(tx).touch(held.sourceId, 'import');
    return decided;
  });
}

export function hrImportView(row: StoredHrImport): HrImport {
  const counts = row.counts as HrImport['counts'];
  return {
    id: row.id,
    sourceId: row.sourceId,
    origin: row.origin,
    fileName: row.fileName,
    status: row.status,
    counts: {
      added: counts.added ?? 0,
      removed: counts.removed ?? 0,
      changed: counts.changed ?? 0,
      unchanged: counts.unchanged ?? 0,
      problems: counts.problems ?? 0,
    },
    heldReasons: row.heldReasons,
    problems: row.problems as HrImport['problems'],
    createdByName: row.createdByName,
    decidedByName: row.decidedByName,
    decidedAt: row.decidedAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
  };
}
