/**
 * SCIM errors (RFC 7644 §3.12): an HTTP status and, for 400s, a `scimType` keyword clients act on.
 * Thrown by the mapping, patch and filter code and turned into an Error document at the edge.
 */

export const SCIM_ERROR_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:Error';

/** The `scimType` keywords Rollcall answers with (RFC 7644 table 9, plus `uniqueness` for 409). */
export type ScimErrorType =
  | 'invalidFilter'
  | 'invalidValue'
  | 'invalidSyntax'
  | 'invalidPath'
  | 'noTarget'
  | 'mutability'
  | 'uniqueness'
  | 'tooMany';

export class ScimError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly scimType: ScimErrorType | null = null,
  ) {
    super(message);
    this.name = 'ScimError';
  }
}

/** A 400 with its keyword. */
export const badRequest = (scimType: ScimErrorType, message: string) => new ScimError(400, message, scimType);

/** The Error document; `status` is a string, as the RFC's examples (and Entra) have it. */
export interface ScimErrorBody {
  schemas: [typeof SCIM_ERROR_SCHEMA];
  status: string;
  scimType?: ScimErrorType;
  detail: string;
}

export function scimErrorBody(
  status: number,
  detail: string,
  scimType?: ScimErrorType | null,
): ScimErrorBody {
  return {
    schemas: [SCIM_ERROR_SCHEMA],
    status: String(status),
    ...(scimType ? { scimType } : {}),
    detail,
  };
}
