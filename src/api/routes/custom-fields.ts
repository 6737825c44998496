import type { FastifyInstance } from 'fastify';
import { createCustomField } from '../../contracts/api/custom-fields.js';
import { createCustomFieldRepository } from '../../store/index.js';
import { audited, auditSource } from '../audit/audited.js';
import type { ApiDeps } from '../deps.js';
import { endpointRegistrar, iso } from './resource-helpers.js';

/** Custom fields of desk users (integrations.entra.configure: field mappings write them). */
export function registerCustomFieldRoutes(app: FastifyInstance, deps: ApiDeps): void {
  const on = endpointRegistrar(app, deps);

  on(createCustomField, ({ body, principal, request }) =>
    audited(deps.db, auditSource(principal, request), async (tx, record) => {
      const field = await createCustomFieldRepository(tx).create(body);
      await record({
        action: 'custom-field.create',
        target: { type: 'custom-field', id: field.id },
        after: { name: field.name, label: field.label },
      });
      return { id: field.id, name: field.name, label: field.label, createdAt: iso(field.createdAt) };
    }),
  );
}
