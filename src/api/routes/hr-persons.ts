import type { FastifyInstance } from 'fastify';
import { exportHrEvents, getHrPerson, listHrEvents, listHrPersons } from '../../contracts/api/hr-persons.js';
import { listHrRuns, startHrRun } from '../../contracts/api/hr-runs.js';
import { evaluationContext } from '../../domain/hr/evaluation-context.js';
import {
  createHrPersonRepository,
  createHrRunRepository,
  createHrSourceRepository,
  type StoredHrRun,
} from '../../store/index.js';
import { audited, auditSource } from '../audit/audited.js';
import type { ApiDeps } from '../deps.js';
import { ApiHttpError } from '../http/api-error.js';
import { csvRow } from '../audit/csv.js';
import type { HrEnforcer } from '../integrations/hr/hr-enforcement.js';
import { hrEventView, hrPersonDetail, hrPersonSummary } from '../integrations/hr/person-view.js';
import { ruleSet, sourceSettings, utcDay } from '../integrations/hr/source-settings.js';
import { endpointRegistrar } from './resource-helpers.js';

const runView = (run: StoredHrRun) => ({
  ...run,
  startedAt: run.startedAt.toISOString(),
  finishedAt: run.finishedAt?.toISOString() ?? null,
});

const CSV_COLUMNS = ['at', 'employeeId', 'event', 'action', 'result', 'reasons', 'message', 'runId'] as const;

/**
 * A source's persons, audit trail and enforcement runs (issue 9): read with hr.read; runs and
 * dry runs started with hr.manage.
 */
export function registerHrPersonRoutes(
  app: FastifyInstance,
  deps: Pick<ApiDeps, 'db' | 'resolvePrincipal' | 'now'>,
  enforcer: HrEnforcer,
): void {
  const on = endpointRegistrar(app, deps);
  const sources = createHrSourceRepository(deps.db);
  const persons = createHrPersonRepository(deps.db);
  const runs = createHrRunRepository(deps.db);
  const sourceOr404 = async (id: string) => {
    const source = await sources.find(id);
    if (!source) throw new ApiHttpError('not_found', 'No such HR source.');
    return source;
  };

  on(listHrPersons, async ({ params, query }) => {
    await sourceOr404(params.id);
    const today = utcDay(deps.now());
    const page = await persons.page(params.id, query);
    return {
      items: page.items.map((row) => hrPersonSummary(row, today)),
      nextCursor: page.nextCursor ?? null,
      total: page.total,
    };
  });

  on(getHrPerson, async ({ params }) => {
    const source = await sourceOr404(params.id);
    const row = await persons.get(params.id, params.employeeId);
    if (!row) throw new ApiHttpError('not_found', 'No such person in this source.');
    const settings = sourceSettings(source);
    const compiled = evaluationContext(settings, ruleSet((await sources.published(source.id)).rules));
    if (!compiled.ok)
      throw new ApiHttpError(
        'conflict',
        `The published rules cannot be evaluated: ${compiled.problems.map((p) => p.message).join('; ')}`,
      );
    return hrPersonDetail(row, compiled.context, utcDay(deps.now()), settings.lifecycle, settings.kind);
  });

  on(listHrEvents, async ({ params, query }) => {
    await sourceOr404(params.id);
    const page = await runs.events(params.id, query);
    return { items: page.items.map(hrEventView), nextCursor: page.nextCursor ?? null, total: null };
  });

  on(exportHrEvents, async ({ params, query, reply }) => {
    const source = await sourceOr404(params.id);
    const lines: string[] = [csvRow(CSV_COLUMNS)];
    for await (const page of runs.allEvents(params.id, query))
      for (const e of page)
        lines.push(
          csvRow([
            e.at.toISOString(),
            e.employeeId,
            e.event,
            e.action,
            e.result,
            e.reasons.join('; '),
            e.message,
            e.runId,
          ]),
        );
    void reply
      .type('text/csv; charset=utf-8')
      .header(
        'content-disposition',
        `attachment; filename="hr-audit-${source.name.replace(/[^A-Za-z0-9-]+/g, '-')}.csv"`,
      );
    return lines.join('');
  });

  on(startHrRun, async ({ params, body, principal, request }) => {
    const source = await sourceOr404(params.id);
    if (source.publishedVersion === 0)
      throw new ApiHttpError(
        'conflict',
        'Publish the rules first: nothing is enforced before a rule set is published.',
      );
    const run = await enforcer.start(params.id, {
      dryRun: body.dryRun,
      triggeredByName: principal!.displayName,
    });
    await audited(deps.db, auditSource(principal!, request), (_tx, record) =>
      record({
        action: body.dryRun ? 'hr.run.dry' : 'hr.run',
        target: { type: 'hrSource', id: params.id },
        customerId: source.customerId,
        after: { runId: run.id },
      }),
    );
    return runView(run);
  });

  on(listHrRuns, async ({ params, query }) => {
    await sourceOr404(params.id);
    const page = await runs.runs(params.id, query);
    return { items: page.items.map(runView), nextCursor: page.nextCursor ?? null, total: null };
  });
}
