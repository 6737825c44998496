import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import {
  createHrSource,
  deleteHrSource,
  getHrSource,
  listHrSources,
  rotateHrScimToken,
  updateHrSource,
} from '../../contracts/api/hr-sources.js';
import type { HrRule } from '../../contracts/hr/rules.js';
import { createHrSourceRepository } from '../../store/index.js';
import { audited, auditSource } from '../audit/audited.js';
import type { ApiDeps } from '../deps.js';
import { ApiHttpError } from '../http/api-error.js';
import { checkHrSource } from '../integrations/hr/source-check.js';
import { hrSourceDetail, hrSourceSummary } from '../integrations/hr/source-view.js';
import { endpointRegistrar } from './resource-helpers.js';

/** A new source's draft: one rule granting everyone an account, for the administrator to refine. */
function starterRules(): HrRule[] {
  return [
    {
      id: randomUUID(),
      name: 'Everyone has an account',
      description: 'Every person of the source gets an Entra account. Narrow it with conditions.',
      enabled: true,
      conditions: [],
      entitlements: [{ kind: 'account' }],
      dynamicGroups: [],
    },
  ];
}

/** A SCIM bearer token: 256 random bits; only its SHA-256 is stored. */
function newScimToken() {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: createHash('sha256').update(token).digest('hex'), hint: token.slice(-4) };
}

/**
 * HR sources (issue 9, docs/hr.md): listed and read with hr.read; created, changed, removed and
 * their SCIM token rotated with hr.manage, each checked before saving and audited (no secrets).
 */
export function registerHrSourceRoutes(
  app: FastifyInstance,
  deps: Pick<ApiDeps, 'db' | 'secrets' | 'microsoft' | 'resolvePrincipal' | 'config'>,
): void {
  const on = endpointRegistrar(app, deps);
  const sources = createHrSourceRepository(deps.db);
  const detail = async (id: string) => {
    const row = await sources.summary(id);
    if (!row) throw new ApiHttpError('not_found', 'No such HR source.');
    return hrSourceDetail(row, deps.config.publicUrl);
  };

  on(listHrSources, async () => ({ items: (await sources.list()).map(hrSourceSummary) }));

  on(getHrSource, async ({ params }) => detail(params.id));

  on(createHrSource, async ({ body, principal, request }) => {
    await checkHrSource(deps, body, null);
    const { jsonToken, ...config } = body;
    const scim = body.kind === 'scim' ? newScimToken() : null;
    const created = await audited(deps.db, auditSource(principal!, request), async (tx, record) => {
      const row = await createHrSourceRepository(tx).create({
        name: body.name,
        kind: body.kind,
        customerId: body.customerId,
        tenantId: body.tenantId,
        config,
        jsonTokenCiphertext: jsonToken ? deps.secrets.encrypt(jsonToken) : null,
        scimTokenHash: scim?.hash ?? null,
        scimTokenHint: scim?.hint ?? null,
        draftRules: starterRules(),
      });
      await record({
        action: 'hr.source.create',
        target: { type: 'hrSource', id: row.id },
        customerId: body.customerId,
        after: config,
      });
      return row;
    });
    return { source: await detail(created.id), scimToken: scim?.token ?? null };
  });

  on(updateHrSource, async ({ params, body, principal, request }) => {
    const before = await sources.find(params.id);
    if (!before) throw new ApiHttpError('not_found', 'No such HR source.');
    if (body.kind !== before.kind || body.customerId !== before.customerId)
      throw new ApiHttpError('validation_failed', 'The kind and customer of a source cannot change.', [
        {
          field: body.kind !== before.kind ? 'kind' : 'customerId',
          message: 'cannot change: add a new source instead',
        },
      ]);
    await checkHrSource(deps, body, { jsonTokenSet: before.jsonTokenCiphertext !== null });
    const { jsonToken, ...config } = body;
    await audited(deps.db, auditSource(principal!, request), async (tx, record) => {
      await createHrSourceRepository(tx).update(params.id, {
        name: body.name,
        tenantId: body.tenantId,
        config,
        ...(jsonToken ? { jsonTokenCiphertext: deps.secrets.encrypt(jsonToken) } : {}),
      });
      await record({
        action: 'hr.source.update',
        target: { type: 'hrSource', id: params.id },
        customerId: body.customerId,
        before: before.config,
        after: { ...config, ...(jsonToken ? { jsonToken: '[changed]' } : {}) },
      });
    });
    return detail(params.id);
  });

  on(deleteHrSource, async ({ params, principal, request }) => {
    const before = await sources.find(params.id);
    if (!before) throw new ApiHttpError('not_found', 'No such HR source.');
    await audited(deps.db, auditSource(principal!, request), async (tx, record) => {
      await createHrSourceRepository(tx).remove(params.id);
      await record({
        action: 'hr.source.delete',
        target: { type: 'hrSource', id: params.id },
        customerId: before.customerId,
        before: before.config,
      });
    });
    return { deleted: true as const };
  });

  on(rotateHrScimToken, async ({ params, principal, request }) => {
    const before = await sources.find(params.id);
    if (!before) throw new ApiHttpError('not_found', 'No such HR source.');
    if (before.kind !== 'scim')
      throw new ApiHttpError('validation_failed', 'Only SCIM sources have a token.', [
        { field: 'kind', message: 'this source is not a SCIM source' },
      ]);
    const scim = newScimToken();
    await audited(deps.db, auditSource(principal!, request), async (tx, record) => {
      await createHrSourceRepository(tx).setScimToken(params.id, scim.hash, scim.hint);
      await record({
        action: 'hr.source.scimToken',
        target: { type: 'hrSource', id: params.id },
        customerId: before.customerId,
        after: { tokenHint: scim.hint },
      });
    });
    return { token: scim.token, tokenHint: scim.hint };
  });
}
