import type { CallResult } from '../../../lib/api.js';
import type { previewImport } from '../../../../../src/contracts/api/entra-import.js';

/**
 * What the preview screen shows, carried in the navigation's history state: the API has no way
 * to read a preview's per-tenant summary again, only its items.
 */
export interface PreviewState {
  module: 'users' | 'agents';
  connectionName: string;
  result: CallResult<typeof previewImport>;
}

export function isPreviewState(value: unknown): value is PreviewState {
  return (
    typeof value === 'object' &&
    value !== null &&
    'result' in value &&
    'module' in value &&
    typeof (value as { result: unknown }).result === 'object'
  );
}
