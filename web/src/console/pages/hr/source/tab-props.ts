import type { HrSourceDetail } from '../../../../../../src/contracts/api/hr-sources.js';

/** What every tab of the source page gets. */
export interface SourceTabProps {
  source: HrSourceDetail;
  /** The agent holds hr.manage: buttons that change things are shown. */
  canManage: boolean;
  /** Reloads the source (counts change after imports and runs). */
  changed: () => void;
}
