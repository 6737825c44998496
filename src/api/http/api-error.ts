import type { ApiErrorCode } from '../../contracts/api/errors.js';

const STATUS: Record<ApiErrorCode, number> = {
  validation_failed: 400,
  unauthenticated: 401,
  forbidden: 403,
  csrf_failed: 403,
  not_found: 404,
  conflict: 409,
  setup_done: 409,
  setup_required: 409,
  account_locked: 423,
  rate_limited: 429,
  internal: 500,
};

/** A typed API failure; the error handler turns it into the one error body (`apiErrorSchema`). */
export class ApiHttpError extends Error {
  readonly status: number;
  constructor(
    readonly code: ApiErrorCode,
    message: string,
    readonly errors?: { field: string; message: string }[],
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'ApiHttpError';
    this.status = STATUS[code];
  }
}
