/**
 * Typed errors of the store. Each carries a stable `code` for callers and a message written for
 * the person running Rollcall: what happened and what to do about it.
 */
export class StoreError extends Error {
  constructor(
    readonly code: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** What is known about the process holding a data folder. */
export interface DataFolderOwner {
  pid: number;
  hostname: string;
  startedAt: string;
}

/** Another live process holds the embedded database's data folder. */
export class DataFolderInUseError extends StoreError {
  constructor(
    readonly dataDir: string,
    readonly owner: DataFolderOwner | undefined,
  ) {
    const who = owner
      ? `another Rollcall process (pid ${owner.pid} on ${owner.hostname}, started ${owner.startedAt})`
      : 'another Rollcall process';
    super(
      'data-folder-in-use',
      `data folder ${dataDir} is in use by ${who}; stop it or use another --data-dir. ` +
        'Two processes on one embedded database would silently lose writes; to share one database ' +
        'between processes, use PostgreSQL (DATABASE_URL).',
    );
  }
}

/** The lock on the data folder was lost while the database was open (e.g. the lock was removed). */
export class DataFolderLockLostError extends StoreError {
  constructor(
    readonly dataDir: string,
    cause: unknown,
  ) {
    super(
      'data-folder-lock-lost',
      `lost the lock on data folder ${dataDir} while the database was open; stopping so that two ` +
        'processes cannot write to it at once. Check that no other process removed or took the lock.',
      { cause },
    );
  }
}

/** PostgreSQL at DATABASE_URL could not be reached or refused the connection. */
export class DatabaseConnectionError extends StoreError {
  constructor(
    readonly target: string,
    cause: unknown,
  ) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    super(
      'database-unreachable',
      `cannot connect to PostgreSQL at ${target} (from DATABASE_URL): ${reason}. ` +
        'Check that the server is running and the URL, user and password are right.',
      { cause },
    );
  }
}

/** An idempotency key was reused for a different outbound action. */
export class IdempotencyConflictError extends StoreError {
  constructor(readonly idempotencyKey: string) {
    super(
      'idempotency-conflict',
      `idempotency key "${idempotencyKey}" already belongs to a different outbound action ` +
        '(another kind, tenant or payload); a key must identify exactly one action.',
    );
  }
}

/** How to make a key, quoted in every key error. */
export const SECRET_KEY_HOWTO =
  "Generate one with `openssl rand -base64 32` (or `node -e \"console.log(require('crypto').randomBytes(32).toString('base64'))\"`).";

/** The secret key is missing, malformed or stored unsafely. */
export class SecretKeyError extends StoreError {
  constructor(
    code: 'secret-key-invalid' | 'secret-key-missing' | 'secret-key-file-permissions',
    message: string,
  ) {
    super(code, message);
  }
}

/** A stored secret cannot be decrypted: the wrong key, or a damaged value. */
export class SecretDecryptionError extends StoreError {
  constructor(code: 'secret-key-mismatch' | 'secret-ciphertext-invalid', message: string) {
    super(code, message);
  }
}

/** An import configuration was saved by someone else since the caller read it (compare-and-swap). */
export class ConfigVersionConflictError extends StoreError {
  constructor(
    readonly connectionId: string,
    readonly expectedVersion: number,
    /** The stored version now; 0 when there is none. */
    readonly currentVersion: number,
  ) {
    super(
      'config-version-conflict',
      `the import configuration of connection ${connectionId} changed since it was read ` +
        `(expected version ${expectedVersion}, now ${currentVersion}); reload it, reapply your edits and save again.`,
    );
  }
}

/**
 * A plan cannot be applied to the desk as it is now: it was made from desk state that has changed
 * since (e.g. a record it creates is already linked to that Entra user). Plan again.
 */
export class StalePlanError extends StoreError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('stale-plan', `${message}; the desk changed since the plan was made: plan again.`, options);
  }
}

/** A plan the store cannot write (an unknown desk field, a creation without a site, an Entra user twice): a planner bug. */
export class InvalidPlanError extends StoreError {
  constructor(message: string) {
    super('invalid-plan', message);
  }
}

/**
 * A write would leave the instance without an enabled administrator (an Entra agent import that
 * removes the last one's role or makes that agent inactive). Nothing was written.
 */
export class LastAdministratorError extends StoreError {
  constructor(what: string) {
    super(
      'last-administrator',
      `${what} would leave no enabled administrator, so nothing was written. Give another agent the ` +
        'Administrator role by hand, or map the administrators’ Entra group to an agent role with ' +
        'the administrator permission, then run it again.',
    );
  }
}

/** A run's checkpoint moved since the run read it: another run of the tenant finished meanwhile. */
export class CheckpointConflictError extends StoreError {
  constructor(readonly key: { connectionId: string; tenantId: string; resource: string }) {
    super(
      'checkpoint_conflict',
      `another run of tenant ${key.tenantId} (${key.resource}) finished while this one ran, so this run wrote nothing; the next run starts from where that one stopped`,
    );
  }
}
