import type { HrAction } from '../../contracts/hr/lifecycle.js';
import type { HrTarget } from './ports.js';

/** Group names resolved to ids for one enforcement, or why a name has none. */
export interface GroupDirectory {
  id(name: string): { ok: true; id: string } | { ok: false; message: string };
  /** Groups created in this run (dynamic rules with "create missing"). */
  created: string[];
}

const key = (name: string) => name.trim().toLowerCase();

/**
 * Looks up every group name the planned actions touch in one go (Graph: 15 names per filter,
 * filters in one $batch), and creates the missing ones a dynamic rule may create.
 */
export async function resolveGroupNames(
  target: Pick<HrTarget, 'resolveGroups' | 'createGroup'>,
  actions: readonly HrAction[],
): Promise<GroupDirectory> {
  const names = new Map<string, string>();
  const creatable = new Set<string>();
  for (const a of actions) {
    if (a.kind === 'addGroups')
      for (const g of a.groups) {
        names.set(key(g.name), g.name);
        if (g.createMissing) creatable.add(key(g.name));
      }
    if (a.kind === 'removeGroups') for (const g of a.groups) names.set(key(g), g);
  }
  const ids = new Map<string, string>();
  const problems = new Map<string, string>();
  const created: string[] = [];
  if (names.size > 0) {
    const resolved = await target.resolveGroups([...names.values()]);
    if (!resolved.ok) {
      const message = `groups could not be looked up: ${resolved.refusal.whatHappened}`;
      for (const k of names.keys()) problems.set(k, message);
    } else {
      for (const g of resolved.value.found) ids.set(key(g.name), g.id);
      for (const n of resolved.value.ambiguous)
        problems.set(key(n), `several groups in the tenant are named "${n}": rename all but one`);
      for (const n of resolved.value.missing) {
        if (!creatable.has(key(n))) {
          problems.set(
            key(n),
            `group "${n}" does not exist in the tenant: create it, or tick "create missing" on the dynamic rule`,
          );
          continue;
        }
        const made = await target.createGroup(n);
        if (made.ok) {
          ids.set(key(n), made.value.id);
          created.push(n);
        } else
          problems.set(
            key(n),
            `group "${n}" could not be created: ${made.refusal.whatHappened} ${made.refusal.howToFix}`,
          );
      }
    }
  }
  return {
    id(name) {
      const id = ids.get(key(name));
      return id
        ? { ok: true, id }
        : { ok: false, message: problems.get(key(name)) ?? `group "${name}" was not looked up` };
    },
    created,
  };
}
