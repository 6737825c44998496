import {
  createConnectionRepository,
  type ConnectionSummary,
  type Database,
  type SecretBox,
} from '../../store/index.js';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An Entra connection by id or exact name (ignoring case); null when none is. */
export async function findEntraConnection(
  db: Database,
  box: SecretBox,
  nameOrId: string,
): Promise<ConnectionSummary | null> {
  const repository = createConnectionRepository(db, box);
  if (GUID.test(nameOrId)) {
    const byId = await repository.findById(nameOrId);
    if (byId?.kind === 'entra') return byId;
  }
  const page = await repository.list({ kind: 'entra', search: nameOrId, limit: 50 });
  return page.items.find((c) => c.name.toLowerCase() === nameOrId.toLowerCase()) ?? null;
}

/** What a command says when `--connection` names nothing. */
export const noSuchConnection = (command: string, nameOrId: string) =>
  `rollcall ${command}: no Entra connection is named or has the id "${nameOrId}"; list them in the console under Integrations → Microsoft Entra ID`;
