import type { FastifyInstance } from 'fastify';
import {
  confirmHrImport,
  discardHrImport,
  listHrImports,
  readHrSourceNow,
  uploadHrCsv,
} from '../../contracts/api/hr-imports.js';
import { parseHrCsv } from '../../domain/hr/csv-import.js';
import { createHrImportRepository, createHrSourceRepository } from '../../store/index.js';
import { audited, auditSource } from '../audit/audited.js';
import type { ApiDeps } from '../deps.js';
import { ApiHttpError } from '../http/api-error.js';
import type { HrEnforcer } from '../integrations/hr/hr-enforcement.js';
import { confirmHeldImport, hrImportView, importPersons } from '../integrations/hr/hr-imports.js';
import { HrSourceReadError, readJsonSource, readWatchedFolder } from '../integrations/hr/source-readers.js';
import { sourceSettings } from '../integrations/hr/source-settings.js';
import { endpointRegistrar } from './resource-helpers.js';

/**
 * HR imports (issue 9): a CSV upload, a read of a JSON source or watched folder, and the decision
 * on an import a threshold held. An applied import starts an enforcement of the published rules.
 */
export function registerHrImportRoutes(
  app: FastifyInstance,
  deps: Pick<ApiDeps, 'db' | 'secrets' | 'resolvePrincipal' | 'now' | 'microsoft'>,
  enforcer: HrEnforcer,
): void {
  const on = endpointRegistrar(app, deps);
  const sources = createHrSourceRepository(deps.db);
  const imports = createHrImportRepository(deps.db);
  const sourceOr404 = async (id: string) => {
    const source = await sources.find(id);
    if (!source) throw new ApiHttpError('not_found', 'No such HR source.');
    return source;
  };
  const afterImport = async (sourceId: string, applied: boolean, byName: string) => {
    if (applied) await enforcer.start(sourceId, { dryRun: false, triggeredByName: `Import by ${byName}` });
  };

  on(uploadHrCsv, async ({ params, body, principal, request }) => {
    const source = await sourceOr404(params.id);
    const settings = sourceSettings(source);
    if (!settings.csv)
      throw new ApiHttpError('validation_failed', 'Only CSV sources take uploads.', [
        { field: 'csv', message: `this is a ${source.kind} source` },
      ]);
    const parsed = parseHrCsv(body.csv, settings.csv);
    const byName = principal!.displayName;
    const { record, applied } = await importPersons(
      deps.db,
      source,
      parsed,
      { origin: 'upload', fileName: body.fileName, byName },
      deps.now(),
    );
    await audited(deps.db, auditSource(principal!, request), (_tx, audit) =>
      audit({
        action: 'hr.import',
        target: { type: 'hrSource', id: source.id },
        customerId: source.customerId,
        after: { importId: record.id, status: record.status, counts: record.counts, fileName: body.fileName },
      }),
    );
    await afterImport(source.id, applied, byName);
    return hrImportView(record);
  });

  on(readHrSourceNow, async ({ params, principal }) => {
    const source = await sourceOr404(params.id);
    const byName = principal!.displayName;
    try {
      if (source.kind === 'json') {
        const parsed = await readJsonSource(source, deps.secrets, (await deps.microsoft.transport()).fetch);
        const { record, applied } = await importPersons(
          deps.db,
          source,
          parsed,
          { origin: 'json', fileName: null, byName },
          deps.now(),
        );
        await afterImport(source.id, applied, byName);
        return { imports: [hrImportView(record)] };
      }
      const files = await readWatchedFolder(source);
      const results = [];
      for (const file of files) {
        const { record, applied } = await importPersons(
          deps.db,
          source,
          file.parsed,
          { origin: 'folder', fileName: file.fileName, byName },
          deps.now(),
        );
        await file.done();
        await afterImport(source.id, applied, byName);
        results.push(hrImportView(record));
      }
      return { imports: results };
    } catch (error) {
      if (error instanceof HrSourceReadError)
        throw new ApiHttpError('validation_failed', error.message, [
          { field: source.kind === 'json' ? 'json.url' : 'csv.watchFolder', message: error.message },
        ]);
      throw error;
    }
  });

  on(listHrImports, async ({ params, query }) => {
    await sourceOr404(params.id);
    const page = await imports.page(params.id, query);
    return { items: page.items.map(hrImportView), nextCursor: page.nextCursor ?? null, total: null };
  });

  const decide = async (sourceId: string, importId: string) => {
    const held = await imports.find(sourceId, importId);
    if (!held) throw new ApiHttpError('not_found', 'No such import.');
    if (held.status !== 'held')
      throw new ApiHttpError('conflict', `This import is ${held.status}, not held: nothing to decide.`);
    return held;
  };

  on(confirmHrImport, async ({ params, principal, request }) => {
    const held = await decide(params.id, params.importId);
    const decided = await confirmHeldImport(deps.db, held, principal!.displayName, deps.now());
    if (!decided) throw new ApiHttpError('conflict', 'Someone decided this import a moment ago.');
    await audited(deps.db, auditSource(principal!, request), (_tx, audit) =>
      audit({
        action: 'hr.import.confirm',
        target: { type: 'hrSource', id: params.id },
        after: { importId: held.id, counts: held.counts },
      }),
    );
    await afterImport(params.id, true, principal!.displayName);
    return hrImportView(decided);
  });

  on(discardHrImport, async ({ params, principal, request }) => {
    await decide(params.id, params.importId);
    const decided = await imports.decide(params.importId, 'discarded', principal!.displayName);
    if (!decided) throw new ApiHttpError('conflict', 'Someone decided this import a moment ago.');
    await audited(deps.db, auditSource(principal!, request), (_tx, audit) =>
      audit({
        action: 'hr.import.discard',
        target: { type: 'hrSource', id: params.id },
        after: { importId: decided.id },
      }),
    );
    return hrImportView(decided);
  });
}
