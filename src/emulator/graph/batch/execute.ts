import type { EmuRequest, EmuResponse } from '../../http/types.js';
import { graphError } from '../respond.js';
import { batchResponseItem, innerRequest, type BatchResponseItem } from './inner.js';
import type { BatchItem } from './schema.js';

const FAILED_DEPENDENCY = 424;

const failed = (res: BatchResponseItem) => res.status >= 400;

/**
 * Runs a validated batch: independent requests concurrently, each request after the ones it
 * `dependsOn`, dependants of a failed request answered 424 without being run. Responses come back
 * in request order (any order is legal; a stable one keeps tests and logs readable).
 */
export async function executeBatch(
  outer: EmuRequest,
  items: BatchItem[],
  dispatch: (req: EmuRequest) => Promise<EmuResponse>,
): Promise<BatchResponseItem[]> {
  const byId = new Map(items.map((i) => [i.id.toLowerCase(), i]));
  const running = new Map<string, Promise<BatchResponseItem>>();

  const run = (item: BatchItem): Promise<BatchResponseItem> => {
    const key = item.id.toLowerCase();
    const existing = running.get(key);
    if (existing) return existing;
    const promise = (async () => {
      const deps = await Promise.all(item.dependsOn.map((d) => run(byId.get(d.toLowerCase())!)));
      if (deps.some(failed)) {
        return batchResponseItem(
          item.id,
          graphError(
            outer,
            FAILED_DEPENDENCY,
            'FailedDependency',
            'The request was not run because a request it depends on failed.',
          ),
        );
      }
      const inner = innerRequest(outer, item);
      if (!('url' in inner)) return batchResponseItem(item.id, inner);
      const res = await dispatch(inner);
      return batchResponseItem(item.id, res);
    })();
    running.set(key, promise);
    return promise;
  };

  return Promise.all(items.map(run));
}
