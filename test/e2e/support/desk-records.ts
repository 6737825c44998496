import { randomUUID } from 'node:crypto';
import {
  createConnectionGrantRepository,
  createConnectionRepository,
  schema,
  type Database,
  type SecretBox,
} from '../../../src/store/index.js';

/** A team of agents, as an earlier import or an administrator would have made it. */
export async function givenTeam(db: Database, name: string): Promise<{ id: string; name: string }> {
  const [team] = await db.insert(schema.teams).values({ name }).returning();
  if (!team) throw new Error('the team was not created');
  return { id: team.id, name: team.name };
}

/** A CSP (Partner Center) connection the agent holds a read grant on, and nothing else. */
export async function givenCspGrant(db: Database, secrets: SecretBox, accountId: string): Promise<void> {
  const connection = await createConnectionRepository(db, secrets).create({
    kind: 'csp',
    name: `Partner ${randomUUID().slice(0, 8)}`,
    tenantId: randomUUID(),
  });
  await createConnectionGrantRepository(db).replaceForConnection(connection.id, [
    { accountId, access: 'read' },
  ]);
}
