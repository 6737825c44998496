import type { ServerConfig } from '../../contracts/config.js';
import {
  createConnectionRepository,
  createSecretBox,
  loadSecretKeyFor,
  openDatabase,
  StoreError,
  type ConnectionSummary,
  type Database,
  type DatabaseHandle,
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

/** An open database with the secret box and the Entra connection a command names. */
export interface OpenedConnection {
  handle: DatabaseHandle;
  secrets: SecretBox;
  connection: ConnectionSummary;
}

/**
 * Opens the database (migrating it), loads the secret key and finds `--connection`; on failure
 * says why on `out` as `rollcall <command>: …` and returns null (nothing left open). The caller
 * closes `handle`.
 */
export async function openEntraConnection(
  command: string,
  options: { connection: string; config: ServerConfig; env?: NodeJS.ProcessEnv },
  out: { error(line: string): void },
): Promise<OpenedConnection | null> {
  const { config } = options;
  let handle: DatabaseHandle | undefined;
  try {
    handle = await openDatabase(
      config.databaseUrl ? { url: config.databaseUrl } : { dataDir: config.dataDir },
    );
    await handle.migrate();
    const secrets = createSecretBox(await loadSecretKeyFor(handle, options.env ?? process.env));
    const connection = await findEntraConnection(handle.db, secrets, options.connection);
    if (connection) return { handle, secrets, connection };
    out.error(noSuchConnection(command, options.connection));
  } catch (error) {
    if (!(error instanceof StoreError)) {
      await handle?.close();
      throw error;
    }
    out.error(`rollcall ${command}: ${error.message}`);
  }
  await handle?.close();
  return null;
}
