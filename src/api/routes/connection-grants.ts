import type { FastifyInstance } from 'fastify';
import { getConnectionGrants, setConnectionGrants } from '../../contracts/api/connection-grants.js';
import {
  createAccountAdminRepository,
  createConnectionGrantRepository,
  type Database,
} from '../../store/index.js';
import { audited, auditSource } from '../audit/audited.js';
import type { ApiDeps } from '../deps.js';
import { ApiHttpError } from '../http/api-error.js';
import { endpointRegistrar, notFound } from './resource-helpers.js';

async function loadConnection(db: Database, id: string) {
  const connection = await createConnectionGrantRepository(db).findConnection(id);
  if (!connection) throw notFound('connection');
  return connection;
}

async function grantsView(db: Database, connectionId: string) {
  return { connectionId, grants: await createConnectionGrantRepository(db).listForConnection(connectionId) };
}

const summary = (grants: { accountId: string; email: string; access: string }[]) =>
  grants.map(({ accountId, email, access }) => ({ accountId, email, access }));

/**
 * Guide 001 "Control who can manage the Entra integration": which agents may read, or read and
 * modify, one connection (agents.write: deciding who may do what is that permission's job).
 */
export function registerConnectionGrantRoutes(app: FastifyInstance, deps: ApiDeps): void {
  const on = endpointRegistrar(app, deps);

  on(getConnectionGrants, async ({ params }) => {
    await loadConnection(deps.db, params.id);
    return grantsView(deps.db, params.id);
  });

  on(setConnectionGrants, ({ params, body, principal, request }) =>
    audited(deps.db, auditSource(principal, request), async (tx, record) => {
      const connection = await loadConnection(tx, params.id);
      const accounts = createAccountAdminRepository(tx);
      const errors: { field: string; message: string }[] = [];
      for (const [index, grant] of body.grants.entries()) {
        const account = await accounts.findById(grant.accountId);
        if (!account) errors.push({ field: `grants.${index}.accountId`, message: 'no such account' });
        else if (account.kind !== 'agent') {
          errors.push({
            field: `grants.${index}.accountId`,
            message: 'only agents can be given access to connections',
          });
        }
      }
      if (errors.length > 0)
        throw new ApiHttpError('validation_failed', 'Some grants cannot be given.', errors);
      const before = await grantsView(tx, connection.id);
      await createConnectionGrantRepository(tx).replaceForConnection(connection.id, body.grants);
      const after = await grantsView(tx, connection.id);
      await record({
        action: 'connection.grants.set',
        target: { type: 'connection', id: connection.id },
        before: { grants: summary(before.grants) },
        after: { grants: summary(after.grants) },
      });
      return after;
    }),
  );
}
