import { useEffect } from 'react';
import type { RequestDetail } from '../../../src/contracts/api/requests.js';
import { useQuery, type QueryState } from '../lib/use-query.js';

/** How often a request being set up is read again, so its steps move on screen. */
export const REQUEST_POLL_MS = 3000;

/**
 * One request, read again every few seconds while its automation runs (status `inProgress`, or
 * approved with the trigger and not yet started), so the page follows the steps without a reload.
 */
export function useRequest(
  key: string,
  load: (signal: AbortSignal) => Promise<RequestDetail>,
): QueryState<RequestDetail> {
  const request = useQuery(key, load);
  const data = request.data;
  // Approved with the trigger: the automation is queued and about to run.
  const running =
    data?.status === 'inProgress' ||
    (data?.status === 'approved' && data.approval.triggerAutomation === true);
  const { reload, loading } = request;
  useEffect(() => {
    if (!running || loading) return;
    const timer = setTimeout(reload, REQUEST_POLL_MS);
    return () => clearTimeout(timer);
  }, [running, loading, reload]);
  return request;
}
