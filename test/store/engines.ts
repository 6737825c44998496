import { createHash, randomBytes } from 'node:crypto';
import { cp, mkdir, mkdtemp, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { MIGRATIONS_FOLDER, openDatabase, type DatabaseHandle } from '../../src/store/index.js';

/** A fresh, empty database on one engine, and how to throw it away. */
export interface TestDatabase {
  /** Options that open this database (for code that opens it itself, like `rollcall migrate`). */
  target: { dataDir: string } | { url: string };
  dispose(): Promise<void>;
}

/** An engine the store suites run on. */
export interface TestEngine {
  name: 'pglite' | 'postgres';
  /** An empty database. */
  create(): Promise<TestDatabase>;
  /** A database with every migration applied. */
  createMigrated(): Promise<TestDatabase>;
}

/** A temporary data folder for the embedded engine. */
export async function temporaryDataDir(): Promise<{ dataDir: string; dispose(): Promise<void> }> {
  const dataDir = await mkdtemp(join(tmpdir(), 'rollcall-store-'));
  return { dataDir, dispose: () => rm(dataDir, { recursive: true, force: true }) };
}

const CACHE_FOLDER = fileURLToPath(new URL('../../node_modules/.cache/rollcall-tests', import.meta.url));

/**
 * A migrated PGlite data folder to copy from. PGlite's first start (initdb) takes seconds and
 * copying a closed data folder a fraction of that, so suites that do not test migrating an
 * empty database start from a copy. Keyed by PGlite's version and the migrations, so any
 * change builds a new one; built aside and renamed into place, so parallel workers never see a
 * half-built one.
 */
async function migratedPgliteTemplate(): Promise<string> {
  const version = JSON.parse(
    await readFile(new URL('../../node_modules/@electric-sql/pglite/package.json', import.meta.url), 'utf8'),
  ) as { version: string };
  const hash = createHash('sha256').update(version.version);
  for (const file of (await readdir(MIGRATIONS_FOLDER, { recursive: true })).sort()) {
    const path = join(MIGRATIONS_FOLDER, file);
    if ((await stat(path)).isFile()) hash.update(file).update(await readFile(path));
  }
  const template = join(CACHE_FOLDER, `pglite-migrated-${hash.digest('hex').slice(0, 16)}`);
  if (await exists(template)) return template;

  await mkdir(CACHE_FOLDER, { recursive: true });
  const building = await mkdtemp(join(CACHE_FOLDER, 'building-'));
  const handle = await openDatabase({ dataDir: building });
  try {
    await handle.migrate();
  } finally {
    await handle.close();
  }
  try {
    await rename(building, template);
  } catch {
    // Another worker finished first; its template is as good as ours.
    await rm(building, { recursive: true, force: true });
  }
  return template;
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

const pgliteEngine: TestEngine = {
  name: 'pglite',
  async create() {
    const { dataDir, dispose } = await temporaryDataDir();
    return { target: { dataDir }, dispose };
  },
  async createMigrated() {
    const template = await migratedPgliteTemplate();
    const { dataDir, dispose } = await temporaryDataDir();
    await cp(template, dataDir, { recursive: true });
    return { target: { dataDir }, dispose };
  },
};

/** A temporary data folder holding a migrated embedded database. */
export function migratedDataDir(): Promise<TestDatabase> {
  return pgliteEngine.createMigrated();
}

/** A database of its own on the server at `serverUrl`, so test files never see each other's rows. */
function postgresEngine(serverUrl: string): TestEngine {
  const engine: TestEngine = {
    name: 'postgres',
    async createMigrated() {
      const database = await engine.create();
      const handle = await openDatabase(database.target);
      try {
        await handle.migrate();
      } finally {
        await handle.close();
      }
      return database;
    },
    async create() {
      const name = `rollcall_test_${randomBytes(6).toString('hex')}`;
      const admin = new pg.Client({ connectionString: serverUrl });
      await admin.connect();
      try {
        await admin.query(`create database ${name}`);
      } finally {
        await admin.end();
      }
      const url = new URL(serverUrl);
      url.pathname = `/${name}`;
      return {
        target: { url: url.toString() },
        async dispose() {
          const dropper = new pg.Client({ connectionString: serverUrl });
          await dropper.connect();
          try {
            await dropper.query(`drop database if exists ${name} with (force)`);
          } finally {
            await dropper.end();
          }
        },
      };
    },
  };
  return engine;
}

/**
 * PGlite always; PostgreSQL too when DATABASE_URL is set. CI must set it: there, its absence is
 * an error rather than a quietly smaller suite.
 */
export function testEngines(): TestEngine[] {
  const url = process.env.DATABASE_URL?.trim();
  if (!url && process.env.CI) {
    throw new Error('CI is set but DATABASE_URL is not: the PostgreSQL store suite would not run.');
  }
  return url ? [pgliteEngine, postgresEngine(url)] : [pgliteEngine];
}

/**
 * Opens a migrated database of its own on `engine` (on PGlite a copy of the migrated template;
 * migrating an empty database is the migrations suite's business).
 */
export async function openMigrated(
  engine: TestEngine,
): Promise<{ handle: DatabaseHandle; dispose(): Promise<void> }> {
  const database = await engine.createMigrated();
  const handle = await openDatabase(database.target);
  return {
    handle,
    async dispose() {
      await handle.close();
      await database.dispose();
    },
  };
}
