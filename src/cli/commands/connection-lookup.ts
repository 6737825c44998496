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

type ConnectionKind = ConnectionSummary['kind'];

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** What the console calls each kind, and where it lists them. */
const KIND_NAMES: Record<ConnectionKind, { noun: string; where: string }> = {
  entra: { noun: 'Entra', where: 'Integrations → Microsoft Entra ID' },
  csp: { noun: 'CSP', where: 'Integrations → Microsoft CSP' },
};

/** A connection of one of `kinds` by id or exact name (ignoring case); null when none is. */
export async function findConnection(
  db: Database,
  box: SecretBox,
  nameOrId: string,
  kinds: readonly ConnectionKind[],
): Promise<ConnectionSummary | null> {
  const repository = createConnectionRepository(db, box);
  if (GUID.test(nameOrId)) {
    const byId = await repository.findById(nameOrId);
    if (byId && kinds.includes(byId.kind)) return byId;
  }
  for (const kind of kinds) {
    const page = await repository.list({ kind, search: nameOrId, limit: 50 });
    const found = page.items.find((c) => c.name.toLowerCase() === nameOrId.toLowerCase());
    if (found) return found;
  }
  return null;
}

/** An Entra connection by id or exact name (ignoring case); null when none is. */
export const findEntraConnection = (db: Database, box: SecretBox, nameOrId: string) =>
  findConnection(db, box, nameOrId, ['entra']);

/** What a command says when `--connection` names nothing. */
export function noSuchConnection(
  command: string,
  nameOrId: string,
  kinds: readonly ConnectionKind[] = ['entra'],
): string {
  const names = kinds.map((k) => KIND_NAMES[k]);
  return `rollcall ${command}: no ${names.map((n) => n.noun).join(' or ')} connection is named or has the id "${nameOrId}"; list them in the console under ${names.map((n) => n.where).join(' or ')}`;
}

/** An open database with the secret box and the connection a command names. */
export interface OpenedConnection {
  handle: DatabaseHandle;
  secrets: SecretBox;
  connection: ConnectionSummary;
}

/**
 * Opens the database (migrating it), loads the secret key and finds `--connection` among
 * connections of `kinds`; on failure says why on `out` as `rollcall <command>: …` and returns
 * null (nothing left open). The caller closes `handle`.
 */
export async function openConnection(
  command: string,
  options: { connection: string; config: ServerConfig; env?: NodeJS.ProcessEnv },
  out: { error(line: string): void },
  kinds: readonly ConnectionKind[],
): Promise<OpenedConnection | null> {
  const { config } = options;
  let handle: DatabaseHandle | undefined;
  try {
    handle = await openDatabase(
      config.databaseUrl ? { url: config.databaseUrl } : { dataDir: config.dataDir },
    );
    await handle.migrate();
    const secrets = createSecretBox(await loadSecretKeyFor(handle, options.env ?? process.env));
    const connection = await findConnection(handle.db, secrets, options.connection, kinds);
    if (connection) return { handle, secrets, connection };
    out.error(noSuchConnection(command, options.connection, kinds));
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

/** `openConnection` for the commands that work on Entra connections only. */
export const openEntraConnection = (
  command: string,
  options: { connection: string; config: ServerConfig; env?: NodeJS.ProcessEnv },
  out: { error(line: string): void },
) => openConnection(command, options, out, ['entra']);
