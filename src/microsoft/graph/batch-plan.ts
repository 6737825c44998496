/** The most requests Graph accepts in one `$batch` (json-batching.md). */
export const GRAPH_BATCH_LIMIT = 20;

export interface PlannedRequest {
  id: string;
  dependsOn: string[];
  /** Position in the caller's list: results come back in this order. */
  index: number;
}

/**
 * Splits requests into `$batch` chunks of at most {@link GRAPH_BATCH_LIMIT}, keeping every
 * dependsOn chain inside one chunk (Graph resolves dependsOn only within a batch). Input order is
 * kept within and across chunks.
 */
export function planBatches<T extends PlannedRequest>(requests: T[], limit = GRAPH_BATCH_LIMIT): T[][] {
  const seen = new Set<string>();
  for (const r of requests) {
    const key = r.id.toLowerCase();
    if (seen.has(key))
      throw new RangeError(`$batch request ids must be unique (case-insensitive): '${r.id}'`);
    seen.add(key);
  }
  const byId = new Map(requests.map((r) => [r.id.toLowerCase(), r]));
  // Union-find over dependsOn: one group per dependency component.
  const parent = new Map<string, string>();
  const find = (id: string): string => {
    const p = parent.get(id) ?? id;
    if (p === id) return id;
    const root = find(p);
    parent.set(id, root);
    return root;
  };
  for (const r of requests) {
    for (const dep of r.dependsOn) {
      if (!byId.has(dep.toLowerCase()))
        throw new RangeError(`$batch request '${r.id}' depends on unknown id '${dep}'`);
      parent.set(find(r.id.toLowerCase()), find(dep.toLowerCase()));
    }
  }
  const groups = new Map<string, T[]>();
  for (const r of requests) {
    const root = find(r.id.toLowerCase());
    const group = groups.get(root) ?? [];
    group.push(r);
    groups.set(root, group);
  }
  const chunks: T[][] = [];
  let current: T[] = [];
  for (const group of groups.values()) {
    if (group.length > limit) {
      throw new RangeError(
        `a dependsOn chain of ${group.length} requests does not fit in one $batch of ${limit}`,
      );
    }
    if (current.length + group.length > limit) {
      chunks.push(current);
      current = [];
    }
    current.push(...group);
  }
  if (current.length) chunks.push(current);
  return chunks.map((chunk) => chunk.sort((a, b) => a.index - b.index));
}

/**
 * Which failed items to send again: the retryable ones, plus every 424 dependant whose
 * prerequisite is being retried (it never ran, so it goes with its prerequisite).
 */
export function itemsToRetry(
  items: PlannedRequest[],
  statusOf: (id: string) => number | undefined,
  retryable: (status: number) => boolean,
): Set<string> {
  // Ids in the returned set are lower-cased: Graph compares batch ids case-insensitively.
  const retry = new Set(items.filter((i) => retryable(statusOf(i.id) ?? 0)).map((i) => i.id.toLowerCase()));
  let grew = true;
  while (grew) {
    grew = false;
    for (const item of items) {
      const id = item.id.toLowerCase();
      if (retry.has(id) || statusOf(item.id) !== 424) continue;
      if (item.dependsOn.some((d) => retry.has(d.toLowerCase()))) {
        retry.add(id);
        grew = true;
      }
    }
  }
  return retry;
}
