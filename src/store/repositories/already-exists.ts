import { StoreError } from '../errors.js';

/** A write would duplicate a value that must be unique (a name, an email), named by `field`. */
export class AlreadyExistsError extends StoreError {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super('already-exists', message);
  }
}

const UNIQUE_VIOLATION = '23505';

/** The constraint a unique violation hit, whether the driver error is bare or wrapped by drizzle. */
export function uniqueViolation(error: unknown): string | undefined {
  for (let current = error, depth = 0; current && depth < 3; depth += 1) {
    const { code, constraint, cause } = current as { code?: unknown; constraint?: unknown; cause?: unknown };
    if (code === UNIQUE_VIOLATION) return typeof constraint === 'string' ? constraint : '';
    current = cause;
  }
  return undefined;
}

/**
 * Runs `write`; a unique violation of one of `constraints` becomes an {@link AlreadyExistsError}
 * naming the field, anything else is rethrown.
 */
export async function unlessDuplicate<T>(
  write: () => Promise<T>,
  constraints: Record<string, { field: string; message: string }>,
): Promise<T> {
  try {
    return await write();
  } catch (error) {
    const hit = uniqueViolation(error);
    const known = hit === undefined ? undefined : constraints[hit];
    if (known) throw new AlreadyExistsError(known.field, known.message);
    throw error;
  }
}
