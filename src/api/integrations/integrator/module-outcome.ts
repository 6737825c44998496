import { ApiHttpError } from '../../http/api-error.js';

/** How one module run of one tenant ended, as the integrator's jobs see it (`TenantSyncOutcome`). */
export interface ModuleRunOutcome {
  status: 'succeeded' | 'failed';
  runId: string | null;
  error: { code: string; message: string } | null;
  transient: boolean;
}

/** A run the connection refused (disabled, credentials missing): retrying does not change it. */
export const refusedOutcome = (error: { message: string }): ModuleRunOutcome => ({
  status: 'failed',
  runId: null,
  error: { code: 'connection_refused', message: error.message },
  transient: false,
});

/**
 * What a module runner answers for an error thrown before or outside its run record: a refusal
 * (`ApiHttpError`), or a typed error (a code, retryable or not); anything else is a bug and is
 * thrown again.
 */
export function thrownOutcome(error: unknown): ModuleRunOutcome {
  if (error instanceof ApiHttpError) return refusedOutcome(error);
  const code = (error as { code?: unknown }).code;
  if (error instanceof Error && typeof code === 'string') {
    const retryable = (error as { retryable?: unknown }).retryable === true;
    return { status: 'failed', runId: null, error: { code, message: error.message }, transient: retryable };
  }
  throw error;
}
