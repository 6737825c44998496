import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join, resolve } from 'node:path';
import lockfile from 'proper-lockfile';
import { z } from 'zod';
import { DataFolderInUseError, DataFolderLockLostError, type DataFolderOwner } from './errors.js';

/** The lock directory inside the data folder (created atomically with mkdir by proper-lockfile). */
export const LOCK_NAME = 'rollcall.lock';
/** Who holds the lock, written beside it so a refusal can name the process. */
export const OWNER_FILE_NAME = 'rollcall.lock.owner.json';

/**
 * A lock whose mtime has not been refreshed for this long belongs to a dead process on another
 * machine (shared file system). Generous because PGlite work can block the event loop for seconds,
 * and a holder that misses its refresh window must stop. Dead processes on this machine are
 * recognised at once by their pid.
 */
const STALE_AFTER_MS = 120_000;
const REFRESH_EVERY_MS = 10_000;
const PRIVATE_FOLDER_MODE = 0o700;

const ownerSchema = z.object({ pid: z.number().int(), hostname: z.string(), startedAt: z.string() });

/** A held data-folder lock. */
export interface DataFolderLock {
  /** Releases the lock; safe to call more than once. */
  release(): Promise<void>;
}

export interface LockDataFolderOptions {
  /** Called if the lock is lost while held. Default: throw, which stops the process. */
  onLost?: (error: DataFolderLockLostError) => void;
}

/**
 * Takes the exclusive lock on `dataDir` (creating the folder if needed), or throws
 * {@link DataFolderInUseError} naming the live process that holds it. A lock left by a process
 * that died on this machine is taken over.
 */
export async function lockDataFolder(
  dataDir: string,
  options: LockDataFolderOptions = {},
): Promise<DataFolderLock> {
  const folder = resolve(dataDir);
  // New folders are private: they will hold the database files and secret.key.
  await mkdir(folder, { recursive: true, mode: PRIVATE_FOLDER_MODE });
  const lockPath = join(folder, LOCK_NAME);
  const ownerPath = join(folder, OWNER_FILE_NAME);
  const onLost =
    options.onLost ??
    ((error: DataFolderLockLostError) => {
      throw error;
    });

  const tryLock = () =>
    lockfile.lock(folder, {
      lockfilePath: lockPath,
      stale: STALE_AFTER_MS,
      update: REFRESH_EVERY_MS,
      retries: 0,
      onCompromised: (cause) => onLost(new DataFolderLockLostError(dataDir, cause)),
    });

  let unlock: () => Promise<void>;
  try {
    unlock = await tryLock();
  } catch (error) {
    if (!isLocked(error)) throw error;
    const owner = await readOwner(ownerPath);
    if (!owner || !heldByDeadLocalProcess(owner)) throw new DataFolderInUseError(dataDir, owner);
    await rm(lockPath, { recursive: true, force: true });
    try {
      unlock = await tryLock();
    } catch (retryError) {
      if (isLocked(retryError)) throw new DataFolderInUseError(dataDir, await readOwner(ownerPath));
      throw retryError;
    }
  }

  const me: DataFolderOwner = { pid: process.pid, hostname: hostname(), startedAt: new Date().toISOString() };
  await writeFile(ownerPath, `${JSON.stringify(me)}\n`);

  let released = false;
  return {
    async release() {
      if (released) return;
      released = true;
      await rm(ownerPath, { force: true });
      await unlock().catch((error: unknown) => {
        // Already released because it was compromised: nothing left to give back.
        if ((error as { code?: string }).code !== 'ERELEASED') throw error;
      });
    },
  };
}

function isLocked(error: unknown): boolean {
  return (error as { code?: string } | undefined)?.code === 'ELOCKED';
}

async function readOwner(ownerPath: string): Promise<DataFolderOwner | undefined> {
  try {
    const parsed = ownerSchema.safeParse(JSON.parse(await readFile(ownerPath, 'utf8')));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

function heldByDeadLocalProcess(owner: DataFolderOwner): boolean {
  if (owner.hostname !== hostname()) return false;
  try {
    process.kill(owner.pid, 0);
    return false;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else; it is alive.
    return (error as { code?: string }).code === 'ESRCH';
  }
}
