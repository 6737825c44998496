import type { EmuRequest, EmuResponse } from '../../http/types.js';
import type { TenantRecord } from '../../state/types.js';
import { queryErrorResponse } from '../odata/query-errors.js';
import { invalidReference, referencedId } from '../odata/reference.js';
import { graphError, notFound } from '../respond.js';
import { findUser } from './user-view.js';

const BIND = 'manager@odata.bind';
const PASSIVE = new Set(['@odata.type', '@odata.context']);

/**
 * The manager a POST/PATCH body binds with `manager@odata.bind`: undefined when the body does not
 * bind one, the manager's id when it does, or the error for a bad or unknown reference. Other
 * `…@odata.bind` annotations are refused rather than silently dropped.
 */
export function boundManager(
  req: EmuRequest,
  tenant: TenantRecord,
  annotations: Record<string, unknown>,
): string | undefined | EmuResponse {
  for (const name of Object.keys(annotations)) {
    if (name !== BIND && !PASSIVE.has(name)) {
      return graphError(
        req,
        400,
        'BadRequest',
        `The property '${name.split('@')[0]}' does not exist on type 'microsoft.graph.user'. Make sure to only use property names that are defined by the type or mark the type as open type.`,
      );
    }
  }
  if (!(BIND in annotations)) return undefined;
  const id = referencedId(annotations[BIND]);
  if (!id) return queryErrorResponse(req, invalidReference(annotations[BIND]));
  const manager = findUser(tenant, id);
  return manager ? manager.props.id : notFound(req, id);
}
