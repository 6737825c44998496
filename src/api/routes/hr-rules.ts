import type { FastifyInstance } from 'fastify';
import {
  getHrRules,
  previewHrRules,
  publishHrRules,
  saveHrRules,
  type HrRulesView,
} from '../../contracts/api/hr-rules.js';
import { HR_PERSON_FIELDS } from '../../contracts/hr/person.js';
import { resolveGroups } from '../../microsoft/index.js';
import {
  createHrPersonRepository,
  createHrSourceRepository,
  createOnboardingConfigRepository,
  HrDraftChangedError,
  type StoredHrSource,
} from '../../store/index.js';
import { audited, auditSource } from '../audit/audited.js';
import type { ApiDeps } from '../deps.js';
import { ApiHttpError } from '../http/api-error.js';
import type { HrEnforcer } from '../integrations/hr/hr-enforcement.js';
import { compiledOrRefused, rulePreview } from '../integrations/hr/rules-preview.js';
import { enforcedPerson, ruleSet, utcDay } from '../integrations/hr/source-settings.js';
import { settingsTenantGraph } from '../integrations/requests/request-settings.js';
import { endpointRegistrar } from './resource-helpers.js';

const VALUE_FIELDS = HR_PERSON_FIELDS.filter((f) =>
  ['department', 'title', 'costCentre', 'location', 'company', 'employeeType'].includes(f),
);

/**
 * A source's business rules (issue 9): the draft saved and previewed with hr.read/hr.manage,
 * published (hr.manage) only as previewed, then enforced.
 */
export function registerHrRuleRoutes(
  app: FastifyInstance,
  deps: Pick<ApiDeps, 'db' | 'secrets' | 'microsoft' | 'resolvePrincipal' | 'now'>,
  enforcer: HrEnforcer,
): void {
  const on = endpointRegistrar(app, deps);
  const sources = createHrSourceRepository(deps.db);
  const persons = createHrPersonRepository(deps.db);
  const sourceOr404 = async (id: string) => {
    const source = await sources.find(id);
    if (!source) throw new ApiHttpError('not_found', 'No such HR source.');
    return source;
  };

  const view = async (source: StoredHrSource): Promise<HrRulesView> => {
    const published = await sources.published(source.id);
    const licences = await createOnboardingConfigRepository(deps.db).tenantLicences(source.tenantId);
    const draft = ruleSet(source.draftRules);
    return {
      draft,
      draftUpdatedAt: source.draftUpdatedAt?.toISOString() ?? null,
      published: ruleSet(published.rules),
      publishedVersion: published.version,
      publishedAt: published.publishedAt?.toISOString() ?? null,
      publishedByName: published.publishedByName,
      draftPending: JSON.stringify(source.draftRules) !== JSON.stringify(published.rules),
      licenceOptions: licences.map((l) => ({ skuId: l.skuId, name: l.name })),
      fieldValues: await persons.fieldValues(source.id, VALUE_FIELDS),
    };
  };

  on(getHrRules, async ({ params }) => view(await sourceOr404(params.id)));

  on(saveHrRules, async ({ params, body, principal, request }) => {
    const source = await sourceOr404(params.id);
    compiledOrRefused(body.rules, 'draft');
    await audited(deps.db, auditSource(principal!, request), async (tx, record) => {
      await createHrSourceRepository(tx).saveDraft(
        params.id,
        body.rules as unknown as Record<string, unknown>[],
      );
      await record({
        action: 'hr.rules.draft',
        target: { type: 'hrSource', id: params.id },
        customerId: source.customerId,
        before: source.draftRules,
        after: body.rules,
      });
    });
    return view(await sourceOr404(params.id));
  });

  on(previewHrRules, async ({ params }) => {
    const source = await sourceOr404(params.id);
    const draft = compiledOrRefused(ruleSet(source.draftRules), 'draft');
    const published = compiledOrRefused(
      ruleSet((await sources.published(source.id)).rules),
      'published rule set',
    );
    const listed = (await persons.all(source.id))
      .filter((p) => p.removedOn === null)
      .map((p) => enforcedPerson(p).person);
    const { gainedGroups, ...preview } = rulePreview(listed, published, draft, utcDay(deps.now()));
    const creatable = new Set(
      ruleSet(source.draftRules).flatMap((r) =>
        r.dynamicGroups.some((d) => d.createMissing) ? [r.name] : [],
      ),
    );
    let missingGroups: { name: string; willBeCreated: boolean }[] = [];
    const tenant = (await createOnboardingConfigRepository(deps.db).tenants(source.customerId)).find(
      (t) => t.tenantId === source.tenantId,
    );
    const reached = tenant && gainedGroups.length > 0 ? await settingsTenantGraph(deps, tenant) : null;
    if (reached && 'graph' in reached) {
      const found = await resolveGroups(reached.graph, gainedGroups);
      if (found.ok) {
        const grantedBy = new Map(
          preview.persons.flatMap((p) =>
            p.gains.filter((g) => g.kind === 'group').map((g) => [g.name.toLowerCase(), g.rules] as const),
          ),
        );
        missingGroups = found.value.missing.map((name) => ({
          name,
          willBeCreated: (grantedBy.get(name.toLowerCase()) ?? []).some((rule) => creatable.has(rule)),
        }));
      }
    }
    return { ...preview, missingGroups };
  });

  on(publishHrRules, async ({ params, body, principal, request }) => {
    const source = await sourceOr404(params.id);
    compiledOrRefused(ruleSet(source.draftRules), 'draft');
    const by = { accountId: principal!.accountId, name: principal!.displayName };
    try {
      await audited(deps.db, auditSource(principal!, request), async (tx, record) => {
        const version = await createHrSourceRepository(tx).publish(params.id, body.draftUpdatedAt, by);
        await record({
          action: 'hr.rules.publish',
          target: { type: 'hrSource', id: params.id },
          customerId: source.customerId,
          after: { version, rules: source.draftRules },
        });
      });
    } catch (error) {
      if (error instanceof HrDraftChangedError) throw new ApiHttpError('conflict', error.message);
      throw error;
    }
    if (body.enforce)
      await enforcer.start(params.id, { dryRun: false, triggeredByName: `Rules published by ${by.name}` });
    return view(await sourceOr404(params.id));
  });
}
